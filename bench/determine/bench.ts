// Speed of the whole check, bundle JSON → determination (validation, intake, facts, policy evaluation), for one
// process: the seeded demo cases (small records) and, where ../shared is present, the Synthea sample patients with
// a lumbar MRI order added (large records, up to ~3,500 resources and 700 notes).
// Run: node --import tsx bench/determine/bench.ts
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Bundle } from '@medplum/fhirtypes';
import { loadPolicyLibrary } from '../../src/adapters/policies/load.ts';
import { CaseService } from '../../src/app/cases.ts';
import { generateDemoCases } from '../../src/demo/index.ts';
import { hasShared, sharedPath } from '../../src/testing/shared.ts';

const service = new CaseService({ library: loadPolicyLibrary(), organizationId: 'bench', today: () => '2026-11-02' });

function measure(label: string, bundles: string[], rounds: number): void {
  // Warm-up: definitions indexed, JIT settled.
  for (const text of bundles) service.check(JSON.parse(text));
  const started = process.hrtime.bigint();
  let cases = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const text of bundles) {
      service.check(JSON.parse(text));
      cases += 1;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `${label}: ${String(cases)} cases in ${seconds.toFixed(2)} s = ${(cases / seconds).toFixed(1)} cases/s (${((seconds / cases) * 1000).toFixed(1)} ms/case)`,
  );
}

const demo = generateDemoCases({ seed: 1, count: 40 }).map((c) => JSON.stringify(c.bundle));
measure('demo cases (40 bundles, ~30 resources each)', demo, 10);

if (hasShared('fhir-samples')) {
  const dir = sharedPath('fhir-samples', 'bulk-10-patients-bundles');
  const synthea = readdirSync(dir).map((file) => {
    const bundle = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Bundle;
    const patient = bundle.entry?.[0]?.resource;
    bundle.entry?.push(
      {
        fullUrl: 'urn:uuid:bench-payer',
        resource: {
          resourceType: 'Organization',
          id: 'bench-payer',
          name: 'UnitedHealthcare',
          identifier: [{ value: '87726' }],
        },
      },
      {
        fullUrl: 'urn:uuid:bench-coverage',
        resource: {
          resourceType: 'Coverage',
          id: 'bench-coverage',
          status: 'active',
          beneficiary: { reference: `urn:uuid:${patient?.id ?? ''}` },
          payor: [{ reference: 'urn:uuid:bench-payer' }],
          type: { text: 'Commercial PPO' },
        },
      },
      {
        fullUrl: 'urn:uuid:bench-order',
        resource: {
          resourceType: 'ServiceRequest',
          id: 'bench-order',
          status: 'active',
          intent: 'order',
          subject: { reference: `urn:uuid:${patient?.id ?? ''}` },
          code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '72148' }] },
          authoredOn: '2026-11-02',
        },
      },
    );
    return JSON.stringify(bundle);
  });
  measure('Synthea sample patients (13 bundles, 62–3,489 resources)', synthea, 5);
  const largest = synthea.reduce((a, b) => (b.length > a.length ? b : a));
  measure('largest sample patient alone (3,489 resources, 708 notes)', [largest], 5);
  // The largest patient is 46 % of the sample's bytes; the other twelve are the sizes most records come in.
  measure(
    'the 12 other sample patients (62–1,275 resources)',
    synthea.filter((text) => text !== largest),
    5,
  );
}
