// The one path of every change to a case: lock its row, check the status change against the lifecycle's table,
// append the next event (gap-free sequence numbers; a status change carries its `from` and `to`), set the status,
// all in the caller's transaction. Case, submission, deadline and work-queue stores all go through here.
import type { Kysely, Transaction } from 'kysely';
import { NotFoundError } from '../../app/errors.ts';
import { assertTransition, isCaseStatus, type CaseStatus } from '../../core/case/index.ts';
import { notifyOnCaseEvent } from './notification-store.ts';
import { recordRequestFacts } from './analytics-facts.ts';
import type { Database } from './schema.ts';

const json = (value: unknown): string => JSON.stringify(value);

export { NotFoundError };

/** A case row locked for the rest of the transaction; `status` follows the changes made through `changeCase`. */
export interface LockedCase {
  caseId: string;
  organizationId: string;
  status: CaseStatus;
}

/** Whether the organization has this case (another organization's case does not exist for it). */
export async function caseExists(db: Kysely<Database>, organizationId: string, caseId: string): Promise<boolean> {
  const row = await db
    .selectFrom('cases')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', caseId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Locks a case row for the rest of the transaction (every change of a case starts here). */
export async function lockCase(
  tx: Transaction<Database>,
  caseId: string,
  organizationId?: string,
): Promise<LockedCase> {
  let query = tx.selectFrom('cases').select(['id', 'organization_id', 'status']).where('id', '=', caseId);
  if (organizationId !== undefined) query = query.where('organization_id', '=', organizationId);
  const row = await query.forUpdate().executeTakeFirst();
  if (!row) throw new NotFoundError(`no case ${caseId}`);
  if (!isCaseStatus(row.status)) throw new Error(`case ${caseId} has an unknown status '${row.status}'`);
  return { caseId: row.id, organizationId: row.organization_id, status: row.status };
}

/** `lockCase`, or undefined when the organization has no such case (for callers that answer 404 themselves). */
export async function lockCaseIfPresent(
  tx: Transaction<Database>,
  caseId: string,
  organizationId: string,
): Promise<LockedCase | undefined> {
  try {
    return await lockCase(tx, caseId, organizationId);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

export interface CaseChange {
  type: string;
  actor: string;
  payload: Record<string, unknown>;
  /** The status the event moves the case to; absent (or the same) when the status stays. */
  to?: CaseStatus;
}

/**
 * Appends one event to a locked case and applies its status change, refused with IllegalTransitionError (so the
 * whole transaction rolls back) when the lifecycle does not allow it. Returns the event's sequence number.
 */
export async function changeCase(tx: Transaction<Database>, locked: LockedCase, change: CaseChange): Promise<number> {
  const { to } = change;
  let payload = change.payload;
  if (to !== undefined && to !== locked.status) {
    assertTransition(locked.status, to);
    await tx.updateTable('cases').set({ status: to, updated_at: new Date() }).where('id', '=', locked.caseId).execute();
    payload = { ...payload, from: locked.status, to };
    locked.status = to;
  } else {
    await tx.updateTable('cases').set({ updated_at: new Date() }).where('id', '=', locked.caseId).execute();
  }
  const last = await tx
    .selectFrom('case_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('case_id', '=', locked.caseId)
    .executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  await tx
    .insertInto('case_events')
    .values({
      case_id: locked.caseId,
      organization_id: locked.organizationId,
      seq,
      type: change.type,
      actor: change.actor,
      payload: json(payload),
    })
    .execute();
  // The notification the event triggers is recorded with it (deliveries and their jobs): never lost, never doubled.
  await notifyOnCaseEvent(tx, locked.organizationId, { caseId: locked.caseId, seq, type: change.type, payload });
  // The analytics' per-request facts, in the same transaction (only a few event types are read).
  await recordRequestFacts(tx, locked, change.type, payload);
  return seq;
}
