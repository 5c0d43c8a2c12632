// Speed of note extraction on the Synthea sample patients: the largest (Marine542, ~700 notes) and all 13 together.
// Run: node --import tsx bench/evidence/speed.ts
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import type { Bundle, Patient } from '@medplum/fhirtypes';
import { buildRecord, type ClinicalNote } from '../../src/core/fhir/index.ts';
import { extractNoteFacts } from '../../src/core/evidence/index.ts';
import { hasShared, sharedPath } from '../../src/testing/shared.ts';

const DIR = ['fhir-samples', 'bulk-10-patients-bundles'] as const;
if (!hasShared(...DIR)) process.exit(0);
const files = readdirSync(sharedPath(...DIR)).filter((f) => f.endsWith('.json'));
const largest = files.find((f) => f.startsWith('Marine542_'));
if (!largest) throw new Error('Marine542 bundle not found');

const ms = (v: number | undefined): string => `${(v ?? 0).toFixed(1)} ms`;
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

function load(file: string): { notes: ClinicalNote[]; resources: number; parse: number; decode: number } {
  const t0 = performance.now();
  const bundle = JSON.parse(readFileSync(path.join(sharedPath(...DIR), file), 'utf8')) as Bundle;
  const patient = bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource as Patient;
  const t1 = performance.now();
  const record = buildRecord(bundle, patient);
  return { notes: record.notes, resources: record.resources.length, parse: t1 - t0, decode: performance.now() - t1 };
}

/** Seven runs over the notes: wall and CPU time of each, and the facts found. */
function time(notes: readonly ClinicalNote[]): { wall: number[]; cpu: number[]; facts: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  let facts = 0;
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    facts = 0;
    for (const note of notes) facts += extractNoteFacts(note).length;
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu, facts };
}

function report(label: string, notes: readonly ClinicalNote[]): void {
  const { wall, cpu, facts } = time(notes);
  const chars = notes.reduce((n, note) => n + note.text.length, 0);
  console.log(`${label}: ${notes.length} notes, ${(chars / 1024).toFixed(0)} KiB of note text, ${facts} facts`);
  console.log(
    `  extractNoteFacts  first run ${ms(wall[0])}, median of 7 ${ms(median(wall))}, best ${ms(Math.min(...wall))}`,
  );
  console.log(`  CPU (user+sys)    first run ${ms(cpu[0])}, median of 7 ${ms(median(cpu))}`);
}

const big = load(largest);
console.log(`largest patient      ${largest}`);
console.log(`resources            ${big.resources}`);
console.log(`JSON parse           ${ms(big.parse)}`);
console.log(`buildRecord (decode) ${ms(big.decode)}`);
report('largest patient', big.notes);
report(
  `all ${files.length} patients`,
  files.flatMap((f) => load(f).notes),
);
console.log(
  `load average         ${loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')} on ${cpus().length} CPUs`,
);
