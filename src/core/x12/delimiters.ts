// Delimiters come from the ISA, never from configuration: element separator = ISA character 4, ISA11 repetition
// separator (5010), ISA16 component separator, segment terminator = the character after ISA16.
import { X12Error } from './errors.ts';

export interface Delimiters {
  element: string;
  component: string;
  /** Absent before 5010: there ISA11 is the standards identifier (`U`), not a separator. */
  repetition: string | undefined;
  segment: string;
}

export const DEFAULT_DELIMITERS: Delimiters = { element: '*', component: ':', repetition: '^', segment: '~' };

const ISA_ELEMENT_COUNT = 16;
/** Fixed ISA width including the terminator; the scan below tolerates mis-padded ISAs and the validator flags them. */
export const ISA_LENGTH = 106;
/** An ISA that has not closed within this many characters is not an ISA. */
const ISA_SCAN_LIMIT = 512;

export interface IsaDelimiters {
  delimiters: Delimiters;
  /** Offset just past the ISA's segment terminator. */
  end: number;
}

function isAlphanumeric(ch: string): boolean {
  return /^[A-Za-z0-9 ]$/.test(ch);
}

/**
 * Reads the delimiters of the ISA starting at `start`. Returns undefined when `text` ends before the ISA does
 * (streaming: wait for more input); throws X12Error when the ISA cannot be read.
 */
export function readIsaDelimiters(text: string, start: number): IsaDelimiters | undefined {
  const element = text.charAt(start + 3);
  if (element === '') return undefined;
  if (isAlphanumeric(element) || element === '\r' || element === '\n') {
    throw new X12Error('BAD_DELIMITERS', `ISA element separator '${element}' is alphanumeric or a line break`, {
      segmentId: 'ISA',
      offset: start + 3,
    });
  }
  let separators = 0;
  let position = start + 3;
  const limit = Math.min(text.length, start + ISA_SCAN_LIMIT);
  let isa11Start = -1;
  let isa12Start = -1;
  for (; position < limit && separators < ISA_ELEMENT_COUNT; position++) {
    if (text.charAt(position) === element) {
      separators++;
      if (separators === 11) isa11Start = position + 1;
      if (separators === 12) isa12Start = position + 1;
    }
  }
  if (separators < ISA_ELEMENT_COUNT || position + 1 >= text.length) {
    if (text.length < start + ISA_SCAN_LIMIT) return undefined;
    throw new X12Error('BAD_ISA', 'ISA does not have 16 elements', { segmentId: 'ISA', offset: start });
  }
  const component = text.charAt(position);
  const segment = text.charAt(position + 1);
  const isa11 = text.charAt(isa11Start);
  const version = text.slice(isa12Start, isa12Start + 5);
  const repetition = version >= '00501' && !isAlphanumeric(isa11) ? isa11 : undefined;
  const delimiters: Delimiters = { element, component, repetition, segment };
  const all = [element, component, segment, ...(repetition === undefined ? [] : [repetition])];
  if (new Set(all).size !== all.length || isAlphanumeric(component) || isAlphanumeric(segment)) {
    throw new X12Error(
      'BAD_DELIMITERS',
      `ISA delimiters are not distinct non-alphanumeric characters: ${JSON.stringify(all)}`,
      {
        segmentId: 'ISA',
        offset: start,
      },
    );
  }
  return { delimiters, end: position + 2 };
}
