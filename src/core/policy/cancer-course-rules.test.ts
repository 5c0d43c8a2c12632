// The order's strategy and purpose, and prior-scan counting (issue 15, classes 3 and 4), on hand-built facts.
import { describe, expect, it } from 'vitest';
import type { Bundle } from '@medplum/fhirtypes';
import type { Fact, ImagingFact, TherapyFact } from '../evidence/fact.ts';
import { orderRule, priorScans, treatmentCompleted } from './cancer-course-rules.ts';
import type { RuleContext } from './rule-context.ts';

const AS_OF = '2026-06-01';
const src = (text: string) => ({ reference: 'DocumentReference/n1', text });
const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [] };

function ctx(facts: Fact[], reasonText = '', modifiers: string[] = []): RuleContext {
  return {
    facts,
    bundle,
    asOf: AS_OF,
    order: { reference: 'ServiceRequest/o1', modifiers, reasonIcd10: ['C43.61'], reasonText: reasonText.toLowerCase() },
  };
}

const melanoma: Fact = { kind: 'cancer', cancerType: 'melanoma', assertion: 'affirmed', source: src('melanoma') };
const excised: Fact = {
  kind: 'therapy',
  modality: 'cancer_surgery',
  assertion: 'affirmed',
  start: '2025-01-10',
  end: '2025-01-10',
  outcome: 'completed',
  source: src('wide excision 01/2025'),
};
const planned = (purposes: ImagingFact['purposes']): ImagingFact => ({
  kind: 'imaging',
  modality: 'pet_ct',
  assertion: 'hypothetical',
  date: AS_OF,
  ...(purposes ? { purposes } : {}),
  source: src('plan: PET/CT'),
});
const PI = { modifier: 'PI', otherModifiers: ['PS'] };
const PS = { modifier: 'PS', otherModifiers: ['PI'] };

describe('the order strategy without a coded modifier', () => {
  it('reads a modifier written in the order note when the scan serves a decision', () => {
    const c = ctx([melanoma, planned(['treatment_decision'])], 'Modifier PS; restage before resection');
    expect(orderRule(PS, c).status).toBe('met');
    expect(orderRule(PI, c).status).toBe('not_met');
  });

  it('reads a modifier in brackets after "restaging"', () => {
    const c = ctx([melanoma, planned(['treatment_decision'])], 'fdg pet/ct whole body - restaging (ps)');
    expect(orderRule(PS, c).status).toBe('met');
  });

  it('does not let a written modifier stand alone when no purpose is stated', () => {
    expect(orderRule(PI, ctx([melanoma], 'PI - per oncology')).status).toBe('unknown');
  });

  it("takes the plan's own statement that the extent will decide the treatment as the decision the scan serves", () => {
    const decides: Fact = {
      kind: 'management_change',
      description: 'The extent of disease will determine her treatment',
      assertion: 'affirmed',
      date: AS_OF,
      source: src('The extent of disease will determine her treatment:'),
    };
    expect(orderRule(PI, ctx([melanoma, decides], 'PI - per oncology')).status).toBe('met');
  });

  it('infers the strategy from the purpose and the course of the cancer', () => {
    const afterSurgery = ctx([melanoma, excised, planned(['treatment_decision'])]);
    expect(orderRule(PS, afterSurgery).status).toBe('met');
    expect(orderRule(PI, afterSurgery).status).toBe('not_met');
    const atDiagnosis = ctx([melanoma, planned(['treatment_decision'])]);
    expect(orderRule(PI, atDiagnosis).status).toBe('met');
  });

  it('finds that a surveillance scan of a known cancer serves no strategy', () => {
    const c = ctx([melanoma, planned(['surveillance'])], 'so the patient can be reassured');
    expect(orderRule(PI, c).status).toBe('not_met');
    expect(orderRule(PS, c).status).toBe('not_met');
  });

  it('takes the strategy the order’s reason states, and reads "no distant symptoms" as no distant purpose', () => {
    const c = ctx(
      [melanoma, excised, planned(['treatment_decision'])],
      'Initial staging: evaluate the left inguinal nodal basin in lieu of SLNB; no distant symptoms',
    );
    expect(orderRule(PI, c).status).toBe('met');
    expect(orderRule({ purpose: ['regional_nodes'] }, c).status).toBe('met');
  });

  it('leaves it open when nothing says what the scan is for', () => {
    expect(orderRule(PI, ctx([melanoma, planned(undefined)])).status).toBe('unknown');
  });
});

describe('the stated purpose of the order', () => {
  const nodes = { reasonText: ['regional lymph node'], purpose: ['regional_nodes' as const] };
  it('reads a regional-node evaluation from the order text or the plan', () => {
    expect(orderRule(nodes, ctx([melanoma], 'check the groin lymph nodes ahead of SLNB')).status).toBe('met');
    expect(orderRule(nodes, ctx([melanoma, planned(['regional_nodes'])], 'melanoma')).status).toBe('met');
    expect(orderRule(nodes, ctx([melanoma], 'look for distant disease before surgery')).status).toBe('not_met');
  });

  it("takes the order's own purpose over an earlier visit's plan, but not over the ordering visit's", () => {
    const earlier: ImagingFact = { ...planned(['regional_nodes']), date: '2026-04-20' };
    const distant = 'distant staging before axillary dissection vs neoadjuvant therapy';
    expect(orderRule(nodes, ctx([melanoma, earlier], distant)).status).toBe('not_met');
    expect(orderRule(nodes, ctx([melanoma, planned(['regional_nodes'])], distant)).status).toBe('met');
    // An order that states no purpose leaves the earlier plan's.
    expect(orderRule(nodes, ctx([melanoma, earlier], 'melanoma')).status).toBe('met');
  });
});

describe('prior-scan counting', () => {
  const rule = {
    modalities: ['pet', 'pet_ct'],
    strategy: 'subsequent' as const,
    max: 2,
    initialTherapy: ['cancer_surgery'],
  };
  const prior = (date: string): ImagingFact => ({
    kind: 'imaging',
    modality: 'pet_ct',
    assertion: 'affirmed',
    date,
    source: src(`PET/CT ${date}`),
  });

  it('places a scan its records disagree on by the course: one before initial therapy ended is initial', () => {
    const preOp: ImagingFact = { ...prior('2025-01-05'), strategy: 'initial' };
    const comparison: ImagingFact = {
      ...prior('2025-01-05'),
      strategy: 'subsequent',
      source: src('Comparison: PET/CT 01/05/2025'),
    };
    const result = priorScans(rule, ctx([excised, preOp, comparison, prior('2025-06-01')]));
    expect(result.reason).toMatch(/^1 prior subsequent-strategy PET scan/);
  });

  it("does not count a scan whose own words name only another cancer (a CLL staging PET) against the order's", () => {
    const cll: ImagingFact = {
      ...prior('2025-06-01'),
      source: src('PET/CT skull base to mid-thigh - CLL, r/o Richter transformation'),
    };
    const counted = priorScans(rule, ctx([excised, cll, prior('2025-09-01'), prior('2025-11-01')]));
    expect(counted.reason).toMatch(/^2 prior subsequent-strategy PET scan/);
  });

  it('is met within the limit when every scan is on record', () => {
    expect(priorScans(rule, ctx([excised, prior('2025-06-01')])).status).toBe('met');
  });

  it('is unknown, never zero, when scans are stated without a number', () => {
    const vague: ImagingFact = { ...prior('2025-06-01'), uncounted: true };
    delete vague.date;
    const result = priorScans(rule, ctx([excised, vague]));
    expect(result.status).toBe('unknown');
    expect(result.request).toMatch(/prior PET/);
  });

  it('leaves the count open for a scan known only as arrived, or one another note disputes', () => {
    const arrived: ImagingFact = { ...prior('2026-03-02'), assertion: 'uncertain', unconfirmed: true };
    const open = priorScans(rule, ctx([excised, prior('2025-06-01'), prior('2025-11-01'), arrived]));
    expect(open.status).toBe('unknown');
    expect(open.reason).toMatch(/1 more prior PET scan\(s\) the record leaves in doubt/);
    const denied: ImagingFact = {
      ...prior('2025-10-01'),
      assertion: 'negated',
      source: src('no report for an October 2025 PET'),
    };
    const listed = [prior('2025-06-01'), prior('2025-10-15'), prior('2026-02-01')];
    expect(priorScans(rule, ctx([excised, ...listed])).status).toBe('not_met');
    expect(priorScans(rule, ctx([excised, ...listed, denied])).status).toBe('unknown');
  });

  it('takes a scan stated by month for the one of that month on record, and leaves out scans for another cancer', () => {
    const byMonth: ImagingFact = { ...prior('2025-06-01'), dateByMonth: true };
    const forCll: ImagingFact = { ...prior('2025-09-10'), indication: 'hematologic' };
    const result = priorScans(rule, ctx([excised, prior('2025-06-17'), byMonth, prior('2025-11-20'), forCll]));
    expect(result.status).toBe('met');
    expect(result.reason).toMatch(
      /2 prior subsequent-strategy PET scan\(s\).*1 scan date\(s\) for another cancer, with another tracer or from before this cancer was found not counted/,
    );
  });

  it('does not count a PET with another tracer (PSMA), even where a list gives its date without the tracer', () => {
    const psma: ImagingFact = { ...prior('2025-11-04'), source: src('11/04/2025 Ga-68 PSMA PET/CT for rising PSA') };
    const listed = prior('2025-11-04');
    const fdg = [prior('2025-06-01'), prior('2026-02-17')];
    expect(priorScans(rule, ctx([excised, ...fdg, psma, listed])).status).toBe('met');
    expect(priorScans(rule, ctx([excised, ...fdg, prior('2025-11-04')])).status).toBe('not_met');
  });

  it('counts scans a sentence numbers without dates', () => {
    const counted: ImagingFact = { ...prior('2025-06-01'), strategy: 'subsequent', countedInText: true };
    delete counted.date;
    expect(priorScans(rule, ctx([excised, counted, counted, counted])).status).toBe('not_met');
    const open: ImagingFact = { ...counted };
    delete open.strategy;
    // "3 PET/CTs in total" with two dated on record: one more, of a strategy not stated, leaves the count open…
    const dated = [prior('2025-06-01'), prior('2025-12-01')];
    expect(priorScans(rule, ctx([excised, ...dated, open, open, open])).status).toBe('unknown');
    // …while a total the dated scans already make up ("2 PET/CTs so far") adds none.
    expect(priorScans(rule, ctx([excised, ...dated, open, open])).status).toBe('met');
  });
});

describe('initial therapy completed', () => {
  const MODALITIES = ['cancer_surgery', 'systemic_anticancer_therapy', 'radiation_therapy'];
  const noted = (extra: Partial<TherapyFact> = {}): TherapyFact => ({
    kind: 'therapy',
    modality: 'cancer_surgery',
    outcome: 'completed',
    assertion: 'affirmed',
    date: '2026-05-20',
    source: src('s/p wide local excision with negative margins'),
    ...extra,
  });

  it('counts a surgery a note states done, dated by the note at latest', () => {
    const result = treatmentCompleted(MODALITIES, ctx([melanoma, noted()]));
    expect(result.status).toBe('met');
    expect(result.reason).toMatch(/2026-05-20/);
  });

  it('does not count a planned surgery, a course under way or a treatment for another cancer', () => {
    expect(treatmentCompleted(MODALITIES, ctx([noted({ assertion: 'hypothetical' })])).status).toBe('unknown');
    expect(treatmentCompleted(MODALITIES, ctx([noted({ outcome: 'ongoing' })])).status).toBe('not_met');
    const bcc = noted({ reasons: [{ display: 'Basal cell carcinoma of the nose', icd10: ['C44.311'] }] });
    expect(treatmentCompleted(MODALITIES, ctx([bcc])).status).toBe('unknown');
  });
});
