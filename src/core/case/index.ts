// The case state machine: statuses, the transitions a case may take, and what a payer's answer means for it.
export {
  assertCancellable,
  assertTransition,
  canTransition,
  CASE_STATUSES,
  CaseConflictError,
  initialStatus,
  isCaseStatus,
  isFinal,
  statusAfterDetermination,
  statusForOutcome,
} from './lifecycle.ts';
export type { CaseStatus } from './lifecycle.ts';
