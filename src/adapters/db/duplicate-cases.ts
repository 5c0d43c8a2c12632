// The duplicate check of case creation, inside its transaction: the patient's row, just upserted, stays locked until
// commit, so two requests for the same patient are checked one after the other and cannot both pass.
import { sql, type Transaction } from 'kysely';
import { DUPLICATE_WINDOW_DAYS, DuplicateCaseError, type EarlierCase } from '../../app/duplicates.ts';
import type { NewCase } from '../../app/case-repository.ts';
import type { Database } from './schema.ts';

/** The latest case of the last 30 days for the same patient, order code and payer that is not cancelled. */
export async function earlierDuplicate(
  tx: Transaction<Database>,
  input: NewCase,
  patientId: string,
): Promise<EarlierCase | undefined> {
  const d = input.determination;
  const since = new Date(Date.now() - DUPLICATE_WINDOW_DAYS * 86_400_000);
  const row = await tx
    .selectFrom('cases')
    .select(['id', 'status', 'created_at'])
    .where('organization_id', '=', input.organizationId)
    .where('patient_id', '=', patientId)
    .where('created_at', '>', since)
    .where('status', '<>', 'cancelled')
    .where(sql<string>`result->'order'->>'code'`, '=', d.order.code)
    .where(sql<string>`result->'payer'->>'id'`, '=', d.payer.id)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { caseId: row.id, status: row.status, createdAt: new Date(row.created_at).toISOString() };
}

/** Refuses a duplicate unless confirmed; the earlier case a confirmed one repeats, for its `case.created` event. */
export async function checkDuplicate(
  tx: Transaction<Database>,
  input: NewCase,
  patientId: string,
): Promise<{ duplicateOf?: string }> {
  const earlier = await earlierDuplicate(tx, input, patientId);
  if (!earlier) return {};
  if (!input.confirmDuplicate) throw new DuplicateCaseError(earlier);
  return { duplicateOf: earlier.caseId };
}
