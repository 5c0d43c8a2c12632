// Payer policies: the policy format, its criteria tree and the validated policy library.
export { policyConsistencyErrors } from './library.ts';
export type { PolicyLibrary } from './library.ts';
export { resolveFragments, type CriteriaFragments } from './fragments.ts';
export { describeRule } from './rules/index.ts';
export type { Rule, RuleKey } from './rules/index.ts';
export { childCriteria, fragmentFileErrors, isFragmentFile, isPolicy, policyErrors } from './schema.ts';
export type { CriterionNode, FragmentFile, Policy } from './schema.ts';
