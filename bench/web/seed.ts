// 10,000 cases for the work-queue benchmark in a fresh embedded database. The demo generator's 24 cases are
// determined and stored through the case repository (the path every case takes), then their rows are copied in SQL
// as other patients (names, birth dates, MRNs and times of their own) until the count is reached: storing 10,000
// cases one transaction at a time on embedded PGlite takes over ten minutes, and the queue reads only `cases`.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { initialStatus } from '../../src/core/case/index.ts';
import { PostgresCaseRepository } from '../../src/adapters/db/case-repository.ts';
import { openDatabase } from '../../src/adapters/db/database.ts';
import type { Database } from '../../src/adapters/db/schema.ts';
import { loadPolicyLibrary } from '../../src/adapters/policies/load.ts';
import { CaseService } from '../../src/app/cases.ts';
import { generateDemoCases } from '../../src/demo/index.ts';

const GIVEN = ['Ava', 'Noah', 'Mia', 'Liam', 'Zoe', 'Omar', 'Iris', 'Theo', 'Lena', 'Raj', 'Nora', 'Hugo'];
const FAMILY = ['Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Alvarez', 'Novak', 'Haddad', 'Brennan', 'Kowalski'];
/** Columns a copy gets fresh values for; every other column of `cases` is copied from its template. */
const FRESH = new Set(['id', 'patient_name', 'patient_birth_date', 'patient_mrn', 'created_at', 'updated_at']);

export async function seedCases(dataDir: string, count: number, organizationId = 'default'): Promise<void> {
  const database = await openDatabase({ dataDir });
  try {
    const repository = new PostgresCaseRepository(database.db);
    const service = new CaseService({ library: loadPolicyLibrary(), organizationId, today: () => '2026-11-23' });
    const demos = generateDemoCases({ seed: 7, count: 24 });
    for (const demo of demos.slice(0, count)) {
      const { intake, determination } = service.check(demo.bundle);
      await repository.create({
        organizationId,
        patient: intake.patient,
        ...(intake.coverage ? { coverage: intake.coverage } : {}),
        order: intake.order,
        bundle: { ...intake.bundle, id: `bench-web-${demo.id}` },
        determination,
        status: initialStatus(determination),
        actor: 'bench',
      });
    }
    if (count > demos.length) await copyCases(database.db, organizationId, count - demos.length);
    // Planner statistics, as a server's autovacuum gathers them after a bulk load. Embedded PGlite runs no autovacuum:
    // without them the planner takes the 25-row guess and scans all 10,000 cases for a page (bench/README.md).
    await sql`analyze cases`.execute(database.db);
  } finally {
    await database.close();
  }
}

async function copyCases(db: Kysely<Database>, organizationId: string, copies: number): Promise<void> {
  const columns = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_name = 'cases' and table_schema = current_schema() and is_generated = 'NEVER'`.execute(db);
  const copied = columns.rows.map((c) => c.column_name).filter((c) => !FRESH.has(c));
  const list = sql.join(copied.map((c) => sql.ref(c)));
  const from = sql.join(copied.map((c) => sql.ref(`t.${c}`)));
  const given = sql.lit(`{${GIVEN.join(',')}}`);
  const family = sql.lit(`{${FAMILY.join(',')}}`);
  await sql`
    insert into cases (id, patient_name, patient_birth_date, patient_mrn, created_at, updated_at, ${list})
    select gen_random_uuid(),
           (${given}::text[])[1 + (n * 7) % ${sql.lit(GIVEN.length)}] || ' ' || (${family}::text[])[1 + (n / 3) % ${sql.lit(FAMILY.length)}],
           to_char(date '1940-01-01' + (n * 37) % 25000, 'YYYY-MM-DD'),
           'MRN' || (100000 + n),
           now() - n * interval '1 minute', now() - n * interval '1 minute',
           ${from}
    from (select t.*, row_number() over (order by t.created_at) as r from cases t where t.organization_id = ${organizationId}) t
    cross join generate_series(0, ${Math.ceil(copies / 24)}) g
    cross join lateral (select (g * 24 + t.r)::int as n) k
    where k.n <= ${copies}`.execute(db);
}
