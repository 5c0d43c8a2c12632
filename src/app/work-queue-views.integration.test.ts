// Integration: the work queue's patient columns, search, saved views and due sort with keyset paging, on a real
// database (PGlite; server PostgreSQL when set); and the duplicate check of case creation.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeCase, lockCase } from '../adapters/db/case-events.ts';
import type { OpenDatabase } from '../adapters/db/database.ts';
import { PostgresWorkQueueStore } from '../adapters/db/work-queue-store.ts';
import { generateDemoCases } from '../demo/index.ts';
import { testApi } from '../testing/api.ts';
import { TEST_DATABASES } from '../testing/databases.ts';
import type { CaseService } from './cases.ts';
import type { QueueItem } from './work-queue.ts';

interface Page {
  items: QueueItem[];
  nextCursor: string | null;
}

const demos = generateDemoCases({ seed: 21, count: 8 });
const HOUR = 3_600_000;

describe.each(TEST_DATABASES)('work queue views on $name', (target) => {
  let database: OpenDatabase;
  let app: FastifyInstance;
  let cases: CaseService;
  const ids: string[] = [];
  /** The decision due instant set on a case. */
  const dues = new Map<string, Date>();

  /** Moves a case through the one change path, as a submission and the payer's answer would. */
  async function walk(caseId: string, steps: { to?: 'submitting' | 'pended'; payload?: Record<string, unknown> }[]) {
    await database.db.transaction().execute(async (tx) => {
      const locked = await lockCase(tx, caseId);
      for (const step of steps)
        await changeCase(tx, locked, {
          type: step.payload ? 'payer.responded' : 'test.moved',
          actor: 'test',
          payload: step.payload ?? {},
          ...(step.to ? { to: step.to } : {}),
        });
    });
  }

  const due = (caseId: string, at: Date) =>
    sql`update cases set decision_due_at = ${at} where id = ${caseId}`.execute(database.db);

  beforeAll(async () => {
    database = await target.open();
    ({ app, cases } = await testApi(database, {
      organizationId: 'org-v',
      today: '2026-11-02',
      server: { workQueue: { store: new PostgresWorkQueueStore(database.db) } },
    }));
    for (const demo of demos) ids.push((await cases.create(demo.bundle, {}, 'test')).caseId);
    const [a = '', b = '', c = ''] = ids;
    const ready = ['ready', 'draft', 'needs_information'];
    for (const id of [a, b, c]) {
      const status = (await cases.get(id))?.status ?? '';
      if (!ready.includes(status)) throw new Error(`demo case ${id} is ${status}`);
      await sql`update cases set status = 'ready' where id = ${id}`.execute(database.db);
    }
    // a: pended, due in two hours, then an approving answer with its authorization number; b: pended, overdue; c:
    // submitting, due in 30 days.
    await walk(a, [{ to: 'submitting' }, { to: 'pended' }]);
    await walk(b, [{ to: 'submitting' }, { to: 'pended' }]);
    await walk(c, [{ to: 'submitting' }]);
    dues.set(a, new Date(Date.now() + 2 * HOUR));
    dues.set(b, new Date(Date.now() - HOUR));
    dues.set(c, new Date(Date.now() + 30 * 24 * HOUR));
    for (const [id, at] of dues) await due(id, at);
    await walk(a, [
      {
        payload: {
          outcome: 'certified',
          items: [{ sequence: 1, action: 'approved', authorizationNumber: 'AUTH-77-XQ' }],
        },
      },
    ]);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const list = async (query: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/work-queue${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Page>();
  };

  it('shows the patient (name, birth date, MRN), the denial risk and the authorization number', async () => {
    const { items } = await list('?limit=200');
    expect(items).toHaveLength(demos.length);
    const first = items.find((i) => i.caseId === ids[0]);
    expect(first?.patient).toEqual({ name: 'Quentin Thistlewood', birthDate: '1986-08-07', mrn: 'KV5774510' });
    expect(first?.authorizationNumber).toBe('AUTH-77-XQ');
    expect(items.every((i) => i.denialRisk === null || ['low', 'medium', 'high'].includes(i.denialRisk))).toBe(true);
    expect(items.some((i) => i.denialRisk !== null)).toBe(true);
  });

  it('searches by part of the name (any case), by MRN and by authorization number', async () => {
    expect((await list('?q=thistle')).items.map((i) => i.caseId)).toEqual([ids[0]]);
    expect((await list('?q=KV8791124')).items.map((i) => i.caseId)).toEqual([ids[1]]);
    expect((await list('?q=auth-77')).items.map((i) => i.caseId)).toEqual([ids[0]]);
    expect((await list('?q=%25')).items).toEqual([]); // a literal %, not a wildcard
    expect((await list('?q=nobody-by-this-name')).items).toEqual([]);
  });

  it('has saved views: pended, overdue, due today; "mine" needs a signed-in person', async () => {
    expect((await list('?view=pended')).items.map((i) => i.caseId).sort()).toEqual([ids[0], ids[1]].sort());
    expect((await list('?view=overdue')).items.map((i) => i.caseId)).toEqual([ids[1]]);
    const today = (await list('?view=due_today')).items.map((i) => i.caseId);
    const start = new Date();
    start.setUTCHours(0, 0, 0, 0);
    const isToday = (at: Date) => at >= start && at.getTime() < start.getTime() + 24 * HOUR;
    expect(today.sort()).toEqual(
      [...dues]
        .filter(([, at]) => isToday(at))
        .map(([id]) => id)
        .sort(),
    );
    const mine = await app.inject({ method: 'GET', url: '/api/work-queue?view=mine' });
    expect(mine.statusCode).toBe(400);
  });

  it('sorts by due date, soonest first and undated last, paging with a cursor without repeats', async () => {
    const seen: QueueItem[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`?sort=due&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((i) => i.caseId).slice(0, 3)).toEqual([ids[1], ids[0], ids[2]]);
    expect(new Set(seen.map((i) => i.caseId)).size).toBe(demos.length);
    expect(seen.slice(3).every((i) => i.decisionDueAt === null)).toBe(true);
    const reversed = await list('?sort=due&order=desc&limit=200');
    expect(reversed.items.at(-1)?.caseId).toBe(ids[1]);
  });

  it('pages the search along the queue index (EXPLAIN)', async () => {
    const plan = await sql<{ 'QUERY PLAN': string }>`explain select id from cases
      where organization_id = 'org-v' and search_text like '%kv%' order by due_sort, id limit 50`.execute(database.db);
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    // A tiny table may be scanned whole; what matters is that an index for the sort exists and is usable.
    await sql`set enable_seqscan = off`.execute(database.db);
    const forced = await sql<{ 'QUERY PLAN': string }>`explain select id from cases
      where organization_id = 'org-v' and search_text like '%kv%' order by due_sort, id limit 50`.execute(database.db);
    await sql`set enable_seqscan = on`.execute(database.db);
    expect(text).toMatch(/Limit/);
    expect(forced.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index Scan using cases_queue_due/);
  });

  it('answers a duplicate order with 409 naming the earlier case, and creates it when confirmed', async () => {
    const demo = demos[3];
    const post = (query = '') =>
      app.inject({
        method: 'POST',
        url: `/api/cases${query}`,
        headers: { 'content-type': 'application/fhir+json' },
        payload: JSON.stringify(demo?.bundle),
      });
    const refused = await post();
    expect(refused.statusCode).toBe(409);
    const body = refused.json<{
      resourceType: string;
      issue: { code: string; diagnostics: string }[];
      duplicateOf: { caseId: string; createdAt: string; status: string };
    }>();
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue[0]?.code).toBe('duplicate');
    expect(body.issue[0]?.diagnostics).toContain(ids[3]);
    expect(body.duplicateOf).toMatchObject({ caseId: ids[3], status: expect.any(String) as string });
    expect((await list('?limit=200')).items).toHaveLength(demos.length); // nothing was stored

    const confirmed = await post('?confirmDuplicate=true');
    expect(confirmed.statusCode).toBe(201);
    const created = await cases.get(confirmed.json<{ caseId: string }>().caseId);
    expect(created?.events[0]).toMatchObject({ type: 'case.created', payload: { duplicateOf: ids[3] } });

    // A cancelled earlier case does not count.
    const other = demos[4];
    await cases.cancel(ids[4] ?? '', 'entered in error', 'test');
    const again = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { 'content-type': 'application/fhir+json' },
      payload: JSON.stringify(other?.bundle),
    });
    expect(again.statusCode).toBe(201);
  });
});
