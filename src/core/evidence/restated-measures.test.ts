// A value an assessment restates from outside records takes the date it was measured.
import { describe, expect, it } from 'vitest';
import type { MeasurementFact } from './fact.ts';
import { restatedMeasures } from './restated-measures.ts';

const bsa = (value: number, date: string, text: string, reference = 'DocumentReference/n'): MeasurementFact => ({
  kind: 'measurement',
  name: 'bsa_percent',
  value,
  unit: '%',
  assertion: 'affirmed',
  date,
  source: { reference, text },
});

describe('a measurement restated from another record', () => {
  it('takes the date of the earlier measurement of that value', () => {
    const outside = bsa(12, '2025-02-11', 'BSA 12%, IGA 3.', 'DocumentReference/outside');
    const restated = bsa(12, '2026-06-15', 'Outside BSA 12%.');
    expect(restatedMeasures([outside, restated]).map((f) => f.kind === 'measurement' && f.date)).toEqual([
      '2025-02-11',
      '2025-02-11',
    ]);
  });

  it('keeps its own date when nothing attributes it elsewhere or no earlier value matches', () => {
    const outside = bsa(12, '2025-02-11', 'BSA 12%, IGA 3.', 'DocumentReference/outside');
    expect(restatedMeasures([outside, bsa(12, '2026-06-15', 'BSA 12% today.')])[1]?.date).toBe('2026-06-15');
    expect(restatedMeasures([outside, bsa(14, '2026-06-15', 'Outside BSA 14%.')])[1]?.date).toBe('2026-06-15');
  });
});
