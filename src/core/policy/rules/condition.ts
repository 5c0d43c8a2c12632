// A diagnosis coded on record (ICD-10-CM prefixes), as the record's own Conditions hold it, optionally within a window
// of days before the evaluation date (dated by onset).
import type { ConditionFact, Fact, TherapyFact } from '../../evidence/fact.ts';
import { citation, newestDate, type RuleContext, type RuleResult } from '../rule-context.ts';
import { matchedFacts } from './fact-matching.ts';
import type { LinkIds } from './questions.ts';
import { ruleKind, type Answers } from './rule-kind.ts';
import { DaysBefore, settings, Strings } from './settings.ts';
import Type from 'typebox';

export const condition = ruleKind({
  key: 'condition',
  settings: settings({
    icd10: Strings,
    daysBefore: Type.Optional(DaysBefore),
    /**
     * For a contraindication: therapy modalities whose course the record states was tolerated. With no such
     * condition coded, the drug taken and tolerated answers "contraindicated?" no, rather than leaving it open.
     */
    unlessTolerated: Type.Optional(Strings),
  }),
  evaluate(spec, ctx) {
    const prefixes = spec.icd10.map((p) => p.toUpperCase());
    const conditions = ctx.facts.filter(
      (f): f is ConditionFact =>
        f.kind === 'condition' && f.icd10.some((code) => prefixes.some((prefix) => code.startsWith(prefix))),
    );
    const recorded = recordedVerification(conditions);
    if (recorded) return recorded;
    // A diagnosis is dated by its onset: when it was recorded says nothing about how long the patient has had it.
    const result = matchedFacts(conditions, [], undefined, spec.daysBefore, (f) => f.onset, ctx.asOf);
    if (!spec.unlessTolerated) return result;
    if (result.status === 'unknown') return toleratedInstead(spec.unlessTolerated, ctx) ?? result;
    return result.status === 'met' ? (clearedSince(result, spec.unlessTolerated, conditions, ctx) ?? result) : result;
  },
  describe: (spec) => `diagnosis coded ICD-10-CM ${spec.icd10.join(', ')}`,
  questions: (spec, ids, request) => [
    {
      linkId: ids.answer,
      text: `${request} — ICD-10-CM code (accepted: ${spec.icd10.join(', ')}…)`,
      type: 'string',
      required: true,
    },
  ],
  prefill(spec, facts, ids: LinkIds) {
    const candidates = facts.filter(
      (f): f is ConditionFact =>
        f.kind === 'condition' && f.icd10.some((code) => spec.icd10.some((p) => code.startsWith(p))),
    );
    const code = candidates.flatMap((f) => f.icd10)[0];
    return {
      answers: new Map(code ? [[ids.answer, [{ valueString: code }]]] : []),
      sources: candidates.map((c) => c.source.reference),
    };
  },
  answerFacts(_spec, { main, source }: Answers): Fact[] {
    const code = main[0]?.valueString?.trim().toUpperCase();
    if (!code) return [];
    return [
      {
        kind: 'condition',
        assertion: 'affirmed',
        coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }],
        icd10: [code],
        display: code,
        source,
      },
    ];
  },
});

/**
 * The diagnosis as the record's own Condition holds it, which note mentions and the order's reason code do not
 * override (a superseded diagnosis lives on in copied-forward problem lists): refuted (a specialist's revised
 * diagnosis) is not met; provisional, differential or unconfirmed (a biopsy pending, "psoriasis vs nummular
 * dermatitis") is unknown until a Condition confirms it. A coded Condition affirming it outranks both.
 */
function recordedVerification(conditions: readonly ConditionFact[]): RuleResult | undefined {
  const coded = (f: ConditionFact): boolean => f.source.reference.startsWith('Condition/');
  const affirmed = conditions.filter((f) => f.assertion === 'affirmed');
  const refuted = conditions.filter((f) => f.verificationStatus === 'refuted');
  // A coded Condition affirming it outranks a refuted or open one, unless that one was recorded later (the PCP's
  // "eczema of hands" of 2025 against the dermatologist's refuted atopic dermatitis of 2026).
  const affirmedCoded = affirmed.filter(coded);
  if (affirmedCoded.length > 0 && (refuted.length === 0 || newestDate(affirmedCoded) >= newestDate(refuted))) {
    const openCoded = conditions.filter((f) => coded(f) && f.assertion === 'uncertain');
    if (openCoded.length === 0 || newestDate(affirmedCoded) >= newestDate(openCoded)) return undefined;
  }
  const open = conditions.filter(
    (f) =>
      coded(f) &&
      (f.verificationStatus === 'provisional' ||
        f.verificationStatus === 'differential' ||
        f.verificationStatus === 'unconfirmed'),
  );
  const held = refuted.length > 0 ? refuted : open;
  if (held.length === 0) return undefined;
  // A refuted alcoholic liver disease does not refute the bridging fibrosis a biopsy shows: a refutation holds only
  // against mentions of its own diagnosis.
  const sameDiagnosis = (f: ConditionFact): boolean =>
    held.some((h) => h.icd10.some((a) => f.icd10.some((b) => a.slice(0, 3) === b.slice(0, 3))));
  if (affirmed.some((f) => !sameDiagnosis(f))) return undefined;
  const evidence = [...held, ...affirmed].map(citation);
  if (refuted.length > 0) {
    return {
      status: 'not_met',
      evidence,
      reason: `the record's Condition marks the diagnosis refuted${affirmed.length > 0 ? `; ${String(affirmed.length)} note mention(s) of it do not override that` : ''}`,
    };
  }
  return {
    status: 'unknown',
    evidence,
    reason: `the record's Condition holds the diagnosis as ${[...new Set(open.map((f) => f.verificationStatus))].join(' or ')}; confirm it (e.g. the pending pathology)`,
    request:
      'Confirm the diagnosis: the Condition is provisional or a differential (attach the pathology or the confirming evaluation)',
  };
}

/** The prescriber's statements that nothing contraindicates the modalities' drugs. */
const clearedBy = (modalities: readonly string[], facts: readonly Fact[]): TherapyFact[] =>
  facts.filter(
    (f): f is TherapyFact => f.kind === 'therapy' && f.notContraindicated === true && modalities.includes(f.modality),
  );

/**
 * "Hx fatty liver … Not a formal contraindication at this time": the prescriber's word, no older than the diagnosis,
 * that it does not bar the drug. The record then says both: unknown, citing both, for a person to settle.
 */
function clearedSince(
  result: RuleResult,
  modalities: readonly string[],
  conditions: readonly ConditionFact[],
  ctx: RuleContext,
): RuleResult | undefined {
  const since = newestDate(conditions.filter((f) => f.assertion === 'affirmed'));
  const cleared = clearedBy(modalities, ctx.facts).filter((f) => (f.date ?? '') >= since);
  if (cleared.length === 0) return undefined;
  return {
    status: 'unknown',
    evidence: [...result.evidence, ...cleared.map(citation)],
    reason: `the record codes the condition, and the prescriber states it does not contraindicate ${[...new Set(cleared.map((t) => t.agent ?? t.modality))].join(', ')}`,
    request: 'Document whether the condition contraindicates the drug (e.g. the specialist opinion or test it awaits)',
    contested: true,
  };
}

/** A contraindication the record does not code, for a drug the record says the patient took and tolerated. */
function toleratedInstead(modalities: readonly string[], ctx: RuleContext): RuleResult | undefined {
  const tolerated = ctx.facts.filter(
    (f): f is TherapyFact =>
      f.kind === 'therapy' && f.assertion === 'affirmed' && f.tolerated === true && modalities.includes(f.modality),
  );
  if (tolerated.length > 0) {
    return {
      status: 'not_met',
      evidence: tolerated.map(citation),
      reason: `${[...new Set(tolerated.map((t) => t.agent ?? t.modality))].join(', ')} was taken and tolerated, and no contraindicating condition is on record`,
    };
  }
  // "No medical contraindication to methotrexate was identified today": the prescriber's own word, with no
  // contraindicating condition on record.
  const cleared = clearedBy(modalities, ctx.facts);
  if (cleared.length === 0) return undefined;
  return {
    status: 'not_met',
    evidence: cleared.map(citation),
    reason: `the prescriber states no contraindication to ${[...new Set(cleared.map((t) => t.agent ?? t.modality))].join(', ')}, and no contraindicating condition is on record`,
  };
}
