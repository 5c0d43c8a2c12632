// The sign-in's return path stays on Klivira's origin, and only a pending sign-in we wrote is read back.
import { describe, expect, it } from 'vitest';
import { decodeSignIn, encodeSignIn, safeReturnTo } from './cookies.ts';

describe('sign-in cookies', () => {
  it('returns only to a path of this site', () => {
    expect(safeReturnTo('/cases/abc?tab=notes#q1')).toBe('/cases/abc?tab=notes#q1');
    expect(safeReturnTo(undefined)).toBe('/');
    for (const hostile of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', ''])
      expect(safeReturnTo(hostile), hostile).toBe('/');
    expect(safeReturnTo(`/${'a'.repeat(2001)}`)).toBe('/');
  });

  it('reads back the pending sign-in it wrote, and nothing else', () => {
    const pending = { state: 's', nonce: 'n', verifier: 'v', returnTo: '/' };
    expect(decodeSignIn(encodeSignIn(pending))).toEqual(pending);
    expect(decodeSignIn(undefined)).toBeUndefined();
    expect(decodeSignIn('not base64 json')).toBeUndefined();
    expect(decodeSignIn(encodeSignIn({ ...pending, nonce: '' }))).toBeUndefined();
    expect(decodeSignIn(Buffer.from('[1,2]').toString('base64url'))).toBeUndefined();
  });
});
