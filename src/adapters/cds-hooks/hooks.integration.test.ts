// The CDS Hooks service end to end in process: discovery, order-sign and order-select on demo cases with full
// prefetch (cards, CRD coverage-information system action), and malformed calls answered 400 with an explanation.
import type { Patient } from '@medplum/fhirtypes';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../app/cases.ts';
import { generateDemoCases, type DemoCase } from '../../demo/index.ts';
import { loadPolicyLibrary } from '../policies/load.ts';
import type { Card } from './cards.ts';
import { COVERAGE_INFORMATION_URL, type SystemAction } from './coverage-information.ts';
import { PREFETCH_TEMPLATES } from './prefetch.ts';
import { cdsHooksRoutes } from './routes.ts';
import { demoHookRequest } from './testing/demo-hook.ts';
import { startTestEhr, type TestEhr } from './testing/ehr-keys.ts';

const PUBLIC_URL = 'https://klivira.test';
const demos = generateDemoCases({ seed: 1 });
const demo = (scenario: DemoCase['scenario']) => demos.find((d) => d.scenario === scenario) as DemoCase;

let app: FastifyInstance;
let ehr: TestEhr;
const logs: string[] = [];

beforeAll(async () => {
  ehr = await startTestEhr();
  const service = new CaseService({ library: loadPolicyLibrary(), organizationId: 't', today: () => '2026-11-02' });
  app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => logs.push(line) } } });
  await app.register(
    cdsHooksRoutes({
      service,
      publicUrl: PUBLIC_URL,
      trustedIssuers: { [ehr.issuer]: ehr.jwksUrl },
      today: () => '2026-11-02',
    }),
  );
});
afterAll(async () => {
  await app.close();
  await ehr.close();
});

async function call(serviceId: string, payload: unknown) {
  const token = await ehr.sign(`${PUBLIC_URL}/cds-services/${serviceId}`);
  return app.inject({
    method: 'POST',
    url: `/cds-services/${serviceId}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: payload as Record<string, unknown>,
  });
}

type HookAnswer = { cards: Card[]; systemActions: SystemAction[] };

describe('discovery', () => {
  it('lists the order-select and order-sign services with their prefetch, without authentication', async () => {
    const response = await app.inject({ method: 'GET', url: '/cds-services' });
    expect(response.statusCode).toBe(200);
    const { services } = response.json<{
      services: { id: string; hook: string; prefetch: Record<string, string> }[];
    }>();
    expect(services.map((s) => [s.id, s.hook])).toEqual([
      ['klivira-order-select', 'order-select'],
      ['klivira-order-sign', 'order-sign'],
    ]);
    for (const service of services) {
      expect(service.prefetch).toEqual(PREFETCH_TEMPLATES);
      expect(service.prefetch).toMatchObject({
        patient: 'Patient/{{context.patientId}}',
        coverage: 'Coverage?patient={{context.patientId}}&status=active&_include=Coverage:payor',
        conditions: 'Condition?patient={{context.patientId}}',
        notes: 'DocumentReference?patient={{context.patientId}}&_sort=-date&_count=10',
      });
    }
  });
});

describe('order-sign', () => {
  it('says PA is required, lists the undocumented criteria and the documentation needed, and updates the order', async () => {
    const silent = demo('lumbar_silent');
    const request = demoHookRequest(silent, { hook: 'order-sign' });
    const response = await call('klivira-order-sign', request);
    expect(response.statusCode).toBe(200);
    const { cards, systemActions } = response.json<HookAnswer>();
    expect(cards).toHaveLength(3);
    for (const card of cards) {
      expect(card.summary.length).toBeLessThanOrEqual(140);
      expect(card.uuid).toMatch(/^[0-9a-f-]{36}$/);
      expect(card.source.label).toBe('Klivira');
    }

    const [pa, criteria, documentation] = cards as [Card, Card, Card];
    expect(pa.indicator).toBe('warning');
    expect(pa.summary).toMatch(/^Prior authorization required: MRI lumbar spine/);
    expect(pa.summary).toContain('UnitedHealthcare');
    expect(pa.detail).toContain('**Decision clock:** ERISA pre-service claim rule 15 calendar days');

    expect(criteria.indicator).toBe('warning');
    expect(criteria.detail).toContain('**Unknown:** At least 6 weeks of provider-directed conservative treatment');
    expect(criteria.detail).toContain('**Unknown:** The patient was clinically re-evaluated');
    // Branches another branch satisfied are not listed.
    expect(criteria.detail).not.toContain('Radicular (dermatomal) leg pain');

    expect(documentation.summary).toMatch(/^Documentation needed for prior authorization: 3 items/);
    expect(documentation.detail).toContain('Document a focused neurological examination');
    expect(documentation.detail).toContain('Document the conservative treatment of this episode');
    expect(documentation.detail).toContain('Document the follow-up visit after the conservative trial');
    const order = (request.context as { draftOrders: { entry: { resource: { id: string } }[] } }).draftOrders.entry[0]
      ?.resource.id;
    expect(documentation.links).toEqual([
      {
        label: expect.any(String) as string,
        url: `${PUBLIC_URL}/smart/launch`,
        type: 'smart',
        appContext: expect.stringContaining(`"order":"ServiceRequest/${order ?? ''}"`) as string,
      },
    ]);

    expect(systemActions).toHaveLength(1);
    const action = systemActions[0] as SystemAction;
    expect(action.type).toBe('update');
    expect(action.resource).toMatchObject({ resourceType: 'ServiceRequest', id: order, status: 'draft' });
    const extension = action.resource.extension?.find((e) => e.url === COVERAGE_INFORMATION_URL);
    const parts = Object.fromEntries((extension?.extension ?? []).map((e) => [e.url, e]));
    expect(parts.coverage?.valueReference?.reference).toMatch(/^Coverage\//);
    expect(parts.covered?.valueCode).toBe('covered');
    expect(parts['pa-needed']?.valueCode).toBe('auth-needed');
    expect(parts['doc-needed']?.valueCode).toBe('clinical');
    expect(parts['doc-purpose']?.valueCode).toBe('withpa');
    expect(parts.reason?.valueCodeableConcept?.text).toMatch(/^3 documentation items missing/);
    expect(parts.date?.valueDate).toBe('2026-11-02');
    expect(parts['coverage-assertion-id']?.valueString).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives one info card and a no-auth assertion when PA is not required', async () => {
    const response = await call(
      'klivira-order-sign',
      demoHookRequest(demo('pet_initial_staging'), { hook: 'order-sign' }),
    );
    const { cards, systemActions } = response.json<HookAnswer>();
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({
      indicator: 'info',
      summary: expect.stringMatching(/^No prior authorization needed/) as string,
    });
    const extension = systemActions[0]?.resource.extension?.find((e) => e.url === COVERAGE_INFORMATION_URL);
    expect(extension?.extension?.find((e) => e.url === 'pa-needed')?.valueCode).toBe('no-auth');
  });

  it('names the criteria a record contradicts', async () => {
    const response = await call(
      'klivira-order-sign',
      demoHookRequest(demo('lumbar_short_therapy'), { hook: 'order-sign' }),
    );
    const { cards } = response.json<HookAnswer>();
    const criteria = cards.find((c) => c.indicator === 'critical');
    expect(criteria?.summary).toMatch(/^Does not meet /);
    expect(criteria?.detail).toContain('**Not met:**');
  });
});

describe('order-select', () => {
  it('checks the selected order', async () => {
    const response = await call(
      'klivira-order-select',
      demoHookRequest(demo('lumbar_silent'), { hook: 'order-select' }),
    );
    expect(response.statusCode).toBe(200);
    const { cards, systemActions } = response.json<HookAnswer>();
    expect(cards.map((c) => c.summary)).toEqual([
      expect.stringMatching(/^Prior authorization required/),
      expect.stringMatching(/^Not yet documented for /),
      expect.stringMatching(/^Documentation needed for prior authorization/),
    ]);
    expect(systemActions).toHaveLength(1);
  });

  it('refuses selections that are not among the draft orders', async () => {
    const request = demoHookRequest(demo('lumbar_silent'), { hook: 'order-select' });
    (request.context as { selections: string[] }).selections = ['ServiceRequest/elsewhere'];
    const response = await call('klivira-order-select', request);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'bad_request',
      message: 'context.selections names orders not in draftOrders: ServiceRequest/elsewhere',
    });
  });
});

describe('malformed calls are 400 with an explanation, never 500', () => {
  const valid = () => demoHookRequest(demo('lumbar_silent'), { hook: 'order-sign' });
  it.each([
    ['not an object', [1, 2], /JSON object/],
    ['the other hook', { ...valid(), hook: 'order-select' }, /answers the order-sign hook/],
    ['no hookInstance', { ...valid(), hookInstance: undefined }, /hookInstance/],
    ['no context', { ...valid(), context: 'x' }, /context must be an object/],
    ['no patient', { ...valid(), context: { ...(valid().context as object), patientId: 7 } }, /context.patientId/],
    [
      'no draft orders',
      { ...valid(), context: { ...(valid().context as object), draftOrders: { resourceType: 'Bundle', entry: [] } } },
      /no ServiceRequest/,
    ],
    ['a bad fhirServer', { ...valid(), fhirServer: 'file:///etc' }, /fhirServer/],
    [
      'a token without a server',
      { ...valid(), fhirAuthorization: { access_token: 'x', token_type: 'Bearer' } },
      /without a fhirServer/,
    ],
    ['a prefetch that is not FHIR', { ...valid(), prefetch: { patient: 'Jane' } }, /prefetch.patient/],
  ])('%s', async (_name, payload, message) => {
    const response = await call('klivira-order-sign', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ message: string }>().message).toMatch(message);
  });

  it('a body that is not JSON', async () => {
    const token = await ehr.sign(`${PUBLIC_URL}/cds-services/klivira-order-sign`);
    const response = await app.inject({
      method: 'POST',
      url: '/cds-services/klivira-order-sign',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"hook":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'bad_request' });
  });

  it('an order for another patient', async () => {
    const request = valid();
    const context = request.context as { patientId: string };
    context.patientId = 'someone-else';
    const response = await call('klivira-order-sign', request);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ message: string }>().message).toMatch(/subject must be Patient\/someone-else/);
  });

  it('an unknown service is 404', async () => {
    const response = await call('klivira-nothing', valid());
    expect(response.statusCode).toBe(404);
  });

  it('a record without the patient gives a card, not an error', async () => {
    const request = valid();
    request.prefetch = { ...(request.prefetch as object), patient: null };
    const response = await call('klivira-order-sign', request);
    expect(response.statusCode).toBe(200);
    const { cards, systemActions } = response.json<HookAnswer>();
    expect(cards).toHaveLength(1);
    expect(cards[0]?.summary).toMatch(/^Klivira could not check ServiceRequest\//);
    expect(systemActions).toEqual([]);
  });
});

describe('logs', () => {
  it('record what was answered, and nothing of the patient', async () => {
    const silent = demo('lumbar_silent');
    const patient = silent.bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource as Patient;
    logs.length = 0;
    expect((await call('klivira-order-sign', demoHookRequest(silent, { hook: 'order-sign' }))).statusCode).toBe(200);
    const answered = logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'cds hook answered');
    expect(answered).toMatchObject({
      service: 'klivira-order-sign',
      orders: 1,
      outcomes: ['insufficient_documentation'],
    });
    const text = logs.join('\n');
    for (const value of [patient.id, patient.name?.[0]?.family, patient.birthDate, patient.identifier?.[0]?.value]) {
      expect(text).not.toContain(value);
    }
  });
});
