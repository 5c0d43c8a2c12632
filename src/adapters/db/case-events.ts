// The shared steps of every change to a case: lock its row, append the next event (gap-free sequence numbers),
// set its status. Submission, work-queue and questionnaire stores all go through these.
import type { Transaction } from 'kysely';
import { isCaseStatus, type CaseStatus } from '../../core/case/lifecycle.ts';
import type { Database } from './schema.ts';

const json = (value: unknown): string => JSON.stringify(value);

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Locks a case row for the rest of the transaction (every change of a case starts here). */
export async function lockCase(tx: Transaction<Database>, caseId: string, organizationId?: string) {
  let query = tx.selectFrom('cases').select(['id', 'organization_id', 'status']).where('id', '=', caseId);
  if (organizationId !== undefined) query = query.where('organization_id', '=', organizationId);
  const row = await query.forUpdate().executeTakeFirst();
  if (!row) throw new NotFoundError(`no case ${caseId}`);
  if (!isCaseStatus(row.status)) throw new Error(`case ${caseId} has an unknown status '${row.status}'`);
  return { organizationId: row.organization_id, status: row.status };
}

/** Appends the next event of a locked case; returns its sequence number. */
export async function appendEvent(
  tx: Transaction<Database>,
  caseId: string,
  organizationId: string,
  type: string,
  actor: string,
  payload: unknown,
): Promise<number> {
  const last = await tx
    .selectFrom('case_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  await tx
    .insertInto('case_events')
    .values({ case_id: caseId, organization_id: organizationId, seq, type, actor, payload: json(payload) })
    .execute();
  return seq;
}

export async function setStatus(tx: Transaction<Database>, caseId: string, status: CaseStatus): Promise<void> {
  await tx.updateTable('cases').set({ status, updated_at: new Date() }).where('id', '=', caseId).execute();
}
