// Integration: tenants, roles and the audit log over every route (in process, real database). The matrix proves
// each role's limits and that no organization can read or change another's case. Revocation takes effect on the
// next request, in this process and (on server PostgreSQL) in another one within a second.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newApiKey, type AccessStore } from '../../app/access.ts';
import { can, ROLES, type Permission, type Role } from '../../core/access/index.ts';
import { generateDemoCases } from '../../demo/index.ts';
import { TEST_DATABASES } from '../../testing/databases.ts';
import { allRouteGroups, testApi } from '../../testing/api.ts';
import { PostgresAccessStore } from '../db/access-store.ts';
import { openDatabase, type OpenDatabase } from '../db/database.ts';
import { LISTENER_APPLICATION_NAME, PostgresRevocationListener } from '../db/revocation-listener.ts';
import { INVALID_KEY_CACHE_LIMIT, ROUTE_PERMISSIONS } from './auth.ts';

const demo = generateDemoCases({ seed: 31 }).find((c) => c.scenario === 'lumbar_silent');

/** The API over a database, with access control by `access`: every route group, as `klivira serve` wires them. */
async function apiOn(database: OpenDatabase, access: AccessStore): Promise<FastifyInstance> {
  const { app } = await testApi(database, {
    organizationId: 'default',
    today: '2026-11-02',
    server: {
      access,
      // Access control is under test here, not rate limiting: the flood of invalid keys below must reach the cache.
      rateLimits: { perKeyPerMinute: 1_000_000, perAddressPerMinute: 1_000_000 },
      ...allRouteGroups(database, () => '2026-11-02'),
    },
  });
  return app;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe.each(TEST_DATABASES)('access control on $name', (target) => {
  let database: OpenDatabase;
  let app: FastifyInstance;
  let access: PostgresAccessStore;
  const keys = new Map<string, string>();
  let caseA = '';

  beforeAll(async () => {
    database = await target.open();
    access = new PostgresAccessStore(database.db);
    app = await apiOn(database, access);
    for (const org of ['org-a', 'org-b']) {
      for (const role of ROLES) {
        const { key, hash } = newApiKey();
        await access.createKey(org, role, `${org} ${role}`, hash);
        keys.set(`${org}:${role}`, key);
      }
    }
    const created = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: {
        authorization: `Bearer ${keys.get('org-a:coordinator') ?? ''}`,
        'content-type': 'application/fhir+json',
      },
      payload: JSON.stringify(demo?.bundle),
    });
    caseA = created.json<{ caseId: string }>().caseId;
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const call = (role: Role, org: 'org-a' | 'org-b', route: string) => {
    const [method = 'GET', path = '/'] = route.split(' ');
    const url = path.replace(':id', path.startsWith('/api/keys') ? '00000000-0000-4000-8000-000000000000' : caseA);
    const payloads: Record<string, unknown> = {
      'POST /api/cases': demo?.bundle,
      'POST /api/cases/:id/submissions': { channel: 'pas' },
      'PUT /api/cases/:id/assignee': { assignee: 'someone' },
      'POST /api/cases/:id/comments': { text: 'note' },
      'POST /api/cases/:id/documents': { title: 't', contentType: 'text/plain', data: 'aGVsbG8=' },
      'POST /api/cases/:id/questionnaire-response': { resourceType: 'QuestionnaireResponse', status: 'completed' },
      'POST /api/keys': { role: 'read_only', label: 'made in a test' },
      'POST /api/cases/:id/determination': { reason: 'new PT notes' },
      'POST /api/cases/:id/payer-requests/:requestId/answer': { items: [{ itemIndex: 0, documentIds: ['x'] }] },
    };
    const payload = payloads[route];
    return app.inject({
      method: method as 'GET',
      url: url === '/api/policies/:id' ? '/api/policies/uhc-lumbar-spine-mri' : url,
      headers: {
        authorization: `Bearer ${keys.get(`${org}:${role}`) ?? ''}`,
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    });
  };

  const routes: [string, Permission][] = Object.entries(ROUTE_PERMISSIONS);

  it.each(ROLES)('the %s role reaches exactly the routes its permissions allow', async (role) => {
    for (const [route, permission] of routes) {
      const response = await call(role, 'org-a', route);
      const allowed = can(role, permission);
      expect(response.statusCode === 403, `${role} ${route} → ${String(response.statusCode)}`).toBe(!allowed);
      expect(response.statusCode, `${role} ${route}`).not.toBe(401);
    }
  });

  it('treats HEAD as GET: the same permissions, audited as a view', async () => {
    for (const role of ROLES) {
      for (const [route, permission] of routes.filter(([r]) => r.startsWith('GET '))) {
        const request = {
          url: route.slice(4).replace('/api/policies/:id', '/api/policies/uhc-lumbar-spine-mri').replace(':id', caseA),
          headers: bearer(keys.get(`org-a:${role}`) ?? ''),
        };
        const response = await app.inject({ method: 'HEAD', ...request });
        // Allowed: what GET answers (a case without a denial has no appeal packet: 409 for both); else 403.
        const expected = can(role, permission) ? (await app.inject({ method: 'GET', ...request })).statusCode : 403;
        expect(response.statusCode, `${role} HEAD ${route}`).toBe(expected);
      }
    }
    const trail = await access.auditTrail('org-a', `case/${caseA}`);
    expect(trail.filter((e) => e.route === 'GET /api/cases/:id' && e.action === 'view').length).toBeGreaterThan(0);
    expect(trail.some((e) => e.route.startsWith('HEAD') || (e.route.startsWith('GET') && e.action !== 'view'))).toBe(
      false,
    );
  });

  it('accepts the Bearer scheme in any case (RFC 7235)', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const response = await app.inject({
        method: 'GET',
        url: '/api/cases',
        headers: { authorization: `${scheme} ${keys.get('org-a:read_only') ?? ''}` },
      });
      expect(response.statusCode, scheme).toBe(200);
    }
  });

  it('answers 404 for the audit trail of an unknown case, or of another organization’s', async () => {
    for (const [org, id] of [
      ['org-a', '00000000-0000-4000-8000-000000000000'],
      ['org-b', caseA],
    ] as const) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/cases/${id}/audit`,
        headers: bearer(keys.get(`${org}:admin`) ?? ''),
      });
      expect(response.statusCode, `${org} ${id}`).toBe(404);
      expect(response.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-found' }] });
    }
  });

  it('no organization reads or changes another organization’s case', async () => {
    for (const [route] of routes.filter(([r]) => r.includes('/api/cases/:id'))) {
      const response = await call('admin', 'org-b', route);
      expect([404, 403, 400], `org-b admin ${route} → ${String(response.statusCode)}`).toContain(response.statusCode);
    }
    const list = await call('admin', 'org-b', 'GET /api/cases');
    expect(list.json<{ cases: { caseId: string }[] }>().cases.map((c) => c.caseId)).not.toContain(caseA);
    const queue = await call('admin', 'org-b', 'GET /api/work-queue');
    expect(queue.json<{ items: { caseId: string }[] }>().items.map((c) => c.caseId)).not.toContain(caseA);
    // The case is untouched by org-b's attempts.
    const history = await call('admin', 'org-a', 'GET /api/cases/:id');
    expect(
      history.json<{ events: { actor: string; type: string }[] }>().events.filter((e) => e.type === 'comment.added'),
    ).toHaveLength([...ROLES].filter((r) => can(r, 'cases:document')).length);
  });

  it('refuses a missing, unknown or revoked key with 401', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/cases' })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/api/cases', headers: { authorization: 'Bearer kl_nope' } })).statusCode,
    ).toBe(401);
    const { key, hash } = newApiKey();
    const id = await access.createKey('org-a', 'admin', 'to revoke', hash);
    expect((await app.inject({ method: 'GET', url: '/api/cases', headers: { 'x-api-key': key } })).statusCode).toBe(
      200,
    );
    expect(await access.revokeKey('org-a', id)).toBe(true);
    expect(await access.principalForKeyHash(hash)).toBeUndefined();
    // The very next request: the cache dropped the key with the revocation.
    expect((await app.inject({ method: 'GET', url: '/api/cases', headers: { 'x-api-key': key } })).statusCode).toBe(
      401,
    );
  });

  it('refuses a key revoked through the API on its next request, writes included', async () => {
    const admin = bearer(keys.get('org-a:admin') ?? '');
    const created = await app.inject({
      method: 'POST',
      url: '/api/keys',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ role: 'coordinator', label: 'revoked through the API' }),
    });
    const { id, key } = created.json<{ id: string; key: string }>();
    const assign = () =>
      app.inject({
        method: 'PUT',
        url: `/api/cases/${caseA}/assignee`,
        headers: { ...bearer(key), 'content-type': 'application/json' },
        payload: JSON.stringify({ assignee: 'before and after revocation' }),
      });
    expect((await assign()).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/api/keys/${id}`, headers: admin })).statusCode).toBe(204);
    expect((await assign()).statusCode).toBe(401);
  });

  it('keeps the key cache bounded under a flood of distinct invalid keys', async () => {
    const flood = INVALID_KEY_CACHE_LIMIT * 3;
    for (let sent = 0; sent < flood; sent += 250) {
      const batch = Array.from({ length: 250 }, () =>
        app.inject({ method: 'GET', url: '/api/cases', headers: bearer(newApiKey().key) }),
      );
      expect((await Promise.all(batch)).every((r) => r.statusCode === 401)).toBe(true);
    }
    expect(app.apiKeyCache.invalid).toBe(INVALID_KEY_CACHE_LIMIT);
    expect(app.apiKeyCache.principals).toBeLessThanOrEqual(ROLES.length * 2 + 2);
  });

  it('keeps public routes public', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
  });

  it('records who viewed and changed the case in the audit log', async () => {
    const trail = await access.auditTrail('org-a', `case/${caseA}`);
    expect(trail.some((e) => e.action === 'view' && e.role === 'read_only')).toBe(true);
    expect(trail.some((e) => e.action === 'change' && e.route === 'POST /api/cases/:id/comments')).toBe(true);
    expect(await access.auditTrail('org-b', `case/${caseA}`)).toEqual(
      expect.arrayContaining([expect.objectContaining({ organizationId: 'org-b', status: 404 })]),
    );
  });
});

const serverUrl = process.env.KLIVIRA_TEST_DATABASE_URL;

describe.skipIf(!serverUrl)(
  serverUrl
    ? 'revocation across API processes on server PostgreSQL'
    : 'revocation across API processes (skipped: it needs server PostgreSQL; set KLIVIRA_TEST_DATABASE_URL)',
  () => {
    // Two API instances, each with its own pool and its own LISTEN connection, on one schema: the state two
    // processes would have.
    interface Instance {
      api: FastifyInstance;
      access: PostgresAccessStore;
      feed: PostgresRevocationListener;
      database: OpenDatabase;
    }
    const url = serverUrl ?? '';
    const schema = `klivira_test_${randomBytes(6).toString('hex')}`;
    let a: Instance;
    let b: Instance;

    async function admin(query: string): Promise<void> {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(query);
      } finally {
        await client.end();
      }
    }

    async function start(): Promise<Instance> {
      const database = await openDatabase({ url, schema, poolSize: 2 });
      const feed = new PostgresRevocationListener(url);
      await feed.start();
      const access = new PostgresAccessStore(database.db, feed);
      return { api: await apiOn(database, access), access, feed, database };
    }

    beforeAll(async () => {
      await admin(`create schema ${schema}`);
      a = await start();
      b = await start();
    });
    afterAll(async () => {
      for (const { api, feed, database } of [a, b]) {
        await api.close();
        await feed.close();
        await database.close();
      }
      await admin(`drop schema ${schema} cascade`);
    });

    const status = async (api: FastifyInstance, key: string) =>
      (await api.inject({ method: 'GET', url: '/api/cases', headers: bearer(key) })).statusCode;

    /** Milliseconds until B refuses `key` (polling every 20 ms, for 3 s at most). */
    async function untilRefusedOnB(key: string): Promise<number> {
      const started = Date.now();
      while ((await status(b.api, key)) !== 401 && Date.now() - started < 3_000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return Date.now() - started;
    }

    /** A key B has served, so that B holds it in its cache. */
    async function keyInUseOnB(): Promise<{ id: string; key: string }> {
      const { key, hash } = newApiKey();
      const id = await a.access.createKey('org-x', 'read_only', 'used on B', hash);
      expect(await status(b.api, key)).toBe(200);
      expect(await status(b.api, key)).toBe(200);
      return { id, key };
    }

    it('a key revoked on A is refused by B within a second', async () => {
      const { id, key } = await keyInUseOnB();
      expect(await a.access.revokeKey('org-x', id)).toBe(true);
      expect(await untilRefusedOnB(key)).toBeLessThan(1_000);
    });

    it('while B cannot listen it caches nothing, and it listens again after reconnecting', async () => {
      const { id, key } = await keyInUseOnB();
      await admin(
        `select pg_terminate_backend(pid) from pg_stat_activity where application_name = '${LISTENER_APPLICATION_NAME}'`,
      );
      await vi.waitUntil(() => !b.feed.listening, { timeout: 3_000, interval: 10 });
      expect(await a.access.revokeKey('org-x', id)).toBe(true);
      expect(await status(b.api, key)).toBe(401);
      await vi.waitUntil(() => a.feed.listening && b.feed.listening, { timeout: 10_000, interval: 50 });
      const again = await keyInUseOnB();
      expect(await a.access.revokeKey('org-x', again.id)).toBe(true);
      expect(await untilRefusedOnB(again.key)).toBeLessThan(1_000);
    });
  },
);
