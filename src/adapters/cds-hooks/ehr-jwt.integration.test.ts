// Trusting the calling EHR: its JWT verified against the JWKS of an allow-listed issuer (served by a tiny local
// server, fetched through `jku` only when it is that issuer's registered URL, then cached); wrong issuer, audience,
// expiry and a replayed jti refused with 401 and a JSON error.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../app/cases.ts';
import { generateDemoCases } from '../../demo/index.ts';
import { loadPolicyLibrary } from '../policies/load.ts';
import { cdsHooksRoutes } from './routes.ts';
import { demoHookRequest } from './testing/demo-hook.ts';
import { startTestEhr, type TestEhr } from './testing/ehr-keys.ts';

const PUBLIC_URL = 'https://klivira.test';
const SERVICE_URL = `${PUBLIC_URL}/cds-services/klivira-order-sign`;
const [silent] = generateDemoCases({ seed: 1, count: 4 }).slice(3);

let app: FastifyInstance;
let trusted: TestEhr;
let stranger: TestEhr;

beforeAll(async () => {
  trusted = await startTestEhr('https://ehr.test/trusted');
  // A second EHR with keys of its own, not on the allow-list.
  stranger = await startTestEhr('https://ehr.test/stranger');
  const service = new CaseService({ library: loadPolicyLibrary(), organizationId: 't', today: () => '2026-11-02' });
  app = Fastify({ logger: false });
  await app.register(
    cdsHooksRoutes({ service, publicUrl: PUBLIC_URL, trustedIssuers: { [trusted.issuer]: trusted.jwksUrl } }),
  );
});
afterAll(async () => {
  await app.close();
  await trusted.close();
  await stranger.close();
});

const post = (authorization: string | undefined) =>
  app.inject({
    method: 'POST',
    url: '/cds-services/klivira-order-sign',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    payload: demoHookRequest(silent as NonNullable<typeof silent>, { hook: 'order-sign' }),
  });

async function refusal(authorization: string | undefined): Promise<string> {
  const response = await post(authorization);
  expect(response.statusCode).toBe(401);
  const body = response.json<{ error: string; message: string }>();
  expect(body.error).toBe('unauthorized');
  return body.message;
}

describe('CDS Hooks JWT', () => {
  it('accepts a valid token, reading the JWKS from jku once and caching it', async () => {
    const before = trusted.jwksFetches();
    expect((await post(`Bearer ${await trusted.sign(SERVICE_URL)}`)).statusCode).toBe(200);
    expect((await post(`Bearer ${await trusted.sign(SERVICE_URL)}`)).statusCode).toBe(200);
    expect(trusted.jwksFetches() - before).toBe(1);
  });

  it('refuses a call without a token, or with one that is not a JWT', async () => {
    expect(await refusal(undefined)).toMatch(/JWT is required/);
    expect(await refusal('Bearer not-a-jwt')).toMatch(/not a JWT/);
  });

  it('refuses an issuer that is not on the allow-list, without fetching its jku', async () => {
    expect(await refusal(`Bearer ${await stranger.sign(SERVICE_URL)}`)).toBe('the issuer is not trusted');
    expect(stranger.jwksFetches()).toBe(0);
  });

  it("refuses a trusted issuer's name on a token whose jku is another key set", async () => {
    const forged = await stranger.sign(SERVICE_URL, { claims: { iss: trusted.issuer } });
    expect(await refusal(`Bearer ${forged}`)).toMatch(/jku is not the issuer's registered JWKS URL/);
    expect(stranger.jwksFetches()).toBe(0);
  });

  it("refuses a token signed by another key under the trusted issuer's jku", async () => {
    const forged = await stranger.sign(SERVICE_URL, {
      claims: { iss: trusted.issuer },
      header: { jku: trusted.jwksUrl },
    });
    expect(await refusal(`Bearer ${forged}`)).toMatch(/signature does not verify/);
  });

  it('refuses a token for another audience', async () => {
    expect(await refusal(`Bearer ${await trusted.sign(`${PUBLIC_URL}/cds-services/klivira-order-select`)}`)).toMatch(
      /not for this service/,
    );
    expect(
      await refusal(`Bearer ${await trusted.sign('https://elsewhere.test/cds-services/klivira-order-sign')}`),
    ).toMatch(/not for this service/);
  });

  it('refuses an expired token, and one that lives longer than five minutes', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await trusted.sign(SERVICE_URL, { claims: { iat: now - 600, exp: now - 300 } });
    expect(await refusal(`Bearer ${expired}`)).toMatch(/expired|iat/);
    const old = await trusted.sign(SERVICE_URL, { claims: { iat: now - 900, exp: now + 60 } });
    expect(await refusal(`Bearer ${old}`)).toMatch(/expired/);
    const long = await trusted.sign(SERVICE_URL, { claims: { iat: now, exp: now + 3600 } });
    expect(await refusal(`Bearer ${long}`)).toMatch(/within five minutes/);
  });

  it('refuses a token without a jti', async () => {
    const token = await trusted.sign(SERVICE_URL, { claims: { jti: undefined } });
    expect(await refusal(`Bearer ${token}`)).toMatch(/jti/);
  });

  it('refuses a replayed jti', async () => {
    const token = await trusted.sign(SERVICE_URL);
    expect((await post(`Bearer ${token}`)).statusCode).toBe(200);
    expect(await refusal(`Bearer ${token}`)).toMatch(/used already/);
  });
});
