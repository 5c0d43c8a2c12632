// Integration: the work queue over HTTP (in process) on a real database (PGlite; server PostgreSQL when set).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../adapters/db/database.ts';
import { PostgresWorkQueueStore } from '../adapters/db/work-queue-store.ts';
import { generateDemoCases } from '../demo/index.ts';
import { testApi } from '../testing/api.ts';
import { TEST_DATABASES } from '../testing/databases.ts';
import type { CaseService } from './cases.ts';

interface Page {
  items: { caseId: string; status: string; assignee: string | null; payer: { id: string }; order: { code: string } }[];
  nextCursor: string | null;
}

describe.each(TEST_DATABASES)('work queue on $name', (target) => {
  let database: OpenDatabase;
  let app: FastifyInstance;
  let cases: CaseService;
  const ids: string[] = [];

  beforeAll(async () => {
    database = await target.open();
    ({ app, cases } = await testApi(database, {
      organizationId: 'org-q',
      today: '2026-11-02',
      server: { workQueue: { store: new PostgresWorkQueueStore(database.db), maxDocumentBytes: 1024 } },
    }));
    for (const demo of generateDemoCases({ seed: 21, count: 10 }))
      ids.push((await cases.create(demo.bundle, {}, 'test')).caseId);
    // Another organization's case must never show up.
    await cases.forOrganization('org-other').create(generateDemoCases({ seed: 21, count: 1 })[0]?.bundle, {}, 'test');
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const list = async (query: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/work-queue${query}` });
    expect(response.statusCode).toBe(200);
    return response.json<Page>();
  };

  it('lists the organization’s cases, filters by status, payer and service', async () => {
    expect((await list('?limit=200')).items).toHaveLength(10);
    const needInfo = await list('?status=needs_information');
    expect(needInfo.items.length).toBeGreaterThan(0);
    expect(needInfo.items.every((i) => i.status === 'needs_information')).toBe(true);
    const uhc = await list('?payer=uhc');
    expect(uhc.items.every((i) => i.payer.id === 'uhc')).toBe(true);
    const pet = await list('?code=78815');
    expect(pet.items.every((i) => i.order.code === '78815')).toBe(true);
    expect((await list('?status=ready,draft,needs_information&limit=200')).items).toHaveLength(10);
  });

  it('pages with a cursor without repeating or losing a case', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`?limit=3&sort=created&order=asc${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.caseId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(10);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it('assigns, comments and attaches documents, each recorded in the case history', async () => {
    const id = ids[0] ?? '';
    const assign = await app.inject({
      method: 'PUT',
      url: `/api/cases/${id}/assignee`,
      payload: { assignee: 'coordinator-ann' },
    });
    expect(assign.statusCode).toBe(200);
    expect((await list('?assignee=coordinator-ann')).items.map((i) => i.caseId)).toEqual([id]);
    expect((await list('?assignee=none&limit=200')).items).toHaveLength(9);
    const comment = await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/comments`,
      payload: { text: 'Called the office for PT notes' },
    });
    expect(comment.statusCode).toBe(201);
    const attach = await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/documents`,
      payload: {
        title: 'PT discharge summary',
        contentType: 'text/plain',
        data: Buffer.from('PT 8 weeks, no improvement').toString('base64'),
      },
    });
    expect(attach.statusCode).toBe(201);
    const history = (await cases.get(id))?.events.map((e) => e.type);
    expect(history?.slice(-3)).toEqual(['case.assigned', 'comment.added', 'document.attached']);
  });

  it('refuses bad input clearly and changes nothing', async () => {
    const id = ids[1] ?? '';
    const before = (await cases.get(id))?.events.length;
    const cases400 = [
      app.inject({ method: 'GET', url: '/api/work-queue?status=maybe' }),
      app.inject({ method: 'GET', url: '/api/work-queue?cursor=garbage' }),
      app.inject({ method: 'POST', url: `/api/cases/${id}/comments`, payload: { text: '' } }),
      app.inject({
        method: 'POST',
        url: `/api/cases/${id}/documents`,
        payload: { title: 'x', contentType: 'application/zip', data: 'AAAA' },
      }),
    ];
    for (const response of await Promise.all(cases400)) expect(response.statusCode).toBe(400);
    const tooBig = await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/documents`,
      payload: { title: 'big', contentType: 'text/plain', data: Buffer.alloc(2048, 65).toString('base64') },
    });
    expect(tooBig.statusCode).toBe(413);
    const missing = await app.inject({
      method: 'PUT',
      url: '/api/cases/00000000-0000-4000-8000-000000000000/assignee',
      payload: { assignee: 'x' },
    });
    expect(missing.statusCode).toBe(404);
    expect((await cases.get(id))?.events.length).toBe(before);
  });
});
