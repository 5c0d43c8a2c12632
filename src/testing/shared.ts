// Test vectors live in ../shared beside the repository (X12 samples, PAS examples, Synthea patients). Tests read
// them in place and never copy them; where the folder is absent, those tests are skipped and say so.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Absolute path of a file or folder under `../shared/`. */
export function sharedPath(...parts: string[]): string {
  return path.join(repoRoot, '..', 'shared', ...parts);
}

/** True when `../shared/<parts>` exists; use with `describe.skipIf(!hasShared(...))`. */
export function hasShared(...parts: string[]): boolean {
  const present = existsSync(sharedPath(...parts));
  if (!present) console.warn(`skipped: ../shared/${parts.join('/')} is absent`);
  return present;
}
