// Integration: tenants, roles and the audit log over every route (in process, real database). The matrix proves
// each role's limits and that no organization can read or change another's case.
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../app/access.ts';
import { CaseService } from '../../app/cases.ts';
import { SubmissionService } from '../../app/submissions.ts';
import { can, ROLES, type Permission, type Role } from '../../core/access/roles.ts';
import { generateDemoCases } from '../../demo/index.ts';
import { TEST_DATABASES } from '../../testing/databases.ts';
import { PasChannel } from '../channels/pas-channel.ts';
import { PostgresAccessStore } from '../db/access-store.ts';
import { PostgresCaseRepository } from '../db/case-repository.ts';
import type { OpenDatabase } from '../db/database.ts';
import { PostgresSubmissionStore } from '../db/submission-store.ts';
import { PostgresWorkQueueStore } from '../db/work-queue-store.ts';
import { loadPolicyLibrary } from '../policies/load.ts';
import { ROUTE_PERMISSIONS } from './auth.ts';
import { buildServer } from './server.ts';

const demo = generateDemoCases({ seed: 31 }).find((c) => c.scenario === 'lumbar_silent');

describe.each(TEST_DATABASES)('access control on $name', (target) => {
  let database: OpenDatabase;
  let app: FastifyInstance;
  let access: PostgresAccessStore;
  const keys = new Map<string, string>();
  let caseA = '';

  beforeAll(async () => {
    database = await target.open();
    const repository = new PostgresCaseRepository(database.db);
    const store = new PostgresSubmissionStore(database.db);
    const service = new CaseService({
      library: loadPolicyLibrary(),
      repository,
      organizationId: 'default',
      today: () => '2026-11-02',
    });
    access = new PostgresAccessStore(database.db);
    app = await buildServer({
      service,
      access,
      ping: async () => {
        await sql`select 1`.execute(database.db);
      },
      storage: target.name,
      logLevel: 'silent',
      submissions: {
        // Queued only (no worker runs here), so the channel is never called.
        submissions: new SubmissionService({
          store,
          cases: repository,
          channels: {
            pas: new PasChannel({
              baseUrl: 'http://127.0.0.1:9/fhir',
              timeoutMs: 100,
              submissionSystem: 'urn:x',
              fullUrlBase: 'urn:x',
            }),
          },
        }),
        store,
      },
      workQueue: { store: new PostgresWorkQueueStore(database.db) },
    });
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

  it('no organization reads or changes another organization’s case', async () => {
    // The audit trail answers 200 with the caller's own organization's entries only (checked below).
    for (const [route] of routes.filter(([r]) => r.includes('/api/cases/:id') && !r.endsWith('/audit'))) {
      const response = await call('admin', 'org-b', route);
      expect([404, 403, 400], `org-b admin ${route} → ${String(response.statusCode)}`).toContain(response.statusCode);
    }
    const audit = await call('admin', 'org-b', 'GET /api/cases/:id/audit');
    expect(
      audit.json<{ entries: { organizationId: string }[] }>().entries.every((e) => e.organizationId === 'org-b'),
    ).toBe(true);
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
