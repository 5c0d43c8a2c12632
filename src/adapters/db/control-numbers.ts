// X12 control numbers (ISA13, GS06, ST02) from database sequences: unique across every process sharing the database.
import { sql, type Kysely } from 'kysely';
import type { ControlNumbers } from '../../core/submission/index.ts';
import type { Database } from './schema.ts';

export async function nextControlNumbers(db: Kysely<Database>): Promise<ControlNumbers> {
  const result = await sql<{ interchange: string; grp: string; txn: string }>`
    select nextval('x12_interchange_control_number')::text as interchange,
           nextval('x12_group_control_number')::text as grp,
           nextval('x12_transaction_control_number')::text as txn`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('the control number sequences did not answer');
  return { interchange: Number(row.interchange), group: Number(row.grp), transaction: Number(row.txn) };
}
