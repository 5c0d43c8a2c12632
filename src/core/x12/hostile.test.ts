// Hostile input: whatever the bytes, the codec ends in a result or an X12Error — never another exception — and
// in time proportional to the input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { readAcknowledgments } from './acks.ts';
import { summarise278Response } from './decisions.ts';
import { X12Error } from './errors.ts';
import { parseX12 } from './parse.ts';
import { serializeDocument } from './serializer.ts';
import { adversarialShapes, sampleRequestInput } from './test-fixtures.ts';
import { CLEAN_SAMPLES, hasSamples, readSample, ACK_SAMPLES } from '../../testing/x12-samples.ts';
import { validateX12, validateX12Stream } from './validate.ts';
import { build278Request } from './x278-build.ts';

/** Everything a channel would do with an inbound file. */
function consume(input: string | Uint8Array): 'ok' | 'x12-error' {
  try {
    const document = parseX12(input);
    expect(serializeDocument(document)).toBe(typeof input === 'string' ? input : serializeDocument(parseX12(input)));
    const report = validateX12(document);
    for (const { transaction } of report.transactions) summarise278Response(transaction);
    readAcknowledgments(document);
    return 'ok';
  } catch (error) {
    if (error instanceof X12Error) return 'x12-error';
    throw error;
  }
}

const built = build278Request(sampleRequestInput());
const corpus = (): string[] => (hasSamples() ? [...CLEAN_SAMPLES, ...ACK_SAMPLES].map(readSample) : []).concat(built);

/** A mutation of a base text, described as data so fast-check can shrink it. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), with: fc.string({ minLength: 1, maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('noise' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  }),
  fc.record({
    kind: fc.constant('delimiter' as const),
    from: fc.constantFrom('*', ':', '^', '~', '>'),
    to: fc.constantFrom('*', ':', '^', '~', '|', 'A', ' ', '\n'),
  }),
  fc.record({ kind: fc.constant('huge' as const), at: fc.nat(), size: fc.integer({ min: 1000, max: 20_000 }) }),
  fc.record({
    kind: fc.constant('repeat' as const),
    at: fc.nat(),
    count: fc.integer({ min: 10, max: 2000 }),
    unit: fc.constantFrom('^', ':', '*', 'HL*1**20*1~', '~'),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string | Uint8Array {
  const at = 'at' in m ? m.at % (text.length + 1) : 0;
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'replace':
      return text.slice(0, at) + m.with + text.slice(at + m.with.length);
    case 'noise': {
      const bytes = Buffer.from(text, 'utf8');
      return Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
    }
    case 'delimiter':
      return text.replaceAll(m.from, m.to);
    case 'huge':
      return text.slice(0, at) + 'X'.repeat(m.size) + text.slice(at);
    case 'repeat':
      return text.slice(0, at) + m.unit.repeat(m.count) + text.slice(at);
  }
}

describe('hostile input', () => {
  it('mutated samples and built requests: always a result or an X12Error', () => {
    const texts = corpus();
    const outcomes = { ok: 0, 'x12-error': 0 };
    fc.assert(
      fc.property(
        fc.nat({ max: texts.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (pick, mutations) => {
          let input: string | Uint8Array = texts[pick] ?? built;
          for (const m of mutations)
            input = mutate(typeof input === 'string' ? input : Buffer.from(input).toString('latin1'), m);
          outcomes[consume(input)]++;
        },
      ),
      { numRuns: 1500 },
    );
    // Both paths are exercised: many mutants still parse and go through validation and the decision summary.
    expect(outcomes.ok).toBeGreaterThan(300);
    expect(outcomes['x12-error']).toBeGreaterThan(100);
  });

  it('streamed in random chunks, mutated input ends in a report or an X12Error', async () => {
    const texts = corpus();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: texts.length - 1 }),
        mutation,
        fc.integer({ min: 1, max: 97 }),
        async (pick, m, size) => {
          const mutated = mutate(texts[pick] ?? built, m);
          const bytes = typeof mutated === 'string' ? Buffer.from(mutated, 'utf8') : Buffer.from(mutated);
          const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
            bytes.subarray(i * size, (i + 1) * size),
          );
          try {
            await validateX12Stream(Readable.from(chunks), { retainTransactions: false });
          } catch (error) {
            expect(error).toBeInstanceOf(X12Error);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random bytes and strings: always a result or an X12Error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        expect(['ok', 'x12-error']).toContain(consume(bytes));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(['ok', 'x12-error']).toContain(consume(`ISA${text}`));
      }),
      { numRuns: 500 },
    );
  });

  it.skipIf(!hasSamples())('keeps working on samples with prototype-named codes', () => {
    const text = readSample(CLEAN_SAMPLES[1] ?? '')
      .replace('HL*4*3*EV*0', 'HL*4*3*constructor*0')
      .replace('HCR*A1', 'HCR*__proto__');
    expect(consume(text)).toBe('ok');
  });

  it('enforces its hard limits with typed errors', () => {
    const head = built.slice(0, built.indexOf('ST*'));
    const cases: [string, string][] = [
      [`${head}ST*278*0001*${'9'.repeat(5000)}~`, 'ELEMENT_TOO_LONG'],
      [`${head}ST*278*0001~${'X'.repeat(20_000)}`, 'SEGMENT_TOO_LONG'],
      [`${head}ST*${'*'.repeat(100)}~`, 'TOO_MANY_ELEMENTS'],
      [`${head}ST*278*0001*005010X217~${'MSG*HI~'.repeat(10_001)}`, 'TOO_MANY_SEGMENTS'],
      [`${head}st*278~`, 'BAD_SEGMENT_ID'],
      ['ISA*00*X~', 'BAD_ISA'],
      ['ISA000000', 'BAD_DELIMITERS'],
      ['hello', 'NO_INTERCHANGE'],
    ];
    for (const [text, code] of cases)
      expect(() => parseX12(text), code).toThrow(expect.objectContaining({ code }) as Error);
  });

  // Their time per kilobyte is measured by bench/x12/adversarial.ts, not here: tests do not time.
  it('ends adversarial shapes (deep HL chains, huge sets, separator floods) in a result or a typed error', () => {
    const head = built.slice(0, built.indexOf('ST*'));
    // The first two parse and validate (with findings); a flood of separators is not a segment id.
    expect(adversarialShapes(head).map(({ text }) => consume(text))).toEqual(['ok', 'ok', 'x12-error']);
  });
});
