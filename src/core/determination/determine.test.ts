import { describe, expect, it } from 'vitest';
import type { Resource } from '@medplum/fhirtypes';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { parseIntake } from '../intake/intake.ts';
import {
  bundle,
  condition,
  coverage,
  lumbarMriCase,
  neuroFinding,
  payer,
  petCase,
  procedure,
  serviceRequest,
  TEST_PATIENT,
  UHC,
} from '../../testing/fixtures.ts';
import { determine } from './determine.ts';
import type { Determination } from './determination.ts';

const library = loadPolicyLibrary();
const today = '2026-03-02';

function check(resources: Parameters<typeof parseIntake>[0], asOf?: string): Determination {
  return determine(parseIntake(resources), library, { today, ...(asOf ? { asOf } : {}) }).determination;
}

const status = (d: Determination, id: string) => d.criteria.find((c) => c.id === id)?.status;

describe('lumbar spine MRI (UnitedHealthcare)', () => {
  const radiculopathy = condition('M54.16', { onsetDateTime: '2025-12-01' });
  const pt = procedure('97110', '2026-01-05', '2026-02-20');
  const weakness = neuroFinding('26544005', 'left L5 (EHL 4/5)');
  const followUp: Resource = {
    resourceType: 'Encounter',
    id: 'enc-followup',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    type: [{ text: 'Follow-up visit after physical therapy' }],
    subject: { reference: 'Patient/pat-1' },
    period: { start: '2026-02-27T09:00:00Z' },
  };

  it('meets with radiculopathy, an objective finding, 6+ weeks of PT and a re-evaluation, citing the evidence', () => {
    const d = check(lumbarMriCase([radiculopathy, pt, weakness, followUp]));
    expect(d.determination).toBe('meets');
    expect(d.paRequired).toBe(true);
    expect(d.payer).toEqual({ id: 'uhc', name: 'UnitedHealthcare', lineOfBusiness: 'commercial' });
    expect(d.policy?.id).toBe('uhc-lumbar-spine-mri');
    expect(status(d, 'conservative-care')).toBe('met');
    expect(d.criteria.find((c) => c.id === 'conservative-care')?.evidence[0]?.reference).toBe(
      `Procedure/${pt.id ?? ''}`,
    );
    expect(d.criteria.find((c) => c.id === 'objective-neuro-finding')?.evidence[0]?.reference).toBe(
      `Observation/${weakness.id ?? ''}`,
    );
    expect(d.missingDocumentation).toEqual([]);
  });

  it('does not meet when physical therapy lasted 2 of the 6 weeks', () => {
    const d = check(lumbarMriCase([radiculopathy, procedure('97110', '2026-02-02', '2026-02-16'), weakness, followUp]));
    expect(d.determination).toBe('does_not_meet');
    const care = d.criteria.find((c) => c.id === 'conservative-care');
    expect(care?.status).toBe('not_met');
    expect(care?.reason).toBe(
      "conservative care documented for 2 of the required 6 weeks in this episode's window (from 2025-12-01, its onset); 1 course states no reason: counted as inside the window",
    );
  });

  it('is insufficient on a silent record and asks for each missing piece', () => {
    const d = check(lumbarMriCase([condition('M54.50')]));
    expect(d.determination).toBe('insufficient_documentation');
    expect(status(d, 'lumbar-diagnosis')).toBe('met');
    expect(status(d, 'conservative-care')).toBe('unknown');
    expect(d.missingDocumentation.map((m) => m.id)).toEqual([
      'radicular-pain',
      'objective-neuro-finding',
      'persistent-symptoms',
      'neuro-exam',
      'conservative-care',
      're-evaluation',
    ]);
  });

  it('maps Synthea-style SNOMED chronic low back pain to ICD-10 for the diagnosis criterion', () => {
    const snomedOnly = condition('x', {
      code: { coding: [{ system: 'http://snomed.info/sct', code: '278860009', display: 'Chronic low back pain' }] },
    });
    const d = check(lumbarMriCase([snomedOnly]));
    expect(status(d, 'lumbar-diagnosis')).toBe('met');
    expect(d.determination).toBe('insufficient_documentation');
  });

  it('waives conservative care for a red flag (cauda equina)', () => {
    const d = check(lumbarMriCase([condition('M54.16'), condition('G83.4')]));
    expect(d.determination).toBe('meets');
    const care = d.criteria.find((c) => c.id === 'conservative-care');
    expect(care?.status).toBe('met');
    expect(care?.reason).toBe("waived: exception 'red-flag' applies");
    expect(care?.evidence[0]?.text).toMatch(/G83\.4/);
  });

  it('does not treat a refuted red flag as present', () => {
    const refuted = condition('G83.4', {
      verificationStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'refuted' }],
      },
    });
    const d = check(lumbarMriCase([condition('M54.16'), refuted]));
    expect(status(d, 'red-flag-cauda-equina')).toBe('not_met');
    expect(d.determination).toBe('insufficient_documentation');
  });

  it('reports no_policy for a payer without a policy and says why', () => {
    // 99213 (an office visit) has no policy at all, so no guideline can stand in either.
    const d = check(bundle([TEST_PATIENT, payer('Acme Health Plan', '99999'), coverage('5'), serviceRequest('99213')]));
    expect(d.determination).toBe('no_policy');
    expect(d.paRequired).toBe('unknown');
    expect(d.policy).toBeNull();
    expect(d.warnings.join()).toMatch(/no policy in the library covers 99213/);
  });

  it('reports no_policy when the order has no coverage', () => {
    const order = serviceRequest('72148', { insurance: [] });
    const d = check(bundle([TEST_PATIENT, UHC, order]));
    expect(d.determination).toBe('no_policy');
    expect(d.warnings.join()).toMatch(/no Coverage/);
  });

  it('uses the order date as the evaluation date, and --as-of over it', () => {
    const resources = lumbarMriCase([
      radiculopathy,
      weakness,
      followUp,
      procedure('97110', '2026-01-05', '2026-03-30'),
    ]);
    expect(check(resources).asOf).toBe('2026-03-02');
    // On 2026-01-20 the therapy had not started 6 weeks earlier, so it is a shortfall, not a pass.
    expect(status(check(resources, '2026-01-20'), 'conservative-care')).toBe('not_met');
  });
});

describe('FDG PET/CT for melanoma (Original Medicare NCD 220.6.17)', () => {
  const melanoma = condition('C43.52', { onsetDateTime: '2025-06-10' });
  const node = condition('C77.4', { onsetDateTime: '2025-06-10' });
  const excision = procedure('177262002', '2025-07-01', '2025-07-01', 'http://snomed.info/sct');
  const pet = (date: string) => procedure('78815', date, date);

  it('meets for an initial-strategy scan of a biopsy-proven melanoma, without PA', () => {
    const d = check(petCase('PI', [melanoma, node]));
    expect(d.determination).toBe('meets');
    expect(d.paRequired).toBe(false);
    expect(d.payer.lineOfBusiness).toBe('original_medicare');
    expect(status(d, 'solid-tumor')).toBe('met');
    expect(status(d, 'initial-strategy')).toBe('met');
  });

  it('meets for a third subsequent-strategy scan after completed therapy', () => {
    const d = check(petCase('PS', [melanoma, excision, pet('2025-09-01'), pet('2026-01-05')]));
    expect(d.determination).toBe('meets');
    expect(d.criteria.find((c) => c.id === 'within-subsequent-limit')?.reason).toMatch(/2 prior subsequent-strategy/);
  });

  it('does not meet for a fourth subsequent-strategy scan, citing the three prior scans', () => {
    const d = check(petCase('PS', [melanoma, excision, pet('2025-09-01'), pet('2025-12-01'), pet('2026-02-01')]));
    expect(d.determination).toBe('does_not_meet');
    const limit = d.criteria.find((c) => c.id === 'within-subsequent-limit');
    expect(limit?.status).toBe('not_met');
    expect(limit?.evidence).toHaveLength(3);
  });

  it('does not meet for an initial-strategy scan to evaluate regional lymph nodes (non-covered)', () => {
    const d = check(
      petCase('PI', [melanoma], { reasonCode: [{ text: 'Evaluate regional lymph nodes before wide excision' }] }),
    );
    expect(d.determination).toBe('does_not_meet');
    expect(status(d, 'melanoma-regional-nodes')).toBe('met');
  });

  it('is insufficient when only a family history of melanoma is on record (never the patient’s own cancer)', () => {
    const family: Resource = {
      resourceType: 'FamilyMemberHistory',
      id: 'fmh-1',
      status: 'completed',
      patient: { reference: 'Patient/pat-1' },
      relationship: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'MTH' }],
        text: 'mother',
      },
      condition: [
        { code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C43.9' }], text: 'Melanoma' } },
      ],
    };
    const d = check(petCase('PI', [family]));
    expect(status(d, 'solid-tumor')).toBe('unknown');
    expect(d.determination).toBe('insufficient_documentation');
    expect(d.missingDocumentation[0]?.text).toMatch(/patient's own cancer diagnosis/);
  });

  it('asks for the strategy modifier when the order states neither PI nor PS', () => {
    const d = check(petCase(undefined, [melanoma]));
    expect(d.determination).toBe('insufficient_documentation');
    expect(d.missingDocumentation.map((m) => m.id)).toContain('modifier-pi');
  });
});
