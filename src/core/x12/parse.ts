// Synchronous, pure parse of a whole X12 input into its envelope tree, keeping what re-serialization needs (BOM,
// layout between segments) so that `serializeDocument(parseX12(x))` gives back x.
import type { Delimiters } from './delimiters.ts';
import { EnvelopeAssembler, type Interchange, type StraySegment } from './envelope.ts';
import { DEFAULT_LIMITS, X12Error, type X12Limits } from './errors.ts';
import type { Segment } from './segments.ts';
import { scanSegments, type ScanState } from './tokenizer.ts';

export interface X12Document {
  /** The input began with a UTF-8 byte-order mark (tolerated, never emitted by the builder). */
  readonly bom: boolean;
  /** Delimiters of the first interchange. */
  readonly delimiters: Delimiters;
  /** Every segment in input order. */
  readonly segments: readonly Segment[];
  readonly interchanges: readonly Interchange[];
  readonly strays: readonly StraySegment[];
  /** Whitespace after the last segment terminator. */
  readonly trailer: string;
}

export interface ParseOptions {
  limits?: Partial<X12Limits>;
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Text of an input given as bytes or string; bytes are UTF-8 (X12 is ASCII in practice; invalid bytes become U+FFFD). */
export function decodeInput(input: string | Uint8Array): string {
  return typeof input === 'string' ? input : decoder.decode(input);
}

export function parseX12(input: string | Uint8Array, options: ParseOptions = {}): X12Document {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    throw new X12Error('BAD_INPUT', 'input must be a string or bytes');
  }
  const text = decodeInput(input);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const state: ScanState = { delimiters: undefined, count: 0 };
  const assembler = new EnvelopeAssembler(limits, true);
  const segments: Segment[] = [];
  const { lastSegmentEnd } = scanSegments(text, 0, state, limits, true, (segment) => {
    segments.push(segment);
    // state.delimiters is set by the ISA that precedes any other segment.
    if (state.delimiters !== undefined) assembler.push(segment, state.delimiters);
  });
  assembler.end();
  if (state.delimiters === undefined) throw new X12Error('NO_INTERCHANGE', 'input holds no ISA segment');
  return {
    bom: text.startsWith('\uFEFF'),
    delimiters: assembler.interchanges[0]?.delimiters ?? state.delimiters,
    segments,
    interchanges: assembler.interchanges,
    strays: assembler.strays,
    trailer: text.slice(lastSegmentEnd),
  };
}
