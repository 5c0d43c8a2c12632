// Facts of one kind whose fields equal (or are one of, or lie in the range of) the given values: the general rule over
// what the evidence layer reads from coded data and notes (red flags, findings, cancers, visits, imaging …).
import Type from 'typebox';
import type { BodyPart, Fact } from '../../evidence/fact.ts';
import { BODY_PARTS } from '../../evidence/fact.ts';
import { notCountedOf } from '../episode-rules.ts';
import { citation, newestDate, type RuleResult } from '../rule-context.ts';
import { boundsText, isRange, matchedFacts, matchFact } from './fact-matching.ts';
import { option } from './questions.ts';
import { ruleKind, type KindContext } from './rule-kind.ts';
import { DaysBefore, Range, settings, Str } from './settings.ts';
import { stageConflict } from './stage-conflict.ts';

const Opposite = Type.Record(Type.String(), Type.Array(Type.String(), { minItems: 1 }));

const FactSettings = settings({
  kind: Str,
  where: Type.Optional(
    Type.Record(
      Type.String(),
      Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.String()), Range]),
    ),
  ),
  daysBefore: Type.Optional(DaysBefore),
  /**
   * Body parts the fact must be about (`[back]` for a spine study): a fact that states another part (a head injury)
   * does not count; one that states none still does.
   */
  bodySites: Type.Optional(Type.Array(Type.Enum(BODY_PARTS), { minItems: 1 })),
  /**
   * Values of a fact that state the opposite (`{ trend: [improving, resolved] }` against "symptoms
   * persist"): such a fact, newer than any match, makes the criterion not met rather than unknown. The fact is of
   * the rule's kind unless a `kind` entry names another (`{ kind: [symptom_course], trend: [resolved] }`). A list
   * gives alternatives, any of which contradicts (`[{ riskGroup: [high] }, { nodalStatus: [positive] }]`).
   */
  contradictedBy: Type.Optional(Type.Union([Opposite, Type.Array(Opposite, { minItems: 1 })])),
  /** Met when the record states such a fact either way, present or absent ("an examination is documented"). */
  documented: Type.Optional(Type.Boolean()),
  /** Met also by a fact the record raises without establishing it, where the criterion asks for a suspected or
   * proven one ("suspected or proven recurrence"). */
  suspected: Type.Optional(Type.Boolean()),
});
type FactSpec = Type.Static<typeof FactSettings>;

/** The enumeration a fact rule offers a questionnaire (the first `where` field listing several values), if any. */
function enumerationOf(spec: FactSpec): { field: string; values: string[] } | undefined {
  for (const [field, value] of Object.entries(spec.where ?? {})) {
    if (Array.isArray(value) && value.length > 1) return { field, values: value.map(String) };
  }
  return undefined;
}

export const fact = ruleKind({
  key: 'fact',
  settings: FactSettings,
  evaluate: factRule,
  describe(spec) {
    const where = Object.entries(spec.where ?? {})
      .map(([k, v]) =>
        Array.isArray(v) ? `${k} in ${v.join(' | ')}` : isRange(v) ? `${k} ${boundsText(v)}` : `${k} = ${String(v)}`,
      )
      .join(', ');
    return `${spec.kind.replace(/_/g, ' ')} on record${where ? ` (${where})` : ''}`;
  },
  questions(spec, ids, request) {
    const enumeration = enumerationOf(spec);
    if (!enumeration)
      return [{ linkId: ids.answer, text: `${request} — documented?`, type: 'boolean', required: true }];
    return [
      {
        linkId: ids.answer,
        text: `${request} — which applies?`,
        type: 'choice',
        required: true,
        repeats: true,
        answerOption: [...enumeration.values.map(option), option('none')],
      },
    ];
  },
  answerFacts(spec, { main, source }) {
    const fixed = Object.fromEntries(
      Object.entries(spec.where ?? {}).map(([k, v]) => [k, Array.isArray(v) ? (v as unknown[])[0] : v]),
    );
    const stated = (assertion: Fact['assertion'], values: Record<string, unknown> = {}): Fact =>
      ({ ...fixed, kind: spec.kind, ...values, assertion, source }) as unknown as Fact;
    const enumeration = enumerationOf(spec);
    if (enumeration) {
      const chosen = main.flatMap((a) => (a.valueCoding?.code ? [a.valueCoding.code] : []));
      // "None of these": each listed value is stated absent.
      if (chosen.includes('none'))
        return enumeration.values.map((value) => stated('negated', { [enumeration.field]: value }));
      return chosen.map((value) => stated('affirmed', { [enumeration.field]: value }));
    }
    const yes = main[0]?.valueBoolean;
    if (yes === undefined) return [];
    return [stated(yes ? 'affirmed' : 'negated')];
  },
});

/**
 * Facts of a kind, where given. Visits are the episode's (episode-evidence.ts); a fact about another body part than
 * the rule's does not count. What was set aside is named in the reason.
 */
function factRule(rule: FactSpec, ctx: KindContext): RuleResult {
  const episode = rule.kind === 'evaluation' ? ctx.episode() : undefined;
  const facts = aboutCourses(rule) ? ofThisEpisode(ctx) : ctx.facts;
  const matched: Fact[] = [];
  const outside: Fact[] = [];
  const otherPart: Fact[] = [];
  for (const stated of episode?.evaluations ?? facts) {
    // A cancer the patient had ("Hx stage IA melanoma, NED") is still the patient's cancer and stage: surveillance
    // and staging criteria are about it.
    // A red flag the clinician firmly suspects is the suspicion the red-flag indications name.
    const fact: Fact =
      (stated.kind === 'cancer' && stated.assertion === 'historical') ||
      (stated.kind === 'red_flag' && stated.suspected === true)
        ? { ...stated, assertion: 'affirmed' }
        : stated;
    const match = matchFact(fact, rule.kind, rule.where);
    if (match === 'match' && rule.bodySites && !aboutBodySites(fact, rule.bodySites)) otherPart.push(fact);
    else if (match === 'match') matched.push(fact);
    else if (match === 'outside' && fact.assertion === 'affirmed') outside.push(fact);
  }
  // "A focused neurological examination is documented": a finding stated either way answers it.
  if (rule.documented === true) {
    const stated = matched.filter((f) => f.assertion === 'affirmed' || f.assertion === 'negated');
    return stated.length > 0
      ? { status: 'met', evidence: stated.map(citation), reason: 'documented' }
      : { status: 'unknown', evidence: [] };
  }
  // "Suspected or proven recurrence": a suspicion the record raises is what the criterion asks for.
  const raised = rule.suspected === true ? matched.filter((f) => f.assertion === 'uncertain') : [];
  if (raised.length > 0 && !matched.some((f) => f.assertion === 'affirmed' || f.assertion === 'negated')) {
    return { status: 'met', evidence: raised.map(citation), reason: 'suspected, as the criterion allows' };
  }
  const result = contradicted(
    matchedFacts(matched, outside, rule.where, rule.daysBefore, (f) => f.date, ctx.asOf),
    matched,
    rule,
    facts,
  );
  if (result.status === 'met')
    return (rule.where?.stage !== undefined ? stageConflict(result, matched, ctx.facts) : undefined) ?? result;
  const setAside =
    otherPartText(otherPart, rule.bodySites ?? []) +
    (episode ? notCountedOf(episode, 'evaluation', (f) => f.kind === 'evaluation') : '');
  return setAside ? { ...result, reason: `${result.reason ?? 'none on record'}${setAside}` } : result;
}

/** A rule that reads symptom courses, as its kind or as what contradicts it. */
function aboutCourses(rule: FactSpec): boolean {
  if (rule.kind === 'symptom_course') return true;
  const against = rule.contradictedBy;
  return (Array.isArray(against) ? against : against ? [against] : []).some((a) =>
    (a.kind ?? []).includes('symptom_course'),
  );
}

/**
 * The record's facts, less the symptom courses told before the episode began: "L leg pain resolved after PT" in
 * 2025 is the course of the episode before, not of the pain that came back.
 */
function ofThisEpisode(ctx: KindContext): readonly Fact[] {
  if (!ctx.facts.some((f) => f.kind === 'symptom_course')) return ctx.facts;
  const onset = ctx.episode().episode.onset;
  if (onset === undefined) return ctx.facts;
  return ctx.facts.filter((f) => f.kind !== 'symptom_course' || f.date === undefined || f.date >= onset);
}

/**
 * The record's latest word against the criterion ("markedly improved" against "symptoms persist"): a contradicting
 * fact newer than every match makes it not met, citing both; on the same day the match stands.
 */
function contradicted(
  result: RuleResult,
  matched: readonly Fact[],
  rule: FactSpec,
  facts: readonly Fact[],
): RuleResult {
  if (!rule.contradictedBy || result.status === 'not_met') return result;
  const alternatives = Array.isArray(rule.contradictedBy) ? rule.contradictedBy : [rule.contradictedBy];
  // The opposite is a fact of the same kind, unless the rule names another ("radicular pain" against a
  // symptom course that "resolved").
  const opposite = facts.filter(
    (f) =>
      f.assertion === 'affirmed' &&
      alternatives.some(
        (against) =>
          (against.kind !== undefined || f.kind === rule.kind) &&
          Object.entries(against).every(([key, values]) =>
            values.includes(String((f as unknown as Record<string, unknown>)[key])),
          ),
      ),
  );
  const otherKind = alternatives.some((against) => against.kind !== undefined);
  const affirmed = matched.filter((f) => f.assertion === 'affirmed');
  if (opposite.length === 0) return result;
  const said = newestDate(affirmed);
  const unsaid = newestDate(opposite);
  if (affirmed.length > 0 && unsaid < said) return result;
  // Both on the same, latest day. A course of another kind is the later word on a mention ("radicular symptoms
  // that began 1/19 … resolving with conservative care"). A statement of the same kind stands, unless the opposite
  // is categorical (the symptoms "resolved", not just "better in the back"): then the record contradicts itself,
  // which is cited and left for a person to settle.
  if (affirmed.length > 0 && unsaid === said && !otherKind) {
    if (!opposite.some((f) => f.date === said && Object.values(f).includes('resolved'))) return result;
    const both = [...opposite, ...affirmed].filter((f) => f.date === said);
    return {
      status: 'unknown',
      evidence: both.map(citation),
      reason: `the record says both on ${said}: ${[...new Set(both.map((f) => f.source.text))].slice(0, 2).join('; ')}`,
    };
  }
  return {
    status: 'not_met',
    evidence: [...opposite, ...affirmed].map(citation),
    reason: `the record's latest statement says otherwise: ${[...new Set(opposite.map((f) => f.source.text))].slice(0, 2).join('; ')}`,
  };
}

/** The body part an imaging study's site names ("MRI lumbar spine without contrast" → back). */
const IMAGED_PART: readonly [RegExp, BodyPart][] = [
  [/\b(?:lumbar|lumbosacral|l-?spine|ls-?spine|sacr\w*|thoracic|t-?spine|spine|back)\b/i, 'back'],
  [/\b(?:cervical|c-?spine|neck)\b/i, 'neck'],
  [/\b(?:brain|head|orbit\w*|sinus\w*)\b/i, 'head'],
  [/\b(?:knee|hip|thigh|leg|ankle|foot|feet|lower limb)\b/i, 'leg'],
  [/\b(?:shoulder|arm|elbow|wrist|hand|upper limb)\b/i, 'arm'],
  [/\b(?:chest|lung|breast)\b/i, 'chest'],
  [/\b(?:abdomen|abdominal|liver|kidney)\b/i, 'abdomen'],
  [/\b(?:pelvis|pelvic)\b/i, 'pelvis'],
];

const bodySiteOf = (fact: Fact): string | undefined =>
  fact.kind === 'red_flag'
    ? fact.bodySite
    : fact.kind === 'imaging' && fact.bodySite !== undefined
      ? IMAGED_PART.find(([re]) => re.test(fact.bodySite ?? ''))?.[1]
      : undefined;

/** A fact counts for the rule's body parts when it states one of them, or states none. */
const aboutBodySites = (fact: Fact, sites: readonly string[]): boolean => {
  const site = bodySiteOf(fact);
  return site === undefined || sites.includes(site);
};

function otherPartText(facts: readonly Fact[], sites: readonly string[]): string {
  if (facts.length === 0) return '';
  const cited = [...new Set(facts.map((f) => `${f.source.text} (${bodySiteOf(f) ?? ''})`))];
  return `; not counted, about another body part than ${sites.join(', ')}: ${cited.join('; ')}`;
}
