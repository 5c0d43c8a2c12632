// The instances validate.ts keeps alive only help if they share their hidden classes with the ones a validation
// makes (bench/x12/README.md). V8 answers that only with --allow-natives-syntax, so a child node process is asked.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

const CHILD = `
const at = (name) => new URL(name, ${JSON.stringify(`file://${here}/`)}).href;
const { SHAPE_KEEPERS, X12Validator } = await import(at('validate.ts'));
const { parseX12 } = await import(at('parse.ts'));
const { ChunkTokenizer } = await import(at('stream.ts'));
const { DEFAULT_LIMITS } = await import(at('errors.ts'));
const { build278Request } = await import(at('x278-build.ts'));
const { sampleRequestInput } = await import(at('test-fixtures.ts'));
const { HlIdMap } = await import(at('hl-id-map.ts'));
const text = build278Request(sampleRequestInput());
const document = parseX12(text);
const sets = [];
const validator = new X12Validator({ retainTransactions: false, onTransaction: (parsed, set) => sets.push(set) });
for (const segment of document.segments) validator.push(segment, document.delimiters);
validator.end();
const segments = [];
const tokenizer = new ChunkTokenizer(DEFAULT_LIMITS, (segment) => segments.push(segment), () => {});
tokenizer.write(text);
tokenizer.end();
const [keptValidator, keptSegment, keptTokenizer, keptSet, keptIds] = SHAPE_KEEPERS;
const ids = new HlIdMap();
ids.set('1', {});
const same = (a, b) => %HaveSameMap(a, b);
console.log(JSON.stringify({
  validator: same(keptValidator, validator),
  assembler: same(keptValidator.assembler, validator.assembler),
  sets: same(keptValidator.sets, validator.sets),
  controlNumbers: same(keptValidator.controlNumbers, validator.controlNumbers),
  parsedSegments: document.segments.every((segment) => same(keptSegment, segment)),
  streamedSegments: segments.length === document.segments.length && segments.every((segment) => same(keptSegment, segment)),
  tokenizer: same(keptTokenizer, tokenizer),
  transactionSets: sets.length > 0 && [...sets, ...document.interchanges[0].groups[0].transactions].every((set) => same(keptSet, set)),
  hlIds: same(keptIds, ids),
}));
`;

describe('SHAPE_KEEPERS (integration: a child node process)', () => {
  it('share their hidden classes with the validator, segments, tokenizer, transaction sets and HL id maps a validation makes', () => {
    const child = spawnSync(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', CHILD],
      { encoding: 'utf8', cwd: here },
    );
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({
      validator: true,
      assembler: true,
      sets: true,
      controlNumbers: true,
      parsedSegments: true,
      streamedSegments: true,
      tokenizer: true,
      transactionSets: true,
      hlIds: true,
    });
  });
});
