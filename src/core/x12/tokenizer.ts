// Splits decoded text into segments. Incremental by design: the same scanner serves the synchronous parser (one
// call with `final`) and the streaming reader (one call per chunk, the unfinished tail kept for the next chunk).
import { readIsaDelimiters, type Delimiters } from './delimiters.ts';
import { X12Error, type X12Limits } from './errors.ts';
import type { Segment } from './segments.ts';

export interface ScanState {
  delimiters: Delimiters | undefined;
  /** Segments emitted so far (the next one gets `count + 1`). */
  count: number;
  /** Set when the input began with a UTF-8 byte-order mark (skipped). */
  bom?: boolean;
}

export interface ScanResult {
  /** Offset of the first character not consumed (start of an incomplete segment, or text.length). */
  consumed: number;
  /** Offset just past the last segment terminator emitted (where trailing layout starts). */
  lastSegmentEnd: number;
}

const BOM = '\uFEFF';

function isLayoutWhitespace(code: number): boolean {
  return code === 10 || code === 13 || code === 32 || code === 9;
}

function isSegmentId(id: string): boolean {
  if (id.length < 2 || id.length > 3) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

function checkElements(elements: string[], index: number, offset: number, limits: X12Limits): void {
  if (elements.length - 1 > limits.maxElementsPerSegment) {
    throw new X12Error('TOO_MANY_ELEMENTS', `segment has ${elements.length - 1} elements`, {
      segmentIndex: index,
      segmentId: elements[0],
      offset,
    });
  }
  for (let position = 1; position < elements.length; position++) {
    const value = elements[position] ?? '';
    if (value.length > limits.maxElementLength) {
      throw new X12Error(
        'ELEMENT_TOO_LONG',
        `element of ${value.length} characters exceeds ${limits.maxElementLength}`,
        {
          segmentIndex: index,
          segmentId: elements[0],
          element: position,
          value: value.slice(0, 40),
          offset,
        },
      );
    }
  }
}

/**
 * Emits every complete segment of `text` from `start`. When `final` is false, an incomplete tail is left
 * unconsumed; when true, a tail without terminator is an error (a truncated file).
 */
export function scanSegments(
  text: string,
  start: number,
  state: ScanState,
  limits: X12Limits,
  final: boolean,
  emit: (segment: Segment) => void,
): ScanResult {
  let position = start;
  if (state.count === 0 && state.bom !== true && text.startsWith(BOM, position)) {
    position += BOM.length;
    state.bom = true;
  }
  const length = text.length;
  let lastSegmentEnd = position;
  for (;;) {
    const segmentStart = position;
    while (position < length && isLayoutWhitespace(text.charCodeAt(position))) position++;
    if (position >= length) return { consumed: final ? length : segmentStart, lastSegmentEnd };
    const prefix = position > segmentStart ? text.slice(segmentStart, position) : undefined;
    let delimiters = state.delimiters;
    let end: number;
    let terminatorLength: number;
    if (text.startsWith('ISA', position) || (delimiters === undefined && length - position < 3 && !final)) {
      if (length - position < 4 && !final) return { consumed: segmentStart, lastSegmentEnd };
      const isa = readIsaDelimiters(text, position);
      if (isa === undefined) {
        if (!final) return { consumed: segmentStart, lastSegmentEnd };
        throw new X12Error('BAD_ISA', 'input ends inside the ISA', { offset: position, segmentId: 'ISA' });
      }
      delimiters = isa.delimiters;
      state.delimiters = delimiters;
      end = isa.end - 1;
      terminatorLength = 1;
    } else {
      if (delimiters === undefined) {
        throw new X12Error('NO_INTERCHANGE', 'input does not start with an ISA segment', {
          offset: position,
          value: text.slice(position, position + 3),
        });
      }
      end = text.indexOf(delimiters.segment, position);
      terminatorLength = delimiters.segment.length;
      if (end < 0) {
        if (length - position > limits.maxSegmentLength) {
          throw new X12Error('SEGMENT_TOO_LONG', `segment exceeds ${limits.maxSegmentLength} characters`, {
            segmentIndex: state.count + 1,
            offset: position,
          });
        }
        if (!final) return { consumed: segmentStart, lastSegmentEnd };
        throw new X12Error('UNTERMINATED_SEGMENT', 'input ends inside a segment (truncated?)', {
          segmentIndex: state.count + 1,
          offset: position,
          value: text.slice(position, position + 40),
        });
      }
    }
    if (end - position > limits.maxSegmentLength) {
      throw new X12Error(
        'SEGMENT_TOO_LONG',
        `segment of ${end - position} characters exceeds ${limits.maxSegmentLength}`,
        {
          segmentIndex: state.count + 1,
          offset: position,
        },
      );
    }
    const elements = text.slice(position, end).split(delimiters.element);
    const id = elements[0] ?? '';
    const index = state.count + 1;
    if (!isSegmentId(id)) {
      throw new X12Error('BAD_SEGMENT_ID', `'${id.slice(0, 10)}' is not a segment identifier`, {
        segmentIndex: index,
        offset: position,
        value: id.slice(0, 40),
      });
    }
    if (end - position > limits.maxElementLength || elements.length > limits.maxElementsPerSegment) {
      checkElements(elements, index, position, limits);
    }
    state.count = index;
    emit(prefix === undefined ? { id, elements, index } : { id, elements, index, prefix });
    position = end + terminatorLength;
    lastSegmentEnd = position;
  }
}
