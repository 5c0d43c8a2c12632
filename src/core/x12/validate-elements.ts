// Element-level checks driven by the segment layout tables: presence, length, data type, code list.
import type { Delimiters } from './delimiters.ts';
import type { ElementType, SegmentSpec, SimpleElementSpec } from './element-spec.ts';
import type { X12Location } from './errors.ts';
import type { Report } from './issues.ts';
import type { Segment } from './segments.ts';

function allDigits(value: string, from = 0, to = value.length): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Significant length: numeric types count digits only (no sign, no decimal point). */
function significantLength(value: string, type: ElementType): number {
  if (type !== 'N0' && type !== 'R') return value.length;
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits;
}

function hasType(value: string, type: ElementType): boolean {
  switch (type) {
    case 'AN':
    case 'ID':
      return true;
    case 'N0':
      return allDigits(value, value.startsWith('-') ? 1 : 0);
    case 'R': {
      const body = value.startsWith('-') ? value.slice(1) : value;
      const dot = body.indexOf('.');
      if (dot < 0) return allDigits(body);
      return (dot === 0 || allDigits(body, 0, dot)) && (dot === body.length - 1 ? dot > 0 : allDigits(body, dot + 1));
    }
    case 'DT': {
      if (value.length !== 8 || !allDigits(value)) return false;
      const month = Number(value.slice(4, 6));
      const day = Number(value.slice(6, 8));
      return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }
    case 'TM':
      return (
        (value.length === 4 || value.length === 6 || value.length >= 7) &&
        value.length <= 8 &&
        allDigits(value) &&
        Number(value.slice(0, 2)) < 24 &&
        Number(value.slice(2, 4)) < 60
      );
  }
}

/** A date in the format its qualifier names: D8 CCYYMMDD, RD8 CCYYMMDD-CCYYMMDD. */
export function isFormattedDate(format: string, value: string): boolean {
  if (format === 'D8') return hasType(value, 'DT');
  if (format === 'RD8') {
    if (value.length !== 17 || value.charCodeAt(8) !== 45) return false;
    const from = value.slice(0, 8);
    const to = value.slice(9);
    return hasType(from, 'DT') && hasType(to, 'DT') && from <= to;
  }
  return true;
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

/** `component` is 0 for a simple element. */
function checkValue(
  value: string,
  spec: SimpleElementSpec,
  base: X12Location,
  element: number,
  component: number,
  report: Report,
): void {
  if (value === '') {
    if (spec.required === true)
      report('error', 'element-required', `${spec.name} is required`, locate(base, element, component));
    return;
  }
  const length = significantLength(value, spec.type);
  if (length < spec.min || length > spec.max) {
    report(
      'error',
      'element-length',
      `${spec.name} must be ${spec.min}–${spec.max} characters, has ${length}`,
      locate(base, element, component, value),
    );
    return;
  }
  if (!hasType(value, spec.type)) {
    report(
      'error',
      'element-type',
      `${spec.name} must be ${TYPE_NAMES[spec.type]}`,
      locate(base, element, component, value),
    );
    return;
  }
  const codes = spec.codeSet;
  if (codes !== undefined && !codes.has(value)) {
    const unverified = spec.unverifiedCodes === true;
    report(
      unverified ? 'warning' : 'error',
      'element-code',
      `${spec.name} '${value}' is not in the ${unverified ? 'known (unverified) ' : ''}code list`,
      locate(base, element, component, value),
    );
  }
}

/** Checks every element of `segment` against its layout; `at` carries segment, loop and transaction position. */
export function checkElements(
  segment: Segment,
  spec: SegmentSpec,
  delimiters: Delimiters,
  at: X12Location,
  report: Report,
): void {
  const elements = segment.elements;
  let position = 1;
  for (const element of spec.elements) {
    if (element.kind === 'simple') {
      checkValue(elements[position] ?? '', element, at, position, 0, report);
      position++;
      continue;
    }
    const count = element.list === true ? Math.max(1, elements.length - position) : 1;
    if (element.maxList !== undefined && count > element.maxList) {
      report(
        'error',
        'too-many-elements',
        `${element.name} holds at most ${element.maxList} composites, has ${count}`,
        {
          ...at,
          element: position + element.maxList,
        },
      );
    }
    for (let k = 0; k < count; k++, position++) {
      const item = elements[position] ?? '';
      if (item === '') {
        if (element.required === true && k === 0) {
          report('error', 'element-required', `${element.name} is required`, { ...at, element: position });
        }
        continue;
      }
      const parts = item.split(delimiters.component);
      if (parts.length > element.components.length) {
        report(
          'error',
          'too-many-components',
          `${element.name} has ${parts.length} components, at most ${element.components.length}`,
          {
            ...at,
            element: position,
            value: item,
          },
        );
      }
      for (let c = 0; c < element.components.length; c++) {
        const component = element.components[c];
        if (component !== undefined) checkValue(parts[c] ?? '', component, at, position, c + 1, report);
      }
    }
  }
  if (elements.length > position) {
    report('error', 'too-many-elements', `${segment.id} has ${elements.length - 1} elements, at most ${position - 1}`, {
      ...at,
      element: position,
      value: elements[position] ?? '',
    });
  }
}
