// Done when: a demo case's patient and order pulled from the sandbox EHR with Backend Services credentials
// determine exactly as the demo bundle itself does (determination and every criterion's status).
import type { Bundle } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../policies/load.ts';
import { CaseService } from '../../../app/cases.ts';
import { generateDemoCases } from '../../../demo/index.ts';
import { type SandboxEhr, startSandboxEhr } from '../sandbox/server.ts';
import { backendServicesAuth } from './backend-services.ts';
import { pullRecord } from './pull-record.ts';

const DEMO_CASES = 10;
const service = new CaseService({ library: loadPolicyLibrary(), organizationId: 'pull', today: () => '2026-11-02' });
let ehr: SandboxEhr;

beforeAll(async () => {
  ehr = await startSandboxEhr({ port: 0, demoCases: DEMO_CASES, syntheaDir: null });
});
afterAll(async () => {
  await ehr.close();
});

function outcome(bundle: unknown, order?: string) {
  const { determination } = service.check(bundle, order ? { orderReference: order } : {});
  return {
    determination: determination.determination,
    paRequired: determination.paRequired,
    criteria: determination.criteria.map((c) => [c.id, c.status]).sort(),
  };
}

function keys(bundle: Bundle | undefined): string[] {
  return (bundle?.entry ?? []).map((e) => `${e.resource?.resourceType ?? ''}/${e.resource?.id ?? ''}`).sort();
}
const notOrganization = (key: string): boolean => !key.startsWith('Organization/');

describe('pull from the sandbox EHR with Backend Services', () => {
  const demos = generateDemoCases({ seed: 1, count: DEMO_CASES });

  it.each(demos.map((demo, i) => [demo.id, i] as const))('%s determines as the demo bundle', async (_id, i) => {
    const chart = ehr.cases[i];
    if (!chart) throw new Error(`no sandbox case ${String(i)}`);
    const auth = backendServicesAuth({
      fhirBase: ehr.fhirBase,
      clientId: ehr.backendClient.clientId,
      privateJwk: ehr.backendClient.privateJwk,
    });
    const { bundle, warnings, stats } = await pullRecord({
      fhirBase: ehr.fhirBase,
      auth,
      patient: chart.patient,
      order: chart.order,
    });
    expect(warnings).toEqual([]);
    expect(bundle.type).toBe('collection');
    for (const entry of bundle.entry ?? [])
      expect(entry.fullUrl).toBe(`${ehr.fhirBase}/${entry.resource?.resourceType ?? ''}/${entry.resource?.id ?? ''}`);
    expect(stats.resources).toBe(bundle.entry?.length);
    // The chart comes back whole: the demo bundle's resources, but for the clinics nothing in the chart references.
    const pulled = keys(bundle);
    const demo = keys(demos[i]?.bundle);
    expect(demo).toEqual(expect.arrayContaining(pulled));
    expect(pulled.filter(notOrganization)).toEqual(demo.filter(notOrganization));
    expect(outcome(bundle, chart.order)).toEqual(outcome(demos[i]?.bundle));
  });
});
