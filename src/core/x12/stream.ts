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

/** One batch of segments per input chunk: one await per chunk, not per segment. */
export async function* segmentBatches(
  source: X12Source,
  limits: X12Limits,
  onByteOrderMark?: () => void,
): AsyncGenerator<StreamedSegment[]> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const state: ScanState = { delimiters: undefined, count: 0 };
  let buffer = '';
  let bomNoted = false;
  const scan = (final: boolean): StreamedSegment[] => {
    const batch: StreamedSegment[] = [];
    const { consumed } = scanSegments(buffer, 0, state, limits, final, (segment) => {
      // The scanner sets state.delimiters on the ISA before emitting anything.
      if (state.delimiters !== undefined) batch.push({ segment, delimiters: state.delimiters });
    });
    if (state.bom === true && !bomNoted) {
      bomNoted = true;
      onByteOrderMark?.();
    }
    buffer = buffer.slice(consumed);
    return batch;
  };
  for await (const chunk of source) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const batch = scan(false);
    if (batch.length > 0) yield batch;
  }
  buffer += decoder.decode();
  const last = scan(true);
  if (last.length > 0) yield last;
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
