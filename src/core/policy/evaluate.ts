// Three-valued evaluation of a policy's criteria tree against the facts of a record.
// met = evidence affirms it; not_met = evidence contradicts it; unknown = the record is silent. Absence of evidence is
// never evidence of absence: only an explicit negation, a measured shortfall or a counted excess makes a leaf not_met.
import type { Bundle } from '@medplum/fhirtypes';
import type { CriterionResult, EvidenceCitation, MissingDocumentation } from '../determination/determination.ts';
import type { EpisodeEvidence } from '../evidence/episode-evidence.ts';
import type { Fact } from '../evidence/fact.ts';
import { policyEpisode } from './episode-rules.ts';
import type { RuleOrder, RuleResult } from './rule-context.ts';
import { evaluateRule, type KindContext } from './rules/index.ts';
import { childCriteria, type CriterionNode, type Policy } from './schema.ts';

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

interface Context extends EvaluationInput, KindContext {
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
