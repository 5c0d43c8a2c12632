// Unit tests of the rule kinds added for Mohs and the drug policies, each with its met / not_met / unknown paths,
// on hand-built facts. Also the schema's acceptance of the new kinds and the AUC table's key cells.
import { describe, expect, it } from 'vitest';
import type { Bundle, MedicationRequest, Resource } from '@medplum/fhirtypes';
import { anatomicSiteOf, bodyRegionsOf, icd10SkinSite } from '../evidence/codesets.ts';
import type { Fact, TherapyFact } from '../evidence/fact.ts';
import { concurrentTherapyRule, onTherapyRule, prescriberRule, responseRule, stepTherapyRule } from './drug-rules.ts';
import { ageRule, involvedSiteRule, measurementRule, type InvolvedSiteRule } from './measure-rules.ts';
import { aucRating, sizeBand } from './mohs-auc.ts';
import { lesionAreaRule, mohsAucRule, mohsCodeSiteRule } from './mohs-rules.ts';
import type { RuleContext } from './rule-context.ts';
import { policyErrors } from './schema.ts';

const src = (reference: string, text = reference) => ({ reference, text });
const AS_OF = '2026-03-02';

function ctx(
  facts: Fact[],
  options: { order?: Resource; reasonText?: string; reasonIcd10?: string[]; extra?: Resource[] } = {},
): RuleContext {
  const order = options.order ?? drug('dupilumab 300 MG Prefilled Syringe');
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [order, ...(options.extra ?? [])].map((resource) => ({ resource })),
  };
  return {
    facts,
    bundle,
    asOf: AS_OF,
    order: {
      reference: `${order.resourceType}/${order.id ?? ''}`,
      modifiers: [],
      reasonIcd10: options.reasonIcd10 ?? [],
      reasonText: (options.reasonText ?? '').toLowerCase(),
    },
  };
}

function drug(display: string, extra: Partial<MedicationRequest> = {}): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id: 'order-1',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/pat-1' },
    medicationCodeableConcept: { text: display },
    requester: { reference: 'Practitioner/prac-1' },
    ...extra,
  };
}

const mohs = (cpt: string, bodySite?: string): Resource => ({
  resourceType: 'ServiceRequest',
  id: 'order-1',
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/pat-1' },
  code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: cpt }] },
  ...(bodySite ? { bodySite: [{ text: bodySite }] } : {}),
});

const measurement = (
  name: 'bsa_percent' | 'easi' | 'pasi' | 'iga' | 'dlqi' | 'lesion_size_cm',
  value: number,
  date: string,
  id = `m-${name}-${date}`,
): Fact => ({
  kind: 'measurement',
  name,
  value,
  unit: name === 'bsa_percent' ? '%' : name === 'lesion_size_cm' ? 'cm' : '{score}',
  assertion: 'affirmed',
  date,
  source: src(`Observation/${id}`),
});

const therapy = (
  modality: TherapyFact['modality'],
  agent: string,
  fields: Partial<TherapyFact>,
  id = `t-${agent}`,
): TherapyFact => ({
  kind: 'therapy',
  modality,
  agent,
  assertion: 'affirmed',
  source: src(`MedicationStatement/${id}`),
  ...fields,
});

const cancer = (fields: Partial<Extract<Fact, { kind: 'cancer' }>>): Fact => ({
  kind: 'cancer',
  cancerType: 'bcc',
  biopsyProven: true,
  assertion: 'affirmed',
  date: '2026-02-10',
  source: src('DiagnosticReport/path-1'),
  ...fields,
});

describe('measurement rule', () => {
  it('is met by the latest value in range, not met by a latest value below it, unknown without one', () => {
    const facts = [measurement('bsa_percent', 4, '2025-06-01'), measurement('bsa_percent', 12, '2026-02-01')];
    expect(measurementRule({ name: 'bsa_percent', min: 10 }, ctx(facts)).status).toBe('met');
    const lower = measurementRule(
      { name: 'bsa_percent', min: 10 },
      ctx([...facts, measurement('bsa_percent', 6, '2026-02-20')]),
    );
    expect(lower.status).toBe('not_met');
    expect(lower.reason).toBe('BSA 6% on 2026-02-20; required at least 10%');
    expect(measurementRule({ name: 'easi', min: 16 }, ctx(facts)).status).toBe('unknown');
  });

  it('leaves a value short of the threshold open when the record documents a worsening after it', () => {
    const low = measurement('bsa_percent', 8, '2025-11-12');
    const worse: Fact = {
      kind: 'symptom_course',
      trend: 'progressive',
      assertion: 'affirmed',
      date: '2026-02-18',
      source: src('DocumentReference/n'),
    };
    const result = measurementRule({ name: 'bsa_percent', min: 10 }, ctx([low, worse]));
    expect(result.status).toBe('unknown');
    expect(result.reason).toMatch(/measured before the worsening/);
    expect(measurementRule({ name: 'bsa_percent', min: 10 }, ctx([low])).status).toBe('not_met');
  });

  it('honours a maximum (DLQI), and a recency window leaves an old value unknown', () => {
    expect(measurementRule({ name: 'dlqi', max: 10 }, ctx([measurement('dlqi', 14, '2026-02-01')])).status).toBe(
      'not_met',
    );
    const old = measurementRule(
      { name: 'pasi', min: 10, withinDays: 90 },
      ctx([measurement('pasi', 20, '2025-01-01')]),
    );
    expect(old.status).toBe('unknown');
    expect(old.reason).toMatch(/older than 90 days/);
  });
});

describe('age and involved-site rules', () => {
  const person = (ageYears: number, ageMonths: number): Fact => ({
    kind: 'demographic',
    ageYears,
    ageMonths,
    assertion: 'affirmed',
    source: src('Patient/pat-1'),
  });
  it('reads months for infants and years for adults; no birth date is unknown', () => {
    expect(ageRule({ minMonths: 6 }, ctx([person(0, 7)])).status).toBe('met');
    expect(ageRule({ minMonths: 6 }, ctx([person(0, 4)])).status).toBe('not_met');
    expect(ageRule({ minYears: 18 }, ctx([person(16, 200)])).status).toBe('not_met');
    expect(ageRule({ minYears: 18 }, ctx([])).status).toBe('unknown');
  });

  it('maps body-site words to regions: met, not met when only other sites are stated, unknown without sites', () => {
    const psoriasis = (bodySite?: string[]): Fact => ({
      kind: 'condition',
      coding: [],
      icd10: ['L40.0'],
      display: 'Psoriasis vulgaris',
      ...(bodySite ? { bodySite } : {}),
      assertion: 'affirmed',
      source: src('Condition/c1'),
    });
    const rule: InvolvedSiteRule = { regions: ['hands', 'scalp'], icd10: ['L40'] };
    expect(involvedSiteRule(rule, ctx([psoriasis(['palmoplantar'])])).status).toBe('met');
    expect(involvedSiteRule(rule, ctx([psoriasis(['elbows'])])).status).toBe('not_met');
    expect(involvedSiteRule(rule, ctx([psoriasis()])).status).toBe('unknown');
  });

  it('takes the sites of the latest description: an older scalp involvement does not outlive "limited to elbows"', () => {
    const rule: InvolvedSiteRule = { regions: ['scalp'], icd10: ['L40'] };
    const at = (bodySite: string[], date: string): Fact => ({
      kind: 'condition',
      coding: [],
      icd10: ['L40.0'],
      display: 'Psoriasis vulgaris',
      bodySite,
      assertion: 'affirmed',
      date,
      source: src(`DocumentReference/${date}`),
    });
    expect(involvedSiteRule(rule, ctx([at(['scalp'], '2025-06-01'), at(['elbows'], '2026-02-01')])).status).toBe(
      'not_met',
    );
    expect(involvedSiteRule(rule, ctx([at(['elbows'], '2025-06-01'), at(['scalp'], '2026-02-01')])).status).toBe('met');
  });
});

describe('step therapy rule', () => {
  const tcs = (fields: Partial<TherapyFact>, id?: string) =>
    therapy('topical_corticosteroid', 'triamcinolone', fields, id);

  it('failure after enough weeks qualifies; the same failure after 2 weeks is too short (not met)', () => {
    const rule = { modalities: ['topical_corticosteroid'], minWeeks: 4 };
    expect(
      stepTherapyRule(rule, ctx([tcs({ start: '2025-12-01', end: '2026-01-05', outcome: 'failed' })])).status,
    ).toBe('met');
    const short = stepTherapyRule(rule, ctx([tcs({ start: '2026-01-01', end: '2026-01-15', outcome: 'failed' })]));
    expect(short.status).toBe('not_met');
    expect(short.reason).toMatch(/too short \(2 weeks; 4 required\)/);
  });

  it('intolerance and contraindication need no length; a response means it was not a failure', () => {
    const rule = { modalities: ['topical_corticosteroid'], minWeeks: 4 };
    expect(
      stepTherapyRule(rule, ctx([tcs({ start: '2026-01-01', end: '2026-01-05', outcome: 'intolerance' })])).status,
    ).toBe('met');
    expect(stepTherapyRule(rule, ctx([tcs({ outcome: 'contraindicated' })])).status).toBe('met');
    const helped = stepTherapyRule(rule, ctx([tcs({ start: '2025-10-01', end: '2025-12-01', outcome: 'improved' })]));
    expect(helped.status).toBe('not_met');
    expect(helped.reason).toMatch(/it helped/);
    // Cigna counts only inadequate efficacy: intolerance is then not a qualifying outcome.
    expect(stepTherapyRule({ ...rule, outcomes: ['failed'] }, ctx([tcs({ outcome: 'intolerance' })])).status).toBe(
      'unknown',
    );
  });

  it('a long course without a stated outcome, or without dates, is unknown and asks how it ended', () => {
    const result = stepTherapyRule(
      { modalities: ['topical_corticosteroid'], minWeeks: 4 },
      ctx([tcs({ start: '2025-10-01', end: '2025-12-01', outcome: 'completed' })]),
    );
    expect(result.status).toBe('unknown');
    expect(result.request).toMatch(/how each trial ended/);
    expect(stepTherapyRule({ modalities: ['topical_corticosteroid'] }, ctx([])).status).toBe('unknown');
  });

  it('counts distinct classes (2 of 3) and says when one is missing', () => {
    const rule = {
      modalities: ['topical_corticosteroid', 'topical_calcineurin_inhibitor', 'topical_pde4_inhibitor'],
      count: 2,
    };
    const one = [tcs({ outcome: 'failed' }), tcs({ outcome: 'failed' }, 'other-tcs')];
    // The classes the record is silent on may yet have been tried: unknown, not a contradiction (issue 15).
    expect(stepTherapyRule(rule, ctx(one)).status).toBe('unknown');
    const neverTried = [
      therapy('topical_calcineurin_inhibitor', 'tacrolimus', { assertion: 'negated' }),
      therapy('topical_pde4_inhibitor', 'crisaborole', { assertion: 'negated' }),
    ].map((f) => ({ ...f, source: { ...f.source, start: 0, end: 1 } }));
    expect(stepTherapyRule(rule, ctx([...one, ...neverTried])).status).toBe('not_met');
    const two = [...one, therapy('topical_pde4_inhibitor', 'crisaborole', { outcome: 'intolerance' })];
    expect(stepTherapyRule(rule, ctx(two)).status).toBe('met');
  });

  it('excludes low-potency agents, trials outside the window, the order itself and the ordered drug', () => {
    const hc = therapy('topical_corticosteroid', 'hydrocortisone', { outcome: 'failed' });
    expect(
      stepTherapyRule({ modalities: ['topical_corticosteroid'], excludeAgents: ['hydrocortisone'] }, ctx([hc])).status,
    ).toBe('unknown');
    const old = tcs({ start: '2023-01-01', end: '2023-03-01', outcome: 'failed' });
    expect(stepTherapyRule({ modalities: ['topical_corticosteroid'], withinMonths: 12 }, ctx([old])).status).toBe(
      'unknown',
    );
    const orderFact = therapy('biologic', 'dupilumab', { outcome: 'ongoing' });
    orderFact.source = src('MedicationRequest/order-1');
    expect(stepTherapyRule({ modalities: ['biologic'], outcomes: ['ongoing'] }, ctx([orderFact])).status).toBe(
      'unknown',
    );
    const naive = stepTherapyRule(
      { modalities: ['biologic'], noneTriedWhenOrderSays: ['biologic-naive'] },
      ctx([], { reasonText: 'Biologic-naive patient' }),
    );
    expect(naive.status).toBe('not_met');
  });
});

describe('continuation, response and concurrent-therapy rules', () => {
  const dupi = (fields: Partial<TherapyFact>) => therapy('biologic', 'dupilumab', fields);

  it('on the drug long enough is met; too early, samples only, stopped, a stated new start or no course at all are not met; a continuation stated without the course is unknown', () => {
    expect(onTherapyRule({ minWeeks: 16 }, ctx([dupi({ start: '2025-08-01', outcome: 'ongoing' })])).status).toBe(
      'met',
    );
    expect(onTherapyRule({ minWeeks: 16 }, ctx([dupi({ start: '2026-01-15', outcome: 'ongoing' })])).status).toBe(
      'not_met',
    );
    const samples = onTherapyRule(
      { excludeSamples: true },
      ctx([dupi({ start: '2025-08-01', outcome: 'ongoing', sample: true })]),
    );
    expect(samples.status).toBe('not_met');
    expect(onTherapyRule({}, ctx([dupi({ start: '2025-01-01', end: '2025-06-01', outcome: 'failed' })])).status).toBe(
      'not_met',
    );
    expect(onTherapyRule({}, ctx([], { reasonText: 'New start' })).status).toBe('not_met');
    const lapsed = onTherapyRule({}, ctx([dupi({ start: '2023-01-01', end: '2024-01-01', outcome: 'completed' })]));
    expect(lapsed.status).toBe('not_met');
    expect(lapsed.reason).toMatch(/stopped \(completed 2024-01-01\)/);
    const stated = onTherapyRule({}, ctx([], { reasonText: 'Continuation of therapy' }));
    expect(stated.status).toBe('unknown');
    expect(stated.request).toMatch(/current dupilumab therapy/);
    // Nothing on record of the drug and no continuation stated: the request is an initial one.
    expect(onTherapyRule({}, ctx([])).status).toBe('not_met');
  });

  it('response: a lower score after the start is met (with a threshold), a higher one not met, no baseline unknown', () => {
    const course = dupi({ start: '2025-09-01', outcome: 'ongoing' });
    const facts = [course, measurement('easi', 24, '2025-08-20'), measurement('easi', 10, '2026-02-20')];
    expect(responseRule({ measures: ['easi'] }, ctx(facts)).status).toBe('met');
    expect(responseRule({ measures: ['easi'], minImprovementPercent: 75 }, ctx(facts)).status).toBe('not_met');
    const worse = [course, measurement('easi', 20, '2025-08-20'), measurement('easi', 22, '2026-02-20')];
    expect(responseRule({ measures: ['easi'] }, ctx(worse)).status).toBe('not_met');
    expect(responseRule({ measures: ['easi'] }, ctx([course, measurement('easi', 10, '2026-02-20')])).status).toBe(
      'unknown',
    );
    expect(responseRule({ measures: ['easi'] }, ctx([dupi({ start: '2025-09-01', outcome: 'improved' })])).status).toBe(
      'met',
    );
  });

  it('concurrent therapy: another biologic under way is met, one that ended or a stated switch is not met, none unknown', () => {
    const rule = { modalities: ['biologic', 'jak_inhibitor'] };
    const upa = (fields: Partial<TherapyFact>) => therapy('jak_inhibitor', 'upadacitinib', fields);
    expect(concurrentTherapyRule(rule, ctx([upa({ outcome: 'ongoing' })])).status).toBe('met');
    expect(concurrentTherapyRule(rule, ctx([upa({ end: '2025-12-01', outcome: 'failed' })])).status).toBe('not_met');
    expect(
      concurrentTherapyRule(rule, ctx([upa({ outcome: 'ongoing' })], { reasonText: 'switching from upadacitinib' }))
        .status,
    ).toBe('not_met');
    // The requested drug itself is never "another" drug.
    expect(concurrentTherapyRule(rule, ctx([therapy('biologic', 'dupilumab', { outcome: 'ongoing' })])).status).toBe(
      'unknown',
    );
  });
});

describe('prescriber rule', () => {
  const practitioner = (code: string): Resource => ({
    resourceType: 'Practitioner',
    id: 'prac-1',
    qualification: [{ code: { coding: [{ system: 'http://nucc.org/provider-taxonomy', code }] } }],
  });
  it('reads the requester: dermatologist met, family physician not met, no specialty unknown, consultation met', () => {
    const rule = { specialties: ['dermatology'], consultation: true };
    expect(prescriberRule(rule, ctx([], { extra: [practitioner('207N00000X')] })).status).toBe('met');
    expect(prescriberRule(rule, ctx([], { extra: [practitioner('207Q00000X')] })).status).toBe('not_met');
    expect(prescriberRule(rule, ctx([], { extra: [] })).status).toBe('unknown');
    const consult = prescriberRule(
      rule,
      ctx([], { extra: [practitioner('207Q00000X')], reasonText: 'In consultation with Dermatology' }),
    );
    expect(consult.status).toBe('met');
  });
  it('reads a PractitionerRole specialty as well', () => {
    const role: Resource = {
      resourceType: 'PractitionerRole',
      id: 'role-1',
      practitioner: { reference: 'Practitioner/prac-1' },
      specialty: [{ text: 'Allergy and Immunology' }],
    };
    const d = prescriberRule(
      { specialties: ['allergy_immunology'] },
      ctx([], { extra: [{ resourceType: 'Practitioner', id: 'prac-1' }, role] }),
    );
    expect(d.status).toBe('met');
  });
});

describe('anatomic sites, AUC areas and the AUC table', () => {
  it('assigns areas and CPT families, which differ on purpose', () => {
    expect(anatomicSiteOf('left cheek')).toMatchObject({ area: 'M', cptFamily: 'head_neck_hands_feet_genitalia' });
    expect(anatomicSiteOf('Right pretibial leg')).toMatchObject({ area: 'M', cptFamily: 'trunk_arms_legs' });
    expect(anatomicSiteOf('left nipple')).toMatchObject({ area: 'H', cptFamily: 'trunk_arms_legs' });
    expect(anatomicSiteOf('nasal ala')).toMatchObject({ area: 'H' });
    expect(anatomicSiteOf('scalp')).toMatchObject({ area: 'M' });
    expect(anatomicSiteOf('upper back')).toMatchObject({ area: 'L' });
    expect(anatomicSiteOf('dorsal hand')).toMatchObject({ area: 'H' });
    expect(anatomicSiteOf('face')?.area).toBeUndefined();
    expect(bodyRegionsOf('scalp and palms')).toEqual(['scalp', 'hands']);
    expect(icd10SkinSite('C44.311')).toBe('nose');
    expect(icd10SkinSite('C44.41')).toBe('scalp or neck');
    expect(icd10SkinSite('C44.612')).toBeUndefined();
  });

  it('bands sizes and rates key scenarios', () => {
    expect([0.5, 0.6, 1.0, 1.1, 2.0, 2.1].map(sizeBand)).toEqual([
      'le0.5',
      '0.6-1.0',
      '0.6-1.0',
      '1.1-2.0',
      '1.1-2.0',
      'gt2.0',
    ]);
    const rate = (s: Partial<Parameters<typeof aucRating>[0]>) =>
      aucRating({ area: 'L', tumour: 'bcc', status: 'primary', immune: 'healthy', size: '0.6-1.0', ...s });
    expect(rate({ area: 'H', subtype: 'superficial' })).toBe('appropriate');
    expect(rate({ area: 'M', subtype: 'superficial', size: 'le0.5' })).toBe('uncertain');
    expect(rate({ area: 'M', subtype: 'superficial', size: 'le0.5', immune: 'immunocompromised' })).toBe('appropriate');
    expect(rate({ subtype: 'superficial', size: 'gt2.0' })).toBe('inappropriate');
    expect(rate({ subtype: 'nodular', size: '1.1-2.0' })).toBe('uncertain');
    expect(rate({ subtype: 'nodular', size: '1.1-2.0', immune: 'immunocompromised' })).toBe('appropriate');
    expect(rate({ subtype: 'aggressive', size: 'le0.5' })).toBe('uncertain');
    expect(rate({ status: 'recurrent', subtype: 'superficial' })).toBe('inappropriate');
    expect(rate({ tumour: 'ak_sccis', area: 'H' })).toBe('inappropriate');
    expect(rate({ tumour: 'sccis', status: 'recurrent' })).toBe('uncertain');
    expect(rate({ tumour: 'lm_mis' })).toBeUndefined();
  });
});

describe('Mohs rules', () => {
  it('the AUC rule is met, not met or unknown by what the profile settles', () => {
    const h = mohsAucRule(
      { accept: ['appropriate'] },
      ctx([cancer({ anatomicSite: 'nose' })], { order: mohs('17311') }),
    );
    expect(h.status).toBe('met');
    const l = mohsAucRule(
      { accept: ['appropriate'] },
      ctx([cancer({ anatomicSite: 'upper back', subtype: 'superficial', primary: 'primary' })], {
        order: mohs('17313'),
      }),
    );
    expect(l.status).toBe('not_met');
    const open = mohsAucRule(
      { accept: ['appropriate'] },
      ctx([cancer({ anatomicSite: 'upper back', subtype: 'nodular', primary: 'primary' })], { order: mohs('17313') }),
    );
    expect(open.status).toBe('unknown');
    expect(open.request).toMatch(/clinical diameter/);
    expect(open.request).toMatch(/immune status/);
    expect(open.request).not.toMatch(/primary or recurrent/);
    // A clinical impression with the biopsy pending rates nothing yet.
    const clinical = mohsAucRule(
      { accept: ['appropriate'] },
      ctx([cancer({ anatomicSite: 'nose', biopsyProven: false })], { order: mohs('17311') }),
    );
    expect(clinical.status).toBe('unknown');
    expect(clinical.request).toMatch(/biopsy pathology/);
  });

  it('the order body site wins over the pathology site; the area rule reports it', () => {
    const c = ctx([cancer({ anatomicSite: 'upper back' })], { order: mohs('17311', 'left temple') });
    expect(lesionAreaRule({ areas: ['H'] }, c)).toMatchObject({ status: 'met', reason: 'left temple: AUC Area H' });
    expect(lesionAreaRule({ areas: ['H'] }, ctx([], { order: mohs('17311') })).status).toBe('unknown');
  });

  it('the CPT site family: match, mismatch, unsettled site, and 17315 at any site', () => {
    expect(mohsCodeSiteRule(ctx([], { order: mohs('17311', 'forehead') })).status).toBe('met');
    expect(mohsCodeSiteRule(ctx([], { order: mohs('17313', 'ear') })).status).toBe('not_met');
    expect(mohsCodeSiteRule(ctx([], { order: mohs('17313', 'ankle') })).status).toBe('unknown');
    expect(mohsCodeSiteRule(ctx([], { order: mohs('17315', 'ear') })).status).toBe('met');
  });
});

describe('policy schema', () => {
  const base = {
    id: 'x',
    version: '1',
    title: 'x',
    kind: 'guideline',
    effective: '2025-01-01',
    appliesTo: {},
    codes: { ingredients: ['dupilumab'] },
    priorAuth: 'unknown',
    source: { name: 'x', url: 'https://example.org' },
  };
  it('accepts the new rule kinds and rejects unknown settings', () => {
    const leaf = (rule: unknown) => ({ ...base, criteria: { id: 'a', text: 'a', request: 'a', rule } });
    expect(policyErrors(leaf({ measurement: { name: 'easi', min: 16 } }))).toEqual([]);
    expect(
      policyErrors(leaf({ stepTherapy: { modalities: ['methotrexate'], minWeeks: 12, outcomes: ['failed'] } })),
    ).toEqual([]);
    expect(policyErrors(leaf({ mohsAuc: { accept: ['appropriate'] } }))).toEqual([]);
    expect(policyErrors(leaf({ mohsCodeSite: {} }))).toEqual([]);
    expect(policyErrors(leaf({ measurement: { name: 'height', min: 1 } })).length).toBeGreaterThan(0);
    expect(policyErrors(leaf({ mohsAuc: { accept: ['fine'] } })).length).toBeGreaterThan(0);
    expect(policyErrors(leaf({ stepTherapy: { minWeek: 4 } })).length).toBeGreaterThan(0);
  });
});
