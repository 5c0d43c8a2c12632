// Where a determination's time goes, on the Synthea sample patients: each phase timed on its own over the same
// bundles (a phase that includes another is shown with it, so the lines do not add up to the whole).
// Run: node --import tsx bench/determine/phases.ts [rounds]
import type { Bundle } from '@medplum/fhirtypes';
import { loadPolicyLibrary } from '../../src/adapters/policies/load.ts';
import { determine } from '../../src/core/determination/index.ts';
import { extractCodedFacts, extractNoteFacts } from '../../src/core/evidence/index.ts';
import { buildRecord, validateStructure } from '../../src/core/fhir/index.ts';
import { parseIntake } from '../../src/core/intake/index.ts';
import { syntheaCases } from './cases.ts';

const texts = syntheaCases();
if (texts.length === 0) process.exit(0);
const library = loadPolicyLibrary();
const rounds = Number(process.argv[2] ?? 8);
const AS_OF = '2026-11-02';
const totals = new Map<string, number>();

function timed<T>(phase: string, run: () => T): T {
  const started = process.hrtime.bigint();
  const result = run();
  totals.set(phase, (totals.get(phase) ?? 0) + Number(process.hrtime.bigint() - started) / 1e6);
  return result;
}

for (let round = -2; round < rounds; round += 1) {
  if (round === 0) totals.clear(); // two warm-up rounds
  for (const text of texts) {
    const bundle = timed('JSON.parse', () => JSON.parse(text) as Bundle);
    const entries = bundle.entry ?? [];
    timed('structural validation', () => {
      for (const [index, entry] of entries.entries()) {
        if (entry.resource) validateStructure(entry.resource, `Bundle.entry[${String(index)}]`);
      }
    });
    const intake = timed('intake (validation, record, order, coverage)', () => parseIntake(bundle));
    const record = timed('record building', () => buildRecord(bundle, intake.patient));
    timed('coded facts', () => extractCodedFacts(record, AS_OF));
    timed('note facts', () => record.notes.map((note) => extractNoteFacts(note)));
    timed('determine (facts, policy, risk, coverage)', () => determine(intake, library, { today: AS_OF }));
  }
}
const whole = (totals.get('JSON.parse') ?? 0) + (totals.get('intake (validation, record, order, coverage)') ?? 0);
const end = whole + (totals.get('determine (facts, policy, risk, coverage)') ?? 0);
console.log(
  `${String(texts.length)} bundles, ${String(rounds)} rounds; ms per round (all ${String(texts.length)} cases):`,
);
for (const [phase, ms] of totals) {
  console.log(
    `  ${phase.padEnd(44)} ${(ms / rounds).toFixed(1).padStart(7)}  ${((ms / end) * 100).toFixed(0).padStart(3)} %`,
  );
}
console.log(`  ${'bundle JSON → determination'.padEnd(44)} ${(end / rounds).toFixed(1).padStart(7)}  100 %`);
