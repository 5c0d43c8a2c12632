// The case state machine: the public status vocabulary, the transitions a case may take, and what a payer's answer
// means for the case. State is derived from the append-only events; a transition not in the table is refused.
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
  partially_approved: ['cancelled', 'expired'],
  modified: ['cancelled', 'expired'],
  // A denial is final for this request: a new request or an appeal is a new attempt, from draft.
  denied: ['draft'],
  cancelled: [],
  expired: ['draft'],
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: CaseStatus,
    readonly to: CaseStatus,
  ) {
    super(`a case cannot go from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}

export const isFinal = (status: CaseStatus): boolean => FINAL.has(status);

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
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
