import { describe, expect, it } from 'vitest';
import type { TherapyFact } from './fact.ts';
import { inheritSelfDirection } from './self-directed.ts';

const course = (start: string, reference: string, text: string, extra: Partial<TherapyFact> = {}): TherapyFact => ({
  kind: 'therapy',
  modality: 'nsaid',
  start,
  assertion: 'affirmed',
  source: { reference, text },
  ...extra,
});
const directed = (facts: readonly TherapyFact[]) =>
  inheritSelfDirection(facts).map((f) => (f.kind === 'therapy' ? f.providerDirected : 'other'));

describe('inheritSelfDirection', () => {
  const narrative = course('2025-12-01', 'DocumentReference/lmn', 'NSAIDs since early December');

  it('a narrative course starting the week of a stated self-directed one of its class is that course', () => {
    const otc = course('2025-12-02', 'MedicationStatement/m1', 'ibuprofen 200 mg (OTC)', { providerDirected: false });
    expect(directed([otc, narrative])).toEqual([false, false]);
    const said = course('2025-11-28', 'DocumentReference/n1', 'Advil on his own', { providerDirected: false });
    expect(directed([said, narrative])).toEqual([false, false]);
  });

  it('a MedicationStatement is not self-direction by default, and a provider-directed course that week leaves it open', () => {
    const statement = course('2025-12-02', 'MedicationStatement/m2', 'naproxen 500 mg', { providerDirected: false });
    expect(directed([statement, narrative])).toEqual([false, undefined]);
    const otc = course('2025-12-02', 'MedicationStatement/m1', 'ibuprofen (OTC)', { providerDirected: false });
    const rx = course('2025-12-03', 'MedicationRequest/r1', 'naproxen', { providerDirected: true });
    expect(directed([otc, rx, narrative])).toEqual([false, true, undefined]);
  });

  it('a course of another class, or weeks apart, is another course', () => {
    const otc = course('2025-12-02', 'MedicationStatement/m1', 'ibuprofen (OTC)', { providerDirected: false });
    expect(directed([otc, { ...narrative, modality: 'physical_therapy' }])).toEqual([false, undefined]);
    expect(directed([otc, { ...narrative, start: '2026-01-20' }])).toEqual([false, undefined]);
  });
});
