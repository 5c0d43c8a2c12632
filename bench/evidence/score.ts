// Precision and recall of note extraction over the annotated corpus, per fact kind and per assertion (negation,
// and red flags by assertion). Run: node --import tsx bench/evidence/score.ts [--verbose]
// The development corpus (fixtures/notes-corpus) was used while writing the extractors; the held-out set
// was annotated before it was first run and not tuned on afterwards, so its figures are the honest ones.
import { extractNoteFacts } from '../../src/core/evidence/index.ts';
import {
  CORPUS,
  HELD_OUT,
  HELD_OUT_2,
  HELD_OUT_3,
  HELD_OUT_4,
  HELD_OUT_5,
  HELD_OUT_6,
} from '../../fixtures/notes-corpus/index.ts';
import type { CorpusNote } from '../../fixtures/notes-corpus/index.ts';
import { align, type Counts, precision, recall, score } from '../../fixtures/notes-corpus/match.ts';

const verbose = process.argv.includes('--verbose');

function pct(v: number): string {
  return v.toFixed(3);
}

function table(title: string, rows: Map<string, Counts>): void {
  console.log(`\n${title}`);
  console.log(`  ${'key'.padEnd(22)} ${'P'.padStart(6)} ${'R'.padStart(6)}   tp  fp  fn`);
  for (const [key, c] of [...rows.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const line = `  ${key.padEnd(22)} ${pct(precision(c)).padStart(6)} ${pct(recall(c)).padStart(6)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}`;
    console.log(line);
  }
}

function run(name: string, notes: readonly CorpusNote[]): void {
  const results = notes.map((note) =>
    align(
      note,
      extractNoteFacts({
        reference: `DocumentReference/${note.id}`,
        date: note.date,
        contentType: 'text/plain',
        text: note.text,
      }),
    ),
  );
  const s = score(results);
  const forbidden = results.reduce((n, r) => n + r.forbidden.length, 0);
  console.log(`\n=== ${name}: ${notes.length} notes, ${s.total.tp + s.total.fn} annotated facts`);
  console.log(
    `overall P ${pct(precision(s.total))}  R ${pct(recall(s.total))}  (tp ${s.total.tp}, fp ${s.total.fp}, fn ${s.total.fn}); forbidden facts produced: ${forbidden}`,
  );
  table('by fact kind', s.byKind);
  table('by assertion', s.byAssertion);
  table('red flags by assertion', s.redFlagsByAssertion);
  if (verbose) {
    for (const r of results) {
      for (const p of r.pairs) if (!p.fact) console.log(`  MISS  ${r.note.id} ${JSON.stringify(p.expected)}`);
      for (const f of r.extra) {
        const { source, ...rest } = f;
        console.log(`  EXTRA ${r.note.id} ${JSON.stringify(rest)} | ${source.text.slice(0, 60)}`);
      }
    }
  }
}

run('development corpus', CORPUS);
if (HELD_OUT.length > 0) run('held-out corpus 1 (used for fixes after its first run)', HELD_OUT);
if (HELD_OUT_2.length > 0) run('held-out corpus 2 (used for fixes after its first run)', HELD_OUT_2);
if (HELD_OUT_3.length > 0) run('held-out corpus 3 (used for fixes after its first run)', HELD_OUT_3);
if (HELD_OUT_4.length > 0) run('held-out corpus 4 (used for fixes after its first run)', HELD_OUT_4);
if (HELD_OUT_5.length > 0) run('held-out corpus 5 (used for fixes after its first run)', HELD_OUT_5);
if (HELD_OUT_6.length > 0) run('held-out corpus 6 (used for fixes after its first run)', HELD_OUT_6);
