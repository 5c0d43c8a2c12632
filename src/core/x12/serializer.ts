// Segments back to text. Parsed documents re-serialize byte for byte (layout kept); built ones are emitted compact,
// as the reference asks: no BOM, no line breaks inside or between segments.
import type { Delimiters } from './delimiters.ts';
import type { X12Document } from './parse.ts';
import type { Segment } from './segments.ts';

export function serializeSegment(segment: Segment, delimiters: Delimiters): string {
  return segment.text + delimiters.segment;
}

/** Joins elements dropping trailing empty ones, as X12 requires of a sender. */
export function compactElements(elements: readonly string[]): string[] {
  let end = elements.length;
  while (end > 1 && elements[end - 1] === '') end--;
  return elements.slice(0, end);
}

export function serializeSegments(segments: readonly Segment[], delimiters: Delimiters): string {
  let out = '';
  for (const segment of segments) out += serializeSegment(segment, delimiters);
  return out;
}

/** Exact text of a parsed document: BOM, per-segment layout and trailer as they were read. */
export function serializeDocument(document: X12Document): string {
  let out = document.bom ? '\uFEFF' : '';
  let delimiters = document.delimiters;
  let interchange = 0;
  for (const segment of document.segments) {
    if (segment.id === 'ISA') delimiters = document.interchanges[interchange++]?.delimiters ?? delimiters;
    out += (segment.prefix ?? '') + serializeSegment(segment, delimiters);
  }
  return out + document.trailer;
}
