// Determinations: the contract returned to clients and the pure pipeline that produces it.
export { DeterminationSchema } from './determination.ts';
export type { CriterionResult, Determination } from './determination.ts';
export { determine } from './determine.ts';
export type { DeterminationWithFacts, DetermineOptions } from './determine.ts';
