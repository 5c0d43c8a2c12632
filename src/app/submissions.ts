// Submission of a case to its payer, exactly once: the request is queued with the state change (outbox), a worker
// sends it with one submission identity per attempt, records the answer on the case, and after a crash between
// sending and recording asks the payer (inquiry) before it would send again. Payer notifications (PAS rest-hook)
// land here too, deduplicated and unable to move a decided case backwards.
import { randomInt } from 'node:crypto';
import {
  ChannelError,
  type ChannelDecision,
  type ChannelName,
  type SubmissionChannel,
  type SubmissionRequest,
} from '../core/channel/index.ts';
import { isFinal, type CaseStatus } from '../core/case/index.ts';
import { InvalidInputError } from '../core/fhir/index.ts';
import { parseIntake } from '../core/intake/index.ts';
import { PasResponseError, readPasResponse, readRequestedInformation } from '../core/pas/index.ts';
import type { SubmissionOverride } from '../core/submission/index.ts';
import type { CaseRepository } from './case-repository.ts';
import type {
  DeadlineStore,
  DecisionRecord,
  Job,
  JobQueue,
  ReminderKind,
  Submission,
  SubmissionStore,
} from './submission-store.ts';

export interface SubmissionDeps {
  store: SubmissionStore;
  deadlines: DeadlineStore;
  jobs: JobQueue;
  cases: CaseRepository;
  channels: Partial<Record<ChannelName, SubmissionChannel>>;
  clock?: () => Date;
  /** When the payer's decision is due for a request received at `receivedAt` (the payer's clock), if known. */
  decisionDue?: (request: SubmissionRequest, receivedAt: string) => string | undefined;
}

const HOUR_MS = 3_600_000;
const REAUTHORIZATION_NOTICE_DAYS = 30;

/** Exponential backoff with full jitter: 1 s, 2 s, 4 s … capped at 5 minutes, each drawn at random below the cap. */
export function backoffMs(attempt: number, baseMs = 1000, capMs = 300_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + randomInt(0, Math.max(1, Math.round(ceiling / 2))));
}

export type NotificationResult =
  | { status: 'duplicate' }
  | { status: 'unknown_submission'; submissionId: string }
  | { status: 'recorded'; submissionId: string; caseId: string; record: DecisionRecord };

export class NotificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotificationError';
  }
}

export class SubmissionService {
  private readonly clock: () => Date;

  constructor(private readonly deps: SubmissionDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Queues a case's submission; undefined when the organization has no such case. */
  async request(
    organizationId: string,
    caseId: string,
    channel: ChannelName,
    actor: string,
    override?: SubmissionOverride,
  ): Promise<Submission | undefined> {
    if (!this.deps.channels[channel]) {
      throw new InvalidInputError([
        {
          severity: 'error',
          code: 'not-supported',
          message: `the ${channel} channel is not configured on this server`,
        },
      ]);
    }
    return this.deps.store.queueSubmission(organizationId, caseId, channel, actor, override);
  }

  /** Runs one claimed job to its end: answered, scheduled for retry, or dead-lettered. */
  async runJob(job: Exclude<Job, { kind: 'notify' | 'send_information' }>): Promise<void> {
    const { store, jobs } = this.deps;
    if (job.kind === 'reminder') {
      await this.deps.deadlines.remind(job.payload.caseId, job.payload.reminder, job.payload.dueAt);
      await jobs.completeJob(job);
      return;
    }
    const submission = await store.findSubmission(job.payload.submissionId);
    if (!submission) {
      await jobs.buryJob(job, `no submission ${job.payload.submissionId}`);
      return;
    }
    if (submission.state === 'answered' || submission.state === 'failed') {
      await jobs.completeJob(job);
      return;
    }
    const channel = this.deps.channels[submission.channel];
    try {
      if (!channel) throw new ChannelError('rejected', `the ${submission.channel} channel is not configured`);
      const request = await this.requestFor(submission);
      // A previous run may have sent it and died before recording the answer: ask before sending again.
      const found = submission.state === 'sending' ? await channel.inquire(request) : undefined;
      let decision = found;
      if (!decision) {
        await store.markSending(submission.submissionId);
        decision = await channel.submit(request);
      }
      const record = await store.recordDecision(
        submission.submissionId,
        decision,
        `${submission.channel}:${found ? 'inquiry' : 'submit'}`,
      );
      await this.scheduleDeadlines(request, decision, record.status);
      await jobs.completeJob(job);
    } catch (error) {
      const message = error instanceof Error ? error.message : 'unknown failure';
      const retryable = error instanceof ChannelError && error.retryable;
      if (retryable && job.attempts < job.maxAttempts) {
        await store.recordFailure(submission.submissionId, message, true, false);
        await jobs.retryJob(job, message, new Date(this.clock().getTime() + backoffMs(job.attempts)));
        return;
      }
      // Out of retries, or not retryable: a person sees it in the dead-letter list and on the case.
      await store.recordFailure(submission.submissionId, message, retryable, true);
      await jobs.buryJob(job, message);
    }
  }

  /**
   * The payer's clock starts when it receives the request: record when the decision is due and remind before it
   * and when it passes, while the case waits; for an approval, remind before the authorization ends.
   */
  private async scheduleDeadlines(
    request: SubmissionRequest,
    decision: ChannelDecision,
    status: CaseStatus,
  ): Promise<void> {
    const now = this.clock();
    const due = this.deps.decisionDue?.(request, request.timestamp);
    const ends = decision.items
      .map((item) => item.authorizedPeriod?.end)
      .filter((end): end is string => end !== undefined)
      .sort()
      .at(-1);
    const reminders: { reminder: ReminderKind; dueAt: string; runAt: Date }[] = [];
    if (due && !isFinal(status)) {
      const dueTime = Date.parse(due);
      reminders.push({
        reminder: 'decision_due_soon',
        dueAt: due,
        runAt: new Date(Math.max(now.getTime(), dueTime - 24 * HOUR_MS)),
      });
      reminders.push({ reminder: 'decision_overdue', dueAt: due, runAt: new Date(dueTime) });
    }
    if (ends) {
      const notice = Date.parse(`${ends.slice(0, 10)}T00:00:00Z`) - REAUTHORIZATION_NOTICE_DAYS * 24 * HOUR_MS;
      reminders.push({
        reminder: 'reauthorization_due',
        dueAt: ends,
        runAt: new Date(Math.max(now.getTime(), notice)),
      });
    }
    if (!due && !ends) return;
    await this.deps.deadlines.scheduleDeadlines(
      request.caseId,
      { ...(due ? { decisionDueAt: due } : {}), ...(ends ? { authorizationEnds: ends.slice(0, 10) } : {}) },
      reminders,
    );
  }

  /**
   * A payer's rest-hook notification. The body is read and checked in full before anything is recorded; its
   * (subscription, event number) receipt is then stored in the decision's transaction, so a bad body followed by a
   * good one with the same number is not mistaken for a duplicate.
   */
  async receiveNotification(body: unknown): Promise<NotificationResult> {
    const receipt = notificationIds(body);
    let decision;
    try {
      decision = readPasResponse(body);
    } catch (error) {
      if (error instanceof PasResponseError) throw new NotificationError(`unreadable notification: ${error.message}`);
      throw error;
    }
    const submissionId = decision.responseIdentifier ?? decision.request;
    if (!submissionId) throw new NotificationError('the notification names no request identifier');
    const submission = await this.deps.store.findSubmission(submissionId);
    if (!submission) return { status: 'unknown_submission', submissionId };
    const requestedInformation = readRequestedInformation(body);
    const record = await this.deps.store.recordDecision(
      submissionId,
      {
        channel: 'pas',
        submissionId,
        outcome: decision.outcome,
        items: decision.items,
        errors: decision.errors,
        notes: decision.notes,
        warnings: decision.warnings,
        raw: { contentType: 'application/fhir+json', body: JSON.stringify(body) },
        ...(requestedInformation.length > 0 ? { requestedInformation } : {}),
      },
      `pas:notification:${receipt.subscriptionId}#${receipt.eventNumber}`,
      receipt,
    );
    if (!record.applied && record.duplicate) return { status: 'duplicate' };
    return { status: 'recorded', submissionId, caseId: submission.caseId, record };
  }

  /** The request of a submission as sent (intake, determination), rebuilt for a resend, an inquiry or an answer. */
  async requestFor(submission: Submission): Promise<SubmissionRequest> {
    const { cases } = this.deps;
    const [stored, bundle] = await Promise.all([
      cases.get(submission.organizationId, submission.caseId),
      cases.intakeBundle(submission.organizationId, submission.caseId),
    ]);
    if (!stored || !bundle) throw new ChannelError('rejected', `case ${submission.caseId} or its bundle is missing`);
    const intake = parseIntake(bundle);
    const priority = intake.order.priority;
    return {
      caseId: submission.caseId,
      submissionId: submission.submissionId,
      bundle,
      intake,
      determination: stored.determination,
      urgency: priority === 'urgent' || priority === 'asap' || priority === 'stat' ? 'urgent' : 'routine',
      timestamp: this.clock().toISOString(),
    };
  }
}

/** The subscription and event number of a rest-hook notification (history Bundle, Parameters first). */
function notificationIds(body: unknown): { subscriptionId: string; eventNumber: string } {
  const bundle = body as {
    resourceType?: string;
    type?: string;
    entry?: { resource?: { resourceType?: string; parameter?: Parameter[] } }[];
  };
  if (bundle?.resourceType !== 'Bundle' || bundle.type !== 'history') {
    throw new NotificationError('a notification is a Bundle of type history');
  }
  const status = bundle.entry?.[0]?.resource;
  if (status?.resourceType !== 'Parameters')
    throw new NotificationError('the first entry of a notification is its Parameters status');
  const parameters = status.parameter ?? [];
  const subscription = parameters.find((p) => p.name === 'subscription')?.valueReference?.reference;
  const event = parameters.find((p) => p.name === 'notification-event')?.part?.find((p) => p.name === 'event-number');
  const eventNumber =
    event?.valueString ?? (event?.valueInteger !== undefined ? String(event.valueInteger) : undefined);
  if (!subscription || !eventNumber)
    throw new NotificationError('the notification status names no subscription or event number');
  return { subscriptionId: subscription, eventNumber };
}

interface Parameter {
  name?: string;
  valueReference?: { reference?: string };
  valueString?: string;
  valueInteger?: number;
  part?: Parameter[];
}
