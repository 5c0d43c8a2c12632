// Reads a segment's elements against its layout in one walk over the character codes of its span: decoding into
// named fields (the 278 model), element-level validation (presence, length, data type, code list), or both at once.
// One walk serves decoding and validation, so the two can never read an element differently, and a validated
// batch scans each element once and cuts only the strings the model keeps.
import type { Delimiters } from './delimiters.ts';
import type { CompositeElementSpec, ElementSpec, ElementType, SegmentSpec, SimpleElementSpec } from './element-spec.ts';
import type { X12Location } from './errors.ts';
import type { Report } from './issues.ts';
import type { Segment } from './segments.ts';

type Fields = Record<string, unknown>;

function allDigits(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Two digits at `at` as a number (the caller has checked they are digits). */
function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

/** Significant length: numeric types count digits only (no sign, no decimal point). */
function significantLength(text: string, from: number, to: number, type: ElementType): number {
  if (type !== 'N0' && type !== 'R') return to - from;
  let digits = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits;
}

/** Whether `text[from, to)` is a value of `type`. */
function hasType(text: string, from: number, to: number, type: ElementType): boolean {
  switch (type) {
    case 'AN':
    case 'ID':
      return true;
    case 'N0':
      return allDigits(text, text.charCodeAt(from) === 45 ? from + 1 : from, to);
    case 'R': {
      const body = text.charCodeAt(from) === 45 ? from + 1 : from;
      let dot = body;
      while (dot < to && text.charCodeAt(dot) !== 46) dot++;
      if (dot === to) return allDigits(text, body, to);
      return (
        (dot === body || allDigits(text, body, dot)) && (dot === to - 1 ? dot > body : allDigits(text, dot + 1, to))
      );
    }
    case 'DT': {
      if (to - from !== 8 || !allDigits(text, from, to)) return false;
      const month = twoDigits(text, from + 4);
      const day = twoDigits(text, from + 6);
      return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }
    case 'TM': {
      const length = to - from;
      return (
        (length === 4 || length >= 6) &&
        length <= 8 &&
        allDigits(text, from, to) &&
        twoDigits(text, from) < 24 &&
        twoDigits(text, from + 2) < 60
      );
    }
  }
}

/** A date in the format its qualifier names: D8 CCYYMMDD, RD8 CCYYMMDD-CCYYMMDD. */
export function isFormattedDate(format: string, value: string): boolean {
  if (format === 'D8') return hasType(value, 0, value.length, 'DT');
  if (format === 'RD8') {
    if (value.length !== 17 || value.charCodeAt(8) !== 45) return false;
    return hasType(value, 0, 8, 'DT') && hasType(value, 9, 17, 'DT') && value.slice(0, 8) <= value.slice(9);
  }
  return true;
}

/**
 * `text[from, to)` as one small integer when it is 1–4 ASCII characters, else -1. A code lookup by number costs
 * far less than hashing a freshly cut string, and most code values are this short.
 */
export function codeKey(text: string, from: number, to: number): number {
  const length = to - from;
  if (length < 1 || length > 4) return -1;
  let key = length - 1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return -1;
    key = (key << 7) | c;
  }
  return key;
}

const TYPE_NAMES: Record<ElementType, string> = {
  AN: 'text',
  ID: 'code',
  N0: 'an integer',
  R: 'a decimal number',
  DT: 'a CCYYMMDD date',
  TM: 'an HHMM[SS[DD]] time',
};

/** Location of an element, built only when there is something to report (the happy path allocates nothing). */
function locate(base: X12Location, element: number, component: number, value?: string): X12Location {
  return {
    ...base,
    element,
    ...(component === 0 ? {} : { component }),
    ...(value === undefined ? {} : { value }),
  };
}

/**
 * Checks the simple value `text[from, to)` (`value` is its string when the caller has cut it already, `listed` that
 * the caller found it in the code list). `component` is 0 for a simple element.
 */
function checkValue(
  text: string,
  from: number,
  to: number,
  value: string | undefined,
  listed: boolean,
  spec: SimpleElementSpec,
  base: X12Location,
  element: number,
  component: number,
  report: Report,
): void {
  if (from === to) {
    if (spec.required === true)
      report('error', 'element-required', `${spec.name} is required`, locate(base, element, component));
    return;
  }
  const length = significantLength(text, from, to, spec.type);
  if (length < spec.min || length > spec.max) {
    report(
      'error',
      'element-length',
      `${spec.name} must be ${spec.min}–${spec.max} characters, has ${length}`,
      locate(base, element, component, value ?? text.slice(from, to)),
    );
    return;
  }
  if (!hasType(text, from, to, spec.type)) {
    report(
      'error',
      'element-type',
      `${spec.name} must be ${TYPE_NAMES[spec.type]}`,
      locate(base, element, component, value ?? text.slice(from, to)),
    );
    return;
  }
  const codes = spec.codeSet;
  if (codes === undefined || listed) return;
  const key = codeKey(text, from, to);
  if (key >= 0 ? spec.shortCodes?.has(key) === true : codes.has(value ?? text.slice(from, to))) return;
  const code = value ?? text.slice(from, to);
  const unverified = spec.unverifiedCodes === true;
  report(
    unverified ? 'warning' : 'error',
    'element-code',
    `${spec.name} '${code}' is not in the ${unverified ? 'known (unverified) ' : ''}code list`,
    locate(base, element, component, code),
  );
}

/** The list's own string when the non-empty `text[from, to)` is one of the element's short codes. */
function listedCode(text: string, from: number, to: number, spec: SimpleElementSpec): string | undefined {
  const codes = spec.shortCodes;
  return codes !== undefined && to - from <= 4 ? codes.get(codeKey(text, from, to)) : undefined;
}

/**
 * The simple value `text[from, to)` of element `position` (`component` 0 for a simple element): its string when
 * `decode` and not empty, checked when `check` is given. A listed short code is the list's own string: no new string,
 * and its code check has passed.
 */
function readSimple(
  text: string,
  from: number,
  to: number,
  spec: SimpleElementSpec,
  position: number,
  component: number,
  decode: boolean,
  check: ElementCheck | undefined,
): string | undefined {
  const listed = decode && to > from ? listedCode(text, from, to, spec) : undefined;
  const value = listed ?? (decode && to > from ? text.slice(from, to) : undefined);
  if (check !== undefined) {
    checkValue(text, from, to, value, listed !== undefined, spec, check.at, position, component, check.report);
  }
  return value;
}

/** End of the element or component starting at `from`: the next `separator`, or `end`. */
function spanEnd(text: string, from: number, end: number, separator: number): number {
  let to = from;
  while (to < end && text.charCodeAt(to) !== separator) to++;
  return to;
}

/** Where element findings go: `at` carries segment, loop and transaction position (callers may update it). */
export interface ElementCheck {
  readonly at: X12Location;
  readonly report: Report;
}

// Values of the element (or component) positions being decoded, handed to the layout's assembler at the end. One
// array per depth, reused: the walk never re-enters itself, and assembling copies the values out.
const ELEMENT_VALUES: unknown[] = [];
const COMPONENT_VALUES: unknown[] = [];

/** One composite value `text[from, to)` (non-empty): its decoded fields when `decode`, and its checks. */
function readComposite(
  text: string,
  from: number,
  to: number,
  spec: CompositeElementSpec,
  separator: number,
  position: number,
  decode: boolean,
  check: ElementCheck | undefined,
): Fields | undefined {
  const components = spec.components;
  if (check !== undefined) {
    let parts = 1;
    for (let i = from; i < to; i++) if (text.charCodeAt(i) === separator) parts++;
    if (parts > components.length) {
      check.report(
        'error',
        'too-many-components',
        `${spec.name} has ${parts} components, at most ${components.length}`,
        {
          ...check.at,
          element: position,
          value: text.slice(from, to),
        },
      );
    }
  }
  const values = COMPONENT_VALUES;
  let cursor = from;
  for (let c = 0; c < components.length; c++) {
    const part = components[c];
    if (part === undefined) continue;
    // A component past the last one present reads as empty (it is only checked for presence).
    const partTo = cursor > to ? cursor : spanEnd(text, cursor, to, separator);
    values[c] = readSimple(text, cursor, partTo, part, position, c + 1, decode, check);
    cursor = partTo + 1;
  }
  return decode ? spec.assemble(values) : undefined;
}

/** The finding for an empty element at `position` that its layout requires. */
function checkPresent(element: ElementSpec, position: number, check: ElementCheck): void {
  if (element.required === true) {
    check.report('error', 'element-required', `${element.name} is required`, { ...check.at, element: position });
  }
}

/** The one walk over a segment's elements: decodes them when `decode`, checks them when `check` is given. */
function walk(
  segment: Segment,
  spec: SegmentSpec,
  delimiters: Delimiters,
  decode: boolean,
  check: ElementCheck | undefined,
): Fields | undefined {
  const { source: text, end } = segment;
  const separator = segment.separator.charCodeAt(0);
  const component = delimiters.component.charCodeAt(0);
  const values = ELEMENT_VALUES;
  const elements = spec.elements;
  // `cursor` sits on the separator before element `position`, or at `end` once the elements have run out.
  let cursor = spanEnd(text, segment.start, end, separator);
  let position = 1;
  let e = 0;
  for (; e < elements.length && cursor < end; e++) {
    const element = elements[e] as ElementSpec;
    if (element.kind === 'simple') {
      const from = cursor + 1;
      const to = spanEnd(text, from, end, separator);
      values[e] = readSimple(text, from, to, element, position, 0, decode, check);
      cursor = to;
      position++;
      continue;
    }
    let count = 1;
    if (element.list === true) {
      // The list takes every remaining element (HI01–HI12); at least one position is looked at.
      let remaining = 0;
      for (let i = cursor; i < end; i++) if (text.charCodeAt(i) === separator) remaining++;
      count = Math.max(1, remaining);
    }
    if (check !== undefined && element.maxList !== undefined && count > element.maxList) {
      check.report(
        'error',
        'too-many-elements',
        `${element.name} holds at most ${element.maxList} composites, has ${count}`,
        {
          ...check.at,
          element: position + element.maxList,
        },
      );
    }
    const list: Fields[] | undefined = decode && element.list === true ? [] : undefined;
    let single: Fields | undefined;
    for (let k = 0; k < count; k++, position++) {
      const from = cursor < end ? cursor + 1 : end;
      const to = spanEnd(text, from, end, separator);
      cursor = to;
      if (from === to) {
        if (check !== undefined && k === 0) checkPresent(element, position, check);
        continue;
      }
      const fields = readComposite(text, from, to, element, component, position, decode, check);
      if (fields === undefined) continue;
      if (list === undefined) single = fields;
      else list.push(fields);
    }
    values[e] = list !== undefined && list.length > 0 ? list : single;
  }
  // The elements after the last one present are empty: only their presence is checked.
  for (; e < elements.length; e++, position++) {
    values[e] = undefined;
    if (check !== undefined) checkPresent(elements[e] as ElementSpec, position, check);
  }
  if (check !== undefined && cursor < end) {
    check.report(
      'error',
      'too-many-elements',
      `${segment.id} has ${segment.elementCount - 1} elements, at most ${position - 1}`,
      {
        ...check.at,
        element: position,
        value: segment.element(position),
      },
    );
  }
  return decode ? spec.assemble(values) : undefined;
}

/**
 * Decodes `segment` into one field per element of `spec` (undefined where the element is empty), reporting the
 * element findings too when `check` is given.
 */
export function decodeElements(
  segment: Segment,
  spec: SegmentSpec,
  delimiters: Delimiters,
  check?: ElementCheck,
): Fields {
  return walk(segment, spec, delimiters, true, check) as Fields;
}

/** Checks every element of `segment` against its layout. */
export function checkElements(segment: Segment, spec: SegmentSpec, delimiters: Delimiters, check: ElementCheck): void {
  walk(segment, spec, delimiters, false, check);
}
