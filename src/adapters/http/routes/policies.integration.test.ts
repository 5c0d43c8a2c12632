// Integration: /api/policies in process (Fastify inject) over in-memory PGlite.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi } from '../../../testing/api.ts';
import { openDatabase, type OpenDatabase } from '../../db/database.ts';

let database: OpenDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  ({ app } = await testApi(database));
});

afterAll(async () => {
  await app.close();
  await database.close();
});

describe('GET /api/policies', () => {
  it('lists the library', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/policies' });
    expect(response.statusCode).toBe(200);
    const { policies } = response.json<{ policies: { id: string; codes: string[]; priorAuth: string }[] }>();
    expect(policies.find((p) => p.id === 'uhc-lumbar-spine-mri')).toMatchObject({
      codes: ['72148', '72149', '72158'],
      priorAuth: 'required',
    });
  });

  it('filters by payer alias and code', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/policies?payer=Optum&code=72148' });
    const { policies } = response.json<{ policies: { id: string; payers: string[] }[] }>();
    expect(policies.map((p) => p.id)).toContain('uhc-lumbar-spine-mri');
    expect(policies.every((p) => p.payers.includes('uhc'))).toBe(true);
  });

  it('answers 404 with an OperationOutcome for an unknown payer', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/policies?payer=Acme' });
    expect(response.statusCode).toBe(404);
    expect(response.json<{ resourceType: string; issue: { diagnostics: string }[] }>()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ diagnostics: "no payer 'Acme' in the payer directory" }],
    });
  });
});

describe('GET /api/policies/:id', () => {
  it('returns the policy in full', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/policies/cigna-lumbar-spine-mri' });
    expect(response.statusCode).toBe(200);
    const policy = response.json<{ id: string; criteria: { all: unknown[] }; exceptions: unknown[] }>();
    expect(policy.id).toBe('cigna-lumbar-spine-mri');
    expect(policy.criteria.all.length).toBeGreaterThan(0);
    expect(policy.exceptions.length).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown id or a date before the policy', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/policies/nope' })).statusCode).toBe(404);
    const early = await app.inject({ method: 'GET', url: '/api/policies/uhc-lumbar-spine-mri?asOf=2020-01-01' });
    expect(early.statusCode).toBe(404);
  });
});
