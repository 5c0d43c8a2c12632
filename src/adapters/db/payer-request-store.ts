// PayerRequestStore on PostgreSQL. A request is recorded in the transaction of the payer's answer that carries it
// (recordPayerRequests, called by the submission store), once per distinct set of items: a pend read again by an
// inquiry or a repeated notification is the same request. Queuing the answer (the job is the outbox), marking the
// send, and recording it with the payer's decision each go through the case's one path (lock, event) in one
// transaction.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { PayerRequest, PayerRequestStore, ReviewedAnswer } from '../../app/payer-request-store.ts';
import { CaseConflictError } from '../../core/case/index.ts';
import type { ChannelDecision, ChannelName, RequestedInformation } from '../../core/channel/index.ts';
import { changeCase, lockCase, lockCaseIfPresent, NotFoundError, type LockedCase } from './case-events.ts';
import type { Database, PayerRequestTable } from './schema.ts';
import { recordDecisionIn } from './submission-store.ts';

const json = (value: unknown): string => JSON.stringify(value);

type Row = Selectable<PayerRequestTable>;

function toRequest(row: Row): PayerRequest {
  return {
    id: row.id,
    caseId: row.case_id,
    organizationId: row.organization_id,
    submissionId: row.submission_id,
    channel: row.channel as ChannelName,
    requestedAt: row.requested_at.toISOString(),
    items: row.items as RequestedInformation[],
    state: row.state,
    ...(row.answer_id ? { answerId: row.answer_id } : {}),
    ...(row.sent_at ? { sentAt: row.sent_at.toISOString() } : {}),
    ...(row.last_error ? { lastError: row.last_error } : {}),
  };
}

/**
 * Records what the payer asked for with its pended answer (same transaction): a new request and its
 * `payer.requested_information` event, unless this submission already has the same request.
 */
export async function recordPayerRequests(
  tx: Transaction<Database>,
  locked: LockedCase,
  submission: { submission_id: string; organization_id: string; channel: string },
  decision: ChannelDecision,
  actor: string,
): Promise<void> {
  const items = decision.requestedInformation ?? [];
  if (items.length === 0) return;
  const fingerprint = createHash('sha256')
    .update(json(items.map((i) => [i.system, i.code, i.pwkControlNumber ?? '', i.itemSequence ?? ''])))
    .digest('hex');
  const id = randomUUID();
  const inserted = await tx
    .insertInto('payer_requests')
    .values({
      id,
      case_id: locked.caseId,
      organization_id: submission.organization_id,
      submission_id: submission.submission_id,
      channel: submission.channel,
      items: json(items),
      fingerprint,
      state: 'open',
      answer: null,
      answer_id: null,
      sending_at: null,
      sent_at: null,
      last_error: null,
    })
    .onConflict((oc) => oc.columns(['submission_id', 'fingerprint']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return;
  await changeCase(tx, locked, {
    type: 'payer.requested_information',
    actor,
    payload: { requestId: id, submissionId: submission.submission_id, channel: submission.channel, items },
  });
}

export class PostgresPayerRequestStore implements PayerRequestStore {
  constructor(private readonly db: Kysely<Database>) {}

  async listForCase(organizationId: string, caseId: string): Promise<PayerRequest[]> {
    const rows = await this.db
      .selectFrom('payer_requests')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('case_id', '=', caseId)
      .orderBy('requested_at')
      .orderBy('id')
      .execute();
    return rows.map(toRequest);
  }

  async find(organizationId: string, caseId: string, requestId: string): Promise<PayerRequest | undefined> {
    const row = await this.db
      .selectFrom('payer_requests')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('case_id', '=', caseId)
      .where('id', '=', requestId)
      .executeTakeFirst();
    return row ? toRequest(row) : undefined;
  }

  async findForJob(requestId: string): Promise<(PayerRequest & { answer?: ReviewedAnswer }) | undefined> {
    const row = await this.db.selectFrom('payer_requests').selectAll().where('id', '=', requestId).executeTakeFirst();
    if (!row) return undefined;
    return { ...toRequest(row), ...(row.answer ? { answer: row.answer as ReviewedAnswer } : {}) };
  }

  async queueAnswer(
    organizationId: string,
    caseId: string,
    requestId: string,
    answer: ReviewedAnswer,
    actor: string,
  ): Promise<PayerRequest | undefined> {
    return this.db.transaction().execute(async (tx) => {
      const locked = await lockCaseIfPresent(tx, caseId, organizationId);
      if (!locked) return undefined;
      const row = await tx
        .selectFrom('payer_requests')
        .selectAll()
        .where('id', '=', requestId)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      if (!row) return undefined;
      if (row.state !== 'open') {
        throw new CaseConflictError(`the request for information is already ${row.state}: it is answered once`);
      }
      if (locked.status !== 'pended') {
        throw new CaseConflictError(`the case is ${locked.status}: only a pended request can be answered`);
      }
      const updated = await tx
        .updateTable('payer_requests')
        .set({ state: 'answering', answer: json(answer), answer_id: answer.answerId, last_error: null })
        .where('id', '=', requestId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await changeCase(tx, locked, {
        type: 'information.queued',
        actor,
        payload: {
          requestId,
          answerId: answer.answerId,
          documents: answer.documents.map((d) => ({ title: d.title, mediaType: d.mediaType, answers: d.answers.code })),
        },
      });
      // The outbox: the job commits with the reviewed answer, or neither does.
      await tx
        .insertInto('jobs')
        .values({
          organization_id: organizationId,
          kind: 'send_information',
          payload: json({ caseId, requestId }),
          locked_until: null,
          locked_by: null,
          last_error: null,
        })
        .execute();
      return toRequest(updated);
    });
  }

  async markSending(requestId: string): Promise<void> {
    await this.db.updateTable('payer_requests').set({ sending_at: new Date() }).where('id', '=', requestId).execute();
  }

  async recordSent(requestId: string, decision: ChannelDecision | undefined, source: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const row = await this.locked(tx, requestId);
      if (row.request.state === 'answered') return;
      await tx
        .updateTable('payer_requests')
        .set({ state: 'answered', sent_at: new Date(), last_error: null })
        .where('id', '=', requestId)
        .execute();
      await changeCase(tx, row.locked, {
        type: 'information.sent',
        actor: 'worker',
        payload: { requestId, channel: row.request.channel, answerId: row.request.answer_id },
      });
      if (decision) await recordDecisionIn(tx, row.request.submission_id, decision, source);
    });
  }

  async recordFailure(requestId: string, message: string, final: boolean): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const row = await this.locked(tx, requestId);
      await tx
        .updateTable('payer_requests')
        .set({ last_error: message.slice(0, 2000), ...(final ? { state: 'open' as const, answer_id: null } : {}) })
        .where('id', '=', requestId)
        .execute();
      await changeCase(tx, row.locked, {
        type: final ? 'information.failed' : 'information.retrying',
        actor: 'worker',
        payload: { requestId, message },
      });
    });
  }

  private async locked(tx: Transaction<Database>, requestId: string): Promise<{ request: Row; locked: LockedCase }> {
    const found = await tx
      .selectFrom('payer_requests')
      .select('case_id')
      .where('id', '=', requestId)
      .executeTakeFirst();
    if (!found) throw new NotFoundError(`no request for information ${requestId}`);
    const locked = await lockCase(tx, found.case_id);
    // Read again under the case's lock: a concurrent change of the request has committed by now.
    const request = await tx
      .selectFrom('payer_requests')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    return { request, locked };
  }
}
