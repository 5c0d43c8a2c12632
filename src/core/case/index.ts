// The case state machine: statuses, the transitions a case may take, and what a payer's answer means for it.
export {
  APPEAL_OUTCOMES,
  assertAppealable,
  assertCancellable,
  assertNewAttemptAllowed,
  assertTransition,
  canTransition,
  CASE_STATUSES,
  CaseConflictError,
  initialStatus,
  isAdverse,
  isCaseStatus,
  isFinal,
  statusAfterDetermination,
  statusForAppealOutcome,
  statusForOutcome,
} from './lifecycle.ts';
export type { AppealOutcome, CaseStatus } from './lifecycle.ts';
