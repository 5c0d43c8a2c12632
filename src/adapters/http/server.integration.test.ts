// Integration: the HTTP API in process (Fastify inject) over a real database (PGlite in memory).
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { condition, lumbarMriCase, neuroFinding, note, procedure } from '../../testing/fixtures.ts';
import { openDatabase, type OpenDatabase } from '../db/database.ts';
import { testApi } from '../../testing/api.ts';

const logLines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(chunk.toString('utf8'));
    done();
  },
});

let database: OpenDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  ({ app } = await testApi(database, { server: { bodyLimit: 2 * 1024 * 1024, logStream, logLevel: 'debug' } }));
});

afterAll(async () => {
  await app.close();
  await database.close();
});

const post = (payload: unknown, query = '', contentType = 'application/fhir+json') =>
  app.inject({
    method: 'POST',
    url: `/api/cases${query}`,
    headers: { 'content-type': contentType },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

describe('POST /api/cases', () => {
  it('creates a case and returns the determination with its caseId and a Location', async () => {
    const response = await post(
      lumbarMriCase([
        condition('M54.16'),
        procedure('97110', '2026-01-05', '2026-02-20'),
        neuroFinding('26544005', 'left L5'),
      ]),
    );
    expect(response.statusCode).toBe(201);
    const body = response.json<{ caseId: string; determination: string; criteria: { id: string }[] }>();
    expect(body.determination).toBe('insufficient_documentation');
    expect(response.headers.location).toBe(`/api/cases/${body.caseId}`);

    const stored = await app.inject({ method: 'GET', url: `/api/cases/${body.caseId}` });
    expect(stored.statusCode).toBe(200);
    const storedBody = stored.json<{ status: string; determination: unknown; events: { type: string }[] }>();
    expect(storedBody.status).toBe('needs_information');
    expect(storedBody.determination).toEqual(body);
    expect(storedBody.events.map((e) => e.type)).toEqual(['case.created', 'determination.made']);

    const list = await app.inject({ method: 'GET', url: '/api/cases?limit=5' });
    expect(list.json<{ cases: { caseId: string }[] }>().cases.map((c) => c.caseId)).toContain(body.caseId);
  });

  it('determines a stored case again on request, recording why, and answers 404 for an unknown case', async () => {
    const created = await post(lumbarMriCase([condition('M54.16')]), '?asOf=2026-01-15');
    const { caseId } = created.json<{ caseId: string }>();
    const again = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/determination`,
      payload: { reason: 'PT discharge summary added to the chart' },
    });
    expect(again.statusCode).toBe(200);
    const body = again.json<{
      determination: { asOf: string };
      events: { type: string; payload: { reason?: string } }[];
    }>();
    expect(body.determination.asOf).toBe('2026-03-02');
    expect(body.events.at(-1)).toMatchObject({
      type: 'determination.made',
      payload: { reason: 'PT discharge summary added to the chart' },
    });
    const missing = await app.inject({
      method: 'POST',
      url: '/api/cases/00000000-0000-4000-8000-000000000000/determination',
      payload: { reason: 'x' },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('accepts plain application/json and the asOf and order query parameters', async () => {
    const response = await post(
      lumbarMriCase([condition('M54.16')]),
      '?asOf=2026-01-15&order=ServiceRequest/order-1',
      'application/json',
    );
    expect(response.statusCode).toBe(201);
    expect(response.json<{ asOf: string }>().asOf).toBe('2026-01-15');
  });

  it('rejects a broken bundle with an OperationOutcome naming the entry and field, and stores nothing', async () => {
    const before = await app.inject({ method: 'GET', url: '/api/cases?limit=200' });
    const broken = lumbarMriCase([]);
    (broken.entry?.[0]?.resource as { birthDate?: string }).birthDate = '12/04/1970';
    const response = await post(broken);
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/application\/fhir\+json/);
    expect(response.json()).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'structure',
          details: { text: 'Patient: Invalid date format' },
          diagnostics: 'Patient: Invalid date format',
          expression: ['Bundle.entry[0].resource.birthDate'],
        },
      ],
    });
    const after = await app.inject({ method: 'GET', url: '/api/cases?limit=200' });
    expect(after.json<{ cases: unknown[] }>().cases.length).toBe(before.json<{ cases: unknown[] }>().cases.length);
  });

  it.each([
    ['invalid JSON', '{"resourceType": "Bundle",', '', 'application/fhir+json', 400, /not valid JSON/],
    ['an unsupported media type', '<Bundle/>', '', 'application/xml', 415, /application\/fhir\+json/],
    ['a malformed asOf', JSON.stringify(lumbarMriCase([])), '?asOf=yesterday', 'application/fhir+json', 400, /asOf/],
    [
      'an impossible asOf',
      JSON.stringify(lumbarMriCase([])),
      '?asOf=2026-02-30',
      'application/fhir+json',
      422,
      /not a calendar date/,
    ],
  ])('answers %s with an OperationOutcome', async (_label, payload, query, contentType, status, message) => {
    const response = await post(payload, query, contentType);
    expect(response.statusCode).toBe(status);
    const body = response.json<{ resourceType: string; issue: { diagnostics: string }[] }>();
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue[0]?.diagnostics).toMatch(message);
  });

  it('refuses a body over the size limit with 413', async () => {
    const big = lumbarMriCase([note('big', 'x'.repeat(3 * 1024 * 1024))]);
    const response = await post(big);
    expect(response.statusCode).toBe(413);
    expect(response.json<{ issue: { code: string }[] }>().issue[0]?.code).toBe('too-costly');
  });

  it('answers an unknown case id and an unknown route with 404 OperationOutcomes', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/cases/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ resourceType: string }>().resourceType).toBe('OperationOutcome');
    const route = await app.inject({ method: 'GET', url: '/api/nothing' });
    expect(route.statusCode).toBe(404);
    const badId = await app.inject({ method: 'GET', url: '/api/cases/not-a-uuid' });
    expect(badId.statusCode).toBe(400);
  });
});

describe('service endpoints', () => {
  it('GET /healthz reports the database', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.json()).toEqual({ status: 'ok', storage: 'pglite' });
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const spec = await app.inject({ method: 'GET', url: '/docs/json' });
    const document = spec.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/cases', '/api/cases/{id}', '/healthz']));
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/swagger/i);
  });
});

describe('log redaction', () => {
  it('keeps names, birth dates, member ids and note text out of the logs, on success and on failure', async () => {
    const secrets = {
      family: 'Zebulonowicz',
      given: 'Philomena',
      birthDate: '1963-07-19',
      member: 'MBR-SECRET-778899',
      noteText: 'Patient reports the purple-elephant sign on exam',
      mrn: 'MRN-SECRET-4455',
    };
    const patient = {
      resourceType: 'Patient' as const,
      id: 'pat-1',
      name: [{ family: secrets.family, given: [secrets.given] }],
      birthDate: secrets.birthDate,
      identifier: [{ system: 'urn:test:mrn', value: secrets.mrn }],
    };
    const good = lumbarMriCase([condition('M54.16'), note('n1', secrets.noteText)]);
    const entries = good.entry ?? [];
    (entries[0] as { resource: unknown }).resource = patient;
    (entries[2]?.resource as { subscriberId?: string }).subscriberId = secrets.member;
    logLines.length = 0;
    expect((await post(good)).statusCode).toBe(201);

    const bad = structuredClone(good);
    ((bad.entry ?? [])[0]?.resource as { birthDate?: string }).birthDate = `${secrets.given} ${secrets.birthDate}`;
    expect((await post(bad)).statusCode).toBe(422);
    expect((await post(JSON.stringify(good).slice(0, -40))).statusCode).toBe(400);

    const logs = logLines.join('');
    expect(logs).toMatch(/case created/);
    expect(logs).toMatch(/input rejected/);
    for (const secret of Object.values(secrets)) expect(logs).not.toContain(secret);
  });
});
