// Speed of the whole check, bundle JSON → determination (validation, intake, facts, policy evaluation), for one
// process: the seeded demo cases (small records) and, where ../shared is present, the Synthea sample patients with
// a lumbar MRI order added (large records, up to ~3,500 resources and 700 notes).
// Run: node --import tsx bench/determine/bench.ts
import { loadPolicyLibrary } from '../../src/adapters/policies/load.ts';
import { CaseService } from '../../src/app/cases.ts';
import { generateDemoCases } from '../../src/demo/index.ts';
import { syntheaCases } from './cases.ts';

const service = new CaseService({ library: loadPolicyLibrary(), organizationId: 'bench', today: () => '2026-11-02' });

/**
 * Two figures per set: the first rounds after a single warm-up (what one short-lived process sees, JIT and regular
 * expression compilation still settling; the figure this bench has always printed), and the steady state a
 * long-running API or worker process reaches (the median round of the next ten: a median, since this 2-core machine's
 * neighbours make single rounds vary by a third).
 */
function measure(label: string, bundles: string[], firstRounds: number, steadyRounds = 10): void {
  // Warm-up: definitions indexed.
  for (const text of bundles) service.check(JSON.parse(text));
  const rounds: number[] = [];
  for (let round = 0; round < firstRounds + steadyRounds; round += 1) {
    const started = process.hrtime.bigint();
    for (const text of bundles) service.check(JSON.parse(text));
    rounds.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  const first = rounds.slice(0, firstRounds).reduce((a, b) => a + b, 0);
  const steady = rounds.slice(firstRounds).sort((a, b) => a - b)[Math.floor(steadyRounds / 2)] ?? 0;
  const cases = bundles.length;
  console.log(
    `${label}: first ${String(firstRounds)} rounds ${((cases * firstRounds) / first).toFixed(1)} cases/s (${((first / (cases * firstRounds)) * 1000).toFixed(1)} ms/case); steady ${(cases / steady).toFixed(1)} cases/s (${((steady / cases) * 1000).toFixed(1)} ms/case)`,
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
