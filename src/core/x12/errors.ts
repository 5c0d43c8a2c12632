// Typed failures and hard limits. Hostile input must end in an X12Error (or a result), never in an arbitrary throw.

/** Where in the input a problem sits. Positions are 1-based, as X12 acknowledgments (999 IK3/IK4) count them. */
export interface X12Location {
  /** Ordinal of the segment in the input (ISA = 1). */
  segmentIndex?: number;
  /** Ordinal of the segment inside its transaction set (ST = 1), as 999 IK302 reports it. */
  segmentInTransaction?: number;
  segmentId?: string;
  loopId?: string;
  /** Element position (NM109 → 9). */
  element?: number;
  /** Component position inside a composite (HI01-2 → 2). */
  component?: number;
  value?: string;
  /** Character offset in the decoded text, when the tokenizer knows it. */
  offset?: number;
}

export type X12ErrorCode =
  | 'NO_INTERCHANGE'
  | 'BAD_ISA'
  | 'BAD_DELIMITERS'
  | 'BAD_SEGMENT_ID'
  | 'UNTERMINATED_SEGMENT'
  | 'SEGMENT_TOO_LONG'
  | 'ELEMENT_TOO_LONG'
  | 'TOO_MANY_ELEMENTS'
  | 'TOO_MANY_REPETITIONS'
  | 'TOO_MANY_SEGMENTS'
  | 'UNEXPECTED_SEGMENT'
  | 'NOT_A_278'
  | 'NOT_AN_ACK'
  | 'BAD_INPUT';

export class X12Error extends Error {
  override readonly name = 'X12Error';
  constructor(
    readonly code: X12ErrorCode,
    message: string,
    readonly location: X12Location = {},
  ) {
    super(message);
  }
}

/** Hard limits against hostile or runaway input; generous against every real 278 (the TR3 caps HI at 12, MSG at 264). */
export interface X12Limits {
  maxElementLength: number;
  maxSegmentLength: number;
  maxElementsPerSegment: number;
  maxRepetitions: number;
  maxSegmentsPerTransaction: number;
  /** BIN01 of a 275's binary segment, in bytes (payers commonly cap a 275 at 64 MB). */
  maxBinaryLength: number;
}

export const DEFAULT_LIMITS: X12Limits = {
  maxElementLength: 4096,
  maxSegmentLength: 16_384,
  maxElementsPerSegment: 64,
  maxRepetitions: 99,
  maxSegmentsPerTransaction: 10_000,
  maxBinaryLength: 64 * 1024 * 1024,
};
