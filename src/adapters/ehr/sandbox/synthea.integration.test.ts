// The Synthea patients of ../shared in the sandbox: loaded with literal references, and three of them given a
// coverage and a lumbar MRI order, so a case can start from them.
import { existsSync } from 'node:fs';
import type { Bundle, Coverage, ServiceRequest } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendToken, fhirGet } from './test-flows.ts';
import { SYNTHEA_BUNDLES, SYNTHEA_SCENARIOS } from './seed.ts';
import { type SandboxEhr, startSandboxEhr } from './server.ts';

const present = existsSync(SYNTHEA_BUNDLES);
if (!present) console.warn(`skipped: ${SYNTHEA_BUNDLES} is absent`);

describe.skipIf(!present)('Synthea patients', () => {
  let ehr: SandboxEhr;
  let token: string;

  beforeAll(async () => {
    ehr = await startSandboxEhr({ port: 0, demoCases: 0 });
    token = (await backendToken(ehr)).access_token;
  });
  afterAll(async () => {
    await ehr.close();
  });

  it('gives the scenario patients a coverage and an order with its requester and reasons', async () => {
    const [scenario] = SYNTHEA_SCENARIOS;
    const bundle = (
      await fhirGet(
        `${ehr.fhirBase}/ServiceRequest?patient=${scenario.patientId}&code=72148&_include=ServiceRequest:requester`,
        token,
      )
    ).body as unknown as Bundle;
    const order = bundle.entry?.find((e) => e.search?.mode === 'match')?.resource as ServiceRequest;
    expect(order.requester?.reference).toMatch(/^Practitioner\//);
    expect(order.reasonReference?.length).toBeGreaterThan(0);
    const coverages = (await fhirGet(`${ehr.fhirBase}/${order.insurance?.[0]?.reference ?? ''}`, token)).body;
    const coverage = coverages as unknown as Coverage;
    expect(coverage.beneficiary.reference).toBe(`Patient/${scenario.patientId}`);
    expect(coverage.payor[0]?.display).toBe('UnitedHealthcare');
    expect(bundle.entry?.some((e) => e.resource?.resourceType === 'Practitioner')).toBe(true);
    expect(ehr.cases.map((c) => c.order)).toContain(`ServiceRequest/${order.id ?? ''}`);
  });

  it('resolves the conditional practitioner references and pages a large record', async () => {
    const [scenario] = SYNTHEA_SCENARIOS;
    const first = (
      await fhirGet(
        `${ehr.fhirBase}/Encounter?patient=${scenario.patientId}&_count=10&_include=Encounter:practitioner`,
        token,
      )
    ).body as unknown as Bundle;
    expect(first.total).toBeGreaterThan(10);
    expect(first.entry?.some((e) => e.search?.mode === 'include' && e.resource?.resourceType === 'Practitioner')).toBe(
      true,
    );
    const next = first.link?.find((l) => l.relation === 'next')?.url ?? '';
    const second = (await fhirGet(next, token)).body as unknown as Bundle;
    expect(second.entry?.filter((e) => e.search?.mode === 'match')).toHaveLength(10);
  });
});
