// The storage port of submission: attempts with their identity on the wire, the outbox of durable jobs, decisions
// recorded on the case, idempotency keys and notification receipts. Implemented on PostgreSQL (PGlite or server).
import type { ChannelDecision, ChannelName } from '../core/channel/channel.ts';
import type { CaseStatus } from '../core/case/lifecycle.ts';
import type { ControlNumbers } from '../core/submission/x12-input.ts';

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
  attempts: number;
  maxAttempts: number;
} & (
  | { kind: 'submit'; payload: { caseId: string; submissionId: string } }
  | { kind: 'reminder'; payload: { caseId: string; reminder: ReminderKind; dueAt: string } }
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
  | { applied: false; status: CaseStatus; reason: string };

export interface SubmissionStore {
  /** Moves the case to `submitting`, creates the attempt and its job, in one transaction. */
  queueSubmission(organizationId: string, caseId: string, channel: ChannelName, actor: string): Promise<Submission>;
  findSubmission(submissionId: string): Promise<Submission | undefined>;
  /** Marks that a send is about to happen (committed before the network call, so a crash leaves a trace). */
  markSending(submissionId: string): Promise<void>;
  recordDecision(submissionId: string, decision: ChannelDecision, source: string): Promise<DecisionRecord>;
  /** A failed attempt: the case goes back to `ready` (retryable) or `needs_information` (needs a person). */
  recordFailure(submissionId: string, message: string, retryable: boolean, final: boolean): Promise<void>;

  /** Records when the payer's decision is due (and when the authorization ends) and queues the reminders. */
  scheduleDeadlines(
    caseId: string,
    deadlines: { decisionDueAt?: string; authorizationEnds?: string },
    reminders: { reminder: ReminderKind; dueAt: string; runAt: Date }[],
  ): Promise<void>;
  /** Appends the reminder event when it still applies (e.g. the case is still waiting); false when moot. */
  remind(caseId: string, reminder: ReminderKind, dueAt: string): Promise<boolean>;

  claimJob(workerId: string, leaseMs: number): Promise<Job | undefined>;
  completeJob(jobId: string): Promise<void>;
  retryJob(jobId: string, error: string, runAt: Date): Promise<void>;
  buryJob(jobId: string, error: string): Promise<void>;
  deadJobs(organizationId: string): Promise<DeadJob[]>;

  /** Stores the response for a key, or returns the one stored earlier (and whether the request matched). */
  rememberIdempotent(
    organizationId: string,
    key: string,
    requestHash: string,
    produce: () => Promise<{ status: number; response: unknown }>,
  ): Promise<{ status: number; response: unknown; replayed: boolean; conflict: boolean }>;

  /** True the first time a (subscription, event number) is seen. */
  firstNotification(subscriptionId: string, eventNumber: string): Promise<boolean>;
  controlNumbers(): Promise<ControlNumbers>;
}
