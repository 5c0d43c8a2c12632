// Record pull benchmark (issue 17): the largest Synthea patient the sandbox EHR loads (by resource count in its
// bundle), pulled over loopback with SMART Backend Services, five times; the median, resources and bytes.
// The order is that patient's latest MedicationRequest (the pull needs one; Synthea writes many).
// Run: node --import tsx bench/ehr/pull.ts (PULL_PAGE_SIZE sets _count; default the pull's 200)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Bundle } from '@medplum/fhirtypes';
import { backendServicesAuth } from '../../src/adapters/ehr/pull/backend-services.ts';
import { DEFAULT_PULL_LIMITS } from '../../src/adapters/ehr/pull/limits.ts';
import { pullRecord, type PullResult } from '../../src/adapters/ehr/pull/pull-record.ts';
import { SYNTHEA_BUNDLES } from '../../src/adapters/ehr/sandbox/seed.ts';
import { startSandboxEhr } from '../../src/adapters/ehr/sandbox/server.ts';

const RUNS = 5;
const pageSize = Number(process.env.PULL_PAGE_SIZE ?? DEFAULT_PULL_LIMITS.pageSize);

function largestPatient(): { patientId: string; resources: number } {
  let best = { patientId: '', resources: 0 };
  for (const file of readdirSync(SYNTHEA_BUNDLES).filter((f) => f.endsWith('.json'))) {
    const bundle = JSON.parse(readFileSync(path.join(SYNTHEA_BUNDLES, file), 'utf8')) as Bundle;
    const patient = bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource;
    const resources = bundle.entry?.length ?? 0;
    if (patient?.id && resources > best.resources) best = { patientId: patient.id, resources };
  }
  if (!best.patientId) throw new Error(`no Synthea bundles in ${SYNTHEA_BUNDLES}`);
  return best;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const largest = largestPatient();
const loading = performance.now();
const ehr = await startSandboxEhr({
  port: 0,
  warn: (m) => {
    console.warn(m);
  },
});
console.log(`sandbox EHR loaded in ${Math.round(performance.now() - loading)} ms`);
try {
  const auth = backendServicesAuth({
    fhirBase: ehr.fhirBase,
    clientId: ehr.backendClient.clientId,
    privateJwk: ehr.backendClient.privateJwk,
  });
  const search = await fetch(
    `${ehr.fhirBase}/MedicationRequest?patient=Patient/${largest.patientId}&_sort=-authoredon&_count=1`,
    { headers: { authorization: await auth.authorization(), accept: 'application/fhir+json' } },
  );
  const order = ((await search.json()) as Bundle).entry?.[0]?.resource;
  if (!order?.id) throw new Error('the largest patient has no MedicationRequest');
  const request = {
    fhirBase: ehr.fhirBase,
    auth,
    patient: largest.patientId,
    order: `MedicationRequest/${order.id}`,
    limits: { pageSize },
  };
  await pullRecord(request); // warm-up: JIT, the sandbox's caches, the token (cached across runs, as in use)
  const runs: PullResult[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await pullRecord(request));
  const last = runs.at(-1);
  if (!last) throw new Error('no runs');
  console.log(
    JSON.stringify(
      {
        patient: largest.patientId,
        pageSize,
        resourcesInSyntheaBundle: largest.resources,
        pulledResources: last.stats.resources,
        responseBytes: last.stats.bytes,
        bundleBytes: Buffer.byteLength(JSON.stringify(last.bundle)),
        requests: last.stats.requests,
        retries: runs.map((r) => r.stats.retries),
        warnings: last.warnings,
        runsMs: runs.map((r) => r.stats.durationMs),
        medianMs: median(runs.map((r) => r.stats.durationMs)),
      },
      null,
      2,
    ),
  );
} finally {
  await ehr.close();
}
