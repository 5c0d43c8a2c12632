// The PAS channel against the payer simulator behind OAuth 2: a tiny local token endpoint verifies the SMART Backend
// Services client assertion with our public JWK (or a client secret); the simulator accepts only the tokens it issued.
// Also: a request that fails the PAS checks is refused before anything is sent.
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { CaseService } from '../../app/cases.ts';
import { ChannelError, type SubmissionRequest } from '../../core/channel/index.ts';
import { ehrExportBundle, TEST_PRACTICE } from '../../testing/ehr-export.ts';
import { buildSimulator, type Simulator } from '../../sim/server.ts';
import { loadPolicyLibrary } from '../policies/load.ts';
import { ClientCredentialsTokens, type ClientCredential } from './oauth-client.ts';
import { PasChannel } from './pas-channel.ts';

const CLIENT_ID = 'klivira-test-client';
const SECRET = 'test-client-secret';
let publicJwk: JWK;
let privateJwk: JWK;
let tokenServer: FastifyInstance;
let tokenUrl: string;
let simulator: Simulator;
let base: string;
const issued = new Set<string>();
let tokenRequests = 0;

async function verifyClient(form: Record<string, string>, authorization: string | undefined): Promise<boolean> {
  if (form.client_assertion) {
    const key = await importJWK(publicJwk, 'ES384');
    const { payload } = await jwtVerify(form.client_assertion, key, { audience: tokenUrl, issuer: CLIENT_ID });
    return (
      payload.sub === CLIENT_ID &&
      typeof payload.jti === 'string' &&
      form.client_assertion_type === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
    );
  }
  return authorization === `Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64')}`;
}

beforeAll(async () => {
  const pair = await generateKeyPair('ES384', { extractable: true });
  publicJwk = await exportJWK(pair.publicKey);
  privateJwk = { ...(await exportJWK(pair.privateKey)), kid: 'test-key-1' };
  tokenServer = Fastify();
  tokenServer.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  tokenServer.post('/token', async (request, reply) => {
    tokenRequests += 1;
    const form = request.body as Record<string, string>;
    const valid =
      form.grant_type === 'client_credentials' &&
      (await verifyClient(form, request.headers.authorization).catch(() => false));
    if (!valid) return reply.status(401).send({ error: 'invalid_client' });
    const token = `token-${String(tokenRequests)}`;
    issued.add(token);
    return { access_token: token, token_type: 'bearer', expires_in: 3600 };
  });
  await tokenServer.listen({ host: '127.0.0.1', port: 0 });
  tokenUrl = `http://127.0.0.1:${String((tokenServer.server.address() as AddressInfo).port)}/token`;
  simulator = buildSimulator({ tickMs: 10, requireBearer: (token) => issued.has(token) });
  await simulator.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${String((simulator.app.server.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  await simulator.app.close();
  await tokenServer.close();
});
beforeEach(() => {
  simulator.payer.reset();
  issued.clear();
  tokenRequests = 0;
});

const service = new CaseService({ library: loadPolicyLibrary(), organizationId: 't', today: () => '2026-03-02' });
let sequence = 0;

function request(bundle: Bundle = ehrExportBundle()): SubmissionRequest {
  const { intake, determination } = service.check(bundle);
  sequence += 1;
  return {
    caseId: `case-${String(sequence)}`,
    submissionId: `6a0e2d4c-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    bundle: intake.bundle,
    intake,
    determination,
    urgency: 'routine',
    timestamp: '2026-03-02T15:00:00Z',
  };
}

function channel(credential?: ClientCredential): PasChannel {
  return new PasChannel({
    baseUrl: `${base}/fhir`,
    timeoutMs: 2000,
    submissionSystem: 'urn:trnorg:1999999999',
    fullUrlBase: 'https://klivira.test/fhir',
    practice: TEST_PRACTICE,
    ...(credential
      ? { auth: new ClientCredentialsTokens({ tokenUrl, clientId: CLIENT_ID, credential, timeoutMs: 2000 }) }
      : {}),
  });
}

async function failure(run: () => Promise<unknown>): Promise<ChannelError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ChannelError) return error;
    throw error;
  }
  throw new Error('expected a channel error');
}

describe('PAS channel authentication (OAuth 2 client credentials)', () => {
  it('signs a client assertion, gets a token once and reuses it while it is valid', async () => {
    const pas = channel({ kind: 'private_key_jwt', key: privateJwk });
    const first = request();
    const second = request();
    expect((await pas.submit(first)).outcome).toBeDefined();
    expect((await pas.submit(second)).outcome).toBeDefined();
    expect(tokenRequests).toBe(1);
    expect(simulator.payer.receiptCount(first.submissionId)).toBe(1);
  });

  it('retries once with a fresh token when the payer refuses the cached one', async () => {
    const pas = channel({ kind: 'private_key_jwt', key: privateJwk });
    await pas.submit(request());
    issued.clear(); // the payer revoked every token
    await pas.submit(request());
    expect(tokenRequests).toBe(2);
  });

  it('accepts a client secret instead of a key', async () => {
    await channel({ kind: 'client_secret', secret: SECRET }).submit(request());
    expect(tokenRequests).toBe(1);
  });

  it('a refused client is a non-retryable failure that shows neither secret nor token', async () => {
    const error = await failure(() => channel({ kind: 'client_secret', secret: 'wrong' }).submit(request()));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/refused the client credentials \(HTTP 401: invalid_client\)/);
    expect(error.message).not.toMatch(/wrong|token-/);
  });

  it('without credentials the protected endpoint answers 401, which is not retried', async () => {
    const error = await failure(() => channel().submit(request()));
    expect([error.kind, error.status, error.retryable]).toEqual(['rejected', 401, false]);
  });
});

describe('PAS checks before sending', () => {
  it('refuses a request that fails them, naming the missing data, and sends nothing', async () => {
    const bundle = ehrExportBundle();
    const coverage = bundle.entry?.find((e) => e.resource?.resourceType === 'Coverage')?.resource as Resource;
    if (coverage.resourceType === 'Coverage') delete coverage.subscriberId;
    const sent = request(bundle);
    const error = await failure(() => channel({ kind: 'client_secret', secret: SECRET }).submit(sent));
    expect([error.kind, error.retryable]).toEqual(['rejected', false]);
    expect(error.message).toMatch(/fails the PAS checks: the Coverage has no member id \(subscriberId\)/);
    expect(simulator.payer.receipts).toEqual([]);
    expect(tokenRequests).toBe(0);
  });
});
