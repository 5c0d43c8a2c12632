// The episode mechanisms on small hand-built records: the index condition and window, indications, course bounds,
// re-evaluations and the body part of a red flag.
import { describe, expect, it } from 'vitest';
import type { MedicationRequest, Resource } from '@medplum/fhirtypes';
import { buildRecord } from '../fhir/record.ts';
import { bundle, condition, encounter, TEST_PATIENT } from '../../testing/fixtures.ts';
import { bodyPartOf, injuryBodyPart } from './body-part.ts';
import { extractCodedFacts } from './coded.ts';
import { DEFAULT_FILL_DAYS, prescriptionEnd } from './course.ts';
import { episodeEvidence } from './episode-evidence.ts';
import { openEpisode } from './episode.ts';
import type { Fact, TherapyFact } from './fact.ts';

const AS_OF = '2026-12-01';
const LUMBAR = ['M54.1', 'M54.5', 'M51'];

function factsOf(resources: Resource[]): Fact[] {
  return extractCodedFacts(buildRecord(bundle([TEST_PATIENT, ...resources]), TEST_PATIENT), AS_OF);
}

function evidenceOf(resources: Resource[], orderIcd10: string[] = []) {
  const facts = factsOf(resources);
  const orderReasons = orderIcd10.length > 0 ? [{ display: 'order', icd10: orderIcd10 }] : [];
  const episode = openEpisode({ facts, orderReasons, diagnosis: LUMBAR, asOf: AS_OF, lookbackDays: 365 });
  return episodeEvidence(facts, episode);
}

function prescription(display: string, authoredOn: string, extra: Partial<MedicationRequest> = {}): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id: `rx-${authoredOn}-${display.length}`,
    status: 'stopped',
    intent: 'order',
    subject: { reference: 'Patient/pat-1' },
    medicationCodeableConcept: { text: display },
    authoredOn,
    ...extra,
  };
}

const chronicBackPain = () => condition('M54.50', { onsetDateTime: '2014-01-31' });

describe('the episode', () => {
  it('is the condition the policy covers; a chronic one counts a trial only within the look-back', () => {
    const { episode } = evidenceOf([chronicBackPain(), condition('M54.2', { onsetDateTime: '2014-01-31' })]);
    expect(episode.index.map((f) => f.icd10)).toEqual([['M54.50']]);
    expect(episode.onset).toBe('2014-01-31');
    expect(episode.from).toBe('2025-12-01');
  });

  it('opens at the onset when the complaint is more recent than the look-back', () => {
    const { episode } = evidenceOf([condition('M54.16', { onsetDateTime: '2026-10-01' })]);
    expect(episode.from).toBe('2026-10-01');
  });

  it("is the order's own reason when it states one", () => {
    const { episode } = evidenceOf(
      [chronicBackPain(), condition('M54.16', { onsetDateTime: '2026-09-01' })],
      ['M54.16'],
    );
    expect(episode.onset).toBe('2026-09-01');
  });
});

describe('a complaint that came back', () => {
  const course = (date: string, trend?: 'resolved' | 'persistent', durationWeeks?: number): Fact => ({
    kind: 'symptom_course',
    ...(trend ? { trend } : {}),
    ...(durationWeeks !== undefined ? { durationWeeks } : {}),
    assertion: 'affirmed',
    date,
    source: { reference: `DocumentReference/${date}`, text: 'note' },
  });
  const open = (courses: Fact[]) =>
    openEpisode({
      facts: [...factsOf([condition('M54.16', { onsetDateTime: '2025-04-01' })]), ...courses],
      orderReasons: [],
      diagnosis: LUMBAR,
      asOf: AS_OF,
      lookbackDays: 365,
    });

  it('is a new episode from the day after it resolved, when a later note tells it again', () => {
    const episode = open([course('2026-02-10', 'resolved'), course('2026-10-20', undefined, 8)]);
    expect(episode.onset).toBe('2026-02-11');
    expect(episode.from).toBe('2026-02-11');
  });

  it('stays one episode when nothing follows the resolution, or the same note calls the complaint ongoing', () => {
    expect(open([course('2026-02-10', 'resolved')]).onset).toBe('2025-04-01');
    expect(
      open([course('2026-02-10', 'resolved'), course('2026-02-10', 'persistent'), course('2026-10-20', 'persistent')])
        .onset,
    ).toBe('2025-04-01');
  });
});

describe('indication', () => {
  it('does not count a drug whose stated reason is another condition', () => {
    const bronchitis = condition('J20.9', { id: 'bronchitis', onsetDateTime: '2026-11-01' });
    const rx = prescription('Acetaminophen 325 MG Oral Tablet', '2026-11-01', {
      reasonReference: [{ reference: 'Condition/bronchitis' }],
    });
    const evidence = evidenceOf([chronicBackPain(), bronchitis, rx]);
    expect(evidence.courses).toEqual([]);
    expect(evidence.notCounted[0]?.why).toMatch(/^for another condition/);
  });

  it('counts a course for this complaint, and one with no stated reason inside the window (saying so)', () => {
    const pain = condition('M54.50', { id: 'lbp', onsetDateTime: '2014-01-31' });
    const forPain = prescription('Naproxen 500 MG Oral Tablet', '2026-09-01', {
      reasonReference: [{ reference: 'Condition/lbp' }],
    });
    const unstated = prescription('Ibuprofen 400 MG Oral Tablet', '2026-10-01');
    const evidence = evidenceOf([pain, forPain, unstated]);
    expect(evidence.courses.map((c) => c.agent).sort()).toEqual(['ibuprofen', 'naproxen']);
    expect(evidence.unstated.map((c) => c.agent)).toEqual(['ibuprofen']);
  });

  it('does not count a course that ended before the window opened', () => {
    const evidence = evidenceOf([chronicBackPain(), prescription('Ibuprofen 400 MG Oral Tablet', '2015-02-18')]);
    expect(evidence.courses).toEqual([]);
    expect(evidence.notCounted[0]?.why).toBe(
      "ended 2015-03-20 (one 30-day fill assumed), before this episode's window (from 2025-12-01)",
    );
  });
});

describe('a standing treatment', () => {
  it('does not count a drug begun before the episode and kept unchanged as a trial for it', () => {
    const facts = factsOf([chronicBackPain()]);
    const standing: TherapyFact = {
      kind: 'therapy',
      modality: 'neuropathic_agent',
      agent: 'gabapentin',
      start: '2024-01-01',
      outcome: 'ongoing',
      assertion: 'affirmed',
      date: AS_OF,
      source: {
        reference: 'DocumentReference/n',
        text: 'Current treatment: gabapentin 600 TID (unchanged since 2024).',
      },
    };
    const episode = openEpisode({ facts, orderReasons: [], diagnosis: LUMBAR, asOf: AS_OF, lookbackDays: 365 });
    const evidence = episodeEvidence([...facts, standing], episode);
    expect(evidence.courses).toEqual([]);
    expect(evidence.notCounted[0]?.why).toMatch(/^a standing treatment since 2024-01-01, kept unchanged/);
  });
});

describe('course bounds', () => {
  const therapy = (rx: MedicationRequest) => factsOf([rx]).find((f): f is TherapyFact => f.kind === 'therapy');

  it('ends an active prescription with nothing else on record after one default fill, not today', () => {
    const fact = therapy(prescription('Ibuprofen 400 MG Oral Tablet', '2022-03-30', { status: 'active' }));
    expect(fact?.end).toBe('2022-04-29');
    expect(fact?.endAssumed).toBe(true);
    expect(fact?.source.text).toContain(`one ${String(DEFAULT_FILL_DAYS)}-day fill assumed`);
  });

  it('reads the supply: days times the fills allowed, or the quantity over the daily dose', () => {
    const supplied = prescription('Naproxen 500 MG Oral Tablet', '2026-01-01', {
      dispenseRequest: { expectedSupplyDuration: { value: 2, code: 'wk' }, numberOfRepeatsAllowed: 2 },
    });
    expect(prescriptionEnd(supplied, '2026-01-01')).toEqual({ end: '2026-02-12', assumed: false });
    const counted = prescription('Naproxen 500 MG Oral Tablet', '2026-01-01', {
      dispenseRequest: { quantity: { value: 60 } },
      dosageInstruction: [{ timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } } }],
    });
    expect(prescriptionEnd(counted, '2026-01-01')).toEqual({ end: '2026-01-31', assumed: false });
  });

  it('reads a burst or a taper from the dosage text, not a default month', () => {
    const burst = prescription('prednisone 20 MG Oral Tablet', '2026-04-18', {
      dosageInstruction: [{ text: '40 mg by mouth daily x 5 days' }],
    });
    expect(prescriptionEnd(burst, '2026-04-18')).toEqual({ end: '2026-04-23', assumed: false });
    const pack = prescription('methylprednisolone 4 MG Oral Tablet (6-day taper pack)', '2026-04-18');
    expect(prescriptionEnd(pack, '2026-04-18')).toEqual({ end: '2026-04-24', assumed: false });
    const weeks = prescription('Naproxen 500 MG Oral Tablet', '2026-04-18', {
      dosageInstruction: [{ text: '500 mg twice daily for 2 weeks' }],
    });
    expect(prescriptionEnd(weeks, '2026-04-18')).toEqual({ end: '2026-05-02', assumed: false });
  });
});

describe('re-evaluation', () => {
  const trial = () => prescription('Naproxen 500 MG Oral Tablet', '2026-09-01', { status: 'active' });
  const reEvaluations = (resources: Resource[]) =>
    evidenceOf(resources).evaluations.filter((v) => v.type === 're_evaluation');

  it('is a visit for this complaint after the trial began', () => {
    const coded = encounter('Office visit', '2026-10-01', {
      reasonCode: [{ coding: [{ system: 'http://snomed.info/sct', code: '278860009' }] }],
    });
    // A reason in words only is read as a note would be.
    const words = encounter('Office visit', '2026-10-01', { reasonCode: [{ text: 'Chronic low back pain' }] });
    expect(reEvaluations([chronicBackPain(), trial(), coded])).toHaveLength(1);
    expect(reEvaluations([chronicBackPain(), trial(), words])).toHaveLength(1);
    expect(
      reEvaluations([
        chronicBackPain(),
        trial(),
        encounter('Office visit', '2026-09-05', { reasonCode: [{ text: 'Low back pain' }] }),
      ]),
    ).toEqual([]);
  });

  it('is a visit four weeks or more into the trial, its reason in words ("back and left leg pain") read as the complaint', () => {
    const at = (date: string, text: string) => encounter('Office visit', date, { reasonCode: [{ text }] });
    expect(reEvaluations([chronicBackPain(), trial(), at('2026-09-20', 'Low back pain')])).toEqual([]);
    expect(
      reEvaluations([chronicBackPain(), trial(), at('2026-10-01', 'Re-evaluation of back and left leg pain')]),
    ).toHaveLength(1);
    expect(
      reEvaluations([chronicBackPain(), trial(), at('2026-10-01', 'Follow-up low back and left leg pain')]),
    ).toHaveLength(1);
    expect(reEvaluations([chronicBackPain(), trial(), at('2026-10-01', 'Upper back pain')])).toEqual([]);
  });

  it('is no telephone or video visit, whatever class the export gives it', () => {
    const call = encounter('Telephone encounter', '2026-10-15', { reasonCode: [{ text: 'Low back pain' }] });
    const video = encounter('Telehealth video visit', '2026-10-15', { reasonCode: [{ text: 'Low back pain' }] });
    expect(evidenceOf([chronicBackPain(), trial(), call, video]).evaluations).toEqual([]);
  });

  it('is not a visit for another condition, nor one with no stated reason and no note', () => {
    const bronchitis = encounter('Office visit', '2026-10-01', {
      reasonCode: [{ coding: [{ system: 'http://snomed.info/sct', code: '10509002', display: 'Acute bronchitis' }] }],
    });
    const evidence = evidenceOf([chronicBackPain(), trial(), bronchitis, encounter('Office visit', '2026-10-08')]);
    expect(evidence.evaluations.filter((v) => v.type === 're_evaluation')).toEqual([]);
    expect(evidence.notCounted.map((n) => n.why)).toEqual([
      'for another condition (Acute bronchitis)',
      'no stated reason, and no note of that visit names the complaint',
    ]);
  });
});

describe('a course told again', () => {
  it('is the earlier course it repeats ("failed 8 weeks of PT" after PT x 8 weeks in a 2024 episode), not a second one', () => {
    const earlier: TherapyFact = {
      kind: 'therapy',
      modality: 'physical_therapy',
      durationWeeks: 8,
      assertion: 'affirmed',
      date: '2024-05-01',
      source: { reference: 'DocumentReference/n1', text: 'PT x 8 weeks in 2024' },
    };
    const retold: TherapyFact = {
      ...earlier,
      date: '2026-11-20',
      outcome: 'failed',
      source: { reference: 'DocumentReference/n2', text: 'failed 8 weeks of formal PT' },
    };
    const other: TherapyFact = {
      ...retold,
      durationWeeks: 6,
      source: { reference: 'DocumentReference/n3', text: 'PT x 6 weeks' },
    };
    const facts = [...factsOf([chronicBackPain()]), earlier, retold, other];
    const episode = openEpisode({ facts, orderReasons: [], diagnosis: LUMBAR, asOf: AS_OF, lookbackDays: 365 });
    const evidence = episodeEvidence(facts, episode);
    expect(evidence.courses).toEqual([other]);
    expect(evidence.notCounted.map((n) => n.why)).toEqual([
      expect.stringMatching(/^ended|^before|outside/),
      'the same 8 weeks told again (2024-05-01)',
    ]);
  });
});

describe('body part of a red flag', () => {
  it('reads words and injury codes', () => {
    expect(bodyPartOf('head injury rehabilitation')).toBe('head');
    expect(bodyPartOf('fell from a ladder and landed on her back, hit her head')).toBe('back');
    expect(bodyPartOf('sprain of the left ankle')).toBe('leg');
    expect(bodyPartOf('came back to clinic after the fall')).toBeUndefined();
    expect(injuryBodyPart('S32.0')).toBe('back');
    expect(injuryBodyPart('S32.4')).toBe('pelvis');
    expect(injuryBodyPart('S06.0X0A')).toBe('head');
  });

  it('is carried by a coded trauma red flag', () => {
    const flag = factsOf([condition('S32.010A')]).find((f) => f.kind === 'red_flag');
    expect(flag).toMatchObject({ flag: 'significant_trauma', bodySite: 'back' });
  });
});
