// Prefetch the EHR left out is read from its FHIR server (the sandbox EHR, with a SMART Backend Services token), and
// gives the same answer as a full prefetch; an EHR that refuses, is down or is slow becomes a card, never a 500.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../app/cases.ts';
import { generateDemoCases, type DemoCase } from '../../demo/index.ts';
import { startSandboxEhr, type SandboxEhr } from '../ehr/sandbox/server.ts';
import { backendToken } from '../ehr/sandbox/test-flows.ts';
import { loadPolicyLibrary } from '../policies/load.ts';
import type { Card } from './cards.ts';
import type { PrefetchKey } from './prefetch.ts';
import { FhirRecordSource } from './record-source.ts';
import { cdsHooksRoutes } from './routes.ts';
import { demoHookRequest } from './testing/demo-hook.ts';
import { startTestEhr, type TestEhr } from './testing/ehr-keys.ts';

const PUBLIC_URL = 'https://klivira.test';
const silent = generateDemoCases({ seed: 1, count: 4 })[3] as DemoCase;
const LEFT_OUT: PrefetchKey[] = ['coverage', 'conditions', 'notes', 'encounter', 'user'];

let sandbox: SandboxEhr;
let accessToken: string;
let keys: TestEhr;
let app: FastifyInstance;
let silentServer: Server;
let silentUrl: string;

beforeAll(async () => {
  sandbox = await startSandboxEhr({ port: 0, demoCases: 4, syntheaDir: null });
  accessToken = (await backendToken(sandbox)).access_token;
  keys = await startTestEhr();
  // An EHR that accepts the connection and never answers.
  silentServer = createServer(() => undefined);
  await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silentServer.address() as AddressInfo).port}/fhir`;
  const service = new CaseService({ library: loadPolicyLibrary(), organizationId: 't', today: () => '2026-11-02' });
  app = Fastify({ logger: false });
  await app.register(
    cdsHooksRoutes({
      service,
      publicUrl: PUBLIC_URL,
      trustedIssuers: { [keys.issuer]: keys.jwksUrl },
      recordSource: new FhirRecordSource({ timeoutMs: 500 }),
    }),
  );
});
afterAll(async () => {
  await app.close();
  await keys.close();
  await sandbox.close();
  silentServer.closeAllConnections();
  await new Promise((resolve) => silentServer.close(resolve));
});

async function orderSign(request: Record<string, unknown>): Promise<Card[]> {
  const token = await keys.sign(`${PUBLIC_URL}/cds-services/klivira-order-sign`);
  const response = await app.inject({
    method: 'POST',
    url: '/cds-services/klivira-order-sign',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: request,
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ cards: Card[] }>().cards;
}

const withoutIds = (cards: Card[]) => cards.map((card) => ({ ...card, uuid: 'any' }));

describe('missing prefetch', () => {
  it('is read from the EHR with its token, and answers as a full prefetch does', async () => {
    const full = await orderSign(demoHookRequest(silent, { hook: 'order-sign' }));
    const fetched = await orderSign(
      demoHookRequest(silent, { hook: 'order-sign', omit: LEFT_OUT, fhirServer: sandbox.fhirBase, accessToken }),
    );
    expect(fetched.map((c) => c.summary)).toEqual([
      expect.stringMatching(/^Prior authorization required/),
      expect.stringMatching(/^Not yet documented for /),
      expect.stringMatching(/^Documentation needed for prior authorization: 3 items/),
    ]);
    expect(withoutIds(fetched)).toEqual(withoutIds(full));
  });

  it('refused by the EHR (no valid token) becomes a card naming what was not read', async () => {
    const cards = await orderSign(
      demoHookRequest(silent, {
        hook: 'order-sign',
        omit: ['notes'],
        fhirServer: sandbox.fhirBase,
        accessToken: 'bogus',
      }),
    );
    expect(cards[0]?.summary).toMatch(/^Part of the record could not be read/);
    expect(cards[0]?.detail).toContain('- **notes:** the EHR answered HTTP 401');
    expect(cards[1]?.summary).toMatch(/^Prior authorization required/);
  });

  it('with an EHR that does not answer, times out into a card', async () => {
    const started = Date.now();
    const cards = await orderSign(
      demoHookRequest(silent, {
        hook: 'order-sign',
        omit: ['notes', 'conditions'],
        fhirServer: silentUrl,
        accessToken,
      }),
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(cards[0]?.detail).toContain('- **conditions:** no answer from the EHR within 500 ms');
    expect(cards[0]?.detail).toContain('- **notes:** no answer from the EHR within 500 ms');
  });

  it('without a fhirServer to read it from, says so', async () => {
    const cards = await orderSign(demoHookRequest(silent, { hook: 'order-sign', omit: ['notes'] }));
    expect(cards[0]?.detail).toContain('- **notes:** not prefetched, and the request names no fhirServer');
  });
});
