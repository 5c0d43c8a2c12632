// Structural validation speed on the Synthea sample patients: medplum's validateResource (the reference) against
// our compiled validator, in µs per resource. Both see every resource of every bundle on every round.
// Run: node --import tsx bench/determine/validate.ts [rounds]
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { validateResource } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { definitions, validateCompiled } from '../../src/core/fhir/index.ts';
import { hasShared, sharedPath } from '../../src/testing/shared.ts';

if (!hasShared('fhir-samples', 'bulk-10-patients-bundles')) process.exit(0);
const dir = sharedPath('fhir-samples', 'bulk-10-patients-bundles');
const resources: Resource[] = readdirSync(dir).flatMap((file) => {
  const bundle = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Bundle;
  return (bundle.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));
});
definitions();
const rounds = Number(process.argv[2] ?? 5);

function medplum(resource: Resource): number {
  try {
    return validateResource(resource).filter((issue) => issue.severity === 'error').length;
  } catch {
    return 1;
  }
}

function measure(label: string, validate: (resource: Resource) => number): void {
  for (const resource of resources) validate(resource); // warm-up: types compiled, JIT settled
  let errors = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let round = 0; round < rounds; round += 1) for (const resource of resources) errors += validate(resource);
  const count = rounds * resources.length;
  const micros = Number(process.hrtime.bigint() - started) / 1e3 / count;
  // CPU time too: on a shared machine the wall clock also counts the time other processes held the core.
  const used = process.cpuUsage(cpu);
  const cpuMicros = (used.user + used.system) / count;
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  console.log(
    `${label}: ${micros.toFixed(2)} µs/resource wall, ${cpuMicros.toFixed(2)} µs CPU (${String(errors)} errors; load ${load})`,
  );
}

console.log(`${String(resources.length)} resources, ${String(rounds)} rounds`);
measure('medplum validateResource', medplum);
measure('compiled validator     ', (resource) => validateCompiled(resource).length);
