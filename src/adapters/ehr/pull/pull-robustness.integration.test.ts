// The pull against a small local FHIR server that misbehaves on purpose: paging, 429 with Retry-After, 5xx, a
// request that never answers, the size cap, a type outside the token's scopes, Binary attachments, and a user
// token renewed with its refresh token.
import type { Bundle, Resource } from '@medplum/fhirtypes';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pullRecord, PullError, type PullRequest } from './pull-record.ts';
import { userTokenAuth } from './user-token.ts';

type Handler = (request: FastifyRequest, reply: FastifyReply) => unknown;

const PATIENT = { resourceType: 'Patient', id: 'p1' } as const;
const ORDER = {
  resourceType: 'ServiceRequest',
  id: 'o1',
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/p1' },
  requester: { reference: 'Practitioner/dr1' },
} as const;

const app = Fastify();
let fhirBase = '';
/** Per resource type (the path's first segment); the default serves the patient, the order and empty searches. */
let handlers = new Map<string, Handler>();
const calls: { path: string; authorization: string | undefined }[] = [];

function searchset(resources: Resource[], next?: string): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    entry: resources.map((resource) => ({ resource })),
    ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
  };
}

function observations(count: number): Resource[] {
  return Array.from({ length: count }, (_, i) => ({
    resourceType: 'Observation',
    id: `obs${String(i)}`,
    status: 'final',
    code: { text: 'x' },
    subject: { reference: 'Patient/p1' },
  }));
}

const defaults: Record<string, Resource | Bundle> = {
  'Patient/p1': PATIENT,
  ServiceRequest: searchset([ORDER]),
};

beforeAll(async () => {
  app.get('/fhir/*', async (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    calls.push({ path: request.url, authorization: request.headers.authorization });
    const handler = handlers.get(path.split('/')[0] ?? '');
    if (handler) return handler(request, reply);
    return reply.type('application/fhir+json').send(defaults[path] ?? searchset([]));
  });
  app.post('/token', async (request, reply) => {
    const form = new URLSearchParams(request.body as string);
    if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== 'refresh-1')
      return reply.code(400).send({ error: 'invalid_grant' });
    return { access_token: 'fresh-token', token_type: 'Bearer', expires_in: 3600, refresh_token: 'refresh-2' };
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) => {
    done(null, body);
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  fhirBase = `${url}/fhir`;
});
afterAll(async () => {
  await app.close();
});
beforeEach(() => {
  handlers = new Map();
  calls.length = 0;
});

const fast = { timeoutMs: 300, retries: 2, backoffMs: 10, maxBackoffMs: 50 };
const pull = (extra: Partial<PullRequest> = {}) =>
  pullRecord({ fhirBase, patient: 'p1', order: 'ServiceRequest/o1', limits: fast, ...extra });
const ids = (bundle: Bundle, type: string) =>
  (bundle.entry ?? []).filter((e) => e.resource?.resourceType === type).map((e) => e.resource?.id);

describe('paging', () => {
  it('follows next links to the last page', async () => {
    const all = observations(5);
    handlers.set('Observation', (request) => {
      const offset = Number((request.query as { _offset?: string })._offset ?? 0);
      const next =
        offset + 2 < all.length
          ? `${fhirBase}/Observation?patient=Patient/p1&_offset=${String(offset + 2)}`
          : undefined;
      return searchset(all.slice(offset, offset + 2), next);
    });
    const { bundle, warnings } = await pull();
    expect(warnings).toEqual([]);
    expect(ids(bundle, 'Observation')).toEqual(['obs0', 'obs1', 'obs2', 'obs3', 'obs4']);
    expect(calls.filter((c) => c.path.startsWith('/fhir/Observation'))).toHaveLength(3);
    expect(bundle.entry?.[0]?.fullUrl).toBe(`${fhirBase}/Patient/p1`);
  });

  it('does not follow a next link to another server', async () => {
    handlers.set('Observation', () => searchset(observations(1), 'http://127.0.0.1:9/fhir/Observation?page=2'));
    const { bundle, warnings } = await pull();
    expect(ids(bundle, 'Observation')).toEqual(['obs0']);
    expect(warnings).toEqual(['Observation search: a next link leaves the FHIR server; not followed']);
  });
});

describe('retries', () => {
  it('waits as Retry-After says after a 429, then succeeds', async () => {
    let refused = 0;
    handlers.set('Condition', (_request, reply) => {
      if (refused++ === 0) return reply.code(429).header('retry-after', '1').send();
      return searchset([{ resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/p1' } }]);
    });
    const started = Date.now();
    const { bundle, warnings, stats } = await pull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(warnings).toEqual([]);
    expect(ids(bundle, 'Condition')).toEqual(['c1']);
    expect(stats.retries).toBe(1);
  });

  it('backs off on 5xx and gives up with a warning after the last retry', async () => {
    let failures = 0;
    handlers.set('Procedure', (_request, reply) => {
      failures++;
      return reply
        .code(503)
        .send({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] });
    });
    const { warnings } = await pull();
    expect(failures).toBe(3);
    expect(warnings).toEqual(['Procedure search: the server answered 503: transient']);
  });

  it('retries a request that times out; a patient that never answers is an error', async () => {
    let attempts = 0;
    handlers.set('Encounter', async () => {
      attempts++;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return searchset([]);
    });
    const { warnings } = await pull();
    expect(attempts).toBe(3);
    expect(warnings).toEqual(['Encounter search: timed out after 300 ms, 3 attempts']);

    handlers.set('Patient', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return PATIENT;
    });
    await expect(pull({ limits: { ...fast, retries: 0 } })).rejects.toThrow(
      new PullError('the Patient: timed out after 300 ms, 1 attempts'),
    );
  });
});

describe('what cannot be had', () => {
  it('makes a type outside the scopes and a refused search warnings, the order missing an error', async () => {
    handlers.set('DocumentReference', (_request, reply) =>
      reply.code(403).send({
        resourceType: 'OperationOutcome',
        issue: [
          { severity: 'error', code: 'forbidden', details: { text: "no scope grants 's' on DocumentReference" } },
        ],
      }),
    );
    handlers.set('ImagingStudy', (_request, reply) => reply.code(400).send('bad parameter'));
    const { bundle, warnings } = await pull();
    expect(warnings).toEqual([
      'ImagingStudy search: the server answered 400',
      "DocumentReference search: the server answered 403: no scope grants 's' on DocumentReference",
    ]);
    expect(ids(bundle, 'ServiceRequest')).toEqual(['o1']);

    handlers.set('ServiceRequest', (_request, reply) => reply.code(404).send());
    await expect(pull()).rejects.toThrow('the order ServiceRequest/o1: the server answered 404');
  });

  it('stops at the size cap and says so', async () => {
    handlers.set('Observation', () => searchset(observations(50)));
    const { bundle, warnings } = await pull({ limits: { ...fast, maxResources: 10 } });
    expect(bundle.entry).toHaveLength(10);
    expect(ids(bundle, 'Patient')).toEqual(['p1']);
    expect(warnings).toEqual(['stopped at the size cap (10 resources, 50000000 bytes): the record is incomplete']);
  });

  it('inlines Binary attachments within the size cap', async () => {
    const note = Buffer.from('Assessment: lumbar radiculopathy.');
    handlers.set('DocumentReference', () =>
      searchset(
        ['small', 'large', 'elsewhere'].map((name) => ({
          resourceType: 'DocumentReference',
          id: name,
          status: 'current',
          subject: { reference: 'Patient/p1' },
          content: [
            {
              attachment: {
                contentType: 'text/plain',
                url: name === 'elsewhere' ? 'http://127.0.0.1:9/Binary/x' : `Binary/${name}`,
              },
            },
          ],
        })),
      ),
    );
    handlers.set('Binary', (request) => ({
      resourceType: 'Binary',
      contentType: 'text/plain',
      data: (request.url.endsWith('/small') ? note : Buffer.alloc(2000, 'x')).toString('base64'),
    }));
    const { bundle, warnings } = await pull({ limits: { ...fast, maxBinaryBytes: 1000 } });
    const attachment = (id: string) => {
      const doc = bundle.entry?.find((e) => e.resource?.id === id)?.resource;
      return doc?.resourceType === 'DocumentReference' ? doc.content[0]?.attachment : undefined;
    };
    expect(attachment('small')).toMatchObject({ contentType: 'text/plain', data: note.toString('base64') });
    expect(attachment('large')?.data).toBeUndefined();
    expect(warnings.sort()).toEqual([
      'the attachment of DocumentReference/elsewhere is on another server; not fetched',
      'the attachment of DocumentReference/large: larger than 1000 bytes; not fetched',
    ]);
  });
});

describe('a user launch token', () => {
  it('is renewed with the refresh token when expired, and the token never appears in errors', async () => {
    const auth = userTokenAuth({
      tokenUrl: `${fhirBase.replace(/\/fhir$/, '')}/token`,
      clientId: 'klivira-app',
      grant: { access_token: 'stale-token', expires_in: 0, refresh_token: 'refresh-1' },
    });
    const { warnings } = await pull({ auth });
    expect(warnings).toEqual([]);
    expect(new Set(calls.map((c) => c.authorization))).toEqual(new Set(['Bearer fresh-token']));

    const expired = userTokenAuth({
      tokenUrl: `${fhirBase.replace(/\/fhir$/, '')}/token`,
      clientId: 'klivira-app',
      grant: { access_token: 'secret-token', expires_in: 0, refresh_token: 'wrong-refresh' },
    });
    const error = (await pull({ auth: expired }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('the token endpoint refused the refresh_token grant (400: invalid_grant)');
    expect(error.message).not.toMatch(/secret-token|wrong-refresh/);
  });
});
