// Integration: the HTTP API in process (Fastify inject) over a real database (PGlite in memory).
import { connect, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newApiKey } from '../../app/access.ts';
import { condition, lumbarMriCase, neuroFinding, note, procedure } from '../../testing/fixtures.ts';
import { PostgresAccessStore } from '../db/access-store.ts';
import { openDatabase, type OpenDatabase } from '../db/database.ts';
import { PostgresWorkQueueStore } from '../db/work-queue-store.ts';
import { testApi } from '../../testing/api.ts';
import { encodeCursor } from './cursor.ts';
import { MAX_JSON_DEPTH } from './input-guard.ts';

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
  ({ app } = await testApi(database, {
    server: {
      bodyLimit: 2 * 1024 * 1024,
      logStream,
      logLevel: 'debug',
      workQueue: { store: new PostgresWorkQueueStore(database.db) },
    },
  }));
});

afterAll(async () => {
  await app.close();
  await database.close();
});

// The tests post orders for the same test patient many times on purpose: each confirms it is not a duplicate.
const post = (payload: unknown, query = '', contentType = 'application/fhir+json') =>
  app.inject({
    method: 'POST',
    url: `/api/cases${query}${query ? '&' : '?'}confirmDuplicate=true`,
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

/** The response is a FHIR OperationOutcome with this status; its issues. */
function outcomeOf(response: LightMyRequestResponse, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/application\/fhir\+json/);
  const body = response.json<{
    resourceType: string;
    issue: { code: string; diagnostics: string; expression?: string[] }[];
  }>();
  expect(body.resourceType).toBe('OperationOutcome');
  return body.issue;
}

describe('the edge refuses hostile input with a 4xx OperationOutcome, before any handler runs', () => {
  const caseId = '00000000-0000-4000-8000-000000000000';

  it('refuses JSON nested deeper than the limit, naming it', async () => {
    const deep = `{"resourceType":"Bundle","type":"collection","entry":${'['.repeat(3000)}${']'.repeat(3000)}}`;
    const [issue] = outcomeOf(await post(deep), 400);
    expect(issue?.diagnostics).toMatch(`limit of ${String(MAX_JSON_DEPTH)} levels`);
  });

  it.each([
    ['NUL', '\u0000'],
    ['a lone surrogate', '\ud800'],
  ])('refuses %s in any string of a body with its location and not its value', async (_label, bad) => {
    logLines.length = 0;
    const bundle = lumbarMriCase([condition('M54.16', { note: [{ text: `Zyxwoq Marker ${bad}` }] })]);
    const [issue] = outcomeOf(await post(bundle), 400);
    expect(issue?.expression).toEqual(['entry[4].resource.note[0].text']);
    const comment = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/comments`,
      payload: { text: `MRN-PHI-778899${bad}` },
    });
    expect(outcomeOf(comment, 400)[0]?.expression).toEqual(['text']);
    const key = await app.inject({
      method: 'PUT',
      url: `/api/cases/${caseId}/assignee`,
      headers: { 'content-type': 'application/json' },
      payload: `{"assignee":"ann","x${bad === '\u0000' ? '\\u0000' : '\\ud800'}":1}`,
    });
    expect(outcomeOf(key, 400)[0]?.diagnostics).toMatch(/a property name in the body/);
    const logs = logLines.join('');
    for (const secret of ['Zyxwoq', 'MRN-PHI-778899', '\\u0000', '\u0000']) expect(logs).not.toContain(secret);
  });

  it('refuses NUL in a query string or a path parameter', async () => {
    expect(
      outcomeOf(await app.inject({ method: 'GET', url: '/api/work-queue?payer=uhc%00' }), 400)[0]?.expression,
    ).toEqual(['query.payer']);
    expect(outcomeOf(await app.inject({ method: 'GET', url: '/api/policies/abc%00' }), 400)[0]?.expression).toEqual([
      'params.id',
    ]);
  });

  it('answers a bundle with a null entry or of a type that is not a record with 422 from intake', async () => {
    const nullEntry = { ...lumbarMriCase([]), entry: [null] };
    expect(outcomeOf(await post(nullEntry), 422)[0]?.expression).toEqual(['Bundle.entry[0]']);
    const searchset = { ...lumbarMriCase([condition('M54.16')]), type: 'searchset' };
    expect(outcomeOf(await post(searchset), 422)[0]?.expression).toEqual(['Bundle.type']);
  });

  it.each([
    ['a non-UUID id', ['2026-03-02T10:00:00.000Z', 'x']],
    ['year 0000', ['0000-01-01T00:00:00.000Z', caseId]],
    ['an invalid date', ['2026-13-45T10:00:00.000Z', caseId]],
    ['a date not in the form issued', ['2026-03-02', caseId]],
    ['a date beyond 9999', ['+010000-01-01T00:00:00.000Z', caseId]],
    ['one part', [caseId]],
  ])('refuses a cursor with %s on both list routes', async (_label, parts) => {
    const cursor = Buffer.from(JSON.stringify(parts)).toString('base64url');
    for (const url of [`/api/cases?before=${cursor}`, `/api/work-queue?cursor=${cursor}`]) {
      const [issue] = outcomeOf(await app.inject({ method: 'GET', url }), 400);
      expect(issue?.diagnostics).toBe('the cursor is not one this API issued');
    }
  });

  it('accepts a cursor it issued', async () => {
    const cursor = encodeCursor({ at: '2026-03-02T10:00:00.000Z', id: caseId });
    expect((await app.inject({ method: 'GET', url: `/api/cases?before=${cursor}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/work-queue?cursor=${cursor}` })).statusCode).toBe(200);
  });

  it.each(['updatedBefore', 'updatedAfter', 'dueBefore'])(
    'refuses a %s the database cannot store, and takes a real instant',
    async (parameter) => {
      for (const bad of ['0000-01-01T00:00:00Z', '2026-12-31T23:59:60Z', '2026-02-30T00:00:00Z', 'yesterday']) {
        const response = await app.inject({
          method: 'GET',
          url: `/api/work-queue?${parameter}=${encodeURIComponent(bad)}`,
        });
        outcomeOf(response, 400);
      }
      const good = await app.inject({ method: 'GET', url: `/api/work-queue?${parameter}=2026-03-02T10:00:00%2B05:30` });
      expect(good.statusCode).toBe(200);
    },
  );

  it('does not coerce body values (a number is not a string) but still coerces the query string', async () => {
    const comment = await app.inject({ method: 'POST', url: `/api/cases/${caseId}/comments`, payload: { text: 5 } });
    expect(outcomeOf(comment, 400)[0]?.diagnostics).toMatch(/text must be string/);
    const reason = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/determination`,
      payload: { reason: ['a'] },
    });
    outcomeOf(reason, 400);
    expect((await app.inject({ method: 'GET', url: '/api/cases?limit=20' })).statusCode).toBe(200);
    outcomeOf(await app.inject({ method: 'GET', url: '/api/cases?limit=abc' }), 400);
  });

  it('answers a media type a route does not accept with 415', async () => {
    const [issue] = outcomeOf(await post('{"resourceType":"Bundle"}', '', 'text/plain'), 415);
    expect(issue?.code).toBe('not-supported');
    const comment = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/comments`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'text=hello',
    });
    outcomeOf(comment, 415);
  });

  it('answers a path segment over the parameter limit with 414', async () => {
    const [issue] = outcomeOf(await app.inject({ method: 'GET', url: `/api/cases/${'a'.repeat(500)}` }), 414);
    expect(issue?.diagnostics).toBe('a path segment is longer than 100 characters');
  });

  it('keeps the raw path of an unknown route out of the logs (it is answered to the caller)', async () => {
    logLines.length = 0;
    const response = await app.inject({ method: 'GET', url: '/api/patients/Zyxwoq-Marker/MRN-PHI-778899?x=1' });
    expect(outcomeOf(response, 404)[0]?.diagnostics).toMatch(/Zyxwoq-Marker/);
    const logs = logLines.join('');
    expect(logs).toMatch(/"route":"\(no route\)"/);
    expect(logs).not.toMatch(/Zyxwoq|MRN-PHI/);
  });
});

describe('errors Node answers before Fastify sees a request', () => {
  let address: AddressInfo;
  beforeAll(async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    address = app.server.address() as AddressInfo;
  });

  /** Sends raw bytes and reads the whole answer (the server closes the connection). */
  const raw = (request: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(address.port, address.address, () => {
        socket.end(request);
      });
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
      socket.on('close', () => {
        resolve(answer);
      });
      socket.on('error', reject);
    });

  const outcomeIn = (answer: string, status: number) => {
    expect(answer).toMatch(new RegExp(`^HTTP/1.1 ${String(status)} `));
    expect(answer).toMatch(/content-type: application\/fhir\+json/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { resourceType: string };
    expect(body.resourceType).toBe('OperationOutcome');
  };

  it('answers headers over the size limit with 431', async () => {
    outcomeIn(await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`), 431);
  });

  it('answers a URL over the size limit with 431', async () => {
    outcomeIn(await raw(`GET /api/cases?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`), 431);
  });

  it('answers malformed HTTP with 400', async () => {
    outcomeIn(await raw('NOT HTTP AT ALL\r\n\r\n'), 400);
  });
});

describe('edge protections', () => {
  const limits = { perKeyPerMinute: 4, perAddressPerMinute: 3 };
  let edge: FastifyInstance;
  let access: PostgresAccessStore;
  let key = '';

  beforeAll(async () => {
    access = new PostgresAccessStore(database.db);
    ({ app: edge } = await testApi(database, {
      server: { access, rateLimits: limits, corsOrigins: ['https://app.example.org'] },
    }));
    const issued = newApiKey();
    await access.createKey('org-test', 'admin', 'edge test', issued.hash);
    key = issued.key;
  });
  afterAll(async () => {
    await edge.close();
  });

  it('sets security headers everywhere and forbids caching /api responses', async () => {
    const api = await app.inject({ method: 'GET', url: '/api/cases' });
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['x-frame-options']).toBe('DENY');
    expect(api.headers['content-security-policy']).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    expect(api.headers['cache-control']).toBe('no-store');
    const refused = await app.inject({ method: 'GET', url: '/api/cases/not-a-uuid' });
    expect(refused.headers['cache-control']).toBe('no-store');
    const missing = await app.inject({ method: 'GET', url: '/api/nothing' });
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('gives the Swagger UI a CSP that lets it load its own scripts and styles and the spec', async () => {
    for (const url of ['/docs/', '/docs/static/swagger-initializer.js', '/docs/json']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      const csp = response.headers['content-security-policy'];
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).toMatch(/style-src 'self'/);
      expect(csp).toMatch(/connect-src 'self'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
    }
  });

  it('declares the bearer security scheme in the OpenAPI document', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      components: { securitySchemes: Record<string, unknown> };
      security: unknown[];
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    }>();
    expect(spec.components.securitySchemes.bearerAuth).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
    expect(spec.security).toContainEqual({ bearerAuth: [] });
    expect(spec.paths['/healthz']?.get?.security).toEqual([]);
  });

  it('answers a CORS preflight from an allowed origin before authentication, and gives others no allow-origin', async () => {
    const preflight = (origin: string) =>
      edge.inject({
        method: 'OPTIONS',
        url: '/api/cases',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const allowed = await preflight('https://app.example.org');
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.org');
    expect(allowed.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(allowed.headers['access-control-allow-headers']).toMatch(/authorization/);
    const other = await preflight('https://evil.example.com');
    expect(other.statusCode).not.toBe(401);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const noCors = await app.inject({
      method: 'OPTIONS',
      url: '/api/cases',
      headers: { origin: 'https://app.example.org', 'access-control-request-method': 'POST' },
    });
    expect(noCors.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('limits requests per key and per address with a 429 OperationOutcome and Retry-After', async () => {
    const withKey = () =>
      edge.inject({ method: 'GET', url: '/api/policies', headers: { authorization: `Bearer ${key}` } });
    for (let i = 0; i < limits.perKeyPerMinute; i++) expect((await withKey()).statusCode).toBe(200);
    const limited = await withKey();
    expect(outcomeOf(limited, 429)[0]?.code).toBe('throttled');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    const remoteAddress = '198.51.100.7';
    const anonymous = () => edge.inject({ method: 'GET', url: '/api/policies', remoteAddress });
    for (let i = 0; i < limits.perAddressPerMinute; i++) expect((await anonymous()).statusCode).toBe(401);
    outcomeOf(await anonymous(), 429);
  });

  it('counts each signed-in session on its own, so colleagues behind one office address do not share a bucket', async () => {
    const remoteAddress = '198.51.100.9';
    const session = (token: string) => ({ cookie: `theme=dark; klivira_session=${token}` });
    const health = (headers?: Record<string, string>) =>
      edge.inject({ method: 'GET', url: '/healthz', remoteAddress, ...(headers ? { headers } : {}) });
    // Two sessions each get the per-key allowance, beyond what the shared address alone would be allowed.
    for (const token of ['a'.repeat(43), 'b'.repeat(43)]) {
      for (let i = 0; i < limits.perKeyPerMinute; i++) expect((await health(session(token))).statusCode).toBe(200);
      outcomeOf(await health(session(token)), 429);
    }
    // The address's own bucket was untouched by them.
    for (let i = 0; i < limits.perAddressPerMinute; i++) expect((await health()).statusCode).toBe(200);
    outcomeOf(await health(), 429);
  });

  it('cuts off an address that floods random well-formed keys, without a database lookup each', async () => {
    const lookups = vi.spyOn(access, 'principalForKeyHash');
    const remoteAddress = '198.51.100.8';
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await edge.inject({
        method: 'GET',
        url: '/api/policies',
        remoteAddress,
        headers: { authorization: `Bearer ${newApiKey().key}` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(limits.perAddressPerMinute + 1);
    expect(statuses.at(-1)).toBe(429);
    expect(lookups.mock.calls.length).toBeLessThanOrEqual(limits.perAddressPerMinute + 1);
    lookups.mockRestore();
  });
});
