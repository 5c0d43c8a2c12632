// The rule kinds a policy's leaf criteria may use, one module each (rule-kind.ts). The policy format's rule schema,
// the evaluator, the catalog's descriptions and the documentation questionnaire all read this list; a new kind is a
// new module added here.
import Type from 'typebox';
import { age } from './age.ts';
import { concurrentTherapy } from './concurrent-therapy.ts';
import { condition } from './condition.ts';
import { contrastIndication } from './contrast-indication.ts';
import { doseInterval } from './dose-interval.ts';
import { fact } from './fact.ts';
import { fhirpath } from './fhirpath.ts';
import { involvedSite } from './involved-site.ts';
import { lesionArea } from './lesion-area.ts';
import { measurement } from './measurement.ts';
import { mohsAuc } from './mohs-auc.ts';
import { mohsCodeSite } from './mohs-code-site.ts';
import { onTherapy } from './on-therapy.ts';
import { order } from './order.ts';
import { prescriber } from './prescriber.ts';
import { priorScans } from './prior-scans.ts';
import { response } from './response.ts';
import type { KindContext, RuleKind } from './rule-kind.ts';
import { stepTherapy } from './step-therapy.ts';
import { therapy } from './therapy.ts';
import { treatmentCompleted } from './treatment-completed.ts';
import type { RuleResult } from '../rule-context.ts';

export const RULE_KINDS = [
  condition,
  fact,
  therapy,
  treatmentCompleted,
  priorScans,
  order,
  fhirpath,
  measurement,
  age,
  involvedSite,
  stepTherapy,
  onTherapy,
  response,
  concurrentTherapy,
  doseInterval,
  prescriber,
  mohsAuc,
  lesionArea,
  mohsCodeSite,
  contrastIndication,
] as const;

type Kinds = (typeof RULE_KINDS)[number];
/** A leaf's rule: an object with exactly one key, a rule kind's, whose value is that kind's settings. */
export type Rule = Kinds extends infer K
  ? K extends RuleKind<infer Key, infer S>
    ? { [P in Key]: Type.Static<S> }
    : never
  : never;
export type RuleKey = Kinds['key'];

/** The JSON Schema of a rule: one of the kinds' `{ <key>: <settings> }`. */
export const RuleSchema = Type.Union(
  RULE_KINDS.map((kind) => Type.Object({ [kind.key]: kind.settings }, { additionalProperties: false })),
) as unknown as Type.TUnsafe<Rule>;

const BY_KEY = new Map<string, RuleKind>(RULE_KINDS.map((kind) => [kind.key, kind as RuleKind]));

/** The kind of a rule and its settings. */
export function kindOf(rule: Rule): { kind: RuleKind; spec: unknown } {
  const [key, spec] = Object.entries(rule)[0] as [string, unknown];
  const kind = BY_KEY.get(key);
  // The policy loader validated the rule against RuleSchema, which only knows these keys.
  if (!kind) throw new Error(`unknown rule kind '${key}'`);
  return { kind, spec };
}

export function evaluateRule(rule: Rule, ctx: KindContext): RuleResult {
  const { kind, spec } = kindOf(rule);
  return kind.evaluate(spec, ctx);
}

/** A rule in plain words: what fact decides the criterion (a kind without its own words prints its settings). */
export function describeRule(rule: Rule): string {
  const { kind, spec } = kindOf(rule);
  if (kind.describe) return kind.describe(spec);
  const settings = Object.entries(spec as Record<string, unknown>)
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.map(String).join(' / ') : String(v)}`)
    .join(', ');
  return `${kind.key}${settings ? ` (${settings})` : ''}`;
}

export type { KindContext, RuleKind } from './rule-kind.ts';
export { KLIVIRA_CODES, linkIds } from './questions.ts';
