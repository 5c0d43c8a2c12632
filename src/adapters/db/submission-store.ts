// SubmissionStore on PostgreSQL. Every change of a case locks its row first, so events get gap-free sequence
// numbers and concurrent workers or notifications cannot interleave two transitions.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type {
  DeadJob,
  DecisionRecord,
  Job,
  ReminderKind,
  Submission,
  SubmissionStore,
} from '../../app/submission-store.ts';
import type { ChannelDecision, ChannelName } from '../../core/channel/channel.ts';
import { assertTransition, canTransition, statusForOutcome, type CaseStatus } from '../../core/case/lifecycle.ts';
import { appendEvent, lockCase, NotFoundError, setStatus } from './case-events.ts';
import type { Database } from './schema.ts';

export { NotFoundError };

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
  ): Promise<Submission> {
    return this.db.transaction().execute(async (tx) => {
      const current = await lockCase(tx, caseId, organizationId);
      assertTransition(current.status, 'submitting');
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
      await setStatus(tx, caseId, 'submitting');
      await appendEvent(tx, caseId, organizationId, 'submission.queued', actor, {
        submissionId,
        channel,
        attempt,
        from: current.status,
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
      await lockCase(tx, submission.case_id);
      await tx
        .updateTable('submissions')
        .set({ state: 'sending', updated_at: new Date() })
        .where('submission_id', '=', submissionId)
        .execute();
      await appendEvent(tx, submission.case_id, submission.organization_id, 'submission.sending', 'worker', {
        submissionId,
        channel: submission.channel,
      });
    });
  }

  async recordDecision(submissionId: string, decision: ChannelDecision, source: string): Promise<DecisionRecord> {
    return this.db.transaction().execute(async (tx) => {
      const submission = await submissionRow(tx, submissionId);
      const current = await lockCase(tx, submission.case_id);
      const target = statusForOutcome(decision.outcome);
      const summary = {
        submissionId,
        channel: decision.channel,
        source,
        outcome: decision.outcome,
        items: decision.items.map((i) => ({
          sequence: i.itemSequence,
          action: i.action,
          code: i.reviewActionCode,
          ...(i.authorizationNumber ? { authorizationNumber: i.authorizationNumber } : {}),
          ...(i.administrationReferenceNumber ? { pendingReference: i.administrationReferenceNumber } : {}),
          reasonCodes: i.reasonCodes,
        })),
        errors: decision.errors,
        warnings: decision.warnings,
      };
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
      if (current.status === target && target !== 'pended') {
        await appendEvent(
          tx,
          submission.case_id,
          submission.organization_id,
          'payer.response_repeated',
          source,
          summary,
        );
        return { applied: false, status: current.status, reason: `the case is already ${target}` };
      }
      if (!canTransition(current.status, target)) {
        const reason = `a ${decision.outcome} answer cannot move a ${current.status} case (stale or out-of-order response)`;
        await appendEvent(tx, submission.case_id, submission.organization_id, 'payer.response_ignored', source, {
          ...summary,
          reason,
        });
        return { applied: false, status: current.status, reason };
      }
      await setStatus(tx, submission.case_id, target);
      await appendEvent(tx, submission.case_id, submission.organization_id, 'payer.responded', source, {
        ...summary,
        from: current.status,
        to: target,
      });
      return { applied: true, status: target };
    });
  }

  async recordFailure(submissionId: string, message: string, retryable: boolean, final: boolean): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const submission = await submissionRow(tx, submissionId);
      const current = await lockCase(tx, submission.case_id);
      await tx
        .updateTable('submissions')
        .set({ state: final ? 'failed' : submission.state, last_error: message.slice(0, 2000), updated_at: new Date() })
        .where('submission_id', '=', submissionId)
        .execute();
      await appendEvent(
        tx,
        submission.case_id,
        submission.organization_id,
        final ? 'submission.failed' : 'submission.retrying',
        'worker',
        {
          submissionId,
          message,
          retryable,
        },
      );
      if (final) {
        const target: CaseStatus = retryable ? 'ready' : 'needs_information';
        if (canTransition(current.status, target)) await setStatus(tx, submission.case_id, target);
      }
    });
  }

  async scheduleDeadlines(
    caseId: string,
    deadlines: { decisionDueAt?: string; authorizationEnds?: string },
    reminders: { reminder: ReminderKind; dueAt: string; runAt: Date }[],
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const current = await lockCase(tx, caseId);
      await tx
        .updateTable('cases')
        .set({
          ...(deadlines.decisionDueAt ? { decision_due_at: new Date(deadlines.decisionDueAt) } : {}),
          ...(deadlines.authorizationEnds ? { authorization_ends: deadlines.authorizationEnds } : {}),
        })
        .where('id', '=', caseId)
        .execute();
      await appendEvent(tx, caseId, current.organizationId, 'deadline.set', 'klivira', deadlines);
      for (const r of reminders) {
        await tx
          .insertInto('jobs')
          .values({
            organization_id: current.organizationId,
            kind: 'reminder',
            payload: json({ caseId, reminder: r.reminder, dueAt: r.dueAt }),
            run_at: r.runAt,
            locked_until: null,
            locked_by: null,
            last_error: null,
          })
          .execute();
      }
    });
  }

  async remind(caseId: string, reminder: ReminderKind, dueAt: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const current = await lockCase(tx, caseId);
      // Decision reminders matter while the payer has not decided; a re-authorization reminder while approved.
      const waiting = current.status === 'submitted' || current.status === 'pended' || current.status === 'submitting';
      const approved =
        current.status === 'approved' || current.status === 'partially_approved' || current.status === 'modified';
      if (reminder === 'reauthorization_due' ? !approved : !waiting) return false;
      const type =
        reminder === 'decision_overdue'
          ? 'deadline.overdue'
          : reminder === 'decision_due_soon'
            ? 'deadline.due_soon'
            : 'reauthorization.due';
      await appendEvent(tx, caseId, current.organizationId, type, 'klivira', { dueAt });
      await tx.updateTable('cases').set({ updated_at: new Date() }).where('id', '=', caseId).execute();
      return true;
    });
  }

  async claimJob(workerId: string, leaseMs: number): Promise<Job | undefined> {
    // SKIP LOCKED: several workers on one server database never take the same job; an expired lease is reclaimed.
    const result = await sql<{
      id: string;
      organization_id: string;
      kind: string;
      payload: unknown;
      attempts: number;
      max_attempts: number;
    }>`
      update jobs set state = 'running', attempts = attempts + 1, locked_by = ${workerId},
        locked_until = now() + (${leaseMs} * interval '1 millisecond'), updated_at = now()
      where id = (
        select id from jobs
        where (state = 'queued' and run_at <= now()) or (state = 'running' and locked_until < now())
        order by run_at, id
        limit 1
        for update skip locked
      )
      returning id::text as id, organization_id, kind, payload, attempts, max_attempts`.execute(this.db);
    const row = result.rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      organizationId: row.organization_id,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      ...({ kind: row.kind, payload: row.payload } as Pick<Job, 'kind' | 'payload'>),
    } as Job;
  }

  async completeJob(jobId: string): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ state: 'done', locked_until: null, updated_at: new Date() })
      .where('id', '=', jobId)
      .execute();
  }

  async retryJob(jobId: string, error: string, runAt: Date): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({
        state: 'queued',
        run_at: runAt,
        locked_until: null,
        locked_by: null,
        last_error: error.slice(0, 2000),
        updated_at: new Date(),
      })
      .where('id', '=', jobId)
      .execute();
  }

  async buryJob(jobId: string, error: string): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ state: 'dead', locked_until: null, last_error: error.slice(0, 2000), updated_at: new Date() })
      .where('id', '=', jobId)
      .execute();
  }

  async deadJobs(organizationId: string): Promise<DeadJob[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .select([sql<string>`id::text`.as('id'), 'kind', 'payload', 'attempts', 'last_error', 'updated_at'])
      .where('organization_id', '=', organizationId)
      .where('state', '=', 'dead')
      .orderBy('updated_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      payload: r.payload,
      attempts: r.attempts,
      lastError: r.last_error,
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }

  async rememberIdempotent(
    organizationId: string,
    key: string,
    requestHash: string,
    produce: () => Promise<{ status: number; response: unknown }>,
  ): Promise<{ status: number; response: unknown; replayed: boolean; conflict: boolean }> {
    const earlier = await this.db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status', 'response'])
      .where('organization_id', '=', organizationId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (earlier) {
      return {
        status: earlier.status,
        response: earlier.response,
        replayed: true,
        conflict: earlier.request_hash !== requestHash,
      };
    }
    const produced = await produce();
    const inserted = await this.db
      .insertInto('idempotency_keys')
      .values({
        organization_id: organizationId,
        key,
        request_hash: requestHash,
        status: produced.status,
        response: json(produced.response),
      })
      .onConflict((oc) => oc.columns(['organization_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!inserted) {
      // Another request with the same key won the race: answer as it did.
      const winner = await this.db
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status', 'response'])
        .where('organization_id', '=', organizationId)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      return {
        status: winner.status,
        response: winner.response,
        replayed: true,
        conflict: winner.request_hash !== requestHash,
      };
    }
    return { ...produced, replayed: false, conflict: false };
  }

  async firstNotification(subscriptionId: string, eventNumber: string): Promise<boolean> {
    const inserted = await this.db
      .insertInto('notification_receipts')
      .values({ subscription_id: subscriptionId, event_number: eventNumber })
      .onConflict((oc) => oc.columns(['subscription_id', 'event_number']).doNothing())
      .returning('event_number')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async controlNumbers() {
    const result = await sql<{ interchange: string; grp: string; txn: string }>`
      select nextval('x12_interchange_control_number')::text as interchange,
             nextval('x12_group_control_number')::text as grp,
             nextval('x12_transaction_control_number')::text as txn`.execute(this.db);
    const row = result.rows[0];
    if (!row) throw new Error('the control number sequences did not answer');
    return { interchange: Number(row.interchange), group: Number(row.grp), transaction: Number(row.txn) };
  }
}
