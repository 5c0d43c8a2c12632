// The FDG PET/CT part of the policy library (melanoma, Merkel cell carcinoma, cutaneous SCC), loaded from policies/ as
// in production: NCD 220.6.17 for Original Medicare and Medicare Advantage (scan counting), the NCCN-style stage
// logic for commercial payers ("guideline-based, payer text pending") and as the national fallback. Records are coded
// FHIR resources, stages are coded AJCC stage-group observations. All data is synthetic.
import { describe, expect, it } from 'vitest';
import type { FamilyMemberHistory, MedicationRequest, Organization, Resource } from '@medplum/fhirtypes';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { determine } from '../determination/determine.ts';
import type { Determination } from '../determination/determination.ts';
import { parseIntake } from '../intake/intake.ts';
import {
  condition,
  MEDICARE,
  note,
  payer,
  procedure,
  requestCase,
  serviceRequest,
  stageGroup,
  UHC,
} from '../../testing/fixtures.ts';

const library = loadPolicyLibrary();
const today = '2026-03-02';

const AETNA = payer('Aetna', '60054');
const CIGNA = payer('Cigna', '62308');
const ANTHEM = payer('Anthem Blue Cross', 'TEST-ANTHEM');
const HUMANA = payer('Humana', '61101');
const KAISER = payer('Kaiser Permanente', '94135');
const BLUE = payer('Blue Cross Blue Shield of Testland', 'TEST-BLUE');
const UNLISTED_MA = payer('Testcare Medicare Advantage', 'TEST-MA');
const ACME = payer('Acme Health Plan', '99999');

const COMMERCIAL = '5';
const MEDICARE_ADVANTAGE = '11';
const ORIGINAL_MEDICARE = '121';
const MEDICAID_MANAGED_CARE = '21';

interface Request {
  sop?: string;
  modifier?: 'PI' | 'PS';
  reason?: string;
  reasonIcd10?: string;
}

function check(org: Organization, clinical: Resource[], request: Request = {}): Determination {
  const reasonCode = request.reason
    ? [
        {
          text: request.reason,
          ...(request.reasonIcd10
            ? { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: request.reasonIcd10 }] }
            : {}),
        },
      ]
    : [];
  const order = serviceRequest('78815', {
    ...(request.modifier ? { modifier: request.modifier } : {}),
    ...(reasonCode.length ? { reasonCode } : {}),
  });
  const sop = request.sop ?? (org === MEDICARE ? ORIGINAL_MEDICARE : COMMERCIAL);
  return determine(parseIntake(requestCase(org, sop, order, clinical)), library, { today }).determination;
}

const status = (d: Determination, id: string) => d.criteria.find((c) => c.id === id)?.status;
const missing = (d: Determination) => d.missingDocumentation.map((m) => m.id);

// Building blocks (coded data only).
const melanoma = (onset = '2025-06-10', extra = {}) => condition('C43.52', { onsetDateTime: onset, ...extra });
const axillaryNode = () => condition('C77.3', { onsetDateTime: '2026-02-10' });
const merkel = () => condition('C4A.4', { onsetDateTime: '2026-02-01' });
const cscc = () => condition('C44.42', { onsetDateTime: '2026-01-15' });
const excision = (date = '2025-07-01') => procedure('177262002', date, date, 'http://snomed.info/sct');
const pet = (date: string) => procedure('78815', date, date);
const pembrolizumab = (): MedicationRequest => ({
  resourceType: 'MedicationRequest',
  id: 'med-pembro',
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/pat-1' },
  medicationCodeableConcept: { text: 'Pembrolizumab 25 MG/ML Injectable Solution' },
  authoredOn: '2026-01-10',
});
const motherWithMelanoma = (): FamilyMemberHistory => ({
  resourceType: 'FamilyMemberHistory',
  id: 'fmh-1',
  status: 'completed',
  patient: { reference: 'Patient/pat-1' },
  relationship: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'MTH' }] },
  condition: [{ code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C43.9' }] } }],
});
const screening: Request = { reason: 'Screening; family history of melanoma (mother)', reasonIcd10: 'Z12.83' };

describe('the policy library as a whole', () => {
  it('loads every policy file under policies/ (schema and consistency checked) and each names its source', () => {
    expect(library.policies.length).toBeGreaterThanOrEqual(15);
    for (const policy of library.policies) {
      expect(policy.source.name, policy.id).toBeTruthy();
      expect(policy.source.url, policy.id).toMatch(/^https?:\/\/\S+$/);
    }
  });

  it('has a note on what is unverified, denial themes and a request on every leaf of the PET and lumbar policies it adds', () => {
    const added = library.policies.filter(
      (p) => p.id !== 'medicare-ncd-220-6-17-fdg-pet' && p.id !== 'uhc-lumbar-spine-mri',
    );
    for (const policy of added) {
      expect(policy.source.note, policy.id).toBeTruthy();
      expect(policy.denialThemes?.length, policy.id).toBeGreaterThan(0);
    }
  });
});

describe('every FDG PET policy', () => {
  const pet = library.policies.filter((p) => p.codes.cpt?.includes('78815'));

  it('covers 78811–78816 and labels the commercial files as guideline-based, payer text pending', () => {
    expect(pet.map((p) => p.id).sort()).toEqual([
      'anthem-fdg-pet-skin-cancer',
      'cigna-fdg-pet-skin-cancer',
      'commercial-fdg-pet-skin-cancer',
      'guideline-nccn-fdg-pet-skin-cancer',
      'medicare-advantage-ncd-220-6-17-fdg-pet',
      'medicare-ncd-220-6-17-fdg-pet',
    ]);
    for (const policy of pet)
      expect(policy.codes.cpt, policy.id).toEqual(['78811', '78812', '78813', '78814', '78815', '78816']);
    for (const id of ['anthem-fdg-pet-skin-cancer', 'cigna-fdg-pet-skin-cancer', 'commercial-fdg-pet-skin-cancer']) {
      const policy = pet.find((p) => p.id === id);
      expect(policy?.title, id).toMatch(/guideline-based, payer text pending/);
      expect(policy?.source.note, id).toMatch(/payer text pending/i);
    }
  });

  it('has exactly one payer policy per payer and line of business', () => {
    const seen = new Set<string>();
    for (const policy of pet.filter((p) => p.kind === 'payer')) {
      for (const payerId of policy.appliesTo.payers ?? []) {
        for (const line of policy.appliesTo.linesOfBusiness ?? ['any']) {
          expect(seen.has(`${payerId}/${line}`), `${payerId}/${line} in ${policy.id}`).toBe(false);
          seen.add(`${payerId}/${line}`);
        }
      }
    }
  });
});

describe.each([
  ['the national guideline (unknown payer)', ACME, 'guideline-nccn-fdg-pet-skin-cancer', 'unknown'],
  ['Anthem / Carelon', ANTHEM, 'anthem-fdg-pet-skin-cancer', true],
  ['Cigna / eviCore', CIGNA, 'cigna-fdg-pet-skin-cancer', true],
  ['UnitedHealthcare commercial', UHC, 'commercial-fdg-pet-skin-cancer', true],
] as const)('NCCN-style stage logic: %s', (_name, org, policyId, pa) => {
  it('a past stage IA melanoma in routine surveillance is not indicated: "restaging" is not "staging", history is still her stage', () => {
    const d = check(
      AETNA,
      [
        excision('2023-03-14'),
        note('n-hx', 'A/P: Hx stage IA melanoma of the upper back, NED at 3 yrs. Denies lumps, cough, bone pain.'),
      ],
      { reason: 'Routine annual restaging, asymptomatic', reasonIcd10: 'Z85.820' },
    );
    expect(status(d, 'advanced-purpose-on-order')).not.toBe('met');
    expect(status(d, 'early-melanoma-stage-stated')).toBe('met');
    expect(d.determination).toBe('does_not_meet');
  });

  it('meets for baseline staging of stage IIIB melanoma', () => {
    const d = check(org, [melanoma(), stageGroup('IIIB')], { reason: 'Baseline staging, stage IIIB melanoma' });
    expect(d.policy?.id).toBe(policyId);
    expect(d.paRequired).toBe(pa);
    expect(d.determination).toBe('meets');
    expect(status(d, 'advanced-stage-coded')).toBe('met');
    expect(status(d, 'advanced-purpose-on-order')).toBe('met');
    expect(d.missingDocumentation).toEqual([]);
  });

  it('does not meet for routine baseline imaging of stage IB melanoma without signs or symptoms', () => {
    const d = check(org, [melanoma(), stageGroup('IB')], { reason: 'Routine baseline imaging, stage IB melanoma' });
    expect(d.determination).toBe('does_not_meet');
    expect(status(d, 'early-melanoma-routine')).toBe('met');
    expect(status(d, 'early-melanoma-stage')).toBe('met');
  });

  it("reads the strategy the order's own name states ('… subsequent treatment strategy (PS)') as its modifier", () => {
    const order = serviceRequest('78816', {
      code: {
        coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '78816' }],
        text: 'FDG PET/CT whole body - subsequent treatment strategy (PS)',
      },
      reasonCode: [{ text: 'Solitary pulmonary nodule; PET before planned wedge resection' }],
    });
    const d = determine(
      parseIntake(requestCase(MEDICARE, ORIGINAL_MEDICARE, order, [melanoma(), excision()])),
      library,
      {
        today,
      },
    ).determination;
    expect(status(d, 'modifier-ps')).toBe('met');
    // So does a modifier in brackets after the scan's name ("FDG PET/CT skull base to mid-thigh (PI) - eval …").
    const named = serviceRequest('78815', {
      code: {
        coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '78815' }],
        text: 'FDG PET/CT skull base to mid-thigh (PI)',
      },
    });
    const plan = note(
      'n-plan',
      'Plan: FDG PET/CT; the extent of disease determines resection vs systemic therapy.',
      today,
    );
    const pi = determine(parseIntake(requestCase(MEDICARE, ORIGINAL_MEDICARE, named, [melanoma(), plan])), library, {
      today,
    }).determination;
    expect(status(pi, 'modifier-pi')).toBe('met');
  });

  it('does not meet for stage IB melanoma imaged for a family history, or for a baseline the order details state', () => {
    const family = check(org, [melanoma(), stageGroup('IB')], {
      reason: 'Family history of melanoma (mother), patient anxious',
      reasonIcd10: 'Z80.8',
    });
    expect(family.determination).toBe('does_not_meet');
    expect(status(family, 'early-melanoma-routine-reason')).toBe('met');
    const order = serviceRequest('78815', { orderDetail: [{ text: 'Whole-body FDG PET/CT, baseline' }] });
    const detailed = determine(
      parseIntake(requestCase(org, COMMERCIAL, order, [melanoma(), stageGroup('IB')])),
      library,
      {
        today,
      },
    ).determination;
    expect(status(detailed, 'early-melanoma-routine-reason')).toBe('met');
  });

  it('does not meet for routine surveillance of a melanoma whose stage IB is stated only in the note', () => {
    const text = 'Melanoma of the left thigh, stage IB, treated by wide local excision in 2025 with clear margins.';
    const d = check(org, [melanoma(), note('n-stage', text)], { reason: 'Routine surveillance, no symptoms' });
    expect(d.determination).toBe('does_not_meet');
    expect(status(d, 'early-melanoma-stage-stated')).toBe('met');
    expect(status(d, 'early-melanoma-stage')).toBe('met');
  });

  it('is insufficient for a melanoma with no stage and no stated purpose, and asks for both', () => {
    const d = check(org, [melanoma()]);
    expect(d.determination).toBe('insufficient_documentation');
    expect(status(d, 'skin-cancer')).toBe('met');
    expect(status(d, 'imaging-indication')).toBe('unknown');
    expect(missing(d)).toEqual(
      expect.arrayContaining(['advanced-stage-documented', 'advanced-stage-coded', 'signs-or-symptoms']),
    );
  });
});

describe('NCCN-style stage logic in detail (UnitedHealthcare commercial)', () => {
  it('meets for nodal disease (C77.3) at staging even without a coded stage', () => {
    const d = check(UHC, [melanoma(), axillaryNode()], { reason: 'Staging of axillary nodal disease' });
    expect(d.determination).toBe('meets');
    expect(status(d, 'metastases-coded')).toBe('met');
    expect(d.criteria.find((c) => c.id === 'metastases-coded')?.evidence[0]?.text).toMatch(/C77\.3/);
  });

  it('reads a pathological stage group (LOINC 21902-2) as well as a clinical one', () => {
    const d = check(UHC, [melanoma(), stageGroup('IV', { loinc: '21902-2' })], {
      reason: 'Work-up before systemic therapy',
    });
    expect(status(d, 'advanced-stage-coded')).toBe('met');
    expect(d.determination).toBe('meets');
  });

  it('leaves the stage unknown when the notes give the tumour two T categories', () => {
    const d = check(
      UHC,
      [
        melanoma(),
        note(
          'n-path',
          'Outside pathology: invasive melanoma, Breslow 2.4 mm, ulceration not identified, pT3a.',
          '2026-02-10',
        ),
        note('n-ap', 'A/P: stage IIB melanoma (pT3b N0 M0), NED. Surveillance PET/CT.', '2026-02-27'),
      ],
      { reason: 'Routine surveillance, no symptoms' },
    );
    expect(status(d, 'surveillance-stage-documented')).toBe('unknown');
    expect(d.criteria.find((c) => c.id === 'surveillance-stage-documented')?.reason).toMatch(
      /tumour category more than one way \(T3b, T3a\)|tumour category more than one way \(T3a, T3b\)/,
    );
    expect(d.determination).toBe('insufficient_documentation');
  });

  it('reads the stage a problem-list entry states, and leaves it open where a later note weighs two groups', () => {
    const staged = condition('C43.72', {
      onsetDateTime: '2025-06-12',
      code: {
        text: 'Melanoma L calf, pT4b N0 M0, stage IIC',
        coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C43.72' }],
      },
    });
    const surveillance = { reason: 'Routine surveillance, no symptoms' };
    expect(status(check(UHC, [staged], surveillance), 'surveillance-stage-documented')).toBe('met');
    const weighed = note('n-onc', 'Melanoma L calf: stage IIB vs IIC, ulceration under review.', '2026-01-13');
    const d = check(UHC, [staged, weighed], surveillance);
    expect(status(d, 'surveillance-stage-documented')).toBe('unknown');
    expect(d.criteria.find((c) => c.id === 'surveillance-stage-documented')?.reason).toMatch(/leaves the stage open/);
    const undetermined = note(
      'n-sub',
      'Melanoma of the calf, stage II per outside letter - substage cannot be determined without ulceration status.',
      '2026-01-13',
    );
    expect(status(check(UHC, [staged, undetermined], surveillance), 'surveillance-stage-documented')).toBe('unknown');
  });

  it('takes a suspected recurrence for the work-up of its extent, unless the order waits on the test that decides it', () => {
    const suspected = note(
      'n-susp',
      'Stage IIB melanoma survivor with a new 11 mm spiculated RLL nodule - suspicious for recurrent melanoma. PET/CT before possible metastasectomy; the result decides surgery vs systemic therapy.',
      today,
    );
    expect(status(check(UHC, [melanoma(), suspected]), 'recurrence-documented')).toBe('met');
    const waiting = note('n-wait', 'Plan: PET/CT ordered; will cancel if FNA is benign/reactive.', today);
    expect(check(UHC, [melanoma(), suspected, waiting]).determination).not.toBe('meets');
  });

  it('leaves the stage unknown when the record states it two ways, but reads a later spread as the stage now', () => {
    const twoWays = check(
      UHC,
      [
        melanoma(),
        note('n-hx', 'History: melanoma L leg, stage IIA (pT3a N0), s/p WLE/SLNB.', '2026-02-10'),
        note('n-ap', 'A/P: stage IIB melanoma (pT3b N0), NED. Surveillance PET/CT.', '2026-02-27'),
      ],
      { reason: 'Routine surveillance, no symptoms' },
    );
    expect(status(twoWays, 'surveillance-stage-documented')).toBe('unknown');
    expect(twoWays.criteria.find((c) => c.id === 'surveillance-stage-documented')?.reason).toMatch(
      /stage more than one way \(IIB, IIA\)/,
    );
    expect(twoWays.determination).toBe('insufficient_documentation');
    const spread = check(
      UHC,
      [
        melanoma(),
        note('n-hx', 'Melanoma L leg, stage IIB at diagnosis.', '2025-08-10'),
        note(
          'n-ap',
          'A/P: now stage IV melanoma with new lung metastases; PET/CT before systemic therapy.',
          '2026-02-27',
        ),
      ],
      { reason: 'Work-up before systemic therapy' },
    );
    expect(status(spread, 'advanced-stage-documented')).toBe('met');
  });

  it('ignores a stage group entered in error', () => {
    const wrong = { ...stageGroup('IIIC'), status: 'entered-in-error' as const };
    const d = check(UHC, [melanoma(), wrong], { reason: 'Staging' });
    expect(status(d, 'advanced-stage-coded')).toBe('unknown');
    expect(d.determination).toBe('insufficient_documentation');
  });

  it('asks what the scan is for when nodal disease is known but the purpose is not stated', () => {
    const d = check(UHC, [melanoma(), axillaryNode()]);
    expect(status(d, 'advanced-extent')).toBe('met');
    expect(status(d, 'advanced-purpose')).toBe('unknown');
    expect(d.determination).toBe('insufficient_documentation');
    expect(missing(d)).toContain('advanced-purpose-on-order');
  });

  it('takes the treatment decision a note states as the purpose of a scan for nodal disease', () => {
    const plan = note('plan-1', 'Plan: PET/CT to exclude distant mets before committing to neck dissection.');
    const d = check(UHC, [melanoma(), axillaryNode(), plan]);
    expect(status(d, 'advanced-treatment-decision')).toBe('met');
    expect(d.determination).toBe('meets');
  });

  it('meets for stage IB melanoma when the order states a specific sign (new palpable node)', () => {
    const d = check(UHC, [melanoma(), stageGroup('IB')], { reason: 'New palpable left axillary mass' });
    expect(status(d, 'early-melanoma-routine')).toBe('not_met');
    expect(status(d, 'signs-or-symptoms')).toBe('met');
    expect(d.determination).toBe('meets');
  });

  it('meets for response assessment of metastatic melanoma on pembrolizumab', () => {
    const d = check(UHC, [melanoma(), stageGroup('IV'), pembrolizumab()], {
      reason: 'Response assessment on pembrolizumab',
    });
    expect(d.determination).toBe('meets');
  });

  it('meets for a recurrence coded on the melanoma diagnosis', () => {
    const recurrent = melanoma('2024-05-01', {
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'recurrence' }],
      },
    });
    const d = check(UHC, [recurrent, excision('2024-06-01')]);
    expect(status(d, 'recurrence-coded')).toBe('met');
    expect(d.determination).toBe('meets');
  });

  it('meets for surveillance of stage IIC melanoma within 5 years of diagnosis, after excision', () => {
    const d = check(UHC, [melanoma(), stageGroup('IIC'), excision()], { reason: 'Surveillance imaging, stage IIC' });
    expect(status(d, 'melanoma-surveillance')).toBe('met');
    expect(status(d, 'surveillance-treatment-completed')).toBe('met');
    expect(status(d, 'surveillance-within-5-years')).toBe('met');
    expect(d.determination).toBe('meets');
  });

  it('does not meet for surveillance of stage IIA melanoma (no routine imaging for 0–IIA)', () => {
    const d = check(UHC, [melanoma(), stageGroup('IIA'), excision()], { reason: 'Surveillance imaging' });
    expect(d.determination).toBe('does_not_meet');
    expect(status(d, 'early-melanoma-routine')).toBe('met');
  });

  it('does not meet for routine surveillance more than 5 years after diagnosis', () => {
    const d = check(UHC, [melanoma('2019-03-01'), stageGroup('IIIA'), excision('2019-04-01')], {
      reason: 'Routine surveillance, no symptoms',
    });
    expect(status(d, 'late-surveillance')).toBe('met');
    expect(d.determination).toBe('does_not_meet');
  });

  it('meets for baseline staging of Merkel cell carcinoma (PET/CT preferred)', () => {
    const d = check(UHC, [merkel()], { reason: 'Baseline staging of Merkel cell carcinoma' });
    expect(status(d, 'merkel-baseline')).toBe('met');
    expect(d.determination).toBe('meets');
  });

  it('is insufficient for Merkel cell carcinoma without a stated purpose', () => {
    const d = check(UHC, [merkel()]);
    expect(d.determination).toBe('insufficient_documentation');
    expect(missing(d)).toEqual(expect.arrayContaining(['merkel-staging-phase', 'merkel-staging-on-order']));
  });

  it('does not meet for low-risk (stage I) cutaneous SCC that was excised', () => {
    const d = check(UHC, [cscc(), stageGroup('I'), excision('2026-02-01')], { reason: 'Post-excision imaging' });
    expect(status(d, 'low-risk-cscc-excised')).toBe('met');
    expect(d.determination).toBe('does_not_meet');
  });

  it('meets for cutaneous SCC with nodal disease before treatment', () => {
    const d = check(UHC, [cscc(), condition('C77.0')], { reason: 'Pre-treatment work-up, cervical nodes' });
    expect(d.determination).toBe('meets');
  });

  it('meets for cutaneous SCC with perineural invasion stated on the order', () => {
    const d = check(UHC, [cscc()], { reason: 'Extent of disease: perineural invasion on pathology' });
    expect(status(d, 'cscc-extensive-on-order')).toBe('met');
    expect(d.determination).toBe('meets');
  });

  it('does not take a "high risk" label on the order for a documented high-risk feature', () => {
    const d = check(UHC, [cscc()], { reason: 'SCC left ear, high risk per referral, staging' });
    expect(status(d, 'cscc-extensive-on-order')).not.toBe('met');
    expect(d.determination).not.toBe('meets');
  });

  it('does not meet for melanoma in situ only (stage 0)', () => {
    const d = check(UHC, [condition('D03.5', { onsetDateTime: '2026-02-01' })], { reason: 'Baseline imaging' });
    expect(status(d, 'in-situ-only')).toBe('met');
    expect(d.determination).toBe('does_not_meet');
  });

  it('is insufficient on a silent record and asks first for the patient’s own cancer', () => {
    const d = check(UHC, []);
    expect(d.determination).toBe('insufficient_documentation');
    expect(missing(d)[0]).toBe('skin-cancer');
    expect(d.missingDocumentation[0]?.text).toMatch(/patient's own cancer diagnosis/);
  });
});

describe('payer variation on identical records', () => {
  it('screening on a family history: excluded for commercial plans, the guideline and Medicare Advantage; only insufficient for Original Medicare', () => {
    for (const [org, sop, id] of [
      [UHC, COMMERCIAL, 'commercial-fdg-pet-skin-cancer'],
      [ACME, COMMERCIAL, 'guideline-nccn-fdg-pet-skin-cancer'],
      [HUMANA, MEDICARE_ADVANTAGE, 'medicare-advantage-ncd-220-6-17-fdg-pet'],
    ] as const) {
      const d = check(org, [motherWithMelanoma()], { ...screening, sop, modifier: 'PI' });
      expect(d.policy?.id).toBe(id);
      expect(d.determination, id).toBe('does_not_meet');
      expect(status(d, 'screening-only'), id).toBe('met');
    }
    const medicare = check(MEDICARE, [motherWithMelanoma()], { ...screening, modifier: 'PI' });
    expect(medicare.determination).toBe('insufficient_documentation');
    expect(status(medicare, 'solid-tumor')).toBe('unknown');
  });

  it('initial-strategy PET for stage IB melanoma: covered by the NCD (Medicare, MA), not routine under the NCCN logic (commercial)', () => {
    const record = () => [melanoma(), stageGroup('IB')];
    const request: Request = { modifier: 'PI', reason: 'Routine baseline staging before wide excision' };
    const medicare = check(MEDICARE, record(), request);
    expect(medicare.determination).toBe('meets');
    expect(medicare.paRequired).toBe(false);
    const ma = check(UHC, record(), { ...request, sop: MEDICARE_ADVANTAGE });
    expect(ma.policy?.id).toBe('medicare-advantage-ncd-220-6-17-fdg-pet');
    expect(ma.determination).toBe('meets');
    expect(ma.paRequired).toBe('unknown');
    const commercial = check(UHC, record(), request);
    expect(commercial.determination).toBe('does_not_meet');
    expect(commercial.paRequired).toBe(true);
  });

  it('stage IIIB melanoma with nodes at staging meets everywhere, with PA false / unknown / required by line of business', () => {
    const record = () => [melanoma(), axillaryNode(), stageGroup('IIIB')];
    const request: Request = { modifier: 'PI', reason: 'Initial staging, stage IIIB melanoma' };
    const results = [
      check(MEDICARE, record(), request),
      check(AETNA, record(), { ...request, sop: MEDICARE_ADVANTAGE }),
      check(AETNA, record(), request),
      check(ANTHEM, record(), request),
    ];
    expect(results.map((d) => d.determination)).toEqual(['meets', 'meets', 'meets', 'meets']);
    expect(results.map((d) => d.paRequired)).toEqual([false, 'unknown', true, true]);
  });

  it('a fourth subsequent-strategy scan: not covered under the NCD (Medicare, MA), while the NCCN logic does not count scans', () => {
    const record = () => [
      melanoma(),
      stageGroup('IIC'),
      excision(),
      pet('2025-09-01'),
      pet('2025-12-01'),
      pet('2026-02-01'),
    ];
    const request: Request = { modifier: 'PS', reason: 'Surveillance, stage IIC melanoma' };
    const medicare = check(MEDICARE, record(), request);
    expect(medicare.determination).toBe('does_not_meet');
    expect(status(medicare, 'within-subsequent-limit')).toBe('not_met');
    const ma = check(HUMANA, record(), { ...request, sop: MEDICARE_ADVANTAGE });
    expect(ma.determination).toBe('does_not_meet');
    expect(ma.criteria.find((c) => c.id === 'within-subsequent-limit')?.evidence).toHaveLength(3);
    const commercial = check(KAISER, record(), request);
    expect(commercial.determination).toBe('meets');
    expect(commercial.policy?.id).toBe('commercial-fdg-pet-skin-cancer');
  });

  it('scans are counted per cancer: PETs coded for a past lymphoma do not count against a melanoma order', () => {
    const petFor = (date: string, code: string) => ({
      ...pet(date),
      reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }] }],
    });
    const forLymphoma = (date: string) => petFor(date, 'C83.30');
    const record = () => [
      melanoma(),
      stageGroup('IIC'),
      excision(),
      forLymphoma('2025-08-01'),
      forLymphoma('2025-10-01'),
      forLymphoma('2025-11-01'),
      pet('2025-09-01'),
      // Nodal metastases name no primary: this scan may be the melanoma's and counts.
      petFor('2025-12-01', 'C77.3'),
    ];
    const melanomaOrder: Request = { modifier: 'PS', reason: 'Stage IIC melanoma, new nodule', reasonIcd10: 'C43.52' };
    const d = check(MEDICARE, record(), melanomaOrder);
    expect(status(d, 'within-subsequent-limit')).toBe('met');
    expect(d.criteria.find((c) => c.id === 'within-subsequent-limit')?.reason).toBe(
      '2 prior subsequent-strategy PET scan(s) on record (2025-09-01, 2025-12-01); this request would be number 3 (limit 3); 3 scan date(s) for another cancer, with another tracer or from before this cancer was found not counted',
    );
    // An order that does not code its cancer cannot tell the scans apart: every PET counts (and the limit is reached).
    const uncoded = check(MEDICARE, record(), { modifier: 'PS', reason: 'Stage IIC melanoma, new nodule' });
    expect(status(uncoded, 'within-subsequent-limit')).toBe('not_met');
  });
});

describe('Medicare Advantage and Original Medicare (NCD 220.6.17)', () => {
  const ma: Request = { sop: MEDICARE_ADVANTAGE };

  it('MA: meets for a third subsequent-strategy scan after completed therapy', () => {
    const d = check(UHC, [melanoma(), excision(), pet('2025-09-01'), pet('2026-01-05')], { ...ma, modifier: 'PS' });
    expect(d.determination).toBe('meets');
    expect(d.criteria.find((c) => c.id === 'within-subsequent-limit')?.reason).toMatch(/would be number 3 \(limit 3\)/);
  });

  it('MA: does not meet for a second initial-strategy scan for the same cancer', () => {
    const d = check(CIGNA, [melanoma(), pet('2025-06-20')], { ...ma, modifier: 'PI' });
    expect(status(d, 'first-initial-pet')).toBe('not_met');
    expect(d.determination).toBe('does_not_meet');
  });

  it('MA: does not meet for an initial-strategy scan of the regional lymph nodes in melanoma', () => {
    const d = check(ANTHEM, [melanoma()], { ...ma, modifier: 'PI', reason: 'Evaluate regional lymph nodes' });
    expect(status(d, 'melanoma-regional-nodes')).toBe('met');
    expect(d.determination).toBe('does_not_meet');
  });

  it('MA: a regional-node scan the record places at staging is initial strategy without the PI modifier', () => {
    const staging = note(
      'n-nodes',
      'Plan: PET/CT for initial staging of the right axillary nodal basin, in lieu of SLNB.',
    );
    const d = check(ANTHEM, [melanoma(), staging], { ...ma, reason: 'Evaluate regional lymph nodes' });
    expect(status(d, 'melanoma-regional-nodes')).toBe('met');
    expect(d.determination).toBe('does_not_meet');
  });

  it('MA: a hedged plan on the order date ("I do think it is reasonable to get a PET/CT first to evaluate the nodal basin") states its purpose', () => {
    const plan = note(
      'n-plan',
      'I do think it is reasonable to get a PET/CT first to evaluate the left axillary nodal basin, and if the axilla lights up we could go to dissection.',
      today,
    );
    const d = check(ANTHEM, [melanoma(), plan], {
      ...ma,
      modifier: 'PI',
      reason: 'Staging, new melanoma prior to WLE/SLNB',
    });
    expect(status(d, 'melanoma-regional-nodes')).toBe('met');
    expect(d.determination).toBe('does_not_meet');
  });

  it('MA: asks for the strategy modifier when the order states neither PI nor PS', () => {
    const d = check(UNLISTED_MA, [melanoma()], ma);
    expect(d.payer.id).toBe('medicare-advantage-other');
    expect(d.policy?.id).toBe('medicare-advantage-ncd-220-6-17-fdg-pet');
    expect(d.determination).toBe('insufficient_documentation');
    // PI and PS share one request (the engine asks once for one document).
    expect(missing(d)).toContain('modifier-pi');
    expect(d.missingDocumentation.find((m) => m.id === 'modifier-pi')?.text).toMatch(/modifier PI .* PS/);
  });

  it('Original Medicare: a PET months before this cancer was first recorded, naming no skin cancer, is not its initial PET', () => {
    const order = { modifier: 'PI' as const, reason: 'Merkel cell carcinoma', reasonIcd10: 'C4A.4' };
    const d = check(MEDICARE, [merkel(), pet('2025-06-12')], order);
    expect(status(d, 'first-initial-pet')).toBe('met');
    expect(d.determination).toBe('meets');
    // Within weeks of the diagnosis it may have been this cancer's work-up.
    expect(status(check(MEDICARE, [merkel(), pet('2026-01-10')], order), 'first-initial-pet')).toBe('not_met');
  });

  it('Original Medicare: Merkel cell carcinoma is a covered solid tumour for the initial strategy', () => {
    const d = check(MEDICARE, [merkel()], { modifier: 'PI' });
    expect(d.determination).toBe('meets');
    expect(d.paRequired).toBe(false);
  });

  it('Original Medicare: cutaneous SCC subsequent strategy after excision is covered', () => {
    const d = check(MEDICARE, [cscc(), excision('2026-01-20')], { modifier: 'PS' });
    expect(status(d, 'initial-therapy-completed')).toBe('met');
    expect(d.determination).toBe('meets');
  });

  it('Original Medicare: a subsequent-strategy scan while initial therapy is still under way does not meet', () => {
    const d = check(MEDICARE, [melanoma(), pembrolizumab()], { modifier: 'PS' });
    expect(status(d, 'initial-therapy-completed')).toBe('not_met');
    expect(d.determination).toBe('does_not_meet');
  });
});

describe('policy selection for PET', () => {
  it('an unknown payer falls back to the NCCN-style guideline with a warning', () => {
    const d = check(ACME, [melanoma(), stageGroup('IIIB')], { reason: 'Staging' });
    expect(d.policy?.id).toBe('guideline-nccn-fdg-pet-skin-cancer');
    expect(d.paRequired).toBe('unknown');
    expect(d.warnings.join()).toMatch(
      /'Acme Health Plan' is not in the payer directory: national guideline policy applied/,
    );
  });

  it('UHC Community Plan (Medicaid managed care) has no PET policy of its own: guideline fallback with the reason', () => {
    const d = check(payer('UnitedHealthcare Community Plan', '87726'), [merkel()], {
      sop: MEDICAID_MANAGED_CARE,
      reason: 'Baseline staging',
    });
    expect(d.policy?.id).toBe('guideline-nccn-fdg-pet-skin-cancer');
    expect(d.determination).toBe('meets');
    expect(d.warnings.join()).toMatch(/UnitedHealthcare has no policy for 78815 \(medicaid managed care\)/);
  });

  it.each([
    ['Aetna', AETNA],
    ['Humana', HUMANA],
    ['Kaiser Permanente', KAISER],
    ['the Blue plan', BLUE],
  ])('%s commercial uses the commercial guideline-based file with PA required', (_name, org) => {
    const d = check(org, [merkel()], { reason: 'Baseline staging' });
    expect(d.policy?.id).toBe('commercial-fdg-pet-skin-cancer');
    expect(d.paRequired).toBe(true);
    expect(d.determination).toBe('meets');
  });
});
