// Integration: needs a database (PGlite in process always; server PostgreSQL when KLIVIRA_TEST_DATABASE_URL is set).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../app/cases.ts';
import { loadPolicyLibrary } from '../policies/load.ts';
import { condition, lumbarMriCase, procedure } from '../../testing/fixtures.ts';
import { TEST_DATABASES } from '../../testing/databases.ts';
import { InvalidInputError } from '../../core/fhir/index.ts';
import { openDatabase, type OpenDatabase } from './database.ts';
import { migrations as allMigrations } from './migrations.ts';
import { PostgresCaseRepository } from './case-repository.ts';

const library = loadPolicyLibrary();

describe.each(TEST_DATABASES)('case storage on $name', (target) => {
  let database: OpenDatabase;
  let service: CaseService;
  let other: CaseService;

  beforeAll(async () => {
    database = await target.open();
    const repository = new PostgresCaseRepository(database.db);
    service = new CaseService({ library, repository, organizationId: 'org-a', today: () => '2026-03-02' });
    other = new CaseService({ library, repository, organizationId: 'org-b', today: () => '2026-03-02' });
  });
  afterAll(async () => {
    await database.close();
  });

  const count = async (table: 'cases' | 'patients' | 'orders' | 'case_events' | 'case_documents') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('stores a case with its patient, order, bundle and events, and reads it back', async () => {
    const input = lumbarMriCase([condition('M54.16'), procedure('97110', '2026-01-05', '2026-02-20')]);
    const stored = await service.create(input, {}, 'test-user');
    expect(stored.status).toBe('needs_information');
    expect(stored.determination.caseId).toBe(stored.caseId);
    expect(stored.determination.determination).toBe('insufficient_documentation');
    expect(stored.events.map((e) => e.type)).toEqual(['case.created', 'determination.made']);

    const again = await service.get(stored.caseId);
    expect(again?.determination).toEqual(stored.determination);
    expect(await new PostgresCaseRepository(database.db).intakeBundle('org-a', stored.caseId)).toEqual(input);
    const list = await service.list(10);
    expect(list.map((c) => c.caseId)).toContain(stored.caseId);
  });

  it('keeps organizations apart: another tenant can neither read nor list the case', async () => {
    // The same test patient's order again, on purpose.
    const stored = await service.create(lumbarMriCase([condition('M54.16')]), { confirmDuplicate: true }, 'test-user');
    expect(await other.get(stored.caseId)).toBeUndefined();
    expect(await other.list(50)).toEqual([]);
  });

  it('reuses the patient row for a second case of the same patient', async () => {
    const before = await count('patients');
    await service.create(lumbarMriCase([condition('M54.16')]), { confirmDuplicate: true }, 'test-user');
    expect(await count('patients')).toBe(before);
  });

  it('stores nothing for a rejected bundle', async () => {
    const before = await Promise.all([count('cases'), count('patients'), count('orders'), count('case_events')]);
    await expect(service.create({ resourceType: 'Bundle', type: 'collection', entry: [] }, {}, 'u')).rejects.toThrow(
      InvalidInputError,
    );
    expect(await Promise.all([count('cases'), count('patients'), count('orders'), count('case_events')])).toEqual(
      before,
    );
  });

  it('rolls the whole case back when one insert fails', async () => {
    const before = await Promise.all([count('cases'), count('patients'), count('orders'), count('case_documents')]);
    const repository = new PostgresCaseRepository(database.db);
    const { determination, intake } = service.check(lumbarMriCase([condition('M54.16')]), {});
    // as_of violates the table's check constraint: the last insert fails after the others succeeded.
    await expect(
      repository.create({
        organizationId: 'org-a',
        patient: { ...intake.patient, identifier: [{ system: 'urn:test', value: 'rollback-probe' }] },
        order: intake.order,
        bundle: intake.bundle,
        determination: { ...determination, asOf: 'not-a-date' },
        status: 'draft',
        actor: 'u',
      }),
    ).rejects.toThrow();
    expect(await Promise.all([count('cases'), count('patients'), count('orders'), count('case_documents')])).toEqual(
      before,
    );
  });

  it('refuses to change or delete case events (append-only history)', async () => {
    await expect(sql`update case_events set actor = 'mallory'`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from case_events`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('pages the case list newest first with a cursor', async () => {
    const page1 = await service.list(2);
    expect(page1).toHaveLength(2);
    const last = page1[1];
    if (!last) throw new Error('expected two cases');
    const page2 = await service.list(2, { createdAt: last.createdAt, caseId: last.caseId });
    expect(page2.map((c) => c.caseId)).not.toContain(page1[0]?.caseId);
    expect(page2.map((c) => c.caseId)).not.toContain(last.caseId);
  });
});

describe('embedded PGlite on disk', () => {
  it('creates its data folder on first start, keeps data, and re-applies migrations idempotently', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'klivira-pglite-'));
    const dataDir = path.join(dir, 'nested', 'pgdata');
    try {
      const first = await openDatabase({ dataDir });
      const service = new CaseService({
        library,
        repository: new PostgresCaseRepository(first.db),
        organizationId: 'org-a',
        today: () => '2026-03-02',
      });
      const stored = await service.create(lumbarMriCase([condition('M54.16')]), {}, 'u');
      await first.close();

      const second = await openDatabase({ dataDir });
      const migrations = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(second.db);
      expect(migrations.rows[0]?.n).toBe(Object.keys(allMigrations).length);
      const reread = await new PostgresCaseRepository(second.db).get('org-a', stored.caseId);
      expect(reread?.determination.determination).toBe('insufficient_documentation');
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
