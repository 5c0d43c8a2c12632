// Speed of the whole check, bundle JSON → determination (validation, intake, facts, policy evaluation), for one
// process: the seeded demo cases (small records) and, where ../shared is present, the Synthea sample patients with
// a lumbar MRI order added (large records, up to ~3,500 resources and 700 notes).
// Run: node --import tsx bench/determine/bench.ts
import { loadPolicyLibrary } from '../../src/adapters/policies/load.ts';
import { CaseService } from '../../src/app/cases.ts';
import { generateDemoCases } from '../../src/demo/index.ts';
import { syntheaCases } from './cases.ts';

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

const synthea = syntheaCases();
if (synthea.length > 0) {
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
