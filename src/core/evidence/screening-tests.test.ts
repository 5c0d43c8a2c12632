// Tuberculosis screening before a biologic, from coded Observations and note sentences: the result with the date it
// was taken; ordered or drawn without a result is pending; "no TB test on file" is silence.
import type { Bundle, Observation, Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { buildRecord } from '../fhir/record.ts';
import type { ScreeningTestFact } from './fact.ts';
import { extractNoteFacts } from './notes/index.ts';
import { codedScreeningTests, dateUndatedScreens } from './screening-tests.ts';

const patient: Patient = { resourceType: 'Patient', id: 'p' };
const observation = (extra: Partial<Observation>): Observation => ({
  resourceType: 'Observation',
  id: 'qft',
  status: 'final',
  code: { text: 'QuantiFERON-TB Gold Plus' },
  subject: { reference: 'Patient/p' },
  effectiveDateTime: '2025-03-02T09:00:00Z',
  ...extra,
});
const coded = (o: Observation): ScreeningTestFact[] => {
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ resource: patient }, { resource: o }],
  };
  return codedScreeningTests(buildRecord(bundle, patient));
};
const fromNote = (text: string): ScreeningTestFact[] =>
  extractNoteFacts({ reference: 'DocumentReference/n', date: '2025-09-29', contentType: 'text/plain', text }).filter(
    (f): f is ScreeningTestFact => f.kind === 'screening_test',
  );

describe('tuberculosis screening', () => {
  it('reads a coded result with its date, and a registered test as pending', () => {
    expect(coded(observation({ valueCodeableConcept: { text: 'Negative' } }))).toMatchObject([
      { test: 'tuberculosis', result: 'negative', date: '2025-03-02' },
    ]);
    expect(coded(observation({ status: 'registered' }))[0]?.result).toBe('pending');
    expect(coded(observation({ code: { text: 'Hemoglobin A1c' }, valueString: 'negative' }))).toEqual([]);
  });

  it('reads a note’s result at the date it names, else the note’s', () => {
    expect(fromNote('Labs: QuantiFERON negative 01/17/2023.')).toMatchObject([
      { result: 'negative', date: '2023-01-17' },
    ]);
    expect(fromNote('T-SPOT.TB nonreactive.')).toMatchObject([{ result: 'negative', date: '2025-09-29' }]);
    expect(fromNote('TB SCREENING: last QuantiFERON was pre-employment 01/2023 (negative).')[0]?.date).toBe(
      '2023-01-01',
    );
  });

  it('takes a test drawn or ordered without a result as pending, and a denial as silence', () => {
    expect(fromNote('Repeat QuantiFERON drawn today, result pending.')[0]?.result).toBe('pending');
    expect(fromNote('No TB screening on file.')).toEqual([]);
  });
});

describe('a result stated without its date', () => {
  it('is the dated test of the same result on record before it, not a test taken on the note date', () => {
    const read = (text: string, date: string) =>
      extractNoteFacts({ reference: `DocumentReference/${date}`, date, contentType: 'text/plain', text }).filter(
        (f): f is ScreeningTestFact => f.kind === 'screening_test',
      );
    const old = read('Mantoux placed 06/17/2025, read 06/19/2025: 0 mm.', '2025-06-19');
    const undated = read('PROBLEMS: psoriasis vulgaris; "latent TB screening negative"', '2026-10-02');
    expect(undated[0]).toMatchObject({ result: 'negative', undated: true, date: '2026-10-02' });
    const dated = dateUndatedScreens([...old, ...undated]).filter((f) => f.kind === 'screening_test');
    expect(dated.map((f) => f.date)).toEqual(['2025-06-17', '2025-06-17']);
    // With no dated test on record, the note's date stands.
    expect(dateUndatedScreens(undated)[0]?.date).toBe('2026-10-02');
  });
});
