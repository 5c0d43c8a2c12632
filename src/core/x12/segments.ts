// One tokenized segment, and the composite / repetition split of its elements. A segment is a span of its input
// text: element strings are only cut when something reads them (the 278 reader walks the span by character codes),
// because materialising every element of a batch costs more than all the parsing and validation around it.
import type { Delimiters } from './delimiters.ts';
import { X12Error, type X12Limits } from './errors.ts';

export class Segment {
  constructor(
    /** Segment identifier, equal to `elements[0]`. */
    readonly id: string,
    /** Ordinal of the segment in its input (ISA = 1). */
    readonly index: number,
    /** Text the segment sits in; the segment is `source.slice(start, end)`, terminator excluded. */
    readonly source: string,
    readonly start: number,
    readonly end: number,
    /** Element separator of the segment's interchange. */
    readonly separator: string,
    /** Line breaks / indentation that preceded the segment in the input, kept for exact re-serialization. */
    readonly prefix?: string,
    /** The split elements, once read (or as the builder gave them). */
    private cached?: readonly string[],
  ) {}

  /** `elements[n]` is the X12 element at position n (NM109 → `elements[9]`); `elements[0]` is the id. */
  get elements(): readonly string[] {
    this.cached ??= this.text.split(this.separator);
    return this.cached;
  }

  /** The segment as it was read (or built), without its terminator. */
  get text(): string {
    return this.source.slice(this.start, this.end);
  }

  /** Element at X12 position `position`; '' when absent. Reads one element without splitting the segment. */
  element(position: number): string {
    if (this.cached !== undefined) return this.cached[position] ?? '';
    const { source, end } = this;
    const separator = this.separator.charCodeAt(0);
    let from = this.start;
    for (let seen = 0; seen < position; from++) {
      if (from >= end) return '';
      if (source.charCodeAt(from) === separator) seen++;
    }
    let to = from;
    while (to < end && source.charCodeAt(to) !== separator) to++;
    return source.slice(from, to);
  }

  /** Number of elements, the id included (`elements.length`). */
  get elementCount(): number {
    const { source, end } = this;
    const separator = this.separator.charCodeAt(0);
    let count = 1;
    for (let i = this.start; i < end; i++) if (source.charCodeAt(i) === separator) count++;
    return count;
  }

  /** JSON shows the segment as its elements, never the whole input it points into. */
  toJSON(): { id: string; elements: readonly string[]; index: number; prefix?: string } {
    const { id, elements, index, prefix } = this;
    return prefix === undefined ? { id, elements, index } : { id, elements, index, prefix };
  }
}

/** Element at X12 position `position`; '' when absent (trailing empty elements are omitted on the wire). */
export function elementAt(segment: Segment, position: number): string {
  return segment.element(position);
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

/** Segment from its elements (builder side): its text is what serialization will emit. */
export function makeSegment(elements: readonly string[], delimiters: Delimiters): Segment {
  const text = elements.join(delimiters.element);
  return new Segment(elements[0] ?? '', 0, text, 0, text.length, delimiters.element, undefined, elements);
}
