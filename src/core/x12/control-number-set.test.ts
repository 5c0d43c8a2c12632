import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ControlNumberSet } from './control-number-set.ts';

describe('ControlNumberSet', () => {
  it('finds a repeat in an ordered group', () => {
    const seen = new ControlNumberSet();
    for (let i = 1; i <= 1000; i++) expect(seen.add(String(i).padStart(4, '0'))).toBe(true);
    expect(seen.add('0500')).toBe(false);
    expect(seen.add('1001')).toBe(true);
  });

  it('keeps leading zeros apart: 0001 and 1 are different control numbers', () => {
    const seen = new ControlNumberSet();
    expect(seen.add('0001')).toBe(true);
    expect(seen.add('1')).toBe(true);
    expect(seen.add('01')).toBe(true);
    expect(seen.add('0001')).toBe(false);
  });

  it('merges runs that meet and still finds repeats at their edges', () => {
    const seen = new ControlNumberSet();
    for (const value of ['10', '12', '11', '13', '9']) expect(seen.add(value)).toBe(true);
    for (const value of ['9', '10', '11', '12', '13']) expect(seen.add(value)).toBe(false);
    expect(seen.add('14')).toBe(true);
    expect(seen.add('8')).toBe(true);
  });

  it('takes letters and over-long digit strings as plain values', () => {
    const seen = new ControlNumberSet();
    expect(seen.add('A001')).toBe(true);
    expect(seen.add('A001')).toBe(false);
    expect(seen.add('1234567890123456')).toBe(true);
    expect(seen.add('1234567890123456')).toBe(false);
  });

  it('answers as a Set would, for any order, including past the run limit', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 60 }).map(String),
      fc.integer({ min: 0, max: 60 }).map((n) => String(n).padStart(3, '0')),
      fc.stringMatching(/^[0-9A-C]{1,3}$/),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (values) => {
        const seen = new ControlNumberSet();
        const model = new Set<string>();
        for (const v of values) {
          expect(seen.add(v)).toBe(!model.has(v));
          model.add(v);
        }
      }),
    );
    // 10,000 scattered numbers: more gaps than runs are kept, so later ones fall back to the Set.
    const seen = new ControlNumberSet();
    const scattered = Array.from({ length: 10_000 }, (_, i) => String(i * 2 + 1));
    for (const v of scattered) expect(seen.add(v)).toBe(true);
    for (const v of scattered) expect(seen.add(v)).toBe(false);
    expect(seen.add('2')).toBe(true);
  });
});
