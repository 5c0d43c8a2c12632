// Payer policies: the policy format, its criteria tree and the validated policy library.
export { policyConsistencyErrors } from './library.ts';
export type { PolicyLibrary } from './library.ts';
export { childCriteria, isPolicy, policyErrors } from './schema.ts';
export type { CriterionNode, Policy } from './schema.ts';
