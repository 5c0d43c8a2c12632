// A rule kind: everything about one kind of leaf criterion in one module. Its settings schema (what a policy may
// write under the kind's key), its evaluator, its plain-words description for the policy catalog, and its part in a
// documentation questionnaire (the answer items, what the record already answers, and the facts an answer states).
// The evaluator, the catalog and the questionnaire reach kinds only through the registry (index.ts), so a new
// service family's rule is a new module and a line there, not an edit to their switches.
import type Type from 'typebox';
import type { QuestionnaireItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import type { EpisodeEvidence } from '../../evidence/episode-evidence.ts';
import type { Fact, Provenance } from '../../evidence/fact.ts';
import type { RuleContext, RuleResult } from '../rule-context.ts';
import type { LinkIds } from './questions.ts';

/** What a rule sees: the record's facts, the order, the bundle, the date, and the order's episode. */
export interface KindContext extends RuleContext {
  /** The episode the order is about under this policy (episode-rules.ts), drawn once, on first use. */
  episode(): EpisodeEvidence;
}

export type Answer = QuestionnaireResponseItemAnswer;

/** A criterion's answers in a completed QuestionnaireResponse, by link id. */
export interface Answers {
  ids: LinkIds;
  /** The answers to the criterion's main item (`<id>.answer`). */
  main: Answer[];
  first: (linkId: string) => Answer | undefined;
  /** The provenance every fact the answers state carries. */
  source: Provenance;
}

/** What the record already answers for a criterion (a DTR draft's prefilled items), and where it says so. */
export interface Prefill {
  answers: Map<string, Answer[]>;
  sources: string[];
}

export interface RuleKind<K extends string = string, S extends Type.TSchema = Type.TSchema> {
  /** The rule's key in a policy (`stepTherapy: { … }`). */
  readonly key: K;
  readonly settings: S;
  evaluate(spec: Type.Static<S>, ctx: KindContext): RuleResult;
  /** What fact decides the criterion, in plain words. Absent: the kind's key and settings. */
  describe?(spec: Type.Static<S>): string;
  /** The answer items of a questionnaire group for the criterion (without the "where documented" item, which every
   * group ends with). Absent: a yes/no confirmation, kept for the reviewer. */
  questions?(spec: Type.Static<S>, ids: LinkIds, request: string): QuestionnaireItem[];
  prefill?(spec: Type.Static<S>, facts: readonly Fact[], ids: LinkIds): Prefill;
  /** The facts the answers state, which the evaluator reads on re-evaluation. Absent: answers are recorded only. */
  answerFacts?(spec: Type.Static<S>, answers: Answers): Fact[];
}

/** Declares a rule kind, keeping its key's literal type (the policy format's `Rule` union is built from the keys). */
export const ruleKind = <K extends string, S extends Type.TSchema>(kind: RuleKind<K, S>): RuleKind<K, S> => kind;
