// Benchmark (not a test): `node --import tsx bench/x12/adversarial.ts`. Time per kilobyte of the inputs shaped to
// make a naive codec go quadratic (src/core/x12/test-fixtures.ts), against a well-formed 10,000-transaction batch of
// about the same size: parse, re-serialize, validate and read the decisions, as the hostile-input tests do.
import { X12Error, parseX12, serializeDocument, validateX12, build278Request } from '../../src/core/x12/index.ts';
// eslint-disable-next-line no-restricted-imports -- the x12 test fixtures are not on the x12 index
import { adversarialShapes, sampleRequestInput } from '../../src/core/x12/test-fixtures.ts';
import { generateBatch } from './generate.ts';

function consume(text: string): string {
  try {
    const document = parseX12(text);
    serializeDocument(document);
    const report = validateX12(document);
    return `${String(report.issues.length)} finding(s)`;
  } catch (error) {
    if (error instanceof X12Error) return `X12Error ${error.code}`;
    throw error;
  }
}

const built = build278Request(sampleRequestInput());
const head = built.slice(0, built.indexOf('ST*'));
const inputs = [...adversarialShapes(head), { name: 'well-formed batch (10,000 sets)', text: generateBatch(10_000) }];

for (const { name, text } of inputs) {
  consume(text);
  const times: number[] = [];
  let outcome = '';
  for (let round = 0; round < 5; round += 1) {
    const started = performance.now();
    outcome = consume(text);
    times.push(performance.now() - started);
  }
  const median = times.sort((a, b) => a - b)[2] ?? 0;
  const kb = text.length / 1024;
  console.log(
    `${name}: ${kb.toFixed(0)} KiB, median ${median.toFixed(0)} ms = ${(median / kb).toFixed(3)} ms/KiB (${outcome})`,
  );
}
