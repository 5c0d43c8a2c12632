// Criteria judged against the order's episode, on small UHC lumbar MRI records: what counted, what did not and why.
import { describe, expect, it } from 'vitest';
import type { MedicationRequest, Resource } from '@medplum/fhirtypes';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { determine } from '../determination/determine.ts';
import type { Determination } from '../determination/determination.ts';
import { parseIntake } from '../intake/intake.ts';
import { condition, encounter, lumbarMriCase, note, procedure } from '../../testing/fixtures.ts';

const library = loadPolicyLibrary();

function check(clinical: Resource[]): Determination {
  return determine(parseIntake(lumbarMriCase(clinical)), library, { today: '2026-03-02' }).determination;
}

const criterion = (d: Determination, id: string) => d.criteria.find((c) => c.id === id);

const ibuprofen = (authoredOn: string, status: MedicationRequest['status'] = 'stopped'): MedicationRequest => ({
  resourceType: 'MedicationRequest',
  id: `ibu-${authoredOn}`,
  status,
  intent: 'order',
  subject: { reference: 'Patient/pat-1' },
  medicationCodeableConcept: { text: 'Ibuprofen 400 MG Oral Tablet' },
  authoredOn,
});

const chronicBackPain = () => condition('M54.50', { onsetDateTime: '2014-01-31' });

describe('conservative care for the episode', () => {
  it('does not count prescriptions of earlier years, nor an old active one as running until today', () => {
    const d = check([chronicBackPain(), ibuprofen('2015-02-18'), ibuprofen('2022-03-30', 'active')]);
    const care = criterion(d, 'conservative-care');
    expect(care?.status).toBe('unknown');
    expect(care?.reason).toContain(
      "ibuprofen 2022-03-30: ended 2022-04-29 (one 30-day fill assumed), before this episode's window (from 2025-03-02)",
    );
    expect(care?.reason).toContain('ibuprofen 2015-02-18: ended 2015-03-20');
    expect(d.determination).toBe('insufficient_documentation');
  });

  it('counts the recent trial of a chronic complaint from the opening of the window', () => {
    const d = check([chronicBackPain(), procedure('97110', '2025-12-01', '2026-02-20')]);
    expect(criterion(d, 'conservative-care')?.status).toBe('met');
  });

  it('is not met when the episode began too recently to hold the weeks, citing the onset', () => {
    const pain = condition('M54.50', { onsetDateTime: '2026-02-16' });
    const d = check([pain, note('n1', 'Low back pain. Completed 6 weeks of physical therapy.', '2026-02-27')]);
    const care = criterion(d, 'conservative-care');
    expect(care?.status).toBe('not_met');
    expect(care?.reason).toMatch(/^the episode began 2026-02-16, 2 weeks before 2026-03-02/);
    expect(care?.evidence.map((e) => e.reference)).toEqual([`Condition/${pain.id ?? ''}`]);
  });
});

describe('conservative care from the first visit for the complaint', () => {
  const onset = () => condition('M54.50', { onsetDateTime: '2025-12-15' });

  it('is not met when the first care for a 10-week complaint was 2 weeks ago, citing that visit', () => {
    const d = check([
      onset(),
      note(
        'n1',
        'HPI: back pain since mid-December, first visit for this problem. Managing on her own with OTC ibuprofen. Has not seen any other provider, chiropractor or PT for this.\nA/P: naproxen 500 BID x 4 wks\n- PT referral - lumbar stabilization, 6 wks',
        '2026-02-16',
      ),
    ]);
    const care = criterion(d, 'conservative-care');
    expect(care?.status).toBe('not_met');
    expect(care?.reason).toMatch(/^clinician-directed care for this complaint began at its first visit, 2026-02-16/);
    expect(care?.evidence[0]?.text).toContain('first visit for this problem');
  });

  it('takes "untreated to date" for no care of any kind before the visit', () => {
    const d = check([
      onset(),
      note('n1', 'A/P: chronic low back pain, ~10 wks. Untreated to date. Start naproxen.', '2026-02-23'),
    ]);
    const care = criterion(d, 'conservative-care');
    expect(care?.status).toBe('not_met');
    expect(care?.evidence[0]?.text).toContain('Untreated to date');
  });

  it('lets the courses decide when a prescribed course is dated before that visit', () => {
    const d = check([
      onset(),
      procedure('97110', '2025-12-20', '2026-02-10'),
      note('n1', 'HPI: first visit for this problem with me.', '2026-02-16'),
    ]);
    expect(criterion(d, 'conservative-care')?.status).toBe('met');
  });
});

describe('conservative care stated without dates while its records are awaited', () => {
  it('leaves the criterion unknown, naming the course and the pending records', () => {
    const d = check([
      condition('M54.16', { onsetDateTime: '2025-12-01' }),
      note(
        'n1',
        'Patient states he "did 6 weeks of physical therapy" at Peak Motion Physical Therapy.\nOutside records: Peak Motion Physical Therapy - all PT notes 2025-2026 - faxed request - STATUS: PENDING',
        '2026-02-27',
      ),
    ]);
    const care = criterion(d, 'conservative-care');
    expect(care?.status).toBe('unknown');
    expect(care?.reason).toContain(
      'physical therapy for 6 weeks is stated without dates, and its records are requested and not yet received',
    );
  });
});

describe('conservative care: the same course told twice', () => {
  const onset = () => condition('M54.16', { onsetDateTime: '2025-12-01' });

  it("an undated mention of a dated course ('failed PT') is that course, and the shortfall is not met", () => {
    const d = check([
      onset(),
      procedure('97110', '2026-01-12', '2026-02-09'),
      note('n1', 'Assessment: failed physical therapy.', '2026-02-27'),
    ]);
    const care = criterion(d, 'conservative-care');
    expect(care?.status).toBe('not_met');
  });

  it("the letter's 'NSAIDs since early December' is the patient's own OTC course of that week, so not provider-directed", () => {
    const otc: Resource = {
      resourceType: 'MedicationStatement',
      id: 'otc-ibu',
      status: 'completed',
      subject: { reference: 'Patient/pat-1' },
      medicationCodeableConcept: { text: 'ibuprofen 200 mg tablet (OTC)' },
      effectivePeriod: { start: '2025-12-02', end: '2026-01-12' },
    };
    const letter = note(
      'n-lmn',
      'He has failed more than 6 weeks of conservative treatment, including NSAIDs since early December.',
      '2026-02-27',
    );
    const d = check([onset(), otc, procedure('97110', '2026-01-12', '2026-02-09'), letter]);
    expect(criterion(d, 'conservative-care')?.status).toBe('not_met');
  });
});

describe('re-evaluation for the complaint', () => {
  it('names the visits for another condition that were not counted', () => {
    const bronchitis = encounter('Office visit', '2026-02-20', {
      reasonCode: [{ coding: [{ system: 'http://snomed.info/sct', code: '10509002', display: 'Acute bronchitis' }] }],
    });
    const d = check([chronicBackPain(), procedure('97110', '2026-01-05', '2026-02-20'), bronchitis]);
    const reEvaluation = criterion(d, 're-evaluation');
    expect(reEvaluation?.status).toBe('unknown');
    expect(reEvaluation?.reason).toContain('Encounter 2026-02-20: for another condition (Acute bronchitis)');
  });

  it('counts a visit whose note that day addresses the complaint', () => {
    const visit = encounter('Office visit', '2026-02-25');
    const visitNote = note('n2', 'Assessment: low back pain, persistent despite therapy.', '2026-02-25');
    const d = check([chronicBackPain(), procedure('97110', '2026-01-05', '2026-02-20'), visit, visitNote]);
    expect(criterion(d, 're-evaluation')?.status).toBe('met');
  });
});

describe('trauma red flag by body part', () => {
  it('does not take a head injury for a suspected spinal fracture, and says so', () => {
    const d = check([chronicBackPain(), note('n3', 'Plan: head injury rehabilitation.', '2026-02-20')]);
    const fracture = criterion(d, 'red-flag-fracture');
    expect(fracture?.status).toBe('unknown');
    expect(fracture?.reason).toContain('about another body part than back, pelvis: head injury rehabilitation. (head)');
  });

  it('takes a fall whatever part it names, trauma to the back, and a coded lumbar fracture', () => {
    const fall = note('n4', 'He fell from a ladder and hit his head two days ago.', '2026-02-27');
    expect(criterion(check([chronicBackPain(), fall]), 'red-flag-fracture')?.status).toBe('met');
    const back = note('n5', 'Significant trauma to the lower back last week.', '2026-02-27');
    expect(criterion(check([chronicBackPain(), back]), 'red-flag-fracture')?.status).toBe('met');
    expect(criterion(check([condition('S32.010A')]), 'red-flag-fracture')?.status).toBe('met');
  });
});
