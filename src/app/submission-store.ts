// The storage ports of submission, one concern each: attempts and the decisions recorded on the case
// (`SubmissionStore`), decision deadlines and their reminders (`DeadlineStore`), the outbox of durable jobs
// (`JobQueue`) and idempotency keys (`IdempotencyStore`). Implemented on PostgreSQL (PGlite or server) in adapters/db.
import type { ChannelDecision, ChannelName } from '../core/channel/index.ts';
import type { CaseStatus } from '../core/case/index.ts';
import type { SubmissionOverride } from '../core/submission/index.ts';

export interface Submission {
  submissionId: string;
  caseId: string;
  organizationId: string;
  channel: ChannelName;
  attempt: number;
  state: 'queued' | 'sending' | 'answered' | 'failed';
}

export type ReminderKind = 'decision_due_soon' | 'decision_overdue' | 'reauthorization_due';

export type Job = {
  id: string;
  organizationId: string;
  /** The worker holding the job's lease: completing, retrying or burying it is refused to anyone else. */
  lockedBy: string;
  attempts: number;
  maxAttempts: number;
} & (
  | { kind: 'submit'; payload: { caseId: string; submissionId: string } }
  | { kind: 'reminder'; payload: { caseId: string; reminder: ReminderKind; dueAt: string } }
  /** One notification delivery (src/app/notifications.ts). */
  | { kind: 'notify'; payload: { deliveryId: string } }
  /** The reviewed answer to a payer's request for information (src/app/payer-requests.ts). */
  | { kind: 'send_information'; payload: { caseId: string; requestId: string } }
);

export interface DeadJob {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  lastError: string | null;
  updatedAt: string;
}

export type DecisionRecord =
  | { applied: true; status: CaseStatus }
  /** The answer could not move the case (e.g. a stale "pended" after approval): kept as a warning event. */
  | { applied: false; status: CaseStatus; reason: string; duplicate?: true };

/** A payer notification's identity (rest-hook subscription and event number), recorded once with its decision. */
export interface NotificationReceipt {
  subscriptionId: string;
  eventNumber: string;
}

export interface SubmissionStore {
  /**
   * Moves the case to `submitting`, creates the attempt and its job, in one transaction under the case's lock,
   * after checking that the case can go (SubmissionRefusedError, IllegalTransitionError: nothing written). An
   * override is recorded as its own event. Undefined when the organization has no such case.
   */
  queueSubmission(
    organizationId: string,
    caseId: string,
    channel: ChannelName,
    actor: string,
    override?: SubmissionOverride,
  ): Promise<Submission | undefined>;
  findSubmission(submissionId: string): Promise<Submission | undefined>;
  /** Marks that a send is about to happen (committed before the network call, so a crash leaves a trace). */
  markSending(submissionId: string): Promise<void>;
  /**
   * Records the payer's answer on the case. With a notification receipt, the receipt is stored in the same
   * transaction, and a notification seen before changes nothing (`duplicate`).
   */
  recordDecision(
    submissionId: string,
    decision: ChannelDecision,
    source: string,
    receipt?: NotificationReceipt,
  ): Promise<DecisionRecord>;
  /** A failed attempt: the case goes back to `ready` (retryable) or `needs_information` (needs a person). */
  recordFailure(submissionId: string, message: string, retryable: boolean, final: boolean): Promise<void>;
}

export interface DeadlineStore {
  /** Records when the payer's decision is due (and when the authorization ends) and queues the reminders. */
  scheduleDeadlines(
    caseId: string,
    deadlines: { decisionDueAt?: string; authorizationEnds?: string },
    reminders: { reminder: ReminderKind; dueAt: string; runAt: Date }[],
  ): Promise<void>;
  /** Appends the reminder event when it still applies (e.g. the case is still waiting); false when moot. */
  remind(caseId: string, reminder: ReminderKind, dueAt: string): Promise<boolean>;
}

export interface QueueStats {
  queued: number;
  running: number;
  dead: number;
  /** Seconds the oldest due job has waited (0 when none is due). */
  oldestDueSeconds: number;
}

export interface JobQueue {
  claimJob(workerId: string, leaseMs: number): Promise<Job | undefined>;
  /** Extends the lease while the job runs; false when it is no longer this worker's (taken over after expiry). */
  renewLease(job: Job, leaseMs: number): Promise<boolean>;
  /** Each of these is a no-op returning false when the worker no longer holds the job. */
  completeJob(job: Job): Promise<boolean>;
  retryJob(job: Job, error: string, runAt: Date): Promise<boolean>;
  buryJob(job: Job, error: string): Promise<boolean>;
  deadJobs(organizationId: string): Promise<DeadJob[]>;
  /** Deletes finished jobs last changed before `before`; dead letters stay until a person has seen them. */
  purgeFinishedJobs(before: Date): Promise<number>;
  stats(): Promise<QueueStats>;
}

export interface IdempotentOutcome {
  status: number;
  response: unknown;
  replayed: boolean;
  /** The key was first used for a different request. */
  conflict: boolean;
}

export interface IdempotencyStore {
  /**
   * Runs `produce` once per (organization, key): the key is claimed before producing, so concurrent duplicates wait
   * for the first outcome and replay it. Outcomes that depend on a race or a passing state (409, 5xx) are answered
   * but not stored, so a retry with the same key runs again.
   */
  remember(
    organizationId: string,
    key: string,
    requestHash: string,
    produce: () => Promise<{ status: number; response: unknown }>,
  ): Promise<IdempotentOutcome>;
}

/** A duplicate gave up waiting for the first request with its key (answered 409: retry shortly). */
export class IdempotencyInProgressError extends Error {
  constructor() {
    super('a request with this Idempotency-Key is still in progress: retry shortly');
    this.name = 'IdempotencyInProgressError';
  }
}
