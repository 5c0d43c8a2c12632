import { describe, expect, it } from 'vitest';
import { wrapTolerant } from './wrap-tolerant.ts';

describe('wrapTolerant', () => {
  it('widens spaces outside character classes to whitespace runs, optional ones to optional runs', () => {
    expect(wrapTolerant('to determine')).toBe('to\\s+determine');
    expect(wrapTolerant('0\\.1 ?%')).toBe('0\\.1\\s*%');
    expect(wrapTolerant('[a z] b')).toBe('[a z]\\s+b');
    expect(wrapTolerant('a\\ b')).toBe('a\\ b');
  });

  it('matches a phrase wrapped at a line end', () => {
    expect(new RegExp(wrapTolerant('to determine whether')).test('to\n  determine whether')).toBe(true);
  });
});
