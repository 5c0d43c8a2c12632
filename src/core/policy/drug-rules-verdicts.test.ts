// Verdicts of the drug rules on outcomes (issue 15, classes 5, 6, 12): a not_met needs an affirmed contradiction
// ("[X] not tried", a response below the least meaningful change, a course begun on samples); an assumed fill end
// is no evidence of a short trial; a later "it helped" overrules an earlier failure; the prescriber's specialty
// may come from the record's encounters and notes.
import { describe, expect, it } from 'vitest';
import type { Bundle, MedicationRequest, PractitionerRole, ServiceRequest } from '@medplum/fhirtypes';
import type { Fact, MeasurementFact, SpecialtyFact, TherapyFact } from '../evidence/fact.ts';
import {
  concurrentTherapyRule,
  onTherapyRule,
  prescriberRule,
  responseRule,
  stepTherapyRule,
  type StepTherapyRule,
} from './drug-rules.ts';
import type { RuleContext } from './rule-context.ts';

const AS_OF = '2026-05-04';
const ORDER: MedicationRequest = {
  resourceType: 'MedicationRequest',
  id: 'order-9',
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/p' },
  medicationCodeableConcept: { text: 'tralokinumab 150 MG/ML Prefilled Syringe' },
  requester: { reference: 'Practitioner/dr-x' },
  authoredOn: AS_OF,
};

function ctx(facts: Fact[]): RuleContext {
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ resource: ORDER }, { resource: { resourceType: 'Practitioner', id: 'dr-x' } }],
  };
  return {
    facts,
    bundle,
    asOf: AS_OF,
    order: { reference: 'MedicationRequest/order-9', modifiers: [], reasonIcd10: [], reasonText: '' },
  };
}

const therapy = (
  fact: Partial<TherapyFact> & Pick<TherapyFact, 'modality'>,
  reference = 'DocumentReference/n',
): TherapyFact => ({
  kind: 'therapy',
  assertion: 'affirmed',
  ...fact,
  source: {
    reference,
    text: fact.agent ?? fact.modality,
    ...(reference.startsWith('Doc') ? { start: 0, end: 1 } : {}),
  },
});

describe('step therapy verdicts', () => {
  it('is not met on a denied class only when the class covers every drug or class the step lists', () => {
    const noBiologic = therapy({ modality: 'biologic', assertion: 'negated' });
    const byDrug = stepTherapyRule({ agents: ['dupilumab', 'lebrikizumab'] }, ctx([noBiologic]));
    expect(byDrug.status).toBe('not_met');
    expect(byDrug.evidence).toHaveLength(1);
    // "No prior biologic" says nothing of apremilast or a JAK inhibitor.
    const targeted = { modalities: ['biologic', 'jak_inhibitor', 'apremilast'] };
    expect(stepTherapyRule(targeted, ctx([noBiologic])).status).toBe('unknown');
    expect(stepTherapyRule({ agents: ['secukinumab', 'apremilast'] }, ctx([noBiologic])).status).toBe('unknown');
  });

  it('counts a course stated for another condition only where the step does not name its condition', () => {
    const forEczema = therapy(
      {
        modality: 'biologic',
        agent: 'dupilumab',
        outcome: 'completed',
        reasons: [{ display: 'Atopic dermatitis', icd10: ['L20.9'] }],
      },
      'MedicationStatement/dupixent',
    );
    const unstated = therapy({ modality: 'biologic', agent: 'adalimumab', outcome: 'failed' });
    const rule: StepTherapyRule = { modalities: ['biologic'], outcomes: ['failed', 'completed'], forIcd10: ['L40'] };
    expect(stepTherapyRule(rule, ctx([forEczema])).status).not.toBe('met');
    expect(stepTherapyRule({ ...rule, forIcd10: undefined }, ctx([forEczema])).status).toBe('met');
    expect(stepTherapyRule(rule, ctx([forEczema, unstated])).status).toBe('met');
  });

  it('judges a bare "has failed methotrexate" by the dated course it was linked to, not again on its own', () => {
    const statement = therapy({ modality: 'methotrexate', agent: 'methotrexate', outcome: 'failed', undated: true });
    const course = therapy(
      {
        modality: 'methotrexate',
        agent: 'methotrexate',
        outcome: 'failed',
        start: '2026-01-12',
        end: '2026-02-20',
        durationWeeks: 5.6,
        basis: [{ reference: 'DocumentReference/n', text: 'has failed methotrexate', start: 0 }],
      },
      'DocumentReference/n',
    );
    const rule = { modalities: ['methotrexate'], minWeeks: 12, outcomes: ['failed' as const] };
    expect(stepTherapyRule(rule, ctx([statement])).status).toBe('unknown');
    expect(stepTherapyRule(rule, ctx([statement, course])).status).toBe('not_met');
  });

  it('does not count a prescription the record later says was never taken', () => {
    const sent = therapy({ modality: 'methotrexate', agent: 'methotrexate', date: '2026-08-11' });
    const never = therapy({
      modality: 'methotrexate',
      agent: 'methotrexate',
      assertion: 'negated',
      date: '2026-09-01',
    });
    expect(stepTherapyRule({ modalities: ['methotrexate'] }, ctx([sent])).status).toBe('unknown');
    expect(stepTherapyRule({ modalities: ['methotrexate'] }, ctx([sent, never])).status).toBe('not_met');
  });

  it("does not take a contraindication on the patient's word alone", () => {
    const said = therapy({
      modality: 'methotrexate',
      agent: 'methotrexate',
      outcome: 'contraindicated',
      patientReported: true,
    });
    expect(stepTherapyRule({ modalities: ['methotrexate'] }, ctx([said])).status).toBe('unknown');
    const documented = therapy({ modality: 'methotrexate', agent: 'methotrexate', outcome: 'contraindicated' });
    expect(stepTherapyRule({ modalities: ['methotrexate'] }, ctx([documented])).status).toBe('met');
  });

  it('is not met when the record affirms the step was not tried', () => {
    const r = stepTherapyRule(
      { modalities: ['topical_calcineurin_inhibitor'], minWeeks: 6 },
      ctx([therapy({ modality: 'topical_calcineurin_inhibitor', assertion: 'negated' })]),
    );
    expect(r.status).toBe('not_met');
    expect(r.reason).toMatch(/not tried/);
    expect(r.evidence).toHaveLength(1);
  });

  it('stays unknown on silence', () => {
    expect(stepTherapyRule({ modalities: ['phototherapy'] }, ctx([])).status).toBe('unknown');
  });

  it('does not call a trial short on a fill length it assumed', () => {
    const assumed = therapy(
      {
        modality: 'methotrexate',
        agent: 'methotrexate',
        start: '2026-01-05',
        end: '2026-02-04',
        endAssumed: true,
        durationWeeks: 4.3,
        outcome: 'failed',
      },
      'MedicationRequest/mtx',
    );
    expect(stepTherapyRule({ modalities: ['methotrexate'], minWeeks: 12 }, ctx([assumed])).status).toBe('unknown');
    const stated = { ...assumed, endAssumed: false };
    expect(stepTherapyRule({ modalities: ['methotrexate'], minWeeks: 12 }, ctx([stated])).status).toBe('not_met');
  });

  it('calls a trial short when even a course running to the evaluation date would be', () => {
    const recent = therapy(
      {
        modality: 'methotrexate',
        agent: 'methotrexate',
        start: '2026-04-06',
        end: '2026-05-06',
        endAssumed: true,
        outcome: 'failed',
      },
      'MedicationRequest/mtx',
    );
    expect(stepTherapyRule({ modalities: ['methotrexate'], minWeeks: 12 }, ctx([recent])).status).toBe('not_met');
  });

  it('does not keep a drug open that the record says worked', () => {
    const facts = [
      therapy({
        modality: 'methotrexate',
        agent: 'methotrexate',
        start: '2025-09-01',
        outcome: 'improved',
        durationWeeks: 20,
      }),
      therapy({ modality: 'methotrexate', agent: 'methotrexate', start: '2025-09-01' }, 'MedicationRequest/mtx'),
    ];
    expect(stepTherapyRule({ modalities: ['methotrexate'], minWeeks: 12 }, ctx(facts)).status).toBe('not_met');
  });

  it('lets a later "it helped" overrule an earlier failure of the same drug', () => {
    const facts = [
      therapy({
        modality: 'topical_corticosteroid',
        agent: 'fluocinonide',
        start: '2026-01-01',
        date: '2026-01-01',
        durationWeeks: 6,
        outcome: 'failed',
      }),
      therapy({ modality: 'topical_corticosteroid', agent: 'fluocinonide', date: '2026-04-01', outcome: 'improved' }),
    ];
    expect(stepTherapyRule({ modalities: ['topical_corticosteroid'], minWeeks: 4 }, ctx(facts)).status).not.toBe('met');
  });
});

describe('settled and uncertain courses', () => {
  const mtx = (fact: Partial<TherapyFact>, reference = 'DocumentReference/n'): TherapyFact =>
    therapy({ modality: 'methotrexate', agent: 'methotrexate', ...fact }, reference);
  const step = { modalities: ['methotrexate'], minWeeks: 12 };

  it('a course dated too short and stated tolerated is settled: a fill with no result does not reopen it', () => {
    const course = { start: '2025-06-02', end: '2025-07-28', durationWeeks: 8 };
    const fill = mtx({ start: '2025-06-02', end: '2025-07-02', endAssumed: true }, 'MedicationRequest/m');
    expect(stepTherapyRule(step, ctx([mtx({ ...course, tolerated: true }), fill])).status).toBe('not_met');
    // Without the tolerance statement the stop may have been for intolerance: still open.
    expect(stepTherapyRule(step, ctx([mtx(course), fill])).status).toBe('unknown');
    // The tolerance may be stated in another sentence than the dates ("stopped after 6 doses. No side effects").
    const toleratedApart = mtx({ endedBy: '2025-07-28', tolerated: true }, 'DocumentReference/portal');
    expect(stepTherapyRule(step, ctx([mtx(course), toleratedApart, fill])).status).toBe('not_met');
    // So is a course stopped by choice (preference, cost, fear): it ended short, not for intolerance.
    const byChoice = mtx({ endedBy: '2025-07-28', stoppedByChoice: true }, 'DocumentReference/portal');
    expect(stepTherapyRule(step, ctx([mtx(course), byChoice, fill])).status).toBe('not_met'); // Said of the class, with no drug named ("methotrexate trial incomplete, stopped for cost, no intolerance").
    const classChoice = therapy(
      { modality: 'methotrexate', stoppedByChoice: true, tolerated: true },
      'DocumentReference/c',
    );
    expect(stepTherapyRule(step, ctx([mtx(course), classChoice, fill])).status).toBe('not_met');
  });

  it('a failure dated by months only qualifies only if even its shortest reading is long enough', () => {
    const monthly = mtx({
      start: '2024-10-01',
      end: '2024-12-31',
      durationWeeks: 13,
      shortestWeeks: 4.4,
      outcome: 'failed',
    });
    expect(stepTherapyRule(step, ctx([monthly])).status).toBe('unknown');
    expect(stepTherapyRule(step, ctx([{ ...monthly, shortestWeeks: 12.5 }])).status).toBe('met');
  });

  it('a course told in months around a dated, ended course is that course; the class named alone is settled with it', () => {
    const tci = (fact: Partial<TherapyFact>, reference = 'DocumentReference/n'): TherapyFact =>
      therapy({ modality: 'topical_calcineurin_inhibitor', agent: 'tacrolimus', ...fact }, reference);
    const coded = tci(
      { start: '2026-01-28', end: '2026-02-10', durationWeeks: 1.9, outcome: 'completed' },
      'MedicationStatement/t',
    );
    const tolerated = tci({ endedBy: '2026-02-12', tolerated: true }, 'DocumentReference/phone');
    const summary = tci({
      start: '2026-01-01',
      end: '2026-02-28',
      durationWeeks: 8.3,
      shortestWeeks: 0.1,
      outcome: 'failed',
    });
    const classOnly = therapy({ modality: 'topical_calcineurin_inhibitor', outcome: 'failed' }, 'DocumentReference/a');
    const rule = { modalities: ['topical_calcineurin_inhibitor'], minWeeks: 6 };
    const result = stepTherapyRule(rule, ctx([coded, tolerated, summary, classOnly]));
    expect(result.status).toBe('not_met');
    expect(result.reason).toContain('too short (1.9 weeks; 6 required)');
    // Without the dated course the months leave the length open.
    expect(stepTherapyRule(rule, ctx([summary, classOnly])).status).toBe('unknown');
    // An order for the drug whose end is only assumed (one fill) is that same short course, told without its end.
    const fill = tci({ start: '2026-01-28', end: '2026-02-27', endAssumed: true }, 'MedicationRequest/t');
    expect(stepTherapyRule(rule, ctx([coded, tolerated, fill, classOnly])).status).toBe('not_met');
  });

  it('a failure of a drug the record says was used poorly is no adequate trial yet', () => {
    const tcs = (fact: Partial<TherapyFact>): TherapyFact =>
      therapy({ modality: 'topical_corticosteroid', agent: 'triamcinolone', ...fact });
    const failed = tcs({ start: '2026-01-08', end: '2026-03-17', durationWeeks: 9.7, outcome: 'failed' });
    const rule = { modalities: ['topical_corticosteroid'], minWeeks: 4 };
    expect(stepTherapyRule(rule, ctx([failed])).status).toBe('met');
    expect(stepTherapyRule(rule, ctx([failed, tcs({ poorAdherence: true })])).status).toBe('unknown');
    // Said of the class ("failed topical steroids … did not bring it"), the poor use reaches each course of it.
    const classOnly = therapy({ modality: 'topical_corticosteroid', outcome: 'failed', poorAdherence: true });
    expect(stepTherapyRule(rule, ctx([failed, classOnly])).status).toBe('unknown');
  });

  it('a step that asks for the dates of each drug does not take an undated intolerance', () => {
    const crisaborole = therapy({ modality: 'topical_pde4_inhibitor', agent: 'crisaborole', outcome: 'intolerance' });
    const rule = { modalities: ['topical_pde4_inhibitor'] };
    expect(stepTherapyRule(rule, ctx([crisaborole])).status).toBe('met');
    expect(stepTherapyRule({ ...rule, datesRequired: true }, ctx([crisaborole])).status).toBe('unknown');
    const dated = { ...crisaborole, start: '2025-03-01', end: '2025-03-20' };
    expect(stepTherapyRule({ ...rule, datesRequired: true }, ctx([dated])).status).toBe('met');
  });

  it('a named drug not tried settles a step of classes only when the names cover every class', () => {
    const denied = (agent: string, modality: TherapyFact['modality']) =>
      therapy({ modality, agent, assertion: 'negated' });
    const tci = { modalities: ['topical_calcineurin_inhibitor'] };
    const pimecrolimusOnly = [denied('pimecrolimus', 'topical_calcineurin_inhibitor')];
    expect(stepTherapyRule(tci, ctx(pimecrolimusOnly)).status).toBe('unknown');
    const both = [...pimecrolimusOnly, denied('tacrolimus', 'topical_calcineurin_inhibitor')];
    expect(stepTherapyRule(tci, ctx(both)).status).toBe('not_met');
    expect(
      stepTherapyRule({ modalities: ['topical_calcineurin_inhibitor', 'topical_corticosteroid'] }, ctx(both)).status,
    ).toBe('unknown');
  });
});

describe('a drug the medication list still calls active', () => {
  it('is not combined with the request once a later statement ends it', () => {
    const listed = therapy(
      { modality: 'jak_inhibitor', agent: 'upadacitinib', start: '2024-10-02', outcome: 'ongoing' },
      'MedicationStatement/rinvoq',
    );
    const rule = { modalities: ['jak_inhibitor'] };
    expect(concurrentTherapyRule(rule, ctx([listed])).status).toBe('met');
    const stopped = therapy({
      modality: 'jak_inhibitor',
      agent: 'upadacitinib',
      end: '2025-04-11',
      endedBy: '2025-04-11',
    });
    expect(concurrentTherapyRule(rule, ctx([listed, stopped])).status).toBe('not_met');
    // A transition the order says overlaps ("continue apremilast concurrently during transition") is a combination.
    const base = ctx([listed]);
    const transition = { ...base, order: { ...base.order, reasonText: 'transition to adalimumab' } };
    expect(concurrentTherapyRule(rule, transition).status).toBe('not_met');
    const overlap = {
      ...base,
      order: { ...base.order, reasonText: 'continue upadacitinib concurrently during transition' },
    };
    expect(concurrentTherapyRule(rule, overlap).status).toBe('met');
  });

  it('is combined when the note keeps it going alongside the request, whatever it says of its response', () => {
    const rule = { modalities: ['apremilast'] };
    const failed = therapy({
      modality: 'apremilast',
      agent: 'apremilast',
      outcome: 'failed',
      date: '2026-10-01',
      endedBy: '2026-10-01',
    });
    const kept: TherapyFact = {
      ...therapy({ modality: 'apremilast', agent: 'apremilast', outcome: 'improved', date: '2026-10-01' }),
      source: {
        reference: 'DocumentReference/n',
        text: 'Will keep apremilast 30 mg BID going alongside Stelara for now and reassess at 16 wks.',
        start: 0,
        end: 1,
      },
    };
    expect(concurrentTherapyRule(rule, ctx([failed])).status).toBe('not_met');
    expect(concurrentTherapyRule(rule, ctx([failed, kept])).status).toBe('met');
  });

  it('is not combined once a later entry is coded stopped on a date, but a course told up to its own day runs on', () => {
    const rule = { modalities: ['biologic'] };
    const cont = therapy({ modality: 'biologic', agent: 'adalimumab', date: '2025-11-18', outcome: 'ongoing' });
    const coded = therapy(
      { modality: 'biologic', agent: 'adalimumab', start: '2025-02-04', end: '2026-03-08', outcome: 'completed' },
      'MedicationStatement/humira',
    );
    expect(concurrentTherapyRule(rule, ctx([cont])).status).toBe('met');
    expect(concurrentTherapyRule(rule, ctx([cont, coded])).status).toBe('not_met');
    const partial = therapy({
      modality: 'biologic',
      agent: 'adalimumab',
      start: '2025-11-01',
      end: '2026-04-20',
      date: '2026-04-20',
      outcome: 'failed',
    });
    expect(concurrentTherapyRule(rule, ctx([cont, partial])).status).toBe('met');
  });
});

describe('response verdicts', () => {
  const score = (value: number, date: string): MeasurementFact => ({
    kind: 'measurement',
    name: 'easi',
    value,
    unit: '{score}',
    assertion: 'affirmed',
    date,
    source: { reference: `Observation/easi-${date}`, text: `EASI ${value}` },
  });
  const course = therapy(
    { modality: 'biologic', agent: 'tralokinumab', start: '2025-12-01', outcome: 'ongoing' },
    'MedicationRequest/tralo-1',
  );

  it('does not take a token fall of the score for a response when the policy names no threshold', () => {
    const r = responseRule({ measures: ['easi'] }, ctx([course, score(24, '2025-11-30'), score(22.5, '2026-04-20')]));
    expect(r.status).toBe('not_met');
  });

  it('takes a meaningful fall for one', () => {
    const r = responseRule({ measures: ['easi'] }, ctx([course, score(24, '2025-11-30'), score(12, '2026-04-20')]));
    expect(r.status).toBe('met');
  });

  it('reads the baseline a sentence on therapy states when none was measured before the start', () => {
    const stated: MeasurementFact = {
      ...score(24.8, '2026-04-20'),
      source: { reference: 'DocumentReference/n', text: 'RESPONSE: EASI 26.0 -> 24.8; BSA 24% -> 22%.' },
    };
    const r = responseRule({ measures: ['easi'] }, ctx([course, stated]));
    expect(r.status).toBe('not_met');
    expect(r.reason).toMatch(/EASI 26 → 24.8/);
  });

  it('does not let words of improvement stand against the prescriber’s own "no response"', () => {
    const facts = [
      course,
      therapy({ modality: 'biologic', agent: 'tralokinumab', outcome: 'improved' }),
      therapy({ modality: 'biologic', agent: 'tralokinumab', outcome: 'failed' }),
    ];
    expect(responseRule({ measures: ['easi'] }, ctx(facts)).status).toBe('not_met');
  });
});

describe('continuation of a course begun on samples', () => {
  it('is not established by notes alone', () => {
    const facts = [
      therapy({ modality: 'biologic', agent: 'tralokinumab', start: '2026-02-01', outcome: 'ongoing', sample: true }),
      therapy({ modality: 'biologic', agent: 'tralokinumab', outcome: 'ongoing' }),
    ];
    expect(onTherapyRule({ excludeSamples: true }, ctx(facts)).status).toBe('not_met');
  });

  it('is established by a paid prescription', () => {
    const facts = [
      therapy({ modality: 'biologic', agent: 'tralokinumab', start: '2026-02-01', outcome: 'ongoing', sample: true }),
      therapy(
        { modality: 'biologic', agent: 'tralokinumab', start: '2026-03-01', outcome: 'ongoing' },
        'MedicationRequest/tralo-2',
      ),
    ];
    expect(onTherapyRule({ excludeSamples: true }, ctx(facts)).status).toBe('met');
  });
});

describe('new start or continuation', () => {
  it('reads a note that plans to start the drug as a new start', () => {
    const plan = therapy({ modality: 'biologic', agent: 'tralokinumab', assertion: 'hypothetical' });
    plan.source = {
      reference: 'DocumentReference/n',
      text: 'Start tralokinumab 600 mg loading dose.',
      start: 0,
      end: 38,
    };
    expect(onTherapyRule({}, ctx([plan])).status).toBe('not_met');
  });

  it('reads "wk 0, 4, then q12wk" as a new start', () => {
    const plan = therapy({ modality: 'biologic', agent: 'tralokinumab', assertion: 'hypothetical' });
    plan.source = {
      reference: 'DocumentReference/n',
      text: 'Plan: tralokinumab wk 0, 4, then q12wk.',
      start: 0,
      end: 39,
    };
    expect(onTherapyRule({}, ctx([plan])).status).toBe('not_met');
  });

  it('reads an order with no course of the drug on record and no continuation stated as an initial request', () => {
    const r = onTherapyRule({}, ctx([]));
    expect(r.status).toBe('not_met');
    expect(r.reason).toMatch(/no course of tralokinumab is on record/);
    const continued = { ...ctx([]), order: { ...ctx([]).order, reasonText: 'continuation of therapy' } };
    expect(onTherapyRule({}, continued).status).toBe('unknown');
  });
});

describe('prescriber specialty from the record', () => {
  const heading = (specialty: string, extra: Partial<SpecialtyFact>): SpecialtyFact => ({
    kind: 'specialty',
    specialty,
    via: 'note_heading',
    practitioners: [],
    consult: false,
    assertion: 'affirmed',
    date: AS_OF,
    source: { reference: 'DocumentReference/n', text: 'DERMATOLOGY VISIT', start: 0, end: 17 },
    ...extra,
  });

  it('takes the heading of a note the requester wrote, and cites it', () => {
    const r = prescriberRule(
      { specialties: ['dermatology'] },
      ctx([heading('dermatology', { practitioners: ['Practitioner/dr-x'] })]),
    );
    expect(r.status).toBe('met');
    expect(r.evidence[0]?.text).toBe('DERMATOLOGY VISIT');
  });

  it('takes a consultation only where the policy accepts one', () => {
    const consult = heading('allergy_immunology', {
      consult: true,
      date: '2026-03-01',
      practitioners: ['Practitioner/dr-y'],
    });
    expect(prescriberRule({ specialties: ['allergy_immunology'], consultation: true }, ctx([consult])).status).toBe(
      'met',
    );
    expect(prescriberRule({ specialties: ['allergy_immunology'] }, ctx([consult])).status).toBe('unknown');
  });

  it('takes a consultation beside a prescriber of another specialty, and leaves one only asked for unknown', () => {
    const base = ctx([]);
    const role: PractitionerRole = {
      resourceType: 'PractitionerRole',
      id: 'role-x',
      practitioner: { reference: 'Practitioner/dr-x' },
      specialty: [{ coding: [{ system: 'http://nucc.org/provider-taxonomy', code: '207Q00000X' }] }],
    };
    const referral: ServiceRequest = {
      resourceType: 'ServiceRequest',
      id: 'ref-1',
      status: 'active',
      intent: 'order',
      subject: { reference: 'Patient/p' },
      code: { text: 'Referral to Dermatology (e-consult)' },
      authoredOn: '2026-04-20',
    };
    const rule = { specialties: ['dermatology'], consultation: true };
    const withRole = { ...base, bundle: { ...base.bundle, entry: [...(base.bundle.entry ?? []), { resource: role }] } };
    expect(prescriberRule(rule, withRole).status).toBe('not_met');
    const asked = {
      ...withRole,
      bundle: { ...withRole.bundle, entry: [...(withRole.bundle.entry ?? []), { resource: referral }] },
    };
    const pending = prescriberRule(rule, asked);
    expect(pending.status).toBe('unknown');
    expect(pending.reason).toMatch(/consultation with dermatology was requested on 2026-04-20/);
    const consulted = { ...asked, facts: [heading('dermatology', { consult: true, date: '2026-04-30' })] };
    expect(prescriberRule(rule, consulted).status).toBe('met');
    // Booked after the request: the consultation has not happened, and the prescriber is of another specialty.
    const booked = { ...referral, note: [{ text: 'First available new patient appointment 10/29/2099.' }] };
    const later = {
      ...withRole,
      bundle: { ...withRole.bundle, entry: [...(withRole.bundle.entry ?? []), { resource: booked }] },
    };
    const notYet = prescriberRule(rule, later);
    expect(notYet.status).toBe('not_met');
    expect(notYet.reason).toMatch(/booked for 2099-10-29, after this request/);
  });

  it('reads a plan\'s "continue" of a drug begun weeks ago as that short course, and a course nobody can name as open', () => {
    const rule = {
      modalities: ['topical_corticosteroid' as const],
      minWeeks: 4,
      minPotency: 'medium' as const,
      outcomes: ['failed' as const],
    };
    const started = therapy({
      modality: 'topical_corticosteroid',
      agent: 'triamcinolone',
      start: '2026-04-20',
      end: '2026-05-20',
      endAssumed: true,
    });
    const continued = therapy(
      { modality: 'topical_corticosteroid', agent: 'triamcinolone', outcome: 'ongoing' },
      'DocumentReference/p',
    );
    expect(stepTherapyRule(rule, ctx([started, continued])).status).toBe('not_met');
    const unnamed: TherapyFact = {
      ...therapy({ modality: 'topical_corticosteroid', outcome: 'failed' }),
      source: {
        reference: 'DocumentReference/u',
        text: 'A steroid cream from urgent care - name and strength unknown, did not help.',
      },
    };
    expect(stepTherapyRule({ ...rule, minPotency: undefined }, ctx([started, unnamed])).status).toBe('unknown');
    // "Only a brief (~10 day) TCS course": too short to count, whatever potency it was.
    const brief = therapy({ modality: 'topical_corticosteroid', durationWeeks: 1.4 }, 'DocumentReference/b');
    const result = stepTherapyRule(rule, ctx([brief]));
    expect(result.status).toBe('not_met');
    expect(result.reason).toMatch(/too short \(1\.4 weeks; 4 required\)/);
  });

  it('takes an active order the record says was never filled for no drug taken, but not any negation near the drug', () => {
    const rule = { modalities: ['topical_jak_inhibitor'] };
    const active = therapy(
      { modality: 'topical_jak_inhibitor', agent: 'ruxolitinib', start: '2026-03-01', outcome: 'ongoing' },
      'MedicationRequest/opzelura',
    );
    const never = therapy({
      modality: 'topical_jak_inhibitor',
      agent: 'ruxolitinib',
      assertion: 'negated',
      neverTaken: true,
      date: '2026-05-04',
    });
    expect(concurrentTherapyRule(rule, ctx([active])).status).toBe('met');
    expect(concurrentTherapyRule(rule, ctx([active, never])).status).toBe('unknown');
    // "From a rheumatology standpoint we would not stop tofacitinib": negated, but not a drug never taken.
    const notStopped = { ...never, neverTaken: undefined };
    expect(concurrentTherapyRule(rule, ctx([active, notStopped])).status).toBe('met');
  });

  it('takes no length an order set out for a trial once the record says the order was never filled', () => {
    const rx = therapy({
      modality: 'topical_corticosteroid',
      agent: 'triamcinolone',
      durationWeeks: 4,
      date: '2026-03-04',
    });
    const neverFilled = therapy({
      modality: 'topical_corticosteroid',
      agent: 'triamcinolone',
      assertion: 'negated',
      neverTaken: true,
      date: '2026-03-04',
    });
    const notTaking = therapy({ ...neverFilled, neverTaken: undefined, date: '2026-06-09' });
    const classDeclined = therapy({ modality: 'topical_corticosteroid', assertion: 'negated', date: '2026-06-09' });
    const rule: StepTherapyRule = { modalities: ['topical_corticosteroid'], minWeeks: 4, outcomes: ['failed'] };
    // "[not taking]" alone does not undo an order's length; "never filled" does, and the refused class decides.
    expect(stepTherapyRule(rule, ctx([rx, notTaking, classDeclined])).status).toBe('unknown');
    expect(stepTherapyRule(rule, ctx([rx, neverFilled, notTaking, classDeclined])).status).toBe('not_met');
  });

  it('cannot place in a window a failure the note tells with no date of its own', () => {
    const told = therapy({ modality: 'topical_corticosteroid', agent: 'clobetasol', outcome: 'failed', undated: true });
    const rule = { modalities: ['topical_corticosteroid'], withinMonths: 12 };
    expect(stepTherapyRule(rule, ctx([told])).status).toBe('unknown');
    expect(stepTherapyRule(rule, ctx([told])).reason).toContain('clobetasol: failed, but when is not stated');
    expect(stepTherapyRule({ modalities: ['topical_corticosteroid'] }, ctx([told])).status).toBe('met');
    const dated = { ...told, undated: undefined, end: '2026-03-01' };
    expect(stepTherapyRule(rule, ctx([dated])).status).toBe('met');
  });

  it('takes a denial bounded to a recent stretch for neither a step not tried nor a course undone', () => {
    const rule = { modalities: ['topical_calcineurin_inhibitor'], agents: ['tacrolimus'] };
    const recent = therapy({
      modality: 'topical_calcineurin_inhibitor',
      agent: 'tacrolimus',
      assertion: 'negated',
      deniedOnlySince: true,
    });
    expect(stepTherapyRule(rule, ctx([recent])).status).toBe('unknown');
    expect(stepTherapyRule(rule, ctx([{ ...recent, deniedOnlySince: undefined }])).status).toBe('not_met');
  });
});
