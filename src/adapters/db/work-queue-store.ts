// WorkQueueStore on PostgreSQL: filters run on indexed columns and on the stored determination (jsonb).
import { sql, type Kysely } from 'kysely';
import type { AttachedDocument, QueueFilter, QueueItem, QueuePage, WorkQueueStore } from '../../app/work-queue.ts';
import { isCaseStatus } from '../../core/case/index.ts';
import type { Determination } from '../../core/determination/index.ts';
import type { Database } from './schema.ts';
import { changeCase, lockCase } from './case-events.ts';

const iso = (value: Date | string): string => new Date(value).toISOString();

export class PostgresWorkQueueStore implements WorkQueueStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(organizationId: string, filter: QueueFilter, page: QueuePage): Promise<QueueItem[]> {
    // Keyset on the timestamp (kept to the millisecond, what the cursor carries), then id: no case repeats or goes
    // missing between pages.
    const column = page.sort === 'created' ? 'created_at' : 'updated_at';
    let query = this.db
      .selectFrom('cases')
      .select(['id', 'status', 'assignee', 'result', 'decision_due_at', 'created_at', 'updated_at'])
      .where('organization_id', '=', organizationId);
    if (filter.statuses && filter.statuses.length > 0) query = query.where('status', 'in', filter.statuses);
    if (filter.payerId) query = query.where(sql<string>`result->'payer'->>'id'`, '=', filter.payerId);
    if (filter.code) query = query.where(sql<string>`result->'order'->>'code'`, '=', filter.code);
    if (filter.assignee === 'none') query = query.where('assignee', 'is', null);
    else if (filter.assignee) query = query.where('assignee', '=', filter.assignee);
    if (filter.updatedBefore) query = query.where('updated_at', '<', new Date(filter.updatedBefore));
    if (filter.updatedAfter) query = query.where('updated_at', '>', new Date(filter.updatedAfter));
    if (filter.dueBefore) {
      query = query
        .where('decision_due_at', '<', new Date(filter.dueBefore))
        .where('status', 'in', ['submitting', 'submitted', 'pended']);
    }
    const after = page.after;
    if (after) {
      const at = new Date(after.at);
      query =
        page.direction === 'desc'
          ? query.where((eb) => eb.or([eb(column, '<', at), eb.and([eb(column, '=', at), eb('id', '<', after.id)])]))
          : query.where((eb) => eb.or([eb(column, '>', at), eb.and([eb(column, '=', at), eb('id', '>', after.id)])]));
    }
    const rows = await query.orderBy(column, page.direction).orderBy('id', page.direction).limit(page.limit).execute();
    return rows.map((row) => {
      const d = row.result as Determination;
      return {
        caseId: row.id,
        status: isCaseStatus(row.status) ? row.status : 'draft',
        assignee: row.assignee,
        determination: d.determination,
        paRequired: d.paRequired,
        order: d.order,
        payer: d.payer,
        missingDocumentation: d.missingDocumentation.length,
        decisionDueAt: row.decision_due_at ? iso(row.decision_due_at) : null,
        createdAt: iso(row.created_at),
        updatedAt: iso(row.updated_at),
      };
    });
  }

  async assign(organizationId: string, caseId: string, assignee: string | null, actor: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const locked = await lockCase(tx, caseId, organizationId);
      await tx.updateTable('cases').set({ assignee }).where('id', '=', caseId).execute();
      await changeCase(tx, locked, { type: 'case.assigned', actor, payload: { assignee } });
    });
  }

  async comment(organizationId: string, caseId: string, text: string, actor: string): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const locked = await lockCase(tx, caseId, organizationId);
      return changeCase(tx, locked, { type: 'comment.added', actor, payload: { text } });
    });
  }

  async attach(organizationId: string, caseId: string, document: AttachedDocument, actor: string): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const locked = await lockCase(tx, caseId, organizationId);
      await tx
        .insertInto('case_documents')
        .values({
          case_id: caseId,
          organization_id: organizationId,
          kind: 'attachment',
          content: JSON.stringify(document),
        })
        .execute();
      return changeCase(tx, locked, {
        type: 'document.attached',
        actor,
        payload: {
          title: document.title,
          contentType: document.contentType,
          bytes: Buffer.from(document.data, 'base64').length,
        },
      });
    });
  }
}
