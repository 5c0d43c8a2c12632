// Integration, property-based: hostile requests against every route of the full server, generated from its own
// OpenAPI document (right shapes with hostile values, wrong types, random JSON, wrong media types, odd headers,
// oversized and deeply nested bodies, no or invalid keys). Whatever arrives, the server answers below 500, every
// error is an OperationOutcome, it still answers its health check, and its logs carry no NUL and none of the
// patient data planted in the requests.
import { Writable } from 'node:stream';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { condition, lumbarMriCase } from '../../testing/fixtures.ts';
import { fullTestApi, TEST_WEBHOOK_SECRET } from '../../testing/api.ts';
import { TEST_DATABASES } from '../../testing/databases.ts';
import type { OpenDatabase } from '../db/database.ts';

/** Planted in names, identifiers, notes and paths; never to be seen in a log line. */
const PHI_MARKERS = ['Zyxwoq Marker', 'Zyxwoq', 'MRN-PHI-778899'];
const RUNS_PER_OPERATION = 100;
const BODY_LIMIT = 64 * 1024;

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  pathParameters: string[];
  query: { name: string; schema: Schema }[];
  body: Schema | undefined;
}

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema?: Schema }[];
        requestBody?: { content: Record<string, { schema: Schema }> };
      }
    >
  >;
}

function operationsOf(document: OpenApi): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      return {
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParameters: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: Object.values(operation.requestBody?.content ?? {})[0]?.schema,
      };
    }),
  );
}

// ---- hostile values -------------------------------------------------------------------------------------------

const HOSTILE_TEXT = [
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  'end\ud83d',
  'ok \ud83d\ude00',
  '\u202eRTL',
  'Zyxwoq Marker',
  'MRN-PHI-778899',
  '../../etc/passwd',
  "' OR 1=1 --",
  '%00',
  '%ED%A0%80',
  '{}',
  'null',
  'not-a-uuid',
  '00000000-0000-4000-8000-000000000000',
  '0000-01-01T00:00:00Z',
  '0000-01-01',
  '9999-12-31T23:59:59Z',
  '10000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-12-31T23:59:60Z',
  '0001-01-01T00:00:00+01:00',
  'draft,ready,nonsense',
  'a'.repeat(5_000),
  'Zyxwoq Marker '.repeat(400),
];

const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\ud800', '\udc00'), fc.string({ maxLength: 8 }))
      .map((parts) => parts.join('')),
  },
);

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, 5e-324, 0.5),
);

const hostileLeaf = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '\u0000': 1 }, { '': '\ud800' }) },
);

const anyJson: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileLeaf);

const hostileKey = fc.constantFrom(
  '\u0000',
  'k\ud800',
  '',
  '__proto__',
  'constructor',
  'resourceType',
  'x'.repeat(300),
);

/** A value of the schema's shape with hostile leaves, or now and then something of another type. */
function valueFor(schema: Schema, known: Known, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: shapeOf(schema, known, depth) },
    { weight: 1, arbitrary: hostileLeaf },
    { weight: 1, arbitrary: anyJson },
  );
}

interface Known {
  ids: string[];
  /** A valid example body to mutate, for a body declared as any JSON. */
  example?: unknown;
}

function shapeOf(schema: Schema, known: Known, depth: number): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valueFor(s, known, depth + 1)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (depth > 4) return hostileLeaf;
  switch (type) {
    case 'object': {
      const properties = Object.entries(schema.properties ?? {}).map(
        ([name, s]) => [name, valueFor(s, known, depth + 1)] as const,
      );
      const record = fc.record(Object.fromEntries(properties), { requiredKeys: schema.required ?? [] });
      const extra = fc.oneof(
        { weight: 4, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.dictionary(hostileKey, hostileLeaf, { minKeys: 1, maxKeys: 2 }) },
      );
      return fc.tuple(record, extra).map(([value, more]) => ({ ...more, ...value }));
    }
    case 'array':
      return fc.array(fc.oneof(valueFor(schema.items ?? {}, known, depth + 1), fc.constant(null)), { maxLength: 4 });
    case 'string':
      if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...known.ids), fc.uuid(), hostileText);
      if (schema.pattern)
        return fc.oneof(fc.stringMatching(new RegExp(schema.pattern), { maxLength: 40 }), hostileText);
      return hostileText;
    case 'integer':
    case 'number':
      return fc.oneof(fc.integer({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 }), hostileNumber);
    case 'boolean':
      return fc.boolean();
    default:
      return known.example === undefined ? anyJson : mutated(known.example);
  }
}

/** Every path to a value inside a JSON document. */
function pathsOf(document: unknown): (string | number)[][] {
  const paths: (string | number)[][] = [];
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value: document, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    paths.push(next.path);
    const { value, path } = next;
    if (Array.isArray(value)) value.forEach((item: unknown, i) => pending.push({ value: item, path: [...path, i] }));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) pending.push({ value: item, path: [...path, key] });
    }
  }
  return paths;
}

/** A valid example with up to three of its values replaced by hostile ones, removed, or nulled. */
function mutated(example: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(example).filter((p) => p.length > 0);
  const mutation = fc.record({
    path: fc.constantFrom(...paths),
    value: fc.oneof(hostileLeaf, anyJson),
    kind: fc.constantFrom('replace', 'replace', 'delete', 'null'),
  });
  return fc.array(mutation, { maxLength: 3 }).map((mutations) => {
    const copy = structuredClone(example);
    for (const { path, value, kind } of mutations) {
      let parent = copy as Record<string | number, unknown> | undefined;
      for (const step of path.slice(0, -1)) {
        const child = parent?.[step];
        parent = child !== null && typeof child === 'object' ? (child as Record<string | number, unknown>) : undefined;
      }
      const last = path.at(-1);
      if (parent === undefined || last === undefined) continue;
      if (kind === 'delete') Reflect.deleteProperty(parent, last);
      else parent[last] = kind === 'null' ? null : value;
    }
    return copy;
  });
}

// ---- requests -------------------------------------------------------------------------------------------------

/** Percent-encodes text, lone surrogates included (as the CESU bytes a hostile client would send). */
function encode(text: string): string {
  return Array.from(text)
    .map((c) => {
      try {
        return encodeURIComponent(c);
      } catch {
        return '%ED%A0%80';
      }
    })
    .join('');
}

const asText = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
    : [typeof value === 'string' ? value : JSON.stringify(value)];

const deep = (levels: number) => `{"resourceType":"Bundle","entry":${'['.repeat(levels)}${']'.repeat(levels)}}`;

const rawBody = fc.constantFrom(
  deep(150),
  deep(3_000),
  '{"resourceType": "Bundle",',
  '"\\u0000"',
  '{"text":"\\ud800"}',
  '{"\\u0000":"x"}',
  'null',
  '[]',
  '<Bundle/>',
  `{"text":"${'x'.repeat(BODY_LIMIT + 10)}"}`,
);

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  { weight: 3, arbitrary: fc.constant('application/fhir+json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
      'application/json-patch+json',
      '*/*',
      ';;;',
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** Header values are what HTTP can carry: visible ASCII. */
const headerValue = fc.oneof(
  fc.constantFrom('Zyxwoq Marker', 'MRN-PHI-778899', '', ' ', '0', '-1', 'x'.repeat(2_000), 'gzip'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
);

const extraHeaders = fc.dictionary(
  fc.constantFrom(
    'x-forwarded-for',
    'idempotency-key',
    'accept',
    'origin',
    'x-request-id',
    'content-encoding',
    'if-none-match',
    'accept-language',
  ),
  headerValue,
  { maxKeys: 3 },
);

type Credentials = 'admin' | 'none' | 'garbage' | 'well-formed unknown' | 'webhook';
/** Mostly the credentials the route takes (so that its handler runs), sometimes none or the wrong ones. */
const credentials = (usual: Credentials) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(usual) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Credentials>('admin', 'none', 'garbage', 'well-formed unknown', 'webhook'),
    },
  );

interface HostileRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

function requestsFor(operation: Operation, known: Known, adminKey: string): fc.Arbitrary<HostileRequest> {
  const pathValue = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known.ids) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: hostileText },
  );
  const query = fc.tuple(
    ...operation.query.map((q) =>
      fc
        .option(valueFor(q.schema, known), { freq: 2 })
        .map((v) => (v === null ? [] : asText(v).map((t) => [q.name, t]))),
    ),
  );
  const jsonBody = valueFor(operation.body ?? {}, known).map((v) => JSON.stringify(v) ?? 'null');
  const body = fc.oneof(
    { weight: operation.body ? 8 : 1, arbitrary: jsonBody },
    { weight: 2, arbitrary: rawBody },
    { weight: operation.body ? 0 : 4, arbitrary: fc.constant(undefined) },
  );
  return fc
    .record({
      ids: fc.array(pathValue, {
        minLength: operation.pathParameters.length,
        maxLength: operation.pathParameters.length,
      }),
      query,
      body,
      contentType,
      headers: extraHeaders,
      credentials: credentials(operation.path === '/api/pas/notifications' ? 'webhook' : 'admin'),
    })
    .map(({ ids, query: pairs, body: payload, contentType: type, headers, credentials: who }) => {
      let path = operation.path;
      operation.pathParameters.forEach((name, i) => (path = path.replace(`{${name}}`, encode(ids[i] ?? ''))));
      const search = pairs.flat().map(([name = '', value = '']) => `${encode(name)}=${encode(value)}`);
      const auth: Record<Credentials, Record<string, string>> = {
        admin: { authorization: `Bearer ${adminKey}` },
        none: {},
        garbage: { authorization: 'Bearer Zyxwoq Marker' },
        'well-formed unknown': { 'x-api-key': `kl_${'A'.repeat(43)}` },
        webhook: { authorization: `Bearer ${TEST_WEBHOOK_SECRET}` },
      };
      return {
        method: operation.method,
        url: `${path}${search.length > 0 ? `?${search.join('&')}` : ''}`,
        headers: { ...headers, ...(payload !== undefined && type ? { 'content-type': type } : {}), ...auth[who] },
        ...(payload !== undefined ? { payload } : {}),
      };
    });
}

// ---- the property ---------------------------------------------------------------------------------------------

describe.each(TEST_DATABASES)('hostile requests on $name', (target) => {
  let database: OpenDatabase;
  let app: FastifyInstance;
  let adminKey = '';
  const logLines: string[] = [];
  const known: Known = { ids: [] };
  const examples = new Map<string, unknown>();

  beforeAll(async () => {
    database = await target.open();
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    ({ app, adminKey } = await fullTestApi(database, {
      server: { logStream, logLevel: 'info', bodyLimit: BODY_LIMIT },
    }));
    const bundle = lumbarMriCase([
      condition('M54.16', { note: [{ text: 'Zyxwoq Marker reports leg pain; MRN-PHI-778899' }] }),
    ]);
    const patient = bundle.entry?.[0]?.resource as { name?: unknown; identifier?: unknown };
    patient.name = [{ family: 'Marker', given: ['Zyxwoq'], text: 'Zyxwoq Marker' }];
    patient.identifier = [{ system: 'urn:test:mrn', value: 'MRN-PHI-778899' }];
    const created = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/fhir+json' },
      payload: JSON.stringify(bundle),
    });
    expect(created.statusCode).toBe(201);
    known.ids.push(created.json<{ caseId: string }>().caseId, '00000000-0000-4000-8000-000000000000');
    examples.set('POST /api/cases', bundle);
    examples.set('POST /api/cases/{id}/questionnaire-response', {
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      subject: { reference: `urn:klivira:case:${known.ids[0] ?? ''}` },
      item: [{ linkId: 'q1', answer: [{ valueString: 'Zyxwoq Marker' }, { valueBoolean: true }] }],
    });
    examples.set('POST /api/pas/notifications', {
      resourceType: 'Bundle',
      type: 'subscription-notification',
      entry: [
        { resource: { resourceType: 'Parameters', parameter: [{ name: 'focus', valueString: 'MRN-PHI-778899' }] } },
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('answers every hostile request below 500, errors as OperationOutcomes, and logs no PHI', async () => {
    const document = app.swagger() as unknown as OpenApi;
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThanOrEqual(15);
    let sent = 0;
    const statuses = new Map<number, number>();
    const started = performance.now();
    for (const operation of operations) {
      const name = `${operation.method} ${operation.path}`;
      const forOperation: Known = { ...known, example: examples.get(name) };
      await fc.assert(
        fc.asyncProperty(requestsFor(operation, forOperation, adminKey), async (request) => {
          sent++;
          const response = await app.inject({ ...request, method: request.method as 'GET' });
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          const what = `${request.method} ${request.url.slice(0, 200)} → ${String(response.statusCode)} ${response.body.slice(0, 300)}`;
          expect(response.statusCode, what).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.headers['content-type'], what).toMatch(/json/);
            expect(response.json<{ resourceType?: string }>().resourceType, what).toBe('OperationOutcome');
          }
        }),
        { numRuns: RUNS_PER_OPERATION },
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const histogram = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${String(status)}×${String(n)}`);
    console.info(
      `${target.name}: ${String(sent)} hostile requests, ${String(operations.length)} operations, ` +
        `${seconds.toFixed(1)} s; statuses ${histogram.join(' ')}`,
    );
    expect(sent).toBeGreaterThanOrEqual(1_000);

    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const logs = logLines.join('');
    expect(logs).toMatch(/case created/);
    expect(logs).not.toContain('\u0000');
    expect(logs).not.toContain('\\u0000');
    for (const marker of PHI_MARKERS) expect(logs).not.toContain(marker);
  }, 120_000);
});
