// Runs every blind batch under fixtures/blind/ with the product as it is now. A batch's first run is kept verbatim in
// bench/blind/first-run/<batch>.{txt,json} the first time it is seen, and never rewritten: those are the figures
// that say how Klivira does on records nobody tuned it on. Later runs print beside them. A held-out batch (its name
// starts with `holdout`) is reported by its figures only: which cases it misses, and why, stay unseen, so that nobody
// tunes on it. A batch that has never run is run only when named, so that its first run is a decision (taken on the
// code a note can name), never a side effect of someone checking the other batches.
// Run: node --import tsx bench/blind/run.ts [batch …]
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReport, runFolder } from '../../src/adapters/cli/eval.ts';
import { loadPolicyLibrary } from '../../src/adapters/policies/load.ts';
import { CaseService } from '../../src/app/cases.ts';
import { evaluationReport } from '../../src/core/evaluation/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const batches = path.join(root, 'fixtures', 'blind');
const firstRuns = path.join(root, 'bench', 'blind', 'first-run');
mkdirSync(firstRuns, { recursive: true });

const service = new CaseService({
  library: loadPolicyLibrary(),
  organizationId: 'blind',
  today: () => new Date().toISOString().slice(0, 10),
});
const wanted = process.argv.slice(2);
const names = readdirSync(batches, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .filter((name) => (wanted.length === 0 ? existsSync(path.join(firstRuns, `${name}.txt`)) : wanted.includes(name)))
  .sort();
const unrun = readdirSync(batches).filter((name) => !names.includes(name) && !wanted.length && !name.includes('.'));
if (unrun.length > 0) console.log(`never run (name them to run them for the first time): ${unrun.join(', ')}`);

for (const name of names) {
  const full = evaluationReport(runFolder(path.join(batches, name), service));
  const report = name.startsWith('holdout')
    ? { ...full, falseMeets: full.falseMeets.map(() => '(held out)'), disagreements: [] }
    : full;
  const text = formatReport(report);
  const first = path.join(firstRuns, `${name}.txt`);
  if (!existsSync(first)) {
    const stamp = `first run of ${name}, ${new Date().toISOString()}\n\n`;
    writeFileSync(first, stamp + text);
    writeFileSync(path.join(firstRuns, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`${name}: first run, kept in ${path.relative(root, first)}`);
  }
  console.log(`== ${name} ==\n${text}`);
}
