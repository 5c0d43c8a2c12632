// The case state machine: the public status vocabulary, the transitions a case may take, and what a payer's answer
// means for the case. State is derived from the append-only events; a transition not in the table is refused.
// After an adverse decision (denied, partially approved, modified) a case can start a new attempt (back to draft)
// or go to an appeal (`in_appeal`), whose outcome moves it on again.
import type { Determination } from '../determination/determination.ts';
import type { OverallOutcome } from '../pas/decision.ts';

export const CASE_STATUSES = [
  'draft',
  'needs_information',
  'ready',
  'submitting',
  'submitted',
  'pended',
  'approved',
  'partially_approved',
  'modified',
  'denied',
  'in_appeal',
  'cancelled',
  'expired',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const FINAL: ReadonlySet<CaseStatus> = new Set([
  'approved',
  'partially_approved',
  'modified',
  'denied',
  'cancelled',
  'expired',
]);

/** Allowed transitions. Payer answers may arrive in any order, but a decided case never goes back to waiting. */
const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  draft: ['needs_information', 'ready', 'submitting', 'cancelled'],
  needs_information: ['draft', 'ready', 'needs_information', 'submitting', 'cancelled'],
  ready: ['draft', 'needs_information', 'submitting', 'cancelled'],
  // A failed attempt goes back to ready for a retry; the payer's first answer moves it on.
  submitting: [
    'ready',
    'submitted',
    'pended',
    'approved',
    'partially_approved',
    'modified',
    'denied',
    'needs_information',
    'cancelled',
  ],
  submitted: ['pended', 'approved', 'partially_approved', 'modified', 'denied', 'needs_information', 'cancelled'],
  pended: ['pended', 'approved', 'partially_approved', 'modified', 'denied', 'needs_information', 'cancelled'],
  approved: ['cancelled', 'expired'],
  // What the payer did not grant can be asked again (a new attempt) or appealed.
  partially_approved: ['cancelled', 'expired', 'draft', 'in_appeal'],
  modified: ['cancelled', 'expired', 'draft', 'in_appeal'],
  // A denial is final for this request: a new attempt goes back to draft, or the denial is appealed.
  denied: ['draft', 'in_appeal'],
  // The reviewer's outcome: overturned (approved), partially overturned (partially approved), upheld (back to the
  // adverse status the appeal was against); a withdrawn appeal also goes back to it.
  in_appeal: ['approved', 'partially_approved', 'modified', 'denied'],
  cancelled: [],
  expired: ['draft'],
};

/** A change the case's current state does not allow (answered 409: the caller's view of the case is stale). */
export class CaseConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseConflictError';
  }
}

export class IllegalTransitionError extends CaseConflictError {
  constructor(
    readonly from: CaseStatus,
    readonly to: CaseStatus,
  ) {
    super(`a case cannot go from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

/** Before submission: the case's place in the queue follows its determination. */
const BEFORE_SUBMISSION: ReadonlySet<CaseStatus> = new Set(['draft', 'needs_information', 'ready']);

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}

export const isFinal = (status: CaseStatus): boolean => FINAL.has(status);

/** Where a new case starts in the coordinator's queue. */
export function initialStatus(determination: Determination): CaseStatus {
  if (determination.determination === 'insufficient_documentation') return 'needs_information';
  if (determination.determination === 'meets' && determination.paRequired === true) return 'ready';
  return 'draft';
}

/**
 * The status a case takes when it is determined again (answers received, new evidence, a new policy version),
 * decided under the case's lock. Before submission it follows the new determination; once the payer has the
 * request, the payer's answer drives the status and the determination is only recorded. While a send is in flight
 * the case must not change under the worker (the request it sends is built from the stored determination).
 */
export function statusAfterDetermination(current: CaseStatus, determination: Determination): CaseStatus {
  if (current === 'submitting') {
    throw new CaseConflictError(
      'a submission of this case is in flight: determine it again once the payer has answered or the attempt failed',
    );
  }
  return BEFORE_SUBMISSION.has(current) ? initialStatus(determination) : current;
}

/** A coordinator withdraws a case before it reaches the payer; once the payer has it, it is cancelled there. */
export function assertCancellable(current: CaseStatus): void {
  if (!BEFORE_SUBMISSION.has(current)) {
    throw new CaseConflictError(
      current === 'cancelled'
        ? 'the case is already cancelled'
        : `a ${current} case is with the payer or decided: it cannot be withdrawn here`,
    );
  }
}

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

/** Adverse decisions: a case in one of these may start a new attempt or open an appeal. */
const ADVERSE: ReadonlySet<CaseStatus> = new Set(['denied', 'partially_approved', 'modified']);

export const isAdverse = (status: CaseStatus): boolean => ADVERSE.has(status);

export const APPEAL_OUTCOMES = ['overturned', 'partially_overturned', 'upheld'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** A new attempt after an adverse decision goes back to draft, and is then determined again. */
export function assertNewAttemptAllowed(current: CaseStatus): void {
  if (!ADVERSE.has(current)) {
    throw new CaseConflictError(
      current === 'in_appeal'
        ? 'the case is in appeal: record the appeal outcome (or withdraw it) before starting a new attempt'
        : `a ${current} case has no adverse decision to try again: a new attempt follows a denial, a partial approval or a modification`,
    );
  }
}

/** An appeal is opened against an adverse decision, one at a time. */
export function assertAppealable(current: CaseStatus): void {
  if (!ADVERSE.has(current)) {
    throw new CaseConflictError(
      current === 'in_appeal'
        ? 'an appeal of this case is already open'
        : `a ${current} case has no adverse decision to appeal`,
    );
  }
}

/** The status an appeal's outcome leads to; `appealed` is the adverse status the appeal was against. */
export function statusForAppealOutcome(outcome: AppealOutcome, appealed: CaseStatus): CaseStatus {
  switch (outcome) {
    case 'overturned':
      return 'approved';
    case 'partially_overturned':
      return 'partially_approved';
    case 'upheld':
      return appealed;
  }
}

/** The case status a payer's overall answer leads to. */
export function statusForOutcome(outcome: OverallOutcome): CaseStatus {
  switch (outcome) {
    case 'certified':
    case 'no_action_required':
      return 'approved';
    case 'partial':
      return 'partially_approved';
    case 'modified':
      return 'modified';
    case 'not_certified':
      return 'denied';
    case 'pended':
      return 'pended';
    case 'cancelled':
      return 'cancelled';
    // The payer wants a person on the phone, or the request had errors to fix: a coordinator acts next.
    case 'contact_payer':
    case 'error':
    case 'no_decision':
      return 'needs_information';
  }
}
