// The drug part of the policy library, loaded from policies/ as in production: dupilumab for atopic dermatitis
// (Cigna, UnitedHealthcare, a Blue plan on BCBS Kansas criteria, CVS Caremark, the FDA-label fallback) and biologics
// for plaque psoriasis (UnitedHealthcare, Cigna, CVS Caremark, the label fallback). Drug orders are pending
// MedicationRequests; drug history is MedicationStatements with stop reasons. All data is synthetic.
import { describe, expect, it } from 'vitest';
import type { Condition, MedicationRequest, Organization, Resource } from '@medplum/fhirtypes';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { determine } from '../determination/determine.ts';
import type { Determination } from '../determination/determination.ts';
import { parseIntake } from '../intake/intake.ts';
import {
  bundle,
  condition,
  coverage,
  drugOrder,
  measure,
  medicationHistory,
  note,
  payer,
  prescriber,
  site,
  TEST_PATIENT,
  UHC,
} from '../../testing/fixtures.ts';

const library = loadPolicyLibrary();
const today = '2026-03-02';
const CIGNA = payer('Cigna', '62308');
const AETNA = payer('Aetna', '60054');
const KAISER = payer('Kaiser Permanente', '94135');
const BLUE = payer('Blue Cross and Blue Shield of Kansas', 'TEST-BLUE');
const CAREMARK = payer('CVS Caremark', 'TEST-CAREMARK');
const DERMATOLOGY = '207N00000X';
const FAMILY_MEDICINE = '207Q00000X';

const DUPIXENT = 'dupilumab 300 MG in 2 ML Prefilled Syringe [Dupixent]';
const SKYRIZI = 'risankizumab-rzaa 150 MG/ML Auto-Injector [Skyrizi]';
const CIMZIA = 'certolizumab pegol 200 MG/ML Prefilled Syringe [Cimzia]';

function check(
  org: Organization,
  order: MedicationRequest,
  clinical: Resource[],
  specialty: string = DERMATOLOGY,
): Determination {
  const resources = [TEST_PATIENT, org, coverage('5'), order, prescriber(specialty), ...clinical];
  return determine(parseIntake(bundle(resources)), library, { today }).determination;
}
const status = (d: Determination, id: string) => d.criteria.find((c) => c.id === id)?.status;
const reason = (d: Determination, id: string) => d.criteria.find((c) => c.id === id)?.reason ?? '';
const asks = (d: Determination) => d.missingDocumentation.map((m) => m.text).join(' | ');

const ad = (extra: Partial<Condition> = {}) => condition('L20.9', { onsetDateTime: '2024-05-01', ...extra });
const psoriasis = (extra: Partial<Condition> = {}) => condition('L40.0', { onsetDateTime: '2023-03-01', ...extra });
const tcs = (start: string, end: string, reason = 'inadequate response') =>
  medicationHistory('triamcinolone acetonide 0.1 % Topical Cream', start, end, 'stopped', { reason });
const tci = (start: string, end: string, reason = 'inadequate response') =>
  medicationHistory('tacrolimus 0.1 % Topical Ointment', start, end, 'stopped', { reason });
const mtx = (start: string, end: string, reason = 'inadequate response') =>
  medicationHistory('methotrexate 2.5 MG Oral Tablet', start, end, 'stopped', { reason });

describe('dupilumab for atopic dermatitis: Cigna', () => {
  const base = () => [ad(), measure('bsa-percent', 15), tcs('2025-12-01', '2026-01-15')];

  it('meets with BSA 15 %, a 6-week mid-potency corticosteroid failure and a dermatologist', () => {
    const d = check(CIGNA, drugOrder(DUPIXENT), base());
    expect(d.policy?.id).toBe('cigna-dupilumab-atopic-dermatitis');
    expect(d.paRequired).toBe(true);
    expect(d.determination).toBe('meets');
    expect(reason(d, 'tcs-28-days')).toMatch(/triamcinolone: failed after 6\.4 weeks/);
  });

  it('a steroid the note names only by its potency counts by that potency; one of unknown potency decides nothing', () => {
    const stated = (text: string) =>
      check(CIGNA, drugOrder(DUPIXENT), [
        ad(),
        measure('bsa-percent', 15),
        note('n-tcs', `Assessment: AD severe, ${text}`, '2026-02-20'),
      ]);
    expect(status(stated('inadequate response to med-potency TCS daily x 6 weeks.'), 'tcs-28-days')).toBe('met');
    expect(status(stated('inadequate response to low-potency TCS daily x 6 weeks.'), 'tcs-28-days')).not.toBe('met');
    const unknown = stated('inadequate response to a stronger steroid cream daily x 6 weeks.');
    expect(status(unknown, 'tcs-28-days')).toBe('unknown');
  });

  it('an exam that clears both hands and feet answers the hand-and-foot severity pathway', () => {
    const d = check(CIGNA, drugOrder(DUPIXENT), [
      ad(),
      measure('bsa-percent', 6),
      tcs('2025-12-01', '2026-01-15'),
      note(
        'n-exam',
        'Exam: eczematous plaques on the trunk and flexural arms. Hands: clear. Feet: clear.',
        '2026-02-20',
      ),
    ]);
    expect(status(d, 'hand-foot-site')).toBe('not_met');
  });

  it('a 2-week corticosteroid trial is too short (28 days required): not met, and a new start cannot renew', () => {
    const d = check(CIGNA, drugOrder(DUPIXENT, { reason: 'New start' }), [
      ad(),
      measure('bsa-percent', 15),
      tcs('2026-01-01', '2026-01-15'),
    ]);
    expect(status(d, 'tcs-28-days')).toBe('not_met');
    expect(reason(d, 'tcs-28-days')).toMatch(/too short \(2 weeks; 4 required\)/);
    expect(status(d, 'on-dupilumab')).toBe('not_met');
    expect(d.determination).toBe('does_not_meet');
  });

  it('BSA 6 % with the dermatitis only on the trunk does not meet the severity; on both hands it does (age ≥ 12)', () => {
    const trunk = check(CIGNA, drugOrder(DUPIXENT, { reason: 'New start' }), [
      ad({ bodySite: [site('trunk')] }),
      measure('bsa-percent', 6),
      tcs('2025-12-01', '2026-01-15'),
    ]);
    expect(status(trunk, 'severity')).toBe('not_met');
    expect(trunk.determination).toBe('does_not_meet');
    const hands = check(CIGNA, drugOrder(DUPIXENT), [
      ad({ bodySite: [site('both hands')] }),
      measure('bsa-percent', 6),
      tcs('2025-12-01', '2026-01-15'),
    ]);
    expect(status(hands, 'hand-foot')).toBe('met');
    expect(hands.determination).toBe('meets');
  });

  it('a family physician must show the dermatology consultation', () => {
    const alone = check(CIGNA, drugOrder(DUPIXENT, { reason: 'New start' }), base(), FAMILY_MEDICINE);
    expect(status(alone, 'specialist')).toBe('not_met');
    expect(alone.determination).toBe('does_not_meet');
    const consult = check(
      CIGNA,
      drugOrder(DUPIXENT, { reason: 'Prescribed in consultation with dermatology (Dr Testdoc)' }),
      base(),
      FAMILY_MEDICINE,
    );
    expect(status(consult, 'specialist')).toBe('met');
    expect(consult.determination).toBe('meets');
  });

  it('renewal after 6 months on dupilumab with EASI 24 → 8 meets through the continuation branch', () => {
    const d = check(CIGNA, drugOrder(DUPIXENT), [
      ad(),
      measure('easi', 24, '2025-08-20'),
      medicationHistory(DUPIXENT, '2025-09-01', undefined, 'active'),
      measure('easi', 8, '2026-02-20'),
    ]);
    expect(status(d, 'renewal')).toBe('met');
    expect(reason(d, 'response')).toMatch(/EASI 24 → 8 \(−67%\)/);
    expect(d.determination).toBe('meets');
  });

  it('a renewal 6 weeks after the start is too early (4 months required)', () => {
    const d = check(CIGNA, drugOrder(DUPIXENT), [ad(), medicationHistory(DUPIXENT, '2026-01-19', undefined, 'active')]);
    expect(status(d, 'on-dupilumab')).toBe('not_met');
    expect(reason(d, 'on-dupilumab')).toMatch(/6 weeks\); renewal needs 17 weeks/);
  });

  it('a silent record is insufficient and asks for each piece', () => {
    const d = check(CIGNA, drugOrder(DUPIXENT), []);
    expect(d.determination).toBe('insufficient_documentation');
    expect(asks(d)).toMatch(/atopic dermatitis diagnosis/);
    expect(asks(d)).toMatch(/body surface area/);
    expect(asks(d)).toMatch(/28 consecutive days/);
  });
});

describe('dupilumab for atopic dermatitis: UnitedHealthcare, BCBS, CVS Caremark, label fallback', () => {
  it('UHC meets with a corticosteroid failure and calcineurin-inhibitor intolerance (two of three classes)', () => {
    const d = check(UHC, drugOrder(DUPIXENT), [
      ad(),
      tcs('2025-10-01', '2025-11-15'),
      tci('2025-11-20', '2025-12-01', 'burning intolerance'),
    ]);
    expect(d.policy?.id).toBe('uhc-dupilumab-atopic-dermatitis');
    expect(d.determination).toBe('meets');
  });

  it('UHC: one class only, the others unmentioned, is asked for rather than denied (1 of 2)', () => {
    const d = check(UHC, drugOrder(DUPIXENT, { reason: 'new start' }), [ad(), tcs('2025-10-01', '2025-11-15')]);
    expect(status(d, 'two-topical-classes')).toBe('unknown');
    expect(d.determination).toBe('insufficient_documentation');
    expect(asks(d)).toMatch(/triamcinolone/);
  });

  it('UHC: a failure without dates is asked for (drug and dates must be documented)', () => {
    const undated: Resource = {
      resourceType: 'MedicationStatement',
      id: 'med-undated',
      status: 'stopped',
      subject: { reference: 'Patient/pat-1' },
      medicationCodeableConcept: { text: 'pimecrolimus 1 % Topical Cream' },
      statusReason: [{ text: 'ineffective' }],
    };
    const d = check(UHC, drugOrder(DUPIXENT), [ad(), tcs('2025-10-01', '2025-11-15'), undated]);
    expect(status(d, 'two-topical-classes')).toBe('unknown');
    expect(asks(d)).toMatch(/how each trial ended .* with its dates/);
  });

  it('UHC excludes combination with a JAK inhibitor still under way, unless the order states the switch', () => {
    const clinical = () => [
      ad(),
      tcs('2025-10-01', '2025-11-15'),
      tci('2025-11-20', '2025-12-01', 'intolerance'),
      medicationHistory('upadacitinib 15 MG Extended Release Oral Tablet', '2025-12-05', undefined, 'active'),
    ];
    const combined = check(UHC, drugOrder(DUPIXENT), clinical());
    expect(status(combined, 'combined-targeted-therapy')).toBe('met');
    expect(combined.determination).toBe('does_not_meet');
    const switching = check(
      UHC,
      drugOrder(DUPIXENT, { reason: 'Switching: upadacitinib will be discontinued' }),
      clinical(),
    );
    expect(status(switching, 'combined-targeted-therapy')).toBe('not_met');
    expect(switching.determination).toBe('meets');
  });

  it('BCBS Kansas: EASI 18 with corticosteroid and calcineurin-inhibitor trials meets; a 4-week calcineurin inhibitor is too short', () => {
    const ok = check(BLUE, drugOrder(DUPIXENT), [
      ad(),
      measure('easi', 18),
      tcs('2025-09-01', '2025-10-10'),
      tci('2025-10-15', '2025-12-01'),
    ]);
    expect(ok.policy?.id).toBe('bcbs-dupilumab-atopic-dermatitis');
    expect(status(ok, 'easi-16')).toBe('met');
    expect(ok.determination).toBe('meets');
    const short = check(BLUE, drugOrder(DUPIXENT, { reason: 'biologic-naive' }), [
      ad(),
      measure('iga', 3),
      tcs('2025-09-01', '2025-10-10'),
      tci('2025-10-15', '2025-11-12'),
    ]);
    expect(status(short, 'iga-3')).toBe('met');
    expect(status(short, 'tci-6-weeks')).toBe('not_met');
    expect(status(short, 'prior-ad-biologic')).toBe('not_met');
    expect(short.determination).toBe('does_not_meet');
  });

  it('CVS Caremark: a topical failure within the past year counts, one from two years ago does not', () => {
    const recent = check(CAREMARK, drugOrder(DUPIXENT), [
      ad(),
      measure('bsa-percent', 12),
      tcs('2025-10-01', '2025-11-15'),
    ]);
    expect(recent.payer.id).toBe('caremark');
    expect(recent.policy?.id).toBe('caremark-dupilumab-atopic-dermatitis');
    expect(recent.determination).toBe('meets');
    const old = check(CAREMARK, drugOrder(DUPIXENT), [
      ad(),
      measure('bsa-percent', 12),
      tcs('2023-10-01', '2023-11-15'),
    ]);
    expect(status(old, 'topical-past-year')).toBe('unknown');
    expect(old.determination).toBe('insufficient_documentation');
  });

  it('identical records, four payers: 5 weeks of corticosteroid failure with BSA 12 %', () => {
    const record = () => [ad(), measure('bsa-percent', 12), tcs('2025-12-01', '2026-01-05')];
    const order = () => drugOrder(DUPIXENT, { reason: 'New start, biologic-naive' });
    expect(check(CIGNA, order(), record()).determination).toBe('meets');
    expect(check(CAREMARK, order(), record()).determination).toBe('meets');
    const uhc = check(UHC, order(), record());
    expect(uhc.determination).toBe('insufficient_documentation');
    expect(status(uhc, 'two-topical-classes')).toBe('unknown');
    const blue = check(BLUE, order(), record());
    expect(status(blue, 'tci-6-weeks')).toBe('unknown');
    expect(blue.determination).toBe('insufficient_documentation');
  });

  it("a physician assistant's specialty is the practice's: a dermatology visit says so; a family nurse practitioner's is not", () => {
    const visit = {
      resourceType: 'Encounter' as const,
      id: 'enc-derm',
      status: 'finished' as const,
      class: { code: 'AMB' },
      subject: { reference: 'Patient/pat-1' },
      type: [{ text: 'Dermatology office visit' }],
      period: { start: '2026-03-02' },
    };
    const order = () => drugOrder(DUPIXENT, { encounter: { reference: 'Encounter/enc-derm' } });
    const record = [ad(), measure('bsa-percent', 12), tcs('2025-12-01', '2026-01-05'), visit];
    expect(status(check(CIGNA, order(), record, '363A00000X'), 'specialist')).toBe('met');
    expect(status(check(CIGNA, order(), record, '363LF0000X'), 'specialist')).toBe('not_met');
  });

  it('a payer without a dupilumab policy (Aetna) falls back to the FDA label and says so', () => {
    const d = check(AETNA, drugOrder(DUPIXENT), [ad(), measure('bsa-percent', 12), tcs('2025-10-01', '2025-11-15')]);
    expect(d.policy?.id).toBe('guideline-dupilumab-atopic-dermatitis-label');
    expect(d.warnings.join()).toMatch(/national guideline policy applied instead/);
    // The label is met and so is another payer's policy on file (Cigna's): a meets, never with a low denial risk.
    expect(d.determination).toBe('meets');
    expect(d.warnings.join()).toMatch(/a guideline determination, not Aetna's/);
    expect(d.denialRisk?.level).not.toBe('low');
  });

  it("a guideline fallback is no meets where the payer's own criteria for another line of business are not met", () => {
    // UnitedHealthcare's dupilumab criteria on file are its commercial ones; its Medicaid plan (SOP 2) has none here.
    const record = [ad(), measure('bsa-percent', 12), tcs('2025-10-01', '2025-11-15')];
    const resources = [TEST_PATIENT, UHC, coverage('2'), drugOrder(DUPIXENT), prescriber(DERMATOLOGY), ...record];
    const d = determine(parseIntake(bundle(resources)), library, { today }).determination;
    expect(d.policy?.id).toBe('guideline-dupilumab-atopic-dermatitis-label');
    // Most payers' criteria on file are met (the Aetna case above), but not UnitedHealthcare's own.
    expect(d.determination).toBe('insufficient_documentation');
    const request = d.missingDocumentation.find((m) => m.id === 'payer-criteria')?.text ?? '';
    expect(request).toMatch(/UnitedHealthcare's criteria for another line of business/);
    expect(request).not.toMatch(/Cigna/);
  });

  it('a guideline fallback whose record meets no payer policy of the family on file is not a meets', () => {
    const d = check(AETNA, drugOrder(DUPIXENT), [ad(), tcs('2025-10-01', '2025-11-15')]);
    expect(d.policy?.id).toBe('guideline-dupilumab-atopic-dermatitis-label');
    expect(d.determination).toBe('insufficient_documentation');
    const request = d.missingDocumentation.find((m) => m.id === 'payer-criteria')?.text ?? '';
    expect(request).toMatch(/Obtain Aetna's criteria/);
    expect(request).toMatch(/Cigna/);
  });
});

describe('biologics for plaque psoriasis', () => {
  const pathA = () => [
    psoriasis(),
    measure('bsa-percent', 5),
    medicationHistory('calcipotriene 0.005 % Topical Ointment', '2025-03-01', '2025-05-01', 'stopped', {
      reason: 'inadequate response',
    }),
  ];

  it('UHC path A: BSA 5 %, a failed topical and a 14-week methotrexate failure meet', () => {
    const d = check(UHC, drugOrder(SKYRIZI), [...pathA(), mtx('2025-06-01', '2025-09-07')]);
    expect(d.policy?.id).toBe('uhc-psoriasis-biologics');
    expect(d.determination).toBe('meets');
    expect(status(d, 'methotrexate-trial')).toBe('met');
  });

  it('UHC: a psoriasis biologic the policy does not name (guselkumab) is judged by it, with a warning', () => {
    const TREMFYA = 'guselkumab 100 MG/ML Prefilled Syringe [Tremfya]';
    const noMtx = check(UHC, drugOrder(TREMFYA, { reason: 'new start, biologic-naive' }), pathA());
    expect(noMtx.policy?.id).toBe('uhc-psoriasis-biologics');
    expect(noMtx.warnings.join()).toMatch(/names risankizumab, ustekinumab, adalimumab, not guselkumab/);
    expect(noMtx.determination).not.toBe('meets');
    const failed = check(UHC, drugOrder(TREMFYA), [...pathA(), mtx('2025-06-01', '2025-09-07')]);
    expect(failed.determination).toBe('meets');
  });

  it('UHC: a 6-week methotrexate failure is too short; the record is asked for a contraindication or a longer trial', () => {
    const d = check(UHC, drugOrder(SKYRIZI, { reason: 'new start, biologic-naive' }), [
      ...pathA(),
      mtx('2025-06-01', '2025-07-13'),
    ]);
    expect(status(d, 'methotrexate-trial')).toBe('not_met');
    expect(status(d, 'methotrexate-contraindication')).toBe('unknown');
    expect(d.determination).toBe('insufficient_documentation');
    expect(asks(d)).toMatch(/why methotrexate is contraindicated/);
  });

  it('UHC: methotrexate stopped for intolerance after 3 weeks qualifies; liver disease contraindicates it', () => {
    expect(
      check(UHC, drugOrder(SKYRIZI), [...pathA(), mtx('2025-06-01', '2025-06-22', 'nausea, intolerance')])
        .determination,
    ).toBe('meets');
    const liver = check(UHC, drugOrder(SKYRIZI), [...pathA(), condition('K76.0')]);
    expect(status(liver, 'methotrexate-contraindication')).toBe('met');
    expect(liver.determination).toBe('meets');
  });

  it('UHC path B: a prior targeted immunomodulator (adalimumab, stopped) meets for risankizumab', () => {
    const d = check(UHC, drugOrder(SKYRIZI), [
      psoriasis(),
      medicationHistory('adalimumab 40 MG/0.4 ML Pen [Humira]', '2024-01-01', '2025-10-01', 'stopped', {
        reason: 'loss of response, ineffective',
      }),
    ]);
    expect(status(d, 'prior-targeted')).toBe('met');
    expect(d.determination).toBe('meets');
  });

  it('UHC excludes a second targeted drug still under way (adalimumab active) without a stated switch', () => {
    const d = check(UHC, drugOrder(SKYRIZI), [
      ...pathA(),
      mtx('2025-06-01', '2025-09-07'),
      medicationHistory('adalimumab 40 MG/0.4 ML Pen [Humira]', '2025-10-01', undefined, 'active'),
    ]);
    expect(status(d, 'combined-targeted-therapy')).toBe('met');
    expect(d.determination).toBe('does_not_meet');
  });

  it('UHC path C: therapy started on manufacturer samples is not established therapy', () => {
    const d = check(UHC, drugOrder(SKYRIZI, { reason: 'Continuation of therapy' }), [
      psoriasis(),
      medicationHistory(SKYRIZI, '2025-11-01', undefined, 'active', { note: 'Started with manufacturer samples' }),
      measure('pasi', 14, '2025-10-20'),
      measure('pasi', 3, '2026-02-15'),
    ]);
    expect(status(d, 'on-drug')).toBe('not_met');
    expect(reason(d, 'on-drug')).toMatch(/samples or a manufacturer programme/);
    expect(d.determination).not.toBe('meets');
  });

  it('UHC path C: paid continuation with PASI 14 → 3 meets', () => {
    const d = check(UHC, drugOrder(SKYRIZI, { reason: 'Continuation of therapy' }), [
      psoriasis(),
      medicationHistory(SKYRIZI, '2025-06-01', undefined, 'active'),
      measure('pasi', 14, '2025-05-20'),
      measure('pasi', 3, '2026-02-15'),
    ]);
    expect(status(d, 'continuation')).toBe('met');
    expect(reason(d, 'positive-response')).toMatch(/PASI 14 → 3/);
    expect(d.determination).toBe('meets');
  });

  it('Cigna: a 3-month systemic trial, or intolerance, is required; 8 weeks of methotrexate is not enough', () => {
    const short = check(CIGNA, drugOrder(SKYRIZI, { reason: 'new start' }), [
      psoriasis(),
      mtx('2025-06-01', '2025-07-27'),
    ]);
    expect(status(short, 'systemic-trial')).toBe('not_met');
    const intolerant = check(CIGNA, drugOrder(SKYRIZI), [
      psoriasis(),
      mtx('2025-06-01', '2025-06-20', 'intolerance (nausea)'),
    ]);
    expect(intolerant.determination).toBe('meets');
  });

  it('Cigna renewal: 5 months on risankizumab with BSA 12 % → 2 % meets; PASI 10 → 12 does not', () => {
    const better = check(CIGNA, drugOrder(SKYRIZI), [
      psoriasis(),
      measure('bsa-percent', 12, '2025-09-20'),
      medicationHistory(SKYRIZI, '2025-10-01', undefined, 'active'),
      measure('bsa-percent', 2, '2026-02-20'),
    ]);
    expect(status(better, 'renewal')).toBe('met');
    expect(better.determination).toBe('meets');
    const worse = check(CIGNA, drugOrder(SKYRIZI), [
      psoriasis(),
      measure('pasi', 10, '2025-09-20'),
      medicationHistory(SKYRIZI, '2025-10-01', undefined, 'active'),
      measure('pasi', 12, '2026-02-20'),
    ]);
    expect(status(worse, 'improvement')).toBe('not_met');
    expect(reason(worse, 'improvement')).toMatch(/no sufficient improvement/);
    // A patient 5 months on the drug asks for a continuation: a methotrexate failure before it (the initial criteria)
    // does not stand in for the improvement the renewal asks.
    const continuing = check(CIGNA, drugOrder(SKYRIZI), [
      psoriasis(),
      mtx('2025-03-01', '2025-08-30', 'inadequate response'),
      medicationHistory(SKYRIZI, '2025-10-01', undefined, 'active'),
    ]);
    expect(status(continuing, 'not-established')).toBe('not_met');
    expect(continuing.determination).not.toBe('meets');
  });

  it('Cigna requires an adult: a 16-year-old does not meet the initial criteria', () => {
    const teen: Resource = { ...TEST_PATIENT, birthDate: '2009-06-01' };
    const resources = [
      teen,
      CIGNA,
      coverage('5'),
      drugOrder(SKYRIZI, { reason: 'new start' }),
      prescriber(DERMATOLOGY),
      psoriasis(),
      mtx('2025-06-01', '2025-06-20', 'intolerance'),
    ];
    const d = determine(parseIntake(bundle(resources)), library, { today }).determination;
    expect(status(d, 'adult')).toBe('not_met');
    expect(d.determination).toBe('does_not_meet');
  });

  it('CVS Caremark: a prior course of dupilumab (an atopic dermatitis drug) is no prior targeted drug for psoriasis', () => {
    const d = check(CAREMARK, drugOrder(CIMZIA), [
      psoriasis(),
      measure('bsa-percent', 5),
      medicationHistory(DUPIXENT, '2025-01-10', '2025-09-01', 'stopped'),
    ]);
    expect(status(d, 'prior-targeted')).not.toBe('met');
  });

  it('CVS Caremark (certolizumab): BSA 12 % alone meets; BSA 5 % needs a systemic trial or crucial areas (scalp)', () => {
    expect(check(CAREMARK, drugOrder(CIMZIA), [psoriasis(), measure('bsa-percent', 12)]).determination).toBe('meets');
    const scalp = check(CAREMARK, drugOrder(CIMZIA), [
      psoriasis({ bodySite: [site('scalp')] }),
      measure('bsa-percent', 5),
    ]);
    expect(status(scalp, 'crucial-areas')).toBe('met');
    expect(scalp.determination).toBe('meets');
    const trunk = check(CAREMARK, drugOrder(CIMZIA, { reason: 'biologic-naive' }), [
      psoriasis({ bodySite: [site('lower back')] }),
      measure('bsa-percent', 5),
    ]);
    expect(status(trunk, 'crucial-areas')).toBe('not_met');
    expect(trunk.determination).toBe('insufficient_documentation');
    expect(asks(trunk)).toMatch(/phototherapy or systemic trial/);
  });

  it('CVS Caremark: an exam that clears the crucial areas, never a systemic agent, and no contraindication is not met', () => {
    const d = check(CAREMARK, drugOrder(CIMZIA, { reason: 'biologic-naive' }), [
      psoriasis(),
      note(
        'n-exam',
        'SUBJECTIVE: plaque psoriasis. Has never received phototherapy, methotrexate, cyclosporine or acitretin.\nOBJECTIVE:\n  Elbows: 2 plaques each. Knees: 1 plaque each.\n  Scalp: clear. Face, ears: clear. Palms, soles: clear. Groin, axillae: clear. Genitals: clear.\n  BSA 4%.\nPLAN: no medical contraindication to methotrexate was identified today.',
        '2026-02-20',
      ),
    ]);
    expect(status(d, 'crucial-areas')).toBe('not_met');
    expect(reason(d, 'crucial-areas')).toMatch(/^the examination of 2026-02-20 finds scalp, .* clear/);
    expect(status(d, 'conventional-trial')).toBe('not_met');
    expect(reason(d, 'conventional-contraindication')).toMatch(
      /^the prescriber states no contraindication to methotrexate/,
    );
    expect(d.determination).toBe('does_not_meet');
  });

  it('identical records: BSA 12 % with no systemic trial meets Caremark (certolizumab) but leaves Cigna (risankizumab) asking', () => {
    const record = () => [psoriasis(), measure('bsa-percent', 12)];
    expect(check(CAREMARK, drugOrder(CIMZIA), record()).determination).toBe('meets');
    const cigna = check(CIGNA, drugOrder(SKYRIZI), record());
    expect(status(cigna, 'traditional-systemic')).toBe('unknown');
    expect(cigna.determination).toBe('insufficient_documentation');
  });

  it('a diagnosis the record’s Condition marks refuted is not met on note mentions that carry it forward', () => {
    const HIGHMARK = payer('Highmark Blue Cross Blue Shield', 'TEST-HIGHMARK');
    const refuted = {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'refuted' }],
    };
    const d = check(HIGHMARK, drugOrder(DUPIXENT), [
      ad({ verificationStatus: refuted }),
      tcs('2025-09-01', '2025-11-01'),
    ]);
    expect(d.policy?.id).toBe('highmark-dupilumab-atopic-dermatitis');
    expect(status(d, 'ad-diagnosis')).toBe('not_met');
    expect(reason(d, 'ad-diagnosis')).toMatch(/refuted/);
    // Only the renewal branch stays open, and nothing says the patient is on dupilumab.
    expect(status(d, 'initial')).toBe('not_met');
    expect(d.determination).not.toBe('meets');
  });

  it('Cigna: methotrexate stopped at 8 weeks by preference, tolerated and not contraindicated, does not meet', () => {
    const d = check(CIGNA, drugOrder(SKYRIZI), [
      psoriasis(),
      measure('bsa-percent', 8),
      note(
        'n-mtx',
        'Took MTX 15 mg weekly 6/2/2025 - 7/28/2025 (8 wks), tolerated well, no nausea. Stopped it on her own.',
        '2025-09-29',
      ),
      note('n-plan', 'PLAN: risankizumab 150 mg SC at weeks 0 and 4, then every 12 weeks.', '2025-09-29'),
    ]);
    expect(status(d, 'systemic-trial')).toBe('not_met');
    expect(status(d, 'methotrexate-contraindication')).toBe('not_met');
    expect(reason(d, 'methotrexate-contraindication')).toMatch(/taken and tolerated/);
    expect(status(d, 'on-drug')).toBe('not_met');
    expect(d.determination).toBe('does_not_meet');
  });

  it("Cigna: the patient's 'about 6 months' of methotrexate gives way to the clinician's 8 weeks from the fill history", () => {
    const d = check(CIGNA, drugOrder(SKYRIZI), [
      psoriasis(),
      measure('bsa-percent', 8),
      note(
        'n-pt',
        'Pt reports he "was on the methotrexate about 6 months, stopped bc it wasn\'t doing much".',
        '2026-01-20',
      ),
      note(
        'n-add',
        "Addendum: fill history reviewed - methotrexate trial 8 wks, self-d/c'd, not for AE/intolerance.",
        '2026-02-03',
      ),
    ]);
    expect(status(d, 'systemic-trial')).toBe('not_met');
    expect(reason(d, 'systemic-trial')).not.toMatch(/26\.1 weeks/);
  });

  it('a note that says a JAK inhibitor was stopped outranks its own copied-forward "continue" line', () => {
    const d = check(UHC, drugOrder(DUPIXENT), [
      ad(),
      measure('bsa-percent', 15),
      tcs('2025-12-01', '2026-01-15'),
      note(
        'n-jak',
        'HPI: On Rinvoq 15 mg daily since 11/12/2025. She STOPPED Rinvoq - last dose 02/14/2026.\nPlan: Continue Rinvoq 15 mg daily.',
        '2026-02-25',
      ),
    ]);
    expect(status(d, 'combined-targeted-therapy')).toBe('not_met');
  });

  it('a diagnosis the Condition holds as a differential is not established by the order’s code or the notes', () => {
    const differential = {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'differential' }],
    };
    const d = check(CIGNA, drugOrder(SKYRIZI), [
      psoriasis({ verificationStatus: differential }),
      measure('bsa-percent', 8),
    ]);
    expect(status(d, 'psoriasis-diagnosis')).toBe('unknown');
    expect(reason(d, 'psoriasis-diagnosis')).toMatch(/differential/);
    expect(d.determination).not.toBe('meets');
  });

  it('HMSA: tuberculosis screening must be within 12 months; an old negative or a pending repeat does not decide it', () => {
    const HMSA = payer('HMSA', 'TEST-HMSA');
    const qft = (date: string, status: 'final' | 'registered' = 'final'): Resource => ({
      resourceType: 'Observation',
      id: `qft-${date}`,
      status,
      code: { text: 'QuantiFERON-TB Gold Plus' },
      subject: { reference: 'Patient/pat-1' },
      effectiveDateTime: date,
      ...(status === 'final' ? { valueCodeableConcept: { text: 'Negative' } } : {}),
    });
    const clinical = [psoriasis(), measure('bsa-percent', 6)];
    const recent = check(HMSA, drugOrder(SKYRIZI), [...clinical, qft('2025-10-01')]);
    expect(recent.policy?.id).toBe('hmsa-psoriasis-biologics');
    expect(status(recent, 'tb-screening')).toBe('met');
    expect(recent.determination).toBe('meets');
    const stale = check(HMSA, drugOrder(SKYRIZI), [...clinical, qft('2023-01-17'), qft('2026-02-20', 'registered')]);
    expect(status(stale, 'tb-screening')).toBe('unknown');
    expect(stale.determination).toBe('insufficient_documentation');
  });

  it('Kaiser has no psoriasis biologic policy on file: the label fallback applies, says so, and is no meets while most payers would ask for more', () => {
    const d = check(KAISER, drugOrder('ustekinumab 45 MG/0.5 ML Prefilled Syringe'), [
      psoriasis(),
      measure('pasi', 15),
      mtx('2025-01-01', '2025-05-01'),
    ]);
    expect(d.policy?.id).toBe('guideline-psoriasis-biologics-label');
    expect(d.warnings.join()).toMatch(/national guideline policy applied instead/);
    expect(d.determination).toBe('insufficient_documentation');
    expect(d.missingDocumentation.find((m) => m.id === 'payer-criteria')?.text).toMatch(
      /meets \d of the \d other payers/,
    );
  });
});

describe('met, not met and unknown paths of the remaining drug files', () => {
  const infant: Resource = { ...TEST_PATIENT, birthDate: '2025-11-01' };
  const teen: Resource = { ...TEST_PATIENT, birthDate: '2009-06-01' };
  const withPatient = (patient: Resource, org: Organization, order: MedicationRequest, clinical: Resource[]) =>
    determine(
      parseIntake(bundle([patient, org, coverage('5'), order, prescriber(DERMATOLOGY), ...clinical])),
      library,
      {
        today,
      },
    ).determination;

  it('Aetna psoriasis: the CVS Caremark pathways, an adult and a dermatologist (CPB 1009)', () => {
    const record = [psoriasis(), measure('bsa-percent', 12)];
    const adult = check(AETNA, drugOrder(SKYRIZI), record);
    expect(adult.policy?.id).toBe('aetna-psoriasis-biologics');
    expect(adult.determination).toBe('meets');
    const minor = withPatient(teen, AETNA, drugOrder(SKYRIZI), record);
    expect(status(minor, 'adult')).toBe('not_met');
    expect(minor.determination).toBe('does_not_meet');
    const family = check(AETNA, drugOrder(SKYRIZI), record, FAMILY_MEDICINE);
    expect(status(family, 'dermatologist')).toBe('not_met');
  });

  it('CVS Caremark dupilumab: BSA 5 % on the trunk for a new start does not meet', () => {
    const d = check(CAREMARK, drugOrder(DUPIXENT, { reason: 'New start' }), [
      ad({ bodySite: [site('trunk')] }),
      measure('bsa-percent', 5),
      tcs('2025-10-01', '2025-11-15'),
    ]);
    expect(status(d, 'severity')).toBe('not_met');
    expect(d.determination).toBe('does_not_meet');
  });

  it('dupilumab label fallback: a 4-month-old does not meet (from 6 months); a silent record is insufficient', () => {
    const baby = withPatient(infant, AETNA, drugOrder(DUPIXENT), [ad(), tcs('2026-01-01', '2026-02-01')]);
    expect(baby.policy?.id).toBe('guideline-dupilumab-atopic-dermatitis-label');
    expect(status(baby, 'age-6-months')).toBe('not_met');
    expect(baby.determination).toBe('does_not_meet');
    const silent = check(AETNA, drugOrder(DUPIXENT), []);
    expect(silent.determination).toBe('insufficient_documentation');
    expect(asks(silent)).toMatch(/topical prescription therapy tried/);
  });

  it("a payer policy silent on age still applies the label's 6 months: a 4-month-old does not meet under Highmark", () => {
    const HIGHMARK = payer('Highmark Blue Cross Blue Shield', 'TEST-HIGHMARK');
    const baby = withPatient(infant, HIGHMARK, drugOrder(DUPIXENT), [ad(), tcs('2026-01-01', '2026-02-01')]);
    expect(baby.policy?.id).toBe('highmark-dupilumab-atopic-dermatitis');
    expect(status(baby, 'below-label-age')).toBe('met');
    expect(reason(baby, 'label-age')).toBe('patient age 4 months; required at least 6 months');
    expect(baby.determination).toBe('does_not_meet');
  });

  it('CVS Caremark certolizumab: a 16-year-old does not meet (adults); a silent record is insufficient', () => {
    const d = withPatient(teen, CAREMARK, drugOrder(CIMZIA), [psoriasis(), measure('bsa-percent', 12)]);
    expect(status(d, 'adult')).toBe('not_met');
    expect(d.determination).toBe('does_not_meet');
    expect(check(CAREMARK, drugOrder(CIMZIA), []).determination).toBe('insufficient_documentation');
  });

  it('psoriasis label fallback: a refuted psoriasis diagnosis does not meet; a silent record is insufficient', () => {
    const refuted = psoriasis({
      verificationStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'refuted' }],
      },
    });
    const d = check(KAISER, drugOrder('secukinumab 150 MG/ML Auto-Injector'), [refuted, measure('pasi', 15)]);
    expect(d.policy?.id).toBe('guideline-psoriasis-biologics-label');
    expect(status(d, 'psoriasis-diagnosis')).toBe('not_met');
    expect(d.determination).toBe('does_not_meet');
    const silent = check(KAISER, drugOrder('secukinumab 150 MG/ML Auto-Injector'), []);
    expect(silent.determination).toBe('insufficient_documentation');
    expect(asks(silent)).toMatch(/plaque psoriasis diagnosis/);
  });

  it('UHC dupilumab renewal: on dupilumab with IGA 4 → 1 meets through continuation', () => {
    const d = check(UHC, drugOrder(DUPIXENT), [
      ad(),
      measure('iga', 4, '2025-03-01'),
      medicationHistory(DUPIXENT, '2025-03-10', undefined, 'active'),
      measure('iga', 1, '2026-02-01'),
    ]);
    expect(status(d, 'renewal')).toBe('met');
    expect(d.determination).toBe('meets');
  });
});
