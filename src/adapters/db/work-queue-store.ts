// WorkQueueStore on PostgreSQL: filters run on indexed columns and on the stored determination (jsonb). Search and
// the due sort read columns migration 0007 copies onto the case (search_text, due_sort), so every sort pages along
// an index of (organization, sort instant, id) and stops after one page.
import { sql, type Kysely } from 'kysely';
import {
  AWAITING_DECISION,
  type AttachedDocument,
  type QueueFilter,
  type QueueItem,
  type QueuePage,
  type WorkQueueStore,
} from '../../app/work-queue.ts';
import { isCaseStatus } from '../../core/case/index.ts';
import type { Determination } from '../../core/determination/index.ts';
import type { Database } from './schema.ts';
import { changeCase, lockCase } from './case-events.ts';

const iso = (value: Date | string): string => new Date(value).toISOString();

/** The indexed column each sort keys on (cases_queue_updated, cases_org_created, cases_queue_due). */
const SORT_COLUMNS = { updated: 'updated_at', created: 'created_at', due: 'due_sort' } as const;

/** The search text as a LIKE pattern's literal part: its own % and _ match themselves. */
const likeEscaped = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export class PostgresWorkQueueStore implements WorkQueueStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(organizationId: string, filter: QueueFilter, page: QueuePage): Promise<QueueItem[]> {
    // Keyset on the timestamp (kept to the millisecond, what the cursor carries), then id: no case repeats or goes
    // missing between pages.
    const column = SORT_COLUMNS[page.sort];
    let query = this.db
      .selectFrom('cases')
      .select([
        'id',
        'status',
        'assignee',
        // Only the parts of the determination a row shows: the whole one (criteria, evidence) is many times larger.
        sql<Pick<Determination, 'determination' | 'paRequired' | 'order' | 'payer' | 'denialRisk'>>`jsonb_build_object(
          'determination', result->'determination', 'paRequired', result->'paRequired', 'order', result->'order',
          'payer', result->'payer', 'denialRisk', result->'denialRisk')`.as('summary'),
        sql<number>`coalesce(jsonb_array_length(result->'missingDocumentation'), 0)`.as('missing'),
        'decision_due_at',
        'created_at',
        'updated_at',
        'patient_name',
        'patient_birth_date',
        'patient_mrn',
        'authorization_number',
      ])
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
        .where('status', 'in', [...AWAITING_DECISION]);
    }
    if (filter.dueAfter) query = query.where('decision_due_at', '>=', new Date(filter.dueAfter));
    if (filter.search) query = query.where('search_text', 'like', `%${likeEscaped(filter.search.toLowerCase())}%`);
    const after = page.after;
    if (after) {
      // A row comparison, which the index serves as its start (an OR of the two conditions would be a filter that
      // reads every earlier page again).
      const at = new Date(after.at);
      query = query.where((eb) =>
        eb(eb.refTuple(column, 'id'), page.direction === 'desc' ? '<' : '>', eb.tuple(at, after.id)),
      );
    }
    const rows = await query.orderBy(column, page.direction).orderBy('id', page.direction).limit(page.limit).execute();
    return rows.map((row) => {
      const d = row.summary;
      return {
        caseId: row.id,
        status: isCaseStatus(row.status) ? row.status : 'draft',
        assignee: row.assignee,
        determination: d.determination,
        paRequired: d.paRequired,
        order: d.order,
        payer: d.payer,
        patient: { name: row.patient_name, birthDate: row.patient_birth_date, mrn: row.patient_mrn },
        denialRisk: d.denialRisk?.level ?? null,
        authorizationNumber: row.authorization_number,
        missingDocumentation: row.missing,
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
