// SubmissionStore on PostgreSQL. Every change of a case goes through case-events' one path (row lock, transition
// check, event), so events get gap-free sequence numbers and concurrent requests, workers or notifications cannot
// interleave two transitions.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DecisionRecord, NotificationReceipt, Submission, SubmissionStore } from '../../app/submission-store.ts';
import type { ChannelDecision, ChannelName } from '../../core/channel/index.ts';
import { assertTransition, canTransition, statusForOutcome, type CaseStatus } from '../../core/case/index.ts';
import type { Determination } from '../../core/determination/index.ts';
import { SubmissionRefusedError, submissionBlockers, type SubmissionOverride } from '../../core/submission/index.ts';
import { changeCase, lockCase, lockCaseIfPresent, NotFoundError } from './case-events.ts';
import { recordPayerRequests } from './payer-request-store.ts';
import type { Database } from './schema.ts';

const json = (value: unknown): string => JSON.stringify(value);

async function submissionRow(tx: Transaction<Database>, submissionId: string) {
  const row = await tx
    .selectFrom('submissions')
    .selectAll()
    .where('submission_id', '=', submissionId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`no submission ${submissionId}`);
  return row;
}

function toSubmission(row: {
  submission_id: string;
  case_id: string;
  organization_id: string;
  channel: string;
  attempt: number;
  state: Submission['state'];
}): Submission {
  return {
    submissionId: row.submission_id,
    caseId: row.case_id,
    organizationId: row.organization_id,
    channel: row.channel as ChannelName,
    attempt: row.attempt,
    state: row.state,
  };
}

export class PostgresSubmissionStore implements SubmissionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async queueSubmission(
    organizationId: string,
    caseId: string,
    channel: ChannelName,
    actor: string,
    override?: SubmissionOverride,
  ): Promise<Submission | undefined> {
    return this.db.transaction().execute(async (tx) => {
      const locked = await lockCaseIfPresent(tx, caseId, organizationId);
      if (!locked) return undefined;
      assertTransition(locked.status, 'submitting');
      const row = await tx.selectFrom('cases').select('result').where('id', '=', caseId).executeTakeFirstOrThrow();
      const determination = row.result as Determination;
      const blockers = submissionBlockers(determination, channel, override);
      if (blockers.length > 0) throw new SubmissionRefusedError(blockers);
      const previous = await tx
        .selectFrom('submissions')
        .select((eb) => eb.fn.max('attempt').as('attempt'))
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      const attempt = (previous?.attempt ?? 0) + 1;
      const submissionId = randomUUID();
      await tx
        .insertInto('submissions')
        .values({
          submission_id: submissionId,
          case_id: caseId,
          organization_id: organizationId,
          channel,
          attempt,
          state: 'queued',
          last_error: null,
        })
        .execute();
      if (override) {
        await changeCase(tx, locked, {
          type: 'submission.overridden',
          actor,
          payload: {
            submissionId,
            reason: override.reason,
            determination: determination.determination,
            paRequired: determination.paRequired,
          },
        });
      }
      await changeCase(tx, locked, {
        type: 'submission.queued',
        actor,
        payload: { submissionId, channel, attempt },
        to: 'submitting',
      });
      // The outbox: the job commits with the state change, or neither does.
      await tx
        .insertInto('jobs')
        .values({
          organization_id: organizationId,
          kind: 'submit',
          payload: json({ caseId, submissionId }),
          locked_until: null,
          locked_by: null,
          last_error: null,
        })
        .execute();
      return { submissionId, caseId, organizationId, channel, attempt, state: 'queued' };
    });
  }

  async findSubmission(submissionId: string): Promise<Submission | undefined> {
    const row = await this.db
      .selectFrom('submissions')
      .select(['submission_id', 'case_id', 'organization_id', 'channel', 'attempt', 'state'])
      .where('submission_id', '=', submissionId)
      .executeTakeFirst();
    return row ? toSubmission(row) : undefined;
  }

  async markSending(submissionId: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const submission = await submissionRow(tx, submissionId);
      const locked = await lockCase(tx, submission.case_id);
      await tx
        .updateTable('submissions')
        .set({ state: 'sending', updated_at: new Date() })
        .where('submission_id', '=', submissionId)
        .execute();
      await changeCase(tx, locked, {
        type: 'submission.sending',
        actor: 'worker',
        payload: { submissionId, channel: submission.channel },
      });
    });
  }

  async recordDecision(
    submissionId: string,
    decision: ChannelDecision,
    source: string,
    receipt?: NotificationReceipt,
  ): Promise<DecisionRecord> {
    return this.db.transaction().execute((tx) => recordDecisionIn(tx, submissionId, decision, source, receipt));
  }

  async recordFailure(submissionId: string, message: string, retryable: boolean, final: boolean): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const submission = await submissionRow(tx, submissionId);
      const locked = await lockCase(tx, submission.case_id);
      await tx
        .updateTable('submissions')
        .set({ state: final ? 'failed' : submission.state, last_error: message.slice(0, 2000), updated_at: new Date() })
        .where('submission_id', '=', submissionId)
        .execute();
      const target: CaseStatus = retryable ? 'ready' : 'needs_information';
      await changeCase(tx, locked, {
        type: final ? 'submission.failed' : 'submission.retrying',
        actor: 'worker',
        payload: { submissionId, message, retryable },
        // Only a failed attempt of a case still submitting moves it back; a later answer may have moved it on.
        ...(final && canTransition(locked.status, target) ? { to: target } : {}),
      });
    });
  }
}

/**
 * Records the payer's answer on the case, inside the caller's transaction (the submission store's own, or the one that
 * records an answer to a request for information): see SubmissionStore.recordDecision.
 */
export async function recordDecisionIn(
  tx: Transaction<Database>,
  submissionId: string,
  decision: ChannelDecision,
  source: string,
  receipt?: NotificationReceipt,
): Promise<DecisionRecord> {
  const submission = await submissionRow(tx, submissionId);
  const locked = await lockCase(tx, submission.case_id);
  if (receipt && !(await firstReceipt(tx, receipt))) {
    return {
      applied: false,
      status: locked.status,
      reason: 'this notification was received before',
      duplicate: true,
    };
  }
  const target = statusForOutcome(decision.outcome);
  const summary = decisionSummary(submissionId, decision, source);
  await tx
    .insertInto('case_documents')
    .values({
      case_id: submission.case_id,
      organization_id: submission.organization_id,
      kind: `payer-response:${decision.channel}`,
      content: json(decision.raw),
    })
    .execute();
  await tx
    .updateTable('submissions')
    .set({ state: 'answered', updated_at: new Date() })
    .where('submission_id', '=', submissionId)
    .execute();
  if (locked.status === target && target !== 'pended') {
    await changeCase(tx, locked, { type: 'payer.response_repeated', actor: source, payload: summary });
    return { applied: false, status: locked.status, reason: `the case is already ${target}` };
  }
  if (!canTransition(locked.status, target)) {
    const reason = `a ${decision.outcome} answer cannot move a ${locked.status} case (stale or out-of-order response)`;
    await changeCase(tx, locked, {
      type: 'payer.response_ignored',
      actor: source,
      payload: { ...summary, reason },
    });
    return { applied: false, status: locked.status, reason };
  }
  await changeCase(tx, locked, { type: 'payer.responded', actor: source, payload: summary, to: target });
  // What the payer asks for while it pends is recorded with its answer, in this transaction.
  if (target === 'pended') await recordPayerRequests(tx, locked, submission, decision, source);
  return { applied: true, status: target };
}

function decisionSummary(submissionId: string, decision: ChannelDecision, source: string) {
  return {
    submissionId,
    channel: decision.channel,
    source,
    outcome: decision.outcome,
    items: decision.items.map((i) => ({
      sequence: i.itemSequence,
      action: i.action,
      code: i.reviewActionCode,
      ...(i.authorizationNumber ? { authorizationNumber: i.authorizationNumber } : {}),
      ...(i.authorizedPeriod ? { authorizedPeriod: i.authorizedPeriod } : {}),
      ...(i.administrationReferenceNumber ? { pendingReference: i.administrationReferenceNumber } : {}),
      reasonCodes: i.reasonCodes,
    })),
    errors: decision.errors,
    warnings: decision.warnings,
  };
}

/** True the first time a (subscription, event number) is seen; in the decision's transaction, so a rollback forgets it. */
async function firstReceipt(tx: Transaction<Database>, receipt: NotificationReceipt): Promise<boolean> {
  const inserted = await tx
    .insertInto('notification_receipts')
    .values({ subscription_id: receipt.subscriptionId, event_number: receipt.eventNumber })
    .onConflict((oc) => oc.columns(['subscription_id', 'event_number']).doNothing())
    .returning('event_number')
    .executeTakeFirst();
  return inserted !== undefined;
}
