// Demo data for `klivira serve --demo`: the seeded synthetic cases are written as bundle files (so a newcomer can
// run `klivira check` on them) and stored as cases, once: a restart does not store them again.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateDemoCases } from '../../demo/index.ts';
import type { Runtime } from '../runtime.ts';

export const DEMO_SEED = 20261123;

export async function loadDemo(
  runtime: Runtime,
  dir: string,
): Promise<{ stored: number; skipped: number; dir: string }> {
  mkdirSync(dir, { recursive: true });
  let stored = 0;
  let skipped = 0;
  for (const demo of generateDemoCases({ seed: DEMO_SEED })) {
    writeFileSync(path.join(dir, `${demo.id}.json`), `${JSON.stringify(demo.bundle, null, 2)}\n`);
    if (await runtime.service.hasBundle(demo.id)) {
      skipped += 1;
      continue;
    }
    await runtime.service.create({ ...demo.bundle, id: demo.id }, {}, 'demo-loader');
    stored += 1;
  }
  return { stored, skipped, dir: path.resolve(dir) };
}
