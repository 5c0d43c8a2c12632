// Speed of note extraction on the largest Synthea sample patient (Marine542, ~700 notes).
// Run: node --import tsx bench/evidence/speed.ts
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Bundle, Patient } from '@medplum/fhirtypes';
import { buildRecord } from '../../src/core/fhir/record.ts';
import { extractNoteFacts } from '../../src/core/evidence/notes/index.ts';
import { hasShared, sharedPath } from '../../src/testing/shared.ts';

const DIR = ['fhir-samples', 'bulk-10-patients-bundles'] as const;
if (!hasShared(...DIR)) process.exit(0);
const file = readdirSync(sharedPath(...DIR)).find((f) => f.startsWith('Marine542_'));
if (!file) throw new Error('Marine542 bundle not found');

const t0 = performance.now();
const bundle = JSON.parse(readFileSync(path.join(sharedPath(...DIR), file), 'utf8')) as Bundle;
const patient = bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource as Patient;
const t1 = performance.now();
const record = buildRecord(bundle, patient);
const t2 = performance.now();

const runs: number[] = [];
const cpu: number[] = [];
let facts = 0;
for (let i = 0; i < 7; i++) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  facts = 0;
  for (const note of record.notes) facts += extractNoteFacts(note).length;
  runs.push(performance.now() - start);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
}
const chars = record.notes.reduce((n, note) => n + note.text.length, 0);
const sorted = [...runs].sort((a, b) => a - b);
const ms = (v: number | undefined): string => `${(v ?? 0).toFixed(1)} ms`;

console.log(`patient file         ${file}`);
console.log(
  `resources / notes    ${record.resources.length} / ${record.notes.length} (${(chars / 1024).toFixed(0)} KiB of note text)`,
);
console.log(`JSON parse           ${ms(t1 - t0)}`);
console.log(`buildRecord (decode) ${ms(t2 - t1)}`);
console.log(`extractNoteFacts     first run ${ms(runs[0])}, median of 7 ${ms(sorted[3])}, best ${ms(sorted[0])}`);
console.log(`  CPU time (user+sys) first run ${ms(cpu[0])}, median ${ms([...cpu].sort((a, b) => a - b)[3])}`);
console.log(`facts                ${facts}`);
console.log(
  `load average         ${(await import('node:os'))
    .loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')} on ${(await import('node:os')).cpus().length} CPUs`,
);
