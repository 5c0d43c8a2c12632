// The lumbar spine MRI part of the policy library, loaded from policies/ as in production: every payer file on its
// met, not met and unknown paths, payer differences on identical records, red flags, the guideline fallback, and the
// payer directory. Records are coded FHIR resources (no note extraction needed). All data is synthetic.
import { describe, expect, it } from 'vitest';
import type { Organization, Resource } from '@medplum/fhirtypes';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { resolvePayer } from '../coverage/payer.ts';
import { determine } from '../determination/determine.ts';
import type { Determination } from '../determination/determination.ts';
import { parseIntake } from '../intake/intake.ts';
import {
  condition,
  coverage,
  encounter,
  MEDICARE,
  neuroFinding,
  note,
  payer,
  procedure,
  requestCase,
  serviceRequest,
  UHC,
} from '../../testing/fixtures.ts';

const library = loadPolicyLibrary();
const today = '2026-03-02';

const AETNA = payer('Aetna', '60054');
const CIGNA = payer('Cigna Healthcare', '62308');
const ANTHEM = payer('Anthem Blue Cross', 'TEST-ANTHEM');
const HUMANA = payer('Humana', '61101');
const KAISER = payer('Kaiser Permanente', '94135');
const BLUE = payer('Blue Cross Blue Shield of Testland', 'TEST-BLUE');
const WELLCARE_MA = payer('Testcare Medicare Advantage', 'TEST-MA');
const ACME = payer('Acme Health Plan', '99999');

const COMMERCIAL = '5';
const MEDICARE_ADVANTAGE = '11';
const MEDICAID_MANAGED_CARE = '21';

function check(org: Organization, clinical: Resource[], options: { sop?: string; reason?: string; cpt?: string } = {}) {
  const order = serviceRequest(
    options.cpt ?? '72148',
    options.reason ? { reasonCode: [{ text: options.reason }] } : {},
  );
  const intake = parseIntake(requestCase(org, options.sop ?? COMMERCIAL, order, clinical));
  return determine(intake, library, { today }).determination;
}

const status = (d: Determination, id: string) => d.criteria.find((c) => c.id === id)?.status;
const missing = (d: Determination) => d.missingDocumentation.map((m) => m.id);

// Building blocks of the records (coded data only).
const radiculopathy = () => condition('M54.16', { onsetDateTime: '2025-12-01' });
const pt = (start: string, end: string) => procedure('97110', start, end);
const sevenWeeksPt = () => pt('2026-01-05', '2026-02-23');
const fiveWeeksPt = () => pt('2026-01-12', '2026-02-16');
const twoWeeksPt = () => pt('2026-02-02', '2026-02-16');
const weakness = () => neuroFinding('26544005', 'left L5 (EHL 4/5)');
const sensoryLoss = () => neuroFinding('44077006', 'left L5 dermatome');
const followUp = () => encounter('Follow-up visit after physical therapy', '2026-02-27');
const refuted = {
  verificationStatus: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'refuted' }],
  },
};

/** Radiculopathy with motor weakness, 7 weeks of PT and a follow-up visit: the usual well-documented request. */
const wellDocumented = () => [radiculopathy(), sevenWeeksPt(), weakness(), followUp()];

describe('payer directory', () => {
  const resolve = (name: string, id = 'none', sop = COMMERCIAL) =>
    resolvePayer(library.payers, coverage(sop), payer(name, id), undefined);

  it('keeps the generic Medicare entries last so that named plans win', () => {
    const ids = library.payers.map((p) => p.id);
    expect(ids.at(-1)).toBe('medicare');
    expect(ids.at(-2)).toBe('medicare-advantage-other');
    expect(ids).toEqual(expect.arrayContaining(['uhc', 'aetna', 'cigna', 'anthem', 'humana', 'kaiser', 'bcbs']));
  });

  it.each([
    ['Humana Medicare Advantage', 'humana'],
    ['AARP Medicare Advantage from UnitedHealthcare', 'uhc'],
    ['Anthem Blue Cross and Blue Shield', 'anthem'],
    ['Empire BlueCross BlueShield', 'anthem'],
    ['Blue Cross Blue Shield of Testland', 'bcbs'],
    ['Kaiser Foundation Health Plan of Colorado', 'kaiser'],
    ['Aetna Better Health of Testland', 'aetna'],
    ['Cigna Healthcare of Testland', 'cigna'],
    ['Testcare Medicare Advantage', 'medicare-advantage-other'],
    ['Medicare Part B', 'medicare'],
  ])('resolves %s to %s', (name, id) => {
    expect(resolve(name).id).toBe(id);
  });

  it('resolves by EDI payer id before the name, and an unlisted Medicare Advantage plan is never Original Medicare', () => {
    expect(resolve('Some TPA', '61101').id).toBe('humana');
    expect(resolve('Testcare Medicare Advantage').lineOfBusiness).toBe('medicare_advantage');
    expect(resolve('Medicare Part B').lineOfBusiness).toBe('original_medicare');
  });
});

describe('every lumbar spine MRI policy', () => {
  const lumbar = library.policies.filter((p) => p.codes.cpt?.includes('72148'));

  it('covers 72148/72149/72158 and names its source with a public address and what is unverified', () => {
    expect(lumbar.map((p) => p.id).sort()).toEqual([
      'aetna-lumbar-spine-mri',
      'anthem-lumbar-spine-mri',
      'bcbs-lumbar-spine-mri',
      'cigna-lumbar-spine-mri',
      'guideline-acr-lumbar-spine-mri',
      'humana-lumbar-spine-mri',
      'kaiser-lumbar-spine-mri',
      'medicare-advantage-lumbar-spine-mri',
      'uhc-lumbar-spine-mri',
    ]);
    for (const policy of lumbar) {
      expect(policy.codes.cpt, policy.id).toEqual(['72148', '72149', '72158']);
      expect(policy.source.url, policy.id).toMatch(/^https?:\/\//);
      expect(policy.denialThemes?.length, policy.id).toBeGreaterThan(0);
    }
  });

  it('has exactly one payer policy per payer and line of business (no ambiguous selection)', () => {
    const seen = new Map<string, string>();
    for (const policy of lumbar.filter((p) => p.kind === 'payer')) {
      for (const payerId of policy.appliesTo.payers ?? []) {
        for (const line of policy.appliesTo.linesOfBusiness ?? ['any']) {
          const key = `${payerId}/${line}`;
          expect(seen.get(key), `${key} in ${policy.id}`).toBeUndefined();
          seen.set(key, policy.id);
        }
      }
    }
  });
});

describe('payer variation on identical records', () => {
  it('a lumbar MRI within the year and symptoms stated unchanged since is a repeat study: not met, unless they progressed later', () => {
    const prior = note('n-mri', 'MRI lumbar spine 09/10/2025: mild L4-5 bulge, no stenosis.', '2025-09-12');
    const same = note('n-now', 'Back and right leg pain about the same as in September; exam unchanged.', '2026-02-27');
    const d = check(UHC, [...wellDocumented(), prior, same]);
    expect(status(d, 'repeat-imaging-without-change')).toBe('met');
    expect(d.determination).toBe('does_not_meet');
    const worse = note('n-worse', 'Since then the right foot weakness is getting worse.', '2026-03-01');
    expect(status(check(UHC, [...wellDocumented(), prior, same, worse]), 'repeat-imaging-without-change')).toBe(
      'not_met',
    );
    const knee = note('n-knee', 'MRI right knee 09/10/2025: meniscal tear.', '2025-09-12');
    expect(status(check(UHC, [...wellDocumented(), knee, same]), 'prior-lumbar-mri')).not.toBe('met');
  });

  it('a patient who refuses both surgery and injection: not met for Cigna, UHC and the ACR guideline', () => {
    const declined = note(
      'n-declined',
      'Discussed referral for an S1 epidural steroid injection and a surgical consultation. She declines any injection and would not have spine surgery under any circumstances.',
      '2026-02-27',
    );
    for (const org of [CIGNA, UHC, ACME]) {
      const d = check(org, [...wellDocumented(), declined]);
      expect(status(d, 'procedures-declined')).toBe('met');
      expect(d.determination).toBe('does_not_meet');
    }
    // Declining the injection alone leaves surgery open: undecided, and the silent Cigna record is not excluded.
    const injectionOnly = note('n-esi', 'She declines an epidural steroid injection.', '2026-02-27');
    expect(status(check(ACME, [...wellDocumented(), injectionOnly]), 'intervention-candidate')).toBe('unknown');
    expect(status(check(CIGNA, [...wellDocumented(), injectionOnly]), 'procedures-declined')).toBe('unknown');
  });

  it('radiculopathy + motor weakness + 7 weeks PT + re-evaluation: UHC and Kaiser meet; Cigna, Aetna, Anthem and the Blue plan ask for more', () => {
    const [uhc, cigna, kaiser, aetna, anthem, bcbs] = [UHC, CIGNA, KAISER, AETNA, ANTHEM, BLUE].map((org) =>
      check(org, wellDocumented()),
    );
    expect(uhc?.determination).toBe('meets');
    expect(kaiser?.determination).toBe('meets');
    // Cigna's low-back text is unknown: its ACR variant 3 / ACP stand-in asks for candidacy, for radiculopathy too.
    expect(cigna?.determination).toBe('insufficient_documentation');
    expect(cigna?.missingDocumentation.map((m) => m.id)).toEqual([
      'surgical-candidate-documented',
      'injection-candidate-documented',
      'candidate-on-order',
    ]);
    // Aetna asks for "no improvement" after the trial; the ACR-variant payers also for intervention candidacy.
    expect(aetna?.determination).toBe('insufficient_documentation');
    expect(aetna?.missingDocumentation.map((m) => m.id)).toEqual(['no-improvement']);
    expect(anthem?.determination).toBe('insufficient_documentation');
    expect(anthem?.missingDocumentation.map((m) => m.id)).toEqual([
      'persistent-or-progressive',
      'surgical-candidate-documented',
      'injection-candidate-documented',
      'candidate-on-order',
    ]);
    expect(bcbs?.determination).toBe('insufficient_documentation');
    expect(bcbs?.paRequired).toBe('unknown');
    expect(anthem?.paRequired).toBe(true);
  });

  it('courses months apart are two attempts, not one trial: 3 + 3 weeks with a long pause is not 6 weeks', () => {
    const apart = [
      radiculopathy(),
      pt('2025-12-01', '2025-12-22'),
      pt('2026-02-02', '2026-02-23'),
      weakness(),
      followUp(),
    ];
    const d = check(UHC, apart);
    expect(status(d, 'conservative-care')).toBe('not_met');
    expect(d.criteria.find((c) => c.id === 'conservative-care')?.reason).toMatch(/documented for 3 of the required 6/);
    const close = [
      radiculopathy(),
      pt('2025-12-01', '2025-12-29'),
      pt('2026-01-12', '2026-02-02'),
      weakness(),
      followUp(),
    ];
    expect(status(check(UHC, close), 'conservative-care')).toBe('met');
  });

  it('5 weeks of PT: Kaiser (4-week trial) meets, UHC and Cigna (6 weeks) do not, Aetna asks whether it is degenerative disease', () => {
    const record = () => [radiculopathy(), fiveWeeksPt(), weakness(), followUp()];
    const kaiser = check(KAISER, record());
    expect(kaiser.determination).toBe('meets');
    expect(kaiser.criteria.find((c) => c.id === 'conservative-care')?.reason).toBe(
      "5 weeks of conservative care documented in this episode's window (from 2025-12-01, its onset); 1 course states no reason: counted as inside the window",
    );
    for (const org of [UHC, CIGNA]) {
      const d = check(org, record());
      expect(d.determination).toBe('does_not_meet');
      expect(d.criteria.find((c) => c.id === 'conservative-care')?.reason).toBe(
        "conservative care documented for 5 of the required 6 weeks in this episode's window (from 2025-12-01, its onset); 1 course states no reason: counted as inside the window",
      );
    }
    const aetna = check(AETNA, record());
    expect(aetna.determination).toBe('insufficient_documentation');
    expect(status(aetna, 'six-week-trial')).toBe('not_met');
    expect(status(aetna, 'four-week-trial')).toBe('met');
    // The shortfall leaf also asks for the longer trial: either more therapy or the degenerative diagnosis would do.
    expect(missing(aetna)).toEqual(['six-week-trial', 'degenerative-diagnosis', 'no-improvement']);
  });

  it('the same UHC member: the commercial policy meets, the Medicare Advantage line is judged on the ACR variants', () => {
    expect(check(UHC, wellDocumented()).determination).toBe('meets');
    const ma = check(UHC, wellDocumented(), { sop: MEDICARE_ADVANTAGE });
    expect(ma.policy?.id).toBe('medicare-advantage-lumbar-spine-mri');
    expect(ma.payer.lineOfBusiness).toBe('medicare_advantage');
    expect(ma.determination).toBe('insufficient_documentation');
    expect(ma.paRequired).toBe('unknown');
  });

  it('SNOMED-only chronic low back pain (Synthea) satisfies the diagnosis and, by its onset, the ACR duration', () => {
    const snomed = condition('x', {
      code: { coding: [{ system: 'http://snomed.info/sct', code: '278860009', display: 'Chronic low back pain' }] },
      onsetDateTime: '2025-06-01',
    });
    const d = check(ANTHEM, [snomed]);
    expect(status(d, 'lumbar-diagnosis')).toBe('met');
    // The duration rule reads the diagnosis facts, SNOMED CT mapped to ICD-10-CM: onset nine months before the order.
    expect(status(d, 'subacute-or-chronic')).toBe('met');
  });

  it('sensory loss as the only finding: UHC accepts any objective finding, Aetna asks for a motor or reflex change', () => {
    const record = () => [radiculopathy(), sevenWeeksPt(), sensoryLoss(), followUp()];
    expect(check(UHC, record()).determination).toBe('meets');
    const aetna = check(AETNA, record());
    expect(aetna.determination).toBe('insufficient_documentation');
    expect(status(aetna, 'motor-or-reflex-change')).toBe('unknown');
    expect(aetna.missingDocumentation.find((m) => m.id === 'motor-or-reflex-change')?.text).toMatch(
      /motor or reflex change/,
    );
  });

  it('osteoporosis with low back pain: a red flag for UHC, Kaiser and the ACR-variant payers, not a stand-alone Aetna item', () => {
    const record = () => [condition('M54.50', { onsetDateTime: '2026-02-20' }), condition('M81.0')];
    for (const org of [UHC, KAISER, ANTHEM]) {
      const d = check(org, record());
      expect(d.determination, d.policy?.id).toBe('meets');
    }
    // Ten days of back pain cannot hold Aetna's 4- or 6-week trial: a contradiction, not missing documentation.
    const aetna = check(AETNA, record());
    expect(aetna.determination).toBe('does_not_meet');
    expect(status(aetna, 'standalone-indication')).toBe('unknown');
  });

  it('postlaminectomy syndrome: Aetna needs the symptoms back after surgery, not unchanged; Anthem (ACR variant 5) needs new or progressing symptoms', () => {
    const record = () => [condition('M96.1', { onsetDateTime: '2025-06-01' })];
    expect(status(check(AETNA, record()), 'post-surgical-recurrence')).toBe('unknown');
    const back = note('n-back', 'Left leg pain has come back since March and is getting worse.', '2026-02-20');
    const aetna = check(AETNA, [...record(), back]);
    expect(aetna.determination).toBe('meets');
    expect(status(aetna, 'post-surgical-recurrence')).toBe('met');
    const same = note(
      'n-same',
      'No change in the pattern or severity of his back pain over the past 2 years.',
      '2026-02-20',
    );
    expect(status(check(AETNA, [...record(), same]), 'post-surgical-recurrence')).toBe('not_met');
    const anthem = check(ANTHEM, record());
    expect(status(anthem, 'prior-lumbar-surgery')).toBe('met');
    expect(status(anthem, 'new-or-progressing-symptoms')).toBe('unknown');
    expect(anthem.determination).toBe('insufficient_documentation');
  });

  it('neurogenic claudication (M48.062): a stand-alone Aetna indication, a trial-dependent one for UHC', () => {
    const record = () => [condition('M48.062', { onsetDateTime: '2025-11-01' })];
    expect(check(AETNA, record()).determination).toBe('meets');
    const uhc = check(UHC, record());
    expect(uhc.determination).toBe('insufficient_documentation');
    expect(status(uhc, 'lumbar-diagnosis')).toBe('met');
  });

  it('acute low back pain (10 days) without red flags: not appropriate under the ACR variants (Anthem), too recent for the UHC trial', () => {
    const record = () => [condition('M54.50', { onsetDateTime: '2026-02-20' })];
    const anthem = check(ANTHEM, record());
    expect(anthem.determination).toBe('does_not_meet');
    expect(status(anthem, 'subacute-or-chronic')).toBe('not_met');
    expect(anthem.criteria.find((c) => c.id === 'subacute-or-chronic')?.reason).toBe(
      'dated 2026-02-20: fewer than 28 days before 2026-03-02',
    );
    // An episode that began 10 days before the request cannot hold 6 weeks of treatment: not met, citing the onset.
    const uhc = check(UHC, record());
    expect(uhc.determination).toBe('does_not_meet');
    expect(status(uhc, 'conservative-care')).toBe('not_met');
    expect(uhc.criteria.find((c) => c.id === 'conservative-care')?.reason).toMatch(/^the episode began 2026-02-20/);
  });

  it('epidural injection planning stated on the order: a stand-alone Aetna indication; for Anthem it only settles candidacy', () => {
    const reason = 'Epidural steroid injection planning, L4-5';
    const aetna = check(AETNA, [radiculopathy()], { reason });
    expect(aetna.determination).toBe('meets');
    expect(status(aetna, 'epidural-planning-on-order')).toBe('met');
    const anthem = check(ANTHEM, [radiculopathy(), sevenWeeksPt()], { reason });
    expect(status(anthem, 'intervention-candidate')).toBe('met');
    expect(missing(anthem)).toEqual(['persistent-or-progressive']);
  });
});

describe('red flags', () => {
  it.each([
    ['UnitedHealthcare', UHC, 'uhc-lumbar-spine-mri'],
    ['Aetna', AETNA, 'aetna-lumbar-spine-mri'],
    ['Cigna', CIGNA, 'cigna-lumbar-spine-mri'],
    ['Anthem', ANTHEM, 'anthem-lumbar-spine-mri'],
    ['Kaiser', KAISER, 'kaiser-lumbar-spine-mri'],
    ['the Blue plan', BLUE, 'bcbs-lumbar-spine-mri'],
  ])('cauda equina (G83.4) waives the trial for %s', (_name, org, policyId) => {
    const d = check(org, [condition('M54.16'), condition('G83.4')]);
    expect(d.policy?.id).toBe(policyId);
    expect(d.determination).toBe('meets');
    expect(d.missingDocumentation).toEqual([]);
    const waived = d.criteria.filter((c) => c.reason?.startsWith('waived'));
    expect(waived.length).toBeGreaterThan(0);
    expect(waived[0]?.evidence[0]?.text).toMatch(/G83\.4/);
  });

  it('history of cancer (Z85.3) with new back pain is a red flag (ACR variant 7) under the guideline and a suspected-metastasis item for Aetna', () => {
    const record = () => [condition('M54.50', { onsetDateTime: '2026-02-25' }), condition('Z85.3')];
    expect(check(ACME, record()).determination).toBe('meets');
    const aetna = check(AETNA, record());
    expect(aetna.determination).toBe('meets');
    expect(status(aetna, 'suspected-malignancy')).toBe('met');
    // A basal cell carcinoma, or "other malignant neoplasm of skin", does not spread to the spine.
    for (const code of ['Z85.828', 'C44.311']) {
      const skin = check(ACME, [condition('M54.50', { onsetDateTime: '2026-02-25' }), condition(code)]);
      expect(skin.determination).not.toBe('meets');
    }
  });

  it("the clinician's firm suspicion of a spinal infection is the red flag; one held less likely is not", () => {
    const record = (text: string) => [
      condition('M54.50', { onsetDateTime: '2026-02-20' }),
      note('n-ap', `A/P: new constant midline back pain. ${text}`, '2026-02-28'),
    ];
    const suspected = check(
      UHC,
      record('High concern for vertebral osteomyelitis / discitis; MRI with and without contrast.'),
    );
    expect(status(suspected, 'red-flag-infection')).toBe('met');
    const doubted = check(UHC, record('Discitis less likely; ESR/CRP ordered.'));
    expect(status(doubted, 'red-flag-infection')).not.toBe('met');
  });

  it('a refuted cauda equina diagnosis waives nothing (Aetna: the 2-week trial is then a shortfall)', () => {
    const d = check(AETNA, [radiculopathy(), condition('G83.4', refuted), twoWeeksPt(), weakness()]);
    expect(status(d, 'cord-or-cauda-compression')).toBe('not_met');
    expect(d.determination).toBe('does_not_meet');
  });
});

describe('Aetna CPB 0236', () => {
  it('does not meet when the only trial is 2 weeks (short of both the 6-week and the 4-week rule)', () => {
    const d = check(AETNA, [radiculopathy(), twoWeeksPt(), weakness(), followUp()]);
    expect(d.determination).toBe('does_not_meet');
    expect(d.paRequired).toBe(true);
    expect(status(d, 'persistent-radiculopathy')).toBe('not_met');
    expect(status(d, 'degenerative-disease')).toBe('not_met');
    expect(d.criteria.find((c) => c.id === 'four-week-trial')?.reason).toBe(
      "conservative care documented for 2 of the required 4 weeks in this episode's window (from 2025-12-01, its onset); 1 course states no reason: counted as inside the window",
    );
  });

  it('degenerative disease (M47.816) after 5 weeks of therapy only lacks the statement that it did not improve', () => {
    const d = check(AETNA, [condition('M47.816', { onsetDateTime: '2025-10-01' }), fiveWeeksPt()]);
    expect(status(d, 'degenerative-disease')).toBe('met');
    expect(d.determination).toBe('insufficient_documentation');
    expect(missing(d)).toEqual(['no-improvement']);
  });

  it('is insufficient on a silent record and asks for each piece', () => {
    const d = check(AETNA, [condition('M54.50')]);
    expect(d.determination).toBe('insufficient_documentation');
    expect(missing(d)).toEqual([
      'radicular-pain',
      'motor-or-reflex-change',
      'six-week-trial',
      'degenerative-diagnosis',
      'four-week-trial',
      'no-improvement',
    ]);
  });

  it('meets for severe back pain that needed a hospital admission', () => {
    const admission = encounter('Hospital admission for intractable low back pain', '2026-02-10', {
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
      reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M54.50' }] }],
    });
    const d = check(AETNA, [condition('M54.50'), admission]);
    expect(status(d, 'severe-pain-hospitalised')).toBe('met');
    expect(d.determination).toBe('meets');
  });
});

describe('Cigna (eviCore structure, low-back text pending)', () => {
  it('does not meet with 2 weeks of PT', () => {
    const d = check(CIGNA, [radiculopathy(), twoWeeksPt(), weakness(), followUp()]);
    expect(d.determination).toBe('does_not_meet');
    expect(d.payer.id).toBe('cigna');
    expect(d.policy?.source).toMatch(/eviCore/);
  });

  it('asks, without an objective radiculopathy, that the MRI plan an intervention (the ACR variant 3 stand-in)', () => {
    const persistent = note('n-p', 'Low back pain persists despite 7 weeks of PT.', '2026-02-27');
    const d = check(CIGNA, [condition('M54.50'), sevenWeeksPt(), followUp(), persistent]);
    expect(d.determination).toBe('insufficient_documentation');
    expect(missing(d).join(' ')).toMatch(/candidate/);
    const planned = note('n-esi', 'Refer to pain management for an L4-5 epidural steroid injection.', '2026-02-27');
    expect(check(CIGNA, [condition('M54.50'), sevenWeeksPt(), followUp(), persistent, planned]).determination).toBe(
      'meets',
    );
  });

  it('does not take a positive straight-leg raise or slump test for an objective finding (UHC and Cigna: weakness, sensory or reflex change)', () => {
    const provocative = note('n-exam', 'Exam: slump test + L. SLR + L at 50 deg. Gait normal.', '2026-02-27');
    for (const org of [UHC, CIGNA]) {
      const d = check(org, [radiculopathy(), sevenWeeksPt(), followUp(), provocative]);
      expect(status(d, 'objective-neuro-finding')).toBe('unknown');
      expect(d.determination).not.toBe('meets');
    }
    // UHC's focused neurological exam is strength, sensation or reflexes: a tension sign alone is not that exam.
    expect(status(check(UHC, [radiculopathy(), sevenWeeksPt(), followUp(), provocative]), 'neuro-exam')).toBe(
      'unknown',
    );
    expect(check(UHC, [radiculopathy(), sevenWeeksPt(), followUp(), provocative, weakness()]).determination).toBe(
      'meets',
    );
  });

  it('is insufficient without a re-evaluation after the trial', () => {
    const candidate = note('n-esi', 'Refer to pain management for an L4-5 epidural steroid injection.', '2026-02-27');
    const d = check(CIGNA, [radiculopathy(), sevenWeeksPt(), weakness(), candidate]);
    expect(d.determination).toBe('insufficient_documentation');
    expect(missing(d)).toEqual(['re-evaluation']);
  });
});

describe('Kaiser Permanente', () => {
  it('does not meet with a 2-week trial', () => {
    const d = check(KAISER, [radiculopathy(), twoWeeksPt(), weakness()]);
    expect(d.determination).toBe('does_not_meet');
    expect(status(d, 'conservative-care')).toBe('not_met');
  });

  it('is insufficient on a silent record', () => {
    const d = check(KAISER, [condition('M54.50')]);
    expect(d.determination).toBe('insufficient_documentation');
    expect(missing(d)).toEqual([
      'radicular-pain',
      'objective-neuro-finding',
      'surgical-candidate',
      'surgical-planning-on-order',
      'conservative-care',
    ]);
  });
});

describe('ACR-variant policies (Anthem, the Blue plan, Medicare Advantage, Humana, the guideline)', () => {
  const chronic = () => condition('M54.50', { onsetDateTime: '2025-10-01' });

  it.each([
    ['Anthem commercial', ANTHEM, COMMERCIAL, 'anthem-lumbar-spine-mri', true],
    ['Blue plan commercial', BLUE, COMMERCIAL, 'bcbs-lumbar-spine-mri', 'unknown'],
    ['UHC Medicare Advantage', UHC, MEDICARE_ADVANTAGE, 'medicare-advantage-lumbar-spine-mri', 'unknown'],
    ['Humana Medicare Advantage', HUMANA, MEDICARE_ADVANTAGE, 'humana-lumbar-spine-mri', 'unknown'],
    ['Humana Medicaid', HUMANA, MEDICAID_MANAGED_CARE, 'humana-lumbar-spine-mri', 'unknown'],
    ['an unlisted MA plan', WELLCARE_MA, MEDICARE_ADVANTAGE, 'medicare-advantage-lumbar-spine-mri', 'unknown'],
  ] as const)('%s: met with a red flag, not met on a short trial, unknown on silence', (_n, org, sop, id, pa) => {
    const met = check(org, [condition('M54.50'), condition('Z79.52')], { sop });
    expect(met.policy?.id).toBe(id);
    expect(met.paRequired).toBe(pa);
    expect(met.determination).toBe('meets');
    expect(status(met, 'red-flag-fracture-risk')).toBe('met');

    const short = check(org, [chronic(), twoWeeksPt()], { sop, reason: 'Surgical evaluation for lumbar stenosis' });
    expect(short.determination).toBe('does_not_meet');
    expect(status(short, 'optimal-medical-management')).toBe('not_met');
    expect(status(short, 'subacute-or-chronic')).toBe('met');

    const silent = check(org, [condition('M54.50')], { sop });
    expect(silent.determination).toBe('insufficient_documentation');
    expect(missing(silent)).toEqual([
      'subacute-or-chronic',
      'optimal-medical-management',
      'persistent-or-progressive',
      'surgical-candidate-documented',
      'injection-candidate-documented',
      'candidate-on-order',
    ]);
  });
});

describe('national guideline fallback', () => {
  it('applies to a payer that is not in the directory, with a warning that says so', () => {
    const d = check(ACME, [radiculopathy(), sevenWeeksPt(), weakness()]);
    expect(d.policy?.id).toBe('guideline-acr-lumbar-spine-mri');
    expect(d.payer.id).toBe('unknown');
    expect(d.paRequired).toBe('unknown');
    expect(d.determination).toBe('insufficient_documentation');
    expect(d.warnings.join()).toMatch(
      /payer 'Acme Health Plan' is not in the payer directory: national guideline policy applied instead/,
    );
  });

  it('does not meet for acute low back pain with a 2-week trial (ACR variant 1; Choosing Wisely)', () => {
    const d = check(ACME, [condition('M54.50', { onsetDateTime: '2026-02-16' }), pt('2026-02-17', '2026-03-01')]);
    expect(d.policy?.id).toBe('guideline-acr-lumbar-spine-mri');
    expect(d.determination).toBe('does_not_meet');
    expect(status(d, 'subacute-or-chronic')).toBe('not_met');
    expect(status(d, 'optimal-medical-management')).toBe('not_met');
  });

  it('applies to a known payer without a policy for the line (Humana commercial, Original Medicare)', () => {
    const humana = check(HUMANA, [condition('M54.16'), condition('G83.4')]);
    expect(humana.policy?.id).toBe('guideline-acr-lumbar-spine-mri');
    expect(humana.determination).toBe('meets');
    expect(humana.warnings.join()).toMatch(/Humana has no policy for 72148 \(commercial\)/);
    const medicare = check(MEDICARE, [condition('M54.50')], { sop: '121' });
    expect(medicare.policy?.id).toBe('guideline-acr-lumbar-spine-mri');
    expect(medicare.warnings.join()).toMatch(/Original Medicare has no policy for 72148/);
  });

  it('still answers no_policy, with the reason, for a code no policy covers (lumbar x-ray 72100)', () => {
    const d = check(ACME, [condition('M54.50')], { cpt: '72100' });
    expect(d.determination).toBe('no_policy');
    expect(d.paRequired).toBe('unknown');
    expect(d.policy).toBeNull();
    expect(d.warnings.join()).toMatch(/no policy in the library covers 72100/);
  });

  it('UHC Community Plan (Medicaid managed care) keeps UHC’s own policy', () => {
    const d = check(payer('UnitedHealthcare Community Plan', '87726'), wellDocumented(), {
      sop: MEDICAID_MANAGED_CARE,
    });
    expect(d.policy?.id).toBe('uhc-lumbar-spine-mri');
    expect(d.determination).toBe('meets');
  });

  it('covers MRI with contrast (72149) and without then with (72158), each against the indication for contrast', () => {
    // Radiculopathy alone calls for MRI without contrast: a contrast study needs its own indication.
    const plain = check(KAISER, wellDocumented(), { cpt: '72149' });
    expect(plain.determination).toBe('insufficient_documentation');
    expect(status(plain, 'study-matches-indication')).toBe('unknown');
    expect(missing(plain)).toContain('study-matches-indication');
    // Prior lumbar surgery (postlaminectomy syndrome) is one.
    const afterSurgery = check(KAISER, [...wellDocumented(), condition('M96.1')], { cpt: '72149' });
    expect(status(afterSurgery, 'study-matches-indication')).toBe('met');
    // The plain study, and the study without then with contrast (which holds it), are not held to it.
    expect(status(check(KAISER, wellDocumented()), 'study-matches-indication')).toBe('met');
    const both = check(KAISER, wellDocumented(), { cpt: '72158' });
    expect(both.policy?.id).toBe('kaiser-lumbar-spine-mri');
    expect(status(both, 'study-matches-indication')).toBe('met');
  });

  it('a deficit the same note claims and its examination contradicts is undecided, not a red flag and not a denial', () => {
    const contradicted = note(
      'contradicted',
      'HPI: since Tuesday her left foot slaps when she walks and she has fallen once; progressive left leg weakness.\n' +
        'Exam:\nNeuro: strength 5/5 in both lower extremities.\n' +
        'Assessment: left L5 radiculopathy with new foot drop.',
    );
    const d = check(AETNA, [radiculopathy(), twoWeeksPt(), contradicted]);
    expect(d.determination).toBe('insufficient_documentation');
    expect(d.criteria.some((c) => /contradicts itself/.test(c.reason ?? ''))).toBe(true);
    expect(d.missingDocumentation.map((m) => m.text).join(' | ')).toMatch(/current examination/);
  });

  it('a contrast study where the notes state the indications for contrast absent is the wrong study: not met', () => {
    const screened = note(
      'screen',
      'Assessment: left L5 radiculopathy, failed therapy. No history of cancer. Denies fever or IV drug use. Not immunosuppressed.',
    );
    const d = check(KAISER, [...wellDocumented(), screened], { cpt: '72149' });
    expect(status(d, 'study-matches-indication')).toBe('not_met');
    expect(d.criteria.find((c) => c.id === 'study-matches-indication')?.reason).toContain('change the order to 72148');
    expect(d.determination).not.toBe('meets');
  });
});

describe('code-level mismatches', () => {
  it('a deleted ICD-10-CM code (M54.5, deleted 2021-10-01) still satisfies the diagnosis criterion today (engine check pending)', () => {
    // What the engine does now: the criterion matches ICD-10 prefixes, so M54.5 passes as if it were M54.50 and no
    // warning names it. The invalid-code check belongs to the engine; when it lands this expectation changes.
    const d = check(UHC, [condition('M54.5', { onsetDateTime: '2026-01-10' })]);
    expect(status(d, 'lumbar-diagnosis')).toBe('met');
    expect(d.criteria.find((c) => c.id === 'lumbar-diagnosis')?.evidence[0]?.text).toMatch(/M54\.5\)/);
    expect(d.determination).toBe('insufficient_documentation');
  });

  it('a refuted diagnosis does not count, and the criterion says so', () => {
    const d = check(KAISER, [condition('M54.16', refuted), sevenWeeksPt(), weakness()]);
    expect(status(d, 'lumbar-diagnosis')).toBe('not_met');
    expect(d.determination).toBe('does_not_meet');
  });
});
