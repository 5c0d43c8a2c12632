// A cancer's completed primary treatment and its stage read from words (issue 15, class 7): a Procedure that names
// surgery or radiation only in text, Mohs by its CPT code, and a stage stated or defined by pT/pN in a note.
import { describe, expect, it } from 'vitest';
import type { Procedure } from '@medplum/fhirtypes';
import { buildRecord } from '../fhir/record.ts';
import { TEST_PATIENT } from '../../testing/fixtures.ts';
import { extractCodedFacts } from './coded.ts';
import type { CancerFact, Fact, TherapyFact } from './fact.ts';
import { extractNoteFacts } from './notes/index.ts';

const coded = (procedure: Procedure): TherapyFact[] =>
  extractCodedFacts(
    buildRecord(
      { resourceType: 'Bundle', type: 'collection', entry: [{ resource: TEST_PATIENT }, { resource: procedure }] },
      TEST_PATIENT,
    ),
    '2026-03-02',
  ).filter((f): f is TherapyFact => f.kind === 'therapy');
const note = (text: string): Fact[] =>
  extractNoteFacts({ reference: 'DocumentReference/n1', date: '2026-03-02', contentType: 'text/plain', text });
const stages = (facts: Fact[]) =>
  facts.filter((f): f is CancerFact => f.kind === 'cancer' && f.stage !== undefined).map((f) => [f.assertion, f.stage]);

describe('completed cancer treatment from procedures', () => {
  it('reads a radiation course named only in words, with its period', () => {
    const [fact] = coded({
      resourceType: 'Procedure',
      status: 'completed',
      subject: { reference: 'Patient/p1' },
      code: { text: 'Postoperative radiotherapy to the left cheek, 50 Gy in 20 fractions' },
      performedPeriod: { start: '2025-04-07', end: '2025-05-02' },
    });
    expect(fact).toMatchObject({
      modality: 'radiation_therapy',
      outcome: 'completed',
      start: '2025-04-07',
      end: '2025-05-02',
    });
  });

  it('reads Mohs surgery by its CPT code, and ignores a procedure whose words name no cancer treatment', () => {
    const mohs = coded({
      resourceType: 'Procedure',
      status: 'completed',
      subject: { reference: 'Patient/p1' },
      code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '17313' }] },
      performedDateTime: '2025-11-03',
    });
    expect(mohs[0]).toMatchObject({ modality: 'cancer_surgery', outcome: 'completed', end: '2025-11-03' });
    const other = coded({
      resourceType: 'Procedure',
      status: 'completed',
      subject: { reference: 'Patient/p1' },
      code: { text: 'Cerumen removal, both ears' },
      performedDateTime: '2025-11-03',
    });
    expect(other).toEqual([]);
  });
});

describe('melanoma stage stated in a note', () => {
  it('derives the AJCC stage group from node-negative pathological T and N', () => {
    expect(stages(note('Melanoma of the right forearm, pT2b pN0, excised last month.'))).toEqual([['affirmed', 'IIA']]);
    expect(stages(note('Melanoma of the right forearm, pT1b N0 M0.'))).toEqual([['affirmed', 'IA']]);
  });

  it('leaves the stage open when nodes are involved or not stated', () => {
    expect(stages(note('Melanoma of the right forearm, pT2b pN1a.'))).toEqual([]);
    expect(stages(note('Melanoma of the right forearm, pT2b, sentinel node biopsy pending.'))).toEqual([]);
  });

  it("keeps a relative's stage and a negated stage out of the patient's melanoma", () => {
    const facts = note('Her sister had stage IIIC melanoma. She has no melanoma.');
    expect(facts.filter((f) => f.kind === 'cancer' && f.assertion === 'affirmed')).toEqual([]);
  });
});
