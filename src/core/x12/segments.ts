// One tokenized segment, and the composite / repetition split of its elements. Elements stay raw strings so the
// tokenizer is cheap and re-serialization is exact; callers split only the elements that are composites.
import type { Delimiters } from './delimiters.ts';
import { X12Error, type X12Limits } from './errors.ts';

export interface Segment {
  /** Segment identifier, equal to `elements[0]`. */
  readonly id: string;
  /** `elements[n]` is the X12 element at position n (NM109 → `elements[9]`); `elements[0]` is the id. */
  readonly elements: readonly string[];
  /** Ordinal of the segment in its input (ISA = 1). */
  readonly index: number;
  /** Line breaks / indentation that preceded the segment in the input, kept for exact re-serialization. */
  readonly prefix?: string;
}

/** Element at X12 position `position`; '' when absent (trailing empty elements are omitted on the wire). */
export function elementAt(segment: Segment, position: number): string {
  return segment.elements[position] ?? '';
}

/** Components of a composite value (`HC:99213:25` → ['HC','99213','25']). */
export function componentsOf(value: string, delimiters: Delimiters): string[] {
  return value === '' ? [] : value.split(delimiters.component);
}

/** Repetitions of a repeatable element; a single value when the interchange has no repetition separator (4010). */
export function repetitionsOf(value: string, delimiters: Delimiters, limits?: X12Limits): string[] {
  if (value === '') return [];
  if (delimiters.repetition === undefined) return [value];
  const parts = value.split(delimiters.repetition);
  if (limits !== undefined && parts.length > limits.maxRepetitions) {
    throw new X12Error(
      'TOO_MANY_REPETITIONS',
      `${parts.length} repetitions exceed the limit of ${limits.maxRepetitions}`,
      {
        value: value.slice(0, 40),
      },
    );
  }
  return parts;
}

/** Segment from its elements (builder side). */
export function makeSegment(elements: readonly string[], index = 0): Segment {
  return { id: elements[0] ?? '', elements, index };
}
