// Streaming reader for batch files of any size: segments or whole transaction sets, in constant memory (only the
// unfinished tail of the last chunk and the open transaction are held). The only async code in the codec.
import type { Delimiters } from './delimiters.ts';
import { EnvelopeAssembler, type TransactionSet } from './envelope.ts';
import { DEFAULT_LIMITS, type X12Limits } from './errors.ts';
import type { ParseOptions } from './parse.ts';
import type { Segment } from './segments.ts';
import { scanSegments, type ScanState } from './tokenizer.ts';

/** A Node Readable qualifies (it is an AsyncIterable of Buffer or string chunks). */
export type X12Source = AsyncIterable<Uint8Array | string>;

export interface StreamedSegment {
  segment: Segment;
  /** Delimiters of the interchange the segment belongs to. */
  delimiters: Delimiters;
}

export interface StreamedTransaction {
  set: TransactionSet;
  delimiters: Delimiters;
  /** Envelope headers around the set (their trailers come later in the stream). */
  isa: Segment;
  gs: Segment;
}

/**
 * Incremental tokenizer for chunked input: segments go to `sink` as soon as their terminator arrives; only the
 * unfinished tail of the last chunk is kept. Synchronous, so the async readers above it await once per chunk.
 */
export class ChunkTokenizer {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly state: ScanState = { delimiters: undefined, count: 0 };
  private buffer = '';
  private bomNoted = false;

  constructor(
    private readonly limits: X12Limits,
    private readonly sink: (segment: Segment, delimiters: Delimiters) => void,
    /** Called once, before the first segment, when the input starts with a byte-order mark. */
    private readonly onByteOrderMark?: () => void,
  ) {}

  write(chunk: Uint8Array | string): void {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    this.scan(false);
  }

  end(): void {
    this.buffer += this.decoder.decode();
    this.scan(true);
  }

  private scan(final: boolean): void {
    const { state } = this;
    const { consumed } = scanSegments(this.buffer, 0, state, this.limits, final, (segment) => {
      if (state.bom === true && !this.bomNoted) {
        this.bomNoted = true;
        this.onByteOrderMark?.();
      }
      // The scanner sets state.delimiters on the ISA before emitting anything.
      if (state.delimiters !== undefined) this.sink(segment, state.delimiters);
    });
    this.buffer = this.buffer.slice(consumed);
  }
}

/** One batch of segments per input chunk: one await per chunk, not per segment. */
async function* segmentBatches(source: X12Source, limits: X12Limits): AsyncGenerator<StreamedSegment[]> {
  let batch: StreamedSegment[] = [];
  const tokenizer = new ChunkTokenizer(limits, (segment, delimiters) => batch.push({ segment, delimiters }));
  for await (const chunk of source) {
    tokenizer.write(chunk);
    if (batch.length > 0) yield batch;
    batch = [];
  }
  tokenizer.end();
  if (batch.length > 0) yield batch;
}

export async function* streamSegments(source: X12Source, options: ParseOptions = {}): AsyncGenerator<StreamedSegment> {
  for await (const batch of segmentBatches(source, { ...DEFAULT_LIMITS, ...options.limits })) yield* batch;
}

/**
 * Transaction sets as their SE arrives. A set cut short (no SE before the next ST/GE/IEA or the end) is still
 * yielded, with `set.se` undefined, so the caller can report it.
 */
export async function* streamTransactions(
  source: X12Source,
  options: ParseOptions = {},
): AsyncGenerator<StreamedTransaction> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const assembler = new EnvelopeAssembler(limits, false);
  let context: { delimiters: Delimiters; isa: Segment; gs: Segment } | undefined;
  const complete = (set: TransactionSet | undefined, out: StreamedTransaction[]): void => {
    if (set !== undefined && context !== undefined) out.push({ set, ...context });
  };
  for await (const batch of segmentBatches(source, limits)) {
    const out: StreamedTransaction[] = [];
    for (const { segment, delimiters } of batch) {
      if (segment.id === 'ST') {
        // The set's context is fixed when it opens; a cut-short set is handed out before the new one starts.
        complete(assembler.push(segment, delimiters), out);
        const isa = assembler.currentInterchange?.isa;
        const gs = assembler.currentGroup?.gs;
        context = isa === undefined || gs === undefined ? undefined : { delimiters, isa, gs };
        continue;
      }
      complete(assembler.push(segment, delimiters), out);
    }
    yield* out;
  }
  const tail: StreamedTransaction[] = [];
  complete(assembler.end(), tail);
  yield* tail;
}
