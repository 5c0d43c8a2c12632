// Coverage: the policy catalog, payers and coverage directory, and decision deadlines.
export { findPolicy, formatListing, formatPolicy, listPolicies, payerIdOf } from './catalog.ts';
export { isZonedDateTime } from './deadline.ts';
export { coverageDirectoryErrors } from './directory.ts';
export type { CoverageDirectory, CoverageLibrary } from './directory.ts';
export { payerDirectoryErrors } from './payer.ts';
export type { Payer } from './payer.ts';
