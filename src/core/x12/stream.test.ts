import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { X12Error } from './errors.ts';
import { parseX12 } from './parse.ts';
import { streamSegments, streamTransactions } from './stream.ts';
import { sampleRequestInput } from './test-fixtures.ts';
import { hasSamples, INTELIGENZ_SAMPLES, readSample } from '../../testing/x12-samples.ts';
import { build278Request } from './x278-build.ts';

/** Bytes of `text` in chunks of `size`, splitting multi-byte characters (the BOM) across chunks on purpose. */
function chunks(text: string, size: number): Readable {
  const bytes = Buffer.from(text, 'utf8');
  function* pieces(): Generator<Uint8Array> {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  return Readable.from(pieces());
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

/** A batch of `count` 278 requests in one interchange, with `~\n` terminators (node-x12 merges these at chunk edges). */
function batch(count: number): string {
  const one = build278Request(sampleRequestInput());
  const sets = one.slice(one.indexOf('ST*'), one.indexOf('GE*'));
  const head = one.slice(0, one.indexOf('ST*'));
  return (head + sets.repeat(count) + `GE*${count}*42~IEA*1*000000042~`).replaceAll('~', '~\n');
}

describe('streamSegments', () => {
  it.each([1, 2, 3, 7, 64, 4096])(
    'yields the same segments as parseX12 whatever the chunk size (%i bytes)',
    async (size) => {
      const text = batch(3);
      const streamed = await collect(streamSegments(chunks(text, size)));
      expect(streamed.map((s) => s.segment.elements)).toEqual(parseX12(text).segments.map((s) => s.elements));
    },
  );

  it.skipIf(!hasSamples())('tolerates a BOM split across chunks and CRLF indentation', async () => {
    const text = readSample(INTELIGENZ_SAMPLES[0] ?? '');
    const streamed = await collect(streamSegments(chunks(text, 2)));
    expect(streamed.map((s) => s.segment.id)).toEqual(parseX12(text).segments.map((s) => s.id));
  });

  it('reads from a Node Readable of strings', async () => {
    const streamed = await collect(
      streamSegments(
        Readable.from([
          'ISA*00*          *00*          *ZZ*A              *ZZ*B   ',
          '           *260101*1200*^*00501*000000001*0*T*:~IEA*0*000000001~',
        ]),
      ),
    );
    expect(streamed.map((s) => s.segment.id)).toEqual(['ISA', 'IEA']);
  });

  it('fails with a typed error, early, on an endless segment', async () => {
    function* endless(): Generator<string> {
      yield 'ISA*00*          *00*          *ZZ*A              *ZZ*B              *260101*1200*^*00501*000000001*0*T*:~GS*';
      for (;;) yield 'X'.repeat(1024);
    }
    await expect(collect(streamSegments(Readable.from(endless())))).rejects.toMatchObject({ code: 'SEGMENT_TOO_LONG' });
    await expect(collect(streamSegments(Readable.from(endless())))).rejects.toBeInstanceOf(X12Error);
  });
});

describe('streamTransactions', () => {
  it('hands out each transaction set with its envelope, and flags a set cut short', async () => {
    const text = batch(5);
    const sets = await collect(streamTransactions(chunks(text, 100)));
    expect(sets).toHaveLength(5);
    expect(
      sets.every((t) => t.set.se !== undefined && t.gs.elements[6] === '42' && t.isa.elements[13] === '000000042'),
    ).toBe(true);
    const cut = text.slice(0, text.lastIndexOf('SE*'));
    const partial = await collect(streamTransactions(chunks(cut, 100)));
    expect(partial.map((t) => t.set.se === undefined)).toEqual([false, false, false, false, true]);
  });

  it('streams a ~50 MB batch in bounded memory', async () => {
    const one = build278Request(sampleRequestInput());
    const head = one.slice(0, one.indexOf('ST*'));
    const set = one.slice(one.indexOf('ST*'), one.indexOf('GE*'));
    const target = 50 * 1024 * 1024;
    const perChunk = 100;
    function* big(): Generator<string> {
      yield head;
      for (let produced = 0; produced < target; produced += set.length * perChunk) yield set.repeat(perChunk);
      yield 'GE*1*42~IEA*1*000000042~';
    }
    const before = process.memoryUsage().heapUsed;
    let count = 0;
    let peak = 0;
    for await (const item of streamTransactions(Readable.from(big()))) {
      if (item.set.se !== undefined) count++;
      if (count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(count).toBe(Math.ceil(target / (set.length * perChunk)) * perChunk);
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  });
});
