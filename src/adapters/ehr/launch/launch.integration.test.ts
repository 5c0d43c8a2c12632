// Klivira launched as a SMART app from the sandbox EHR: a standalone launch (the coordinator signs in and picks
// the patient) and an EHR launch (for an order) each open a case determined as the demo bundle is; the state is
// single use; only registered EHRs are launched from.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseService } from '../../../app/cases.ts';
import { generateDemoCases } from '../../../demo/index.ts';
import { testApi } from '../../../testing/api.ts';
import { freePort } from '../../../testing/free-port.ts';
import { openDatabase, type OpenDatabase } from '../../db/database.ts';
import { type SandboxEhr, startSandboxEhr } from '../sandbox/server.ts';
import { browse } from './browser.test-helper.ts';
import { smartLaunchRoutes } from './routes.ts';

const DEMO_CASES = 4;
const demos = generateDemoCases({ seed: 1, count: DEMO_CASES });
let ehr: SandboxEhr;
let database: OpenDatabase;
let app: FastifyInstance;
let cases: CaseService;
let klivira = '';

beforeAll(async () => {
  const port = await freePort();
  klivira = `http://127.0.0.1:${String(port)}`;
  ehr = await startSandboxEhr({
    port: 0,
    demoCases: DEMO_CASES,
    syntheaDir: null,
    redirectUris: [`${klivira}/smart/callback`],
    appLaunchUrl: `${klivira}/smart/launch`,
  });
  database = await openDatabase({ dataDir: 'memory://' });
  ({ app, cases } = await testApi(database, { organizationId: 'org-smart', today: '2026-11-02' }));
  await app.register(
    smartLaunchRoutes({
      service: cases,
      organizationId: 'org-smart',
      ehrs: [{ fhirBase: ehr.fhirBase, clientId: ehr.appClient.clientId }],
      redirectUri: `${klivira}/smart/callback`,
    }),
  );
  await app.listen({ host: '127.0.0.1', port });
});
afterAll(async () => {
  await app.close();
  await ehr.close();
  await database.close();
});

function outcome(determination: {
  determination: string;
  paRequired: unknown;
  criteria: { id: string; status: string }[];
}) {
  return {
    determination: determination.determination,
    paRequired: determination.paRequired,
    criteria: determination.criteria.map((c) => [c.id, c.status]).sort(),
  };
}

interface Opened {
  caseId: string;
  determination: Parameters<typeof outcome>[0];
  warnings: string[];
}

describe('standalone launch', () => {
  it('signs the coordinator in, picks the patient, and opens the case for their one active order', async () => {
    const chart = ehr.cases[1];
    const response = await browse(
      `${klivira}/smart/login?iss=${encodeURIComponent(ehr.fhirBase)}`,
      { username: 'coordinator', password: 'coordinator-demo', patient: chart?.patient.split('/')[1] ?? '' },
      klivira,
    );
    expect(response.status).toBe(201);
    const opened = (await response.json()) as Opened;
    // A patient/ scope reaches the patient's compartment only: the clinicians and organizations are out of it.
    expect(opened.warnings.length).toBeGreaterThan(0);
    for (const warning of opened.warnings)
      expect(warning).toMatch(/answered 403: \w+ is not in the patient compartment$/);
    expect(outcome(opened.determination)).toEqual(outcome(cases.check(demos[1]?.bundle).determination));
    const stored = await cases.get(opened.caseId);
    expect(stored?.events[0]?.actor).toBe(`${ehr.fhirBase}/Practitioner/sandbox-coordinator`);
  });
});

describe('EHR launch', () => {
  it('opens the case for the launched order, then redirects the browser to the case page', async () => {
    const chart = ehr.cases[2];
    if (!chart) throw new Error('no chart');
    const { launchUrl } = ehr.launch({
      patient: chart.patient,
      order: chart.order,
      ...(chart.encounter ? { encounter: chart.encounter } : {}),
    });
    const response = await browse(launchUrl, { username: 'clinician', password: 'clinician-demo' }, klivira);
    expect(response.status).toBe(201);
    const opened = (await response.json()) as Opened;
    expect(outcome(opened.determination)).toEqual(outcome(cases.check(demos[2]?.bundle).determination));

    const html = await browse(
      ehr.launch({ patient: chart.patient, order: chart.order }).launchUrl,
      { username: 'clinician', password: 'clinician-demo' },
      `${klivira}/cases/`,
    );
    expect(html.status).toBe(404);
    expect(new URL(html.url).pathname).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
  });
});

describe('refusals', () => {
  it('refuses an unregistered iss, and a state that is unknown or used', async () => {
    const unknown = await fetch(`${klivira}/smart/login?iss=${encodeURIComponent('http://127.0.0.1:9/fhir')}`);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toBe("iss 'http://127.0.0.1:9/fhir' is not an EHR Klivira is registered with\n");

    const login = await fetch(`${klivira}/smart/login?iss=${encodeURIComponent(ehr.fhirBase)}`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const authorize = new URL(login.headers.get('location') ?? '');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('aud')).toBe(ehr.fhirBase);
    expect(authorize.searchParams.get('scope')).toBe(
      'launch openid fhirUser patient/*.rs offline_access launch/patient',
    );
    const state = authorize.searchParams.get('state') ?? '';
    const denied = await fetch(`${klivira}/smart/callback?state=${state}&error=access_denied`);
    expect(denied.status).toBe(403);
    const again = await fetch(`${klivira}/smart/callback?state=${state}&code=x`);
    expect(again.status).toBe(400);
    expect(await again.text()).toBe('this sign-in has expired or was already used: launch again\n');
  });
});
