// Splits decoded text into segments. Incremental by design: the same scanner serves the synchronous parser (one
// call with `final`) and the streaming reader (one call per chunk, the unfinished tail kept for the next chunk).
import { readIsaDelimiters, type Delimiters } from './delimiters.ts';
import { X12Error, type X12Limits } from './errors.ts';
import { Segment } from './segments.ts';

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

/** Each segment id once (keyed by its character codes), so the hot path allocates no id string per segment. */
const SEGMENT_IDS = new Map<number, string>();

/** The id spanning [start, end), or undefined when it is not 2–3 upper-case letters or digits. */
function segmentId(text: string, start: number, end: number): string | undefined {
  if (end - start < 2 || end - start > 3) return undefined;
  let key = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return undefined;
    key = (key << 8) | c;
  }
  let id = SEGMENT_IDS.get(key);
  if (id === undefined) {
    id = text.slice(start, end);
    SEGMENT_IDS.set(key, id);
  }
  return id;
}

/** Element count and lengths of the segment spanning [start, end) against the limits. */
function checkElements(
  text: string,
  start: number,
  end: number,
  separator: number,
  id: string,
  index: number,
  limits: X12Limits,
): void {
  let separators = 0;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === separator) separators++;
  if (separators > limits.maxElementsPerSegment) {
    throw new X12Error('TOO_MANY_ELEMENTS', `segment has ${separators} elements`, {
      segmentIndex: index,
      segmentId: id,
      offset: start,
    });
  }
  let position = 0;
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i < end && text.charCodeAt(i) !== separator) continue;
    if (position > 0 && i - from > limits.maxElementLength) {
      throw new X12Error('ELEMENT_TOO_LONG', `element of ${i - from} characters exceeds ${limits.maxElementLength}`, {
        segmentIndex: index,
        segmentId: id,
        element: position,
        value: text.slice(from, from + 40),
        offset: start,
      });
    }
    position++;
    from = i + 1;
  }
}

const INCOMPLETE = -1;

/** Bytes of one UTF-16 code unit's character in UTF-8 (a surrogate pair counts 4 on its high half, 0 on its low). */
function utf8Bytes(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdbff) return 4;
  if (code >= 0xdc00 && code <= 0xdfff) return 0;
  return 3;
}

/**
 * The end of a BIN segment (275 binary data) starting at `position`: BIN02 holds BIN01 octets of any value, delimiters
 * included, so its end is counted, not searched for. Undefined when the segment is not BIN or the count does not land
 * on a segment terminator (then it is read like any segment and the validator reports the wrong length);
 * INCOMPLETE when the text ends before the counted bytes.
 */
function binarySegmentEnd(
  text: string,
  position: number,
  delimiters: Delimiters,
  limits: X12Limits,
  index: number,
  final: boolean,
): number | undefined {
  if (text.charCodeAt(position) !== 66 /* B */ || !text.startsWith(`BIN${delimiters.element}`, position)) {
    return undefined;
  }
  const digitsStart = position + 4;
  let cursor = digitsStart;
  while (
    cursor < text.length &&
    cursor - digitsStart < 15 &&
    text.charCodeAt(cursor) >= 48 &&
    text.charCodeAt(cursor) <= 57
  )
    cursor++;
  if (cursor >= text.length) return INCOMPLETE;
  if (cursor === digitsStart || !text.startsWith(delimiters.element, cursor)) return undefined;
  const declared = Number(text.slice(digitsStart, cursor));
  if (declared > limits.maxBinaryLength) {
    throw new X12Error('SEGMENT_TOO_LONG', `BIN01 declares ${declared} bytes, more than ${limits.maxBinaryLength}`, {
      segmentIndex: index,
      segmentId: 'BIN',
      element: 1,
      offset: position,
    });
  }
  let bytes = 0;
  cursor += delimiters.element.length;
  // A stream waits until the text could hold the data even if all ASCII (one byte a character): counting on every
  // chunk of a large attachment would walk it again and again.
  if (!final && text.length - cursor < declared + delimiters.segment.length) return INCOMPLETE;
  while (bytes < declared && cursor < text.length) bytes += utf8Bytes(text.charCodeAt(cursor++));
  if (bytes < declared || cursor + delimiters.segment.length > text.length) return INCOMPLETE;
  return bytes === declared && text.startsWith(delimiters.segment, cursor) ? cursor : undefined;
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
    let binary = false;
    const isa = text.charCodeAt(position) === 73 /* I */ && text.startsWith('ISA', position);
    if (isa || (delimiters === undefined && length - position < 3 && !final)) {
      if (length - position < 4 && !final) return { consumed: segmentStart, lastSegmentEnd };
      const header = readIsaDelimiters(text, position);
      if (header === undefined) {
        if (!final) return { consumed: segmentStart, lastSegmentEnd };
        throw new X12Error('BAD_ISA', 'input ends inside the ISA', { offset: position, segmentId: 'ISA' });
      }
      delimiters = header.delimiters;
      state.delimiters = delimiters;
      end = header.end - 1;
      terminatorLength = 1;
    } else {
      if (delimiters === undefined) {
        throw new X12Error('NO_INTERCHANGE', 'input does not start with an ISA segment', {
          offset: position,
          value: text.slice(position, position + 3),
        });
      }
      terminatorLength = delimiters.segment.length;
      const counted = binarySegmentEnd(text, position, delimiters, limits, state.count + 1, final);
      if (counted === INCOMPLETE) {
        if (!final) return { consumed: segmentStart, lastSegmentEnd };
        end = text.indexOf(delimiters.segment, position);
      } else {
        end = counted ?? text.indexOf(delimiters.segment, position);
      }
      if (counted !== undefined && counted !== INCOMPLETE) binary = true;
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
    if (!binary && end - position > limits.maxSegmentLength) {
      throw new X12Error(
        'SEGMENT_TOO_LONG',
        `segment of ${end - position} characters exceeds ${limits.maxSegmentLength}`,
        {
          segmentIndex: state.count + 1,
          offset: position,
        },
      );
    }
    const separator = delimiters.element.charCodeAt(0);
    let idEnd = position;
    while (idEnd < end && text.charCodeAt(idEnd) !== separator) idEnd++;
    const id = segmentId(text, position, idEnd);
    const index = state.count + 1;
    if (id === undefined) {
      const raw = text.slice(position, idEnd);
      throw new X12Error('BAD_SEGMENT_ID', `'${raw.slice(0, 10)}' is not a segment identifier`, {
        segmentIndex: index,
        offset: position,
        value: raw.slice(0, 40),
      });
    }
    // A segment no longer than either limit cannot break one; only longer ones are looked at.
    if (!binary && (end - position > limits.maxElementLength || end - position > limits.maxElementsPerSegment)) {
      checkElements(text, position, end, separator, id, index, limits);
    }
    state.count = index;
    emit(new Segment(id, index, text, position, end, delimiters.element, prefix));
    position = end + terminatorLength;
    lastSegmentEnd = position;
  }
}
