import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HlIdMap, ordinalOf } from './hl-id-map.ts';

describe('ordinalOf', () => {
  it('reads decimal ordinals and nothing else', () => {
    expect(ordinalOf('1')).toBe(1);
    expect(ordinalOf('42')).toBe(42);
    expect(ordinalOf('999999999')).toBe(999_999_999);
    for (const id of ['', '0', '01', '1a', ' 1', '-1', '1.0', '1e3', '1000000000']) expect(ordinalOf(id)).toBe(0);
  });
});

describe('HlIdMap', () => {
  // Keys as HLs carry them: mostly the next ordinal or an earlier one, sometimes a gap, a repeat, a zero or junk.
  const key = fc.oneof(
    fc.integer({ min: 1, max: 12 }).map(String),
    fc.constantFrom('', '0', '01', '007', 'A', '1 ', '99'),
    fc.string({ maxLength: 3 }),
  );
  const op = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), id: key, value: fc.integer() }),
    fc.record({ kind: fc.constant('get' as const), id: key }),
  );

  it('answers every get and has exactly as a Map would', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const ours = new HlIdMap<number>();
        const oracle = new Map<string, number>();
        for (const o of ops) {
          if (o.kind === 'set') {
            ours.set(o.id, o.value);
            oracle.set(o.id, o.value);
          }
          expect(ours.get(o.id)).toBe(oracle.get(o.id));
          expect(ours.has(o.id)).toBe(oracle.has(o.id));
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps an overwritten ordinal and moves to a map at the first gap', () => {
    const ids = new HlIdMap<string>();
    ids.set('1', 'a');
    ids.set('2', 'b');
    ids.set('1', 'c');
    expect(ids.get('1')).toBe('c');
    ids.set('5', 'e');
    expect([ids.get('1'), ids.get('2'), ids.get('5'), ids.has('3')]).toEqual(['c', 'b', 'e', false]);
  });
});
