// Three-valued evaluation of a policy's criteria tree against the facts of a record.
// met = evidence affirms it; not_met = evidence contradicts it; unknown = the record is silent. Absence of evidence is
// never evidence of absence: only an explicit negation, a measured shortfall or a counted excess makes a leaf not_met.
import { compile as compileFhirpath } from 'fhirpath';
import fhirpathR4 from 'fhirpath/fhir-context/r4/index.js';
import type { Bundle } from '@medplum/fhirtypes';
import type { CriterionResult, EvidenceCitation, MissingDocumentation } from '../determination/determination.ts';
import type { EpisodeEvidence } from '../evidence/episode-evidence.ts';
import type { BodyPart, CancerFact, ConditionFact, Fact, TherapyFact } from '../evidence/fact.ts';
import { addDays } from '../evidence/dates.ts';
import { doseIntervalRule } from './dose-rules.ts';
import { concurrentTherapyRule, onTherapyRule, prescriberRule, responseRule, stepTherapyRule } from './drug-rules.ts';
import { notCountedOf, policyEpisode, therapyRule } from './episode-rules.ts';
import { ageRule, involvedSiteRule, measurementRule } from './measure-rules.ts';
import { contrastIndicationRule } from './contrast-rules.ts';
import { lesionAreaRule, mohsAucRule, mohsCodeSiteRule } from './mohs-rules.ts';
import { orderRule, priorScans, treatmentCompleted } from './cancer-course-rules.ts';
import { citation, newestDate, type RuleOrder, type RuleResult } from './rule-context.ts';
import { childCriteria, type CriterionNode, type Policy, type Rule } from './schema.ts';

export interface EvaluationInput {
  policy: Policy;
  facts: Fact[];
  order: RuleOrder;
  bundle: Bundle;
  asOf: string;
}

export interface PolicyOutcome {
  outcome: 'meets' | 'does_not_meet' | 'insufficient_documentation';
  criteria: CriterionResult[];
  missingDocumentation: MissingDocumentation[];
}

export function evaluatePolicy(input: EvaluationInput): PolicyOutcome {
  const facts = input.facts.filter((fact) => fact.date === undefined || fact.date <= input.asOf);
  let evidence: EpisodeEvidence | undefined;
  const ctx: Context = {
    ...input,
    facts,
    results: [],
    missing: [],
    // Only policies that judge a trial or visits need the episode: drawn once, on first use.
    episode: () => (evidence ??= policyEpisode(input.policy, ctx)),
  };

  const exceptions = new Map<string, RuleResult>();
  for (const exception of input.policy.exceptions ?? [])
    exceptions.set(exception.id, evaluateNode(exception, ctx, 'exception'));
  ctx.exceptions = exceptions;

  const exclusionResults = (input.policy.exclusions ?? []).map((node) => evaluateNode(node, ctx, 'exclusion'));
  // Exceptions and exclusions are evaluated first (waivers need them) but listed after the requirements.
  const preliminaries = ctx.results.splice(0);
  // A policy without criteria has nothing to meet; the caller reports it as `not_required`.
  const root: RuleResult = input.policy.criteria
    ? evaluateNode(input.policy.criteria, ctx, 'requirement')
    : { status: 'met', evidence: [] };
  ctx.results.push(...preliminaries);

  let outcome: PolicyOutcome['outcome'];
  if (exclusionResults.some((r) => r.status === 'met')) outcome = 'does_not_meet';
  else if (root.status === 'met') outcome = 'meets';
  else if (root.status === 'not_met') outcome = 'does_not_meet';
  else outcome = 'insufficient_documentation';

  // One request per distinct ask: two criteria that need the same document share it.
  const missingDocumentation =
    outcome === 'meets' ? [] : ctx.missing.filter((m, i, all) => all.findIndex((o) => o.text === m.text) === i);
  return { outcome, criteria: ctx.results, missingDocumentation };
}

type Role = 'requirement' | 'exception' | 'exclusion';

interface Context extends EvaluationInput {
  episode: () => EpisodeEvidence;
  results: CriterionResult[];
  missing: MissingDocumentation[];
  exceptions?: Map<string, RuleResult>;
}

function evaluateNode(node: CriterionNode, ctx: Context, role: Role): RuleResult {
  const resultIndex = ctx.results.length;
  ctx.results.push({ id: node.id, text: node.text, status: 'unknown', evidence: [] });
  const missingBefore = ctx.missing.length;

  let result: RuleResult;
  const waiver = (node.waivedBy ?? [])
    .map((id) => ({ id, result: ctx.exceptions?.get(id) }))
    .find((w) => w.result?.status === 'met');
  if (waiver?.result) {
    result = { status: 'met', evidence: waiver.result.evidence, reason: `waived: exception '${waiver.id}' applies` };
    // The children are not evaluated: a waived requirement asks for nothing.
  } else if (node.rule) {
    result = evaluateRule(node.rule, ctx);
  } else if (node.not) {
    result = negate(evaluateNode(node.not, ctx, role));
  } else {
    const childResults = childCriteria(node).map((child) => evaluateNode(child, ctx, role));
    result = combine(node, childResults);
    if (result.status === 'unknown' && node.unraisedAlternatives === 'not_met')
      result = unraisedAlternatives(node, childResults, ctx) ?? result;
  }
  result = undecidedWaiver(node, result, ctx);

  // Groups cite nothing themselves (their leaves do) and say how their children came out instead.
  const group = node.rule === undefined && waiver === undefined;
  ctx.results[resultIndex] = {
    id: node.id,
    text: node.text,
    status: result.status,
    evidence: group ? [] : dedupe(result.evidence),
    ...(result.reason ? { reason: result.reason } : {}),
  };
  if (result.status === 'met') {
    // A met group makes its undecided children moot (another branch satisfied it): drop their requests.
    ctx.missing.length = missingBefore;
  } else if (node.rule && role === 'requirement' && (result.status === 'unknown' || result.request !== undefined)) {
    // An unknown criterion asks for what would decide it. A criterion the record contradicts asks for nothing more
    // to document, unless its rule names what would change it (e.g. "change the order to 72148").
    ctx.missing.push({ id: node.id, text: result.request ?? node.request ?? `Document: ${node.text}` });
  }
  return result;
}

function combine(node: CriterionNode, children: RuleResult[]): RuleResult {
  const met = children.filter((c) => c.status === 'met');
  const notMet = children.filter((c) => c.status === 'not_met');
  const evidence = (list: RuleResult[]) => list.flatMap((c) => c.evidence);
  const needed = node.all ? children.length : (node.atLeast?.n ?? 1);
  const mode = node.all ? 'all' : node.atLeast ? `at least ${String(needed)}` : 'any one';
  const reason = `${mode} of ${String(children.length)} required: ${String(met.length)} met, ${String(notMet.length)} not met, ${String(children.length - met.length - notMet.length)} unknown`;
  if (met.length >= needed) return { status: 'met', evidence: evidence(met), reason };
  if (children.length - notMet.length < needed) return { status: 'not_met', evidence: evidence(notMet), reason };
  const contested = children.some((c) => c.status === 'unknown' && c.contested === true);
  const raisedUnsettled = children.some((c) => c.status === 'unknown' && c.raisedUnsettled === true);
  return {
    status: 'unknown',
    evidence: evidence(met),
    reason,
    ...(contested ? { contested } : {}),
    ...(raisedUnsettled ? { raisedUnsettled } : {}),
  };
}

/** Whether the record says anything, either way, about a criterion or any criterion under it. */
function raised(node: CriterionNode, ctx: Context): boolean {
  const own = ctx.results.find((r) => r.id === node.id);
  if (own && (own.status !== 'unknown' || own.evidence.length > 0)) return true;
  return childCriteria(node).some((child) => raised(child, ctx));
}

/** Alternative pathways: one contradicted and the others never raised by the record is not met (schema.ts). */
function unraisedAlternatives(node: CriterionNode, children: RuleResult[], ctx: Context): RuleResult | undefined {
  const nodes = childCriteria(node);
  const contradicted = children.filter((c) => c.status === 'not_met');
  if (contradicted.length === 0) return undefined;
  const open = nodes.filter((_, i) => children[i]?.status === 'unknown');
  if (open.some((child) => raised(child, ctx))) return undefined;
  return {
    status: 'not_met',
    evidence: contradicted.flatMap((c) => c.evidence),
    reason: `${String(contradicted.length)} pathway(s) contradicted; the record raises none of the others (${open.map((c) => c.id).join(', ')})`,
  };
}

/** A requirement that is not met, while an exception that would waive it is raised by the record and contradicted
 * there, or raised and still unsettled (a cancer history under confirmation), is not decided: the exception must be
 * settled first (does_not_meet needs an affirmed answer). */
function undecidedWaiver(node: CriterionNode, result: RuleResult, ctx: Context): RuleResult {
  if (result.status !== 'not_met') return result;
  let open: { id: string; exception: RuleResult } | undefined;
  for (const id of node.waivedBy ?? []) {
    const exception = ctx.exceptions?.get(id);
    if (exception?.status === 'unknown' && (exception.contested === true || exception.raisedUnsettled === true)) {
      open = { id, exception };
      break;
    }
  }
  if (open === undefined) return result;
  const why = open.exception.contested === true ? 'is stated and contradicted' : 'is raised but not yet settled';
  return {
    status: 'unknown',
    evidence: result.evidence,
    reason: `${result.reason ?? 'not met'}; undecided: exception '${open.id}' ${why} in the record`,
    ...(open.exception.contested === true ? { contested: true } : { raisedUnsettled: true }),
  };
}

/** A statement the same note contradicts: unknown, citing both sides. */
function contestedResult(facts: readonly Fact[]): RuleResult {
  const pairs = facts.map((f) => `"${f.source.text}" against "${f.contestedBy?.text ?? ''}"`);
  return {
    status: 'unknown',
    evidence: facts.map(citation),
    reason: `the record contradicts itself: ${[...new Set(pairs)].join('; ')}`,
    request: 'Document a current examination that settles the contradicted finding',
    contested: true,
  };
}

/** Three-valued negation: what the record affirms becomes not met and the reverse; silence stays silence. */
function negate(child: RuleResult): RuleResult {
  if (child.status === 'unknown')
    return { status: 'unknown', evidence: [], reason: 'negation of an unknown criterion' };
  const status = child.status === 'met' ? 'not_met' : 'met';
  return {
    status,
    evidence: child.evidence,
    reason: `negation: the criterion it negates is ${child.status.replace('_', ' ')}`,
  };
}

function dedupe(citations: EvidenceCitation[]): EvidenceCitation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = `${c.reference}|${c.start ?? ''}|${c.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function evaluateRule(rule: Rule, ctx: Context): RuleResult {
  if ('condition' in rule) {
    const prefixes = rule.condition.icd10.map((p) => p.toUpperCase());
    const conditions = ctx.facts.filter(
      (f): f is ConditionFact =>
        f.kind === 'condition' && f.icd10.some((code) => prefixes.some((prefix) => code.startsWith(prefix))),
    );
    const recorded = recordedVerification(conditions);
    if (recorded) return recorded;
    // A diagnosis is dated by its onset: when it was recorded says nothing about how long the patient has had it.
    const result = matchedFacts(conditions, [], undefined, rule.condition.daysBefore, (f) => f.onset, ctx.asOf);
    return result.status === 'unknown' && rule.condition.unlessTolerated
      ? (toleratedInstead(rule.condition.unlessTolerated, ctx) ?? result)
      : result;
  }
  if ('fact' in rule) return factRule(rule.fact, ctx);
  if ('therapy' in rule) return therapyRule(rule.therapy, ctx.episode());
  if ('treatmentCompleted' in rule) return treatmentCompleted(rule.treatmentCompleted.modalities, ctx);
  if ('priorScans' in rule) return priorScans(rule.priorScans, ctx);
  if ('order' in rule) return orderRule(rule.order, ctx);
  if ('measurement' in rule) return measurementRule(rule.measurement, ctx);
  if ('age' in rule) return ageRule(rule.age, ctx);
  if ('involvedSite' in rule) return involvedSiteRule(rule.involvedSite, ctx);
  if ('stepTherapy' in rule) return stepTherapyRule(rule.stepTherapy, ctx);
  if ('onTherapy' in rule) return onTherapyRule(rule.onTherapy, ctx);
  if ('response' in rule) return responseRule(rule.response, ctx);
  if ('concurrentTherapy' in rule) return concurrentTherapyRule(rule.concurrentTherapy, ctx);
  if ('doseInterval' in rule) return doseIntervalRule(rule.doseInterval, ctx);
  if ('prescriber' in rule) return prescriberRule(rule.prescriber, ctx);
  if ('mohsAuc' in rule) return mohsAucRule(rule.mohsAuc, ctx);
  if ('lesionArea' in rule) return lesionAreaRule(rule.lesionArea, ctx);
  if ('mohsCodeSite' in rule) return mohsCodeSiteRule(ctx);
  if ('contrastIndication' in rule) return contrastIndicationRule(rule.contrastIndication, ctx);
  return fhirpathRule(rule.fhirpath, ctx.bundle);
}

/**
 * Facts of a kind, where given. Visits are the episode's (episode-evidence.ts); a fact about another body part than
 * the rule's does not count. What was set aside is named in the reason.
 */
function factRule(rule: Extract<Rule, { fact: unknown }>['fact'], ctx: Context): RuleResult {
  const episode = rule.kind === 'evaluation' ? ctx.episode() : undefined;
  const matched: Fact[] = [];
  const outside: Fact[] = [];
  const otherPart: Fact[] = [];
  for (const stated of episode?.evaluations ?? ctx.facts) {
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
    ctx,
  );
  if (result.status === 'met')
    return (rule.where?.stage !== undefined ? stageConflict(result, matched, ctx.facts) : undefined) ?? result;
  const setAside =
    otherPartText(otherPart, rule.bodySites ?? []) +
    (episode ? notCountedOf(episode, 'evaluation', (f) => f.kind === 'evaluation') : '');
  return setAside ? { ...result, reason: `${result.reason ?? 'none on record'}${setAside}` } : result;
}

const GROUPS = ['0', 'I', 'II', 'III', 'IV'];
/** "IIB" → 2.2: the group, then its letter. */
const stageRank = (stage: string): number => {
  const m = /^(0|IV|I{1,3})([A-D])?$/.exec(stage);
  if (!m) return -1;
  return GROUPS.indexOf(m[1] ?? '') + (m[2] ? (m[2].charCodeAt(0) - 64) / 10 : 0);
};

/** One cancer, in situ or invasive (a note's context may name the in-situ part). */
const invasive = (t: CancerFact['cancerType']): CancerFact['cancerType'] =>
  t === 'melanoma_in_situ' ? 'melanoma' : t === 'scc_in_situ' ? 'cutaneous_scc' : t;
const sameCancer = (a: CancerFact['cancerType'], b: CancerFact['cancerType']): boolean => invasive(a) === invasive(b);

/** Stages of one group, one more precise than the other ("II" and "IIB"), do not conflict. */
const sameStage = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);

/**
 * "Stage IIB" in the assessment and "IIA (pT3a)" in the history: a stage the record states two ways is not
 * documented, whichever the criterion asks for. Met on one of them becomes unknown, citing both, with a request for
 * the stage the final pathology supports.
 */
function stageConflict(result: RuleResult, matched: readonly Fact[], facts: readonly Fact[]): RuleResult | undefined {
  const staged = (f: Fact): f is CancerFact =>
    f.kind === 'cancer' && f.stage !== undefined && (f.assertion === 'affirmed' || f.assertion === 'historical');
  const mine = matched.filter(staged);
  if (mine.length === 0) return undefined;
  const latest = newestDate(mine);
  const highest = Math.max(...mine.map((f) => stageRank(f.stage ?? '')));
  const others = facts.filter(staged).filter(
    (o) =>
      mine.some((m) => m.cancerType === o.cancerType) &&
      !mine.some((m) => sameStage(m.stage ?? '', o.stage ?? '')) &&
      // An earlier stage of a lower group is the disease before it spread (IIB at diagnosis, IV at recurrence);
      // substages of one group differ by pathology, not by time.
      !((o.date ?? '') < latest && Math.floor(stageRank(o.stage ?? '')) < Math.floor(highest) && highest >= 3),
  );
  // "Stage IIB (pT3b N0)" in the notes against the pathology's "ulceration not identified, pT3a": one tumour with two
  // T categories has no settled stage either.
  const categorised = facts.filter(
    (f): f is CancerFact =>
      f.kind === 'cancer' &&
      f.tnm?.t !== undefined &&
      f.assertion === 'affirmed' &&
      mine.some((m) => m.cancerType === f.cancerType),
  );
  const categories = [...new Set(categorised.map((f) => f.tnm?.t ?? ''))];
  if (others.length === 0 && categories.length > 1 && mine.some((m) => m.tnm?.t !== undefined)) {
    return {
      status: 'unknown',
      evidence: [...mine, ...categorised.filter((f) => !mine.includes(f))].map(citation),
      reason: `the record states the tumour category more than one way (${categories.join(', ')})`,
      request: 'Document the stage group the final pathology supports (e.g. ulceration status for pT3a or pT3b)',
    };
  }
  // "pT3a vs pT3b, N0 -> stage IIA vs IIB" in a note no older than the stage on record: the record leaves it open.
  const open = facts.filter(
    (f): f is CancerFact =>
      f.kind === 'cancer' &&
      f.stageOpen !== undefined &&
      (f.assertion === 'affirmed' || f.assertion === 'historical' || f.assertion === 'uncertain') &&
      (f.date ?? '') >= latest &&
      mine.some(
        (m) =>
          sameCancer(m.cancerType, f.cancerType) &&
          (f.stageOpen?.length === 0 ||
            ((f.stageOpen ?? []).some((s) => sameStage(m.stage ?? '', s)) &&
              (f.stageOpen ?? []).some((s) => !sameStage(m.stage ?? '', s)))),
      ),
  );
  if (others.length === 0 && open.length > 0) {
    return {
      status: 'unknown',
      evidence: [...mine, ...open].map(citation),
      reason: `the record leaves the stage open (${(open[0]?.stageOpen ?? []).join(' or ') || 'not determined'}) after stating ${mine[0]?.stage ?? ''}`,
      request: 'Document the stage group the final pathology supports (e.g. ulceration status for pT3a or pT3b)',
    };
  }
  if (others.length === 0) return undefined;
  const stages = [...new Set([...mine, ...others].map((f) => f.stage))].join(', ');
  return {
    status: 'unknown',
    evidence: [...mine, ...others].map(citation),
    reason: `the record states the stage more than one way (${stages})`,
    request: 'Document the stage group the final pathology supports (e.g. ulceration status for pT3a or pT3b)',
  };
}

/**
 * The record's latest word against the criterion ("markedly improved" against "symptoms persist"): a contradicting
 * fact newer than every match makes it not met, citing both; on the same day the match stands.
 */
function contradicted(
  result: RuleResult,
  matched: readonly Fact[],
  rule: Extract<Rule, { fact: unknown }>['fact'],
  ctx: Context,
): RuleResult {
  if (!rule.contradictedBy || result.status === 'not_met') return result;
  const alternatives = Array.isArray(rule.contradictedBy) ? rule.contradictedBy : [rule.contradictedBy];
  // The opposite is a fact of the same kind, unless the rule names another ("radicular pain" against a
  // symptom course that "resolved").
  const opposite = ctx.facts.filter(
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

/** A contraindication the record does not code, for a drug the record says the patient took and tolerated. */
function toleratedInstead(modalities: readonly string[], ctx: Context): RuleResult | undefined {
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
  const cleared = ctx.facts.filter(
    (f): f is TherapyFact => f.kind === 'therapy' && f.notContraindicated === true && modalities.includes(f.modality),
  );
  if (cleared.length === 0) return undefined;
  return {
    status: 'not_met',
    evidence: cleared.map(citation),
    reason: `the prescriber states no contraindication to ${[...new Set(cleared.map((t) => t.agent ?? t.modality))].join(', ')}, and no contraindicating condition is on record`,
  };
}

/** Affirmed facts → met; otherwise explicitly negated ones → not_met; otherwise unknown. */
function byAssertion(matches: Fact[]): RuleResult {
  const affirmed = matches.filter((f) => f.assertion === 'affirmed');
  if (affirmed.length > 0) return { status: 'met', evidence: affirmed.map(citation) };
  // The latest word is a contradiction inside one note: an older statement does not settle it either way.
  const contested = matches.filter((f) => f.contestedBy !== undefined);
  if (contested.length > 0) return contestedResult(contested);
  const negated = matches.filter((f) => f.assertion === 'negated');
  if (negated.length > 0) {
    return { status: 'not_met', evidence: negated.map(citation), reason: 'the record states it is absent' };
  }
  // "Possible melanoma", "r/o cauda equina": raised but not established, cited so that a reader sees why it is open.
  const uncertain = matches.filter((f) => f.assertion === 'uncertain');
  if (uncertain.length > 0)
    return {
      status: 'unknown',
      evidence: uncertain.map(citation),
      reason: 'the record raises it without establishing it',
      raisedUnsettled: true,
    };
  return { status: 'unknown', evidence: [] };
}

/** Inclusive bounds: a numeric range of a fact field, or a window of days before the evaluation date. */
type Bounds = { min?: number; max?: number };
const isRange = (value: unknown): value is Bounds =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `match` when every field condition holds; `outside` when the fact is of the kind and only numeric ranges fail (a
 * documented value that contradicts the criterion); `no` otherwise.
 */
function matchFact(fact: Fact, kind: string, where: Record<string, unknown> | undefined): 'match' | 'outside' | 'no' {
  if (fact.kind !== kind) return 'no';
  const fields = fact as unknown as Record<string, unknown>;
  let result: 'match' | 'outside' = 'match';
  for (const [key, expected] of Object.entries(where ?? {})) {
    const actual = fields[key];
    if (isRange(expected)) {
      if (typeof actual !== 'number') return 'no';
      if (
        (expected.min !== undefined && actual < expected.min) ||
        (expected.max !== undefined && actual > expected.max)
      )
        result = 'outside';
    } else if (Array.isArray(expected)) {
      if (!(Array.isArray(actual) ? actual.some((a) => expected.includes(a)) : expected.includes(actual))) return 'no';
    } else if (actual !== expected) return 'no';
  }
  return result;
}

const boundsText = (bounds: Bounds, unit = ''): string =>
  [
    bounds.min !== undefined ? `at least ${String(bounds.min)}${unit}` : '',
    bounds.max !== undefined ? `at most ${String(bounds.max)}${unit}` : '',
  ]
    .filter(Boolean)
    .join(' and ');

/** Documented values outside the range the criterion needs: evidence against it, cited with the values. */
function outOfRange(facts: Fact[], where: Record<string, unknown> | undefined): RuleResult {
  const fields = Object.entries(where ?? {}).filter((entry): entry is [string, Bounds] => isRange(entry[1]));
  const stated = facts
    .flatMap((fact) => fields.map(([key]) => `${key} ${String((fact as unknown as Record<string, unknown>)[key])}`))
    .filter((text, i, all) => all.indexOf(text) === i);
  const needed = fields.map(([key, range]) => `${key} ${boundsText(range)}`).join(', ');
  return {
    status: 'not_met',
    evidence: facts.map(citation),
    reason: `documented ${stated.join(', ')}; the criterion needs ${needed}`,
  };
}

/** Facts sorted by where their date falls against a window of days before the evaluation date. */
function placeInWindow<F extends Fact>(
  facts: F[],
  window: Bounds,
  dateOf: (fact: F) => string | undefined,
  asOf: string,
) {
  const earliest = window.max !== undefined ? addDays(asOf, -window.max) : undefined;
  const latest = window.min !== undefined ? addDays(asOf, -window.min) : undefined;
  const placed = {
    inside: [] as F[],
    tooRecent: [] as F[],
    tooOld: [] as F[],
    undated: [] as F[],
    dates: [] as string[],
  };
  for (const fact of facts) {
    const date = dateOf(fact);
    if (date === undefined) placed.undated.push(fact);
    else if (earliest !== undefined && date < earliest) placed.tooOld.push(fact);
    else if (latest !== undefined && date > latest) placed.tooRecent.push(fact);
    else placed.inside.push(fact);
    if (date !== undefined) placed.dates.push(date);
  }
  return placed;
}

/**
 * A fact or condition criterion. Affirmed matches meet it, negated ones contradict it, and so do documented values
 * outside a required range. With a window, only affirmed matches dated inside it meet it; matches dated too recently
 * for a `min` contradict it (the episode began too late), while older ones than a `max` and undated ones leave it
 * unknown (a newer or dated record may exist; it is not on file).
 */
function matchedFacts<F extends Fact>(
  matched: F[],
  outside: Fact[],
  where: Record<string, unknown> | undefined,
  window: Bounds | undefined,
  dateOf: (fact: F) => string | undefined,
  asOf: string,
): RuleResult {
  if (!window) {
    const result = byAssertion(matched);
    return result.status === 'unknown' && outside.length > 0 ? outOfRange(outside, where) : result;
  }
  const placed = placeInWindow(
    matched.filter((f) => f.assertion === 'affirmed'),
    window,
    dateOf,
    asOf,
  );
  if (placed.inside.length > 0) return { status: 'met', evidence: placed.inside.map(citation) };
  const negated = byAssertion(matched.filter((f) => f.assertion === 'negated'));
  if (negated.status === 'not_met') return negated;
  const outsideInWindow = placeInWindow(outside, window, (f) => f.date, asOf).inside;
  if (outsideInWindow.length > 0) return outOfRange(outsideInWindow, where);
  const dates = [...new Set(placed.dates)].sort();
  if (placed.tooRecent.length > 0 && placed.tooOld.length === 0 && placed.undated.length === 0) {
    return {
      status: 'not_met',
      evidence: placed.tooRecent.map(citation),
      reason: `dated ${dates.join(', ')}: fewer than ${String(window.min)} days before ${asOf}`,
    };
  }
  const newest = dates.at(-1);
  if (newest !== undefined) {
    const period = `${boundsText(window, ' days')} before ${asOf}`;
    return {
      status: 'unknown',
      evidence: [],
      reason: `the newest on record is dated ${newest}, outside the period (${period})`,
      request: `Document it as of the period ${period}: the newest on record is dated ${newest}`,
    };
  }
  if (placed.undated.length > 0) {
    return { status: 'unknown', evidence: placed.undated.map(citation), reason: 'documented without a date' };
  }
  return { status: 'unknown', evidence: [] };
}

// Policy expressions are few and fixed: each is parsed once per process, not once per case.
const compiledExpressions = new Map<string, (bundle: Bundle) => unknown[]>();

function fhirpathRule(expression: string, bundle: Bundle): RuleResult {
  let compiled = compiledExpressions.get(expression);
  if (!compiled) {
    const evaluator = compileFhirpath(expression, fhirpathR4);
    compiled = (resource) => evaluator(resource) as unknown[];
    compiledExpressions.set(expression, compiled);
  }
  const result = compiled(bundle);
  if (result.length === 0) return { status: 'unknown', evidence: [] };
  return {
    status: result.every((v) => v === true) ? 'met' : 'not_met',
    evidence: [],
    reason: `FHIRPath: ${expression}`,
  };
}
