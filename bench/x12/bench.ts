// Benchmark (not a test): `node --import tsx bench/x12/bench.ts`.
// 1. In one process, on the same generated 10,000-transaction 278 file: our parse + 278 mapping + validation
//    against node-x12 (parse to its object model) and x12-parser (segment tokenizer stream), median of several runs.
// 2. Streams a 100,000-transaction batch file from a temp file in a child process and reports its peak RSS. The child
//    runs the codec transpiled to JS under plain node: the tsx loader alone holds ~40 MiB that production won't have.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { X12Parser } from 'node-x12';
import { X12parser } from 'x12-parser';
import ts from 'typescript';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseX12, validateX12, validateX12Text } from '../../src/core/x12/index.ts';
import { generateBatch, interchangeHead, interchangeTail, transactionText } from './generate.ts';
import type { StreamFigures } from './stream-run.ts';

// A full collection before each contender's block (blocks mode): see timeAll.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const TRANSACTIONS = 10_000;
const STREAM_TRANSACTIONS = 100_000;
const RUNS = 9;
const WARMUP = 2;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

interface Contender {
  name: string;
  peer: boolean;
  run: () => Promise<void> | void;
}

/**
 * Median time of each contender, two ways. Interleaved: one run of each per round, so a noisy machine weighs on every
 * contender alike, but each run starts on the heap and JIT state the previous contender left (node-x12's object
 * model, the document mode's 270,000 segments). In blocks: all rounds of one contender in a row, blocks in order and
 * then in reverse order (so drift over time weighs on all alike), each block after a full collection, so each
 * contender runs warm on its own state and no contender's scavenges walk another's uncollected garbage (700 MB of
 * old generation after node-x12 made every scavenge of the next contender ~2 ms instead of ~0.4 ms).
 */
async function timeAll(contenders: readonly Contender[], mode: 'interleaved' | 'blocks'): Promise<number[]> {
  const samples = contenders.map((): number[] => []);
  const timed = async (i: number, round: number): Promise<void> => {
    const started = performance.now();
    await contenders[i]?.run();
    if (round >= WARMUP) samples[i]?.push(performance.now() - started);
  };
  if (mode === 'interleaved') {
    for (let round = 0; round < WARMUP + RUNS; round++) for (const i of contenders.keys()) await timed(i, round);
  } else {
    const order = [...contenders.keys()];
    for (const pass of [order, [...order].reverse()]) {
      for (const i of pass) {
        collectGarbage();
        for (let round = 0; round < WARMUP + RUNS; round++) await timed(i, round);
      }
    }
  }
  return samples.map(median);
}

/** One pass: tokenize, envelope checks, 278 model of every set, validation; models handed to a consumer, not kept. */
function ours(text: string): void {
  let decided = 0;
  const report = validateX12Text(text, {
    retainTransactions: false,
    onTransaction: (parsed) => {
      if (parsed.transaction.events.length > 0) decided++;
    },
  });
  if (report.transactionCount !== TRANSACTIONS || decided !== TRANSACTIONS || !report.valid) {
    throw new Error(`ours: ${report.errorCount} errors`);
  }
}

/** Document mode: the whole interchange kept in memory (what `klivira x12 validate` of one file does). */
function oursDocument(text: string): void {
  const report = validateX12(parseX12(text));
  if (report.transactions.length !== TRANSACTIONS || !report.valid)
    throw new Error(`ours: ${report.errorCount} errors`);
}

function nodeX12(text: string): void {
  const interchange = new X12Parser(true).parse(text);
  if (!('functionalGroups' in interchange)) throw new Error('node-x12: unexpected fat interchange');
}

async function x12Parser(text: string): Promise<void> {
  const parser = new X12parser();
  let segments = 0;
  parser.on('data', () => {
    segments++;
  });
  Readable.from([Buffer.from(text)]).pipe(parser);
  await once(parser, 'end');
  if (segments < TRANSACTIONS) throw new Error(`x12-parser: ${segments} segments`);
}

async function writeBatchFile(file: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (chunk: string): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(interchangeHead());
  // Build 1,000 distinct transactions and cycle them, renumbering ST02/SE02 so every control number stays unique.
  const texts = Array.from({ length: 1_000 }, (_, i) => transactionText(i));
  for (let i = 0; i < count; i++) {
    const control = String(i + 1).padStart(6, '0');
    const text = texts[i % texts.length] ?? '';
    await write(text.replace(/^ST\*278\*\d+\*/, `ST*278*${control}*`).replace(/\*\d+~$/, `*${control}~`));
  }
  await write(interchangeTail(count));
  out.end();
  await once(out, 'finish');
}

/** Transpiles the codec and the stream runner to plain ESM JS in `dir` (same relative layout), for a loader-free child. */
function transpileForChild(dir: string): string {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  // The codec and the one shared module it imports (the review-action table both wires use).
  const sources = [
    ...readdirSync(path.join(root, 'src/core/x12'))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .map((name) => path.join('src/core/x12', name)),
    'src/core/channel/review-action.ts',
    'bench/x12/stream-run.ts',
  ];
  for (const source of sources) {
    const { outputText } = ts.transpileModule(readFileSync(path.join(root, source), 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2023,
        rewriteRelativeImportExtensions: true,
        verbatimModuleSyntax: true,
      },
    });
    const target = path.join(dir, source.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
  return path.join(dir, 'bench/x12/stream-run.js');
}

async function main(): Promise<void> {
  const text = generateBatch(TRANSACTIONS);
  const megabytes = Buffer.byteLength(text) / (1024 * 1024);
  const segments = parseX12(text).segments.length;
  console.log(
    `file: ${TRANSACTIONS} transactions, ${segments} segments, ${megabytes.toFixed(2)} MiB; median of ${RUNS} runs after ${WARMUP} warm-up (in blocks: of 2 × ${RUNS})`,
  );
  const contenders: Contender[] = [
    {
      name: 'klivira one-pass (tokenize + 278 model + validation)',
      peer: false,
      run: () => {
        ours(text);
      },
    },
    {
      name: 'klivira document (parseX12 + validateX12)',
      peer: false,
      run: () => {
        oursDocument(text);
      },
    },
    { name: 'x12-parser 1.3.0 (segments only)', peer: true, run: () => x12Parser(text) },
    {
      name: 'node-x12 1.7.1 (strict parse, its object model)',
      peer: true,
      run: () => {
        nodeX12(text);
      },
    },
  ];
  for (const mode of ['interleaved', 'blocks'] as const) {
    console.log(`${mode}:`);
    const medians = await timeAll(contenders, mode);
    contenders.forEach(({ name }, i) => {
      const seconds = (medians[i] ?? Number.NaN) / 1000;
      const rate = Math.round(TRANSACTIONS / seconds).toLocaleString('en-US');
      console.log(
        `  ${name.padEnd(54)} ${(seconds * 1000).toFixed(0).padStart(6)} ms ${rate.padStart(9)} tx/s ${(megabytes / seconds).toFixed(1).padStart(6)} MiB/s`,
      );
    });
    const fastestPeer = Math.min(...contenders.flatMap((c, i) => (c.peer ? [medians[i] ?? Number.NaN] : [])));
    contenders.forEach(({ name, peer }, i) => {
      if (!peer) console.log(`  ${name}: ${(fastestPeer / (medians[i] ?? Number.NaN)).toFixed(2)}x the faster peer`);
    });
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'klivira-x12-bench-'));
  const file = path.join(dir, 'batch-100k.x12');
  try {
    await writeBatchFile(file, STREAM_TRANSACTIONS);
    const size = statSync(file).size / (1024 * 1024);
    const runner = transpileForChild(path.join(dir, 'js'));
    // Default V8 heap sizing, then V8's --optimize-for-size (smaller heap growth steps), the setting a
    // memory-capped batch worker would run with: the codec's own live data is a few MiB either way.
    for (const flags of [[], ['--optimize-for-size']]) {
      const child = spawnSync(process.execPath, [...flags, runner, file], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`stream child failed: ${child.stderr}`);
      const result = JSON.parse(child.stdout) as StreamFigures;
      console.log(
        `stream${flags.length > 0 ? ` (node ${flags.join(' ')})` : ''}: ${result.count.toLocaleString('en-US')} transactions (${size.toFixed(1)} MiB file) ` +
          `in ${result.seconds.toFixed(2)} s (${Math.round(result.count / result.seconds).toLocaleString('en-US')} tx/s, ` +
          `${(size / result.seconds).toFixed(1)} MiB/s), peak RSS ${result.maxRssMiB.toFixed(0)} MiB, peak heap used ` +
          `${result.heapUsedMiB.toFixed(0)} MiB, ${result.errors} validation errors`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
