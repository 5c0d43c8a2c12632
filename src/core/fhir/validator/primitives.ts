// medplum's checks of a primitive value (its JSON type, then content and format), resolved once per FHIR type code
// when the type tables are built, so that the walk does not look the code up in several tables for every value.
import { fhirTypeToJsType, validationRegexes } from '@medplum/core';

export interface PrimitiveCheck {
  /** The JSON type of the value; undefined for a type code medplum has no JSON type for. */
  readonly jsType: 'string' | 'boolean' | 'number' | undefined;
  /** The issue text for a value of that JSON type, or undefined when it is valid. */
  readonly content: ((value: unknown) => string | undefined) | undefined;
}

const MAX_STRING = 1024 * 1024;
// medplum's format regexes, except base64Binary: its `^([A-Za-z\d+/]{4})*(…==|…=)?$` is slow on attachment data, and
// "base64 characters, then at most two `=`, length a multiple of 4" accepts exactly the same strings.
const BASE64 = /^[A-Za-z\d+/]*={0,2}$/;
// xhtml's is left out: it is an unanchored `.*`, which matches every string (at index 0) but scans the whole
// narrative to its first line break.
const FORMATS = new Map<string, (text: string) => boolean>([
  ...Object.entries(validationRegexes)
    .filter(([code]) => code !== 'xhtml')
    .map(([code, pattern]) => [code, (text: string) => pattern.test(text)] as const),
  ['base64Binary', (text: string) => text.length % 4 === 0 && BASE64.test(text)],
]);
const JS_TYPES = fhirTypeToJsType as Record<string, PrimitiveCheck['jsType']>;

const checks = new Map<string, PrimitiveCheck>();

/** Whether the text is a FHIR instant: a time and a zone, not only a day. */
export function isInstant(text: string): boolean {
  return FORMATS.get('instant')?.(text) === true;
}

export function primitiveCheck(code: string): PrimitiveCheck {
  let check = checks.get(code);
  if (!check) {
    const jsType = JS_TYPES[code];
    const content = jsType === 'string' ? stringCheck(code) : jsType === 'number' ? numberCheck(code) : undefined;
    check = { jsType, content };
    checks.set(code, check);
  }
  return check;
}

function stringCheck(code: string): (value: unknown) => string | undefined {
  const valid = FORMATS.get(code);
  const invalid = `Invalid ${code} format`;
  return (value) => {
    const text = value as string;
    if (!text.trim()) return 'String must contain non-whitespace content';
    if (text.length > MAX_STRING) return 'String cannot be larger than 1 MB';
    return valid && !valid(text) ? invalid : undefined;
  };
}

function numberCheck(code: string): (value: unknown) => string | undefined {
  const integer = code === 'integer' || code === 'positiveInt' || code === 'unsignedInt';
  return (value) => {
    const n = value as number;
    if (Number.isNaN(n) || !Number.isFinite(n)) return 'Invalid numeric value';
    if (integer && !Number.isInteger(n)) return 'Expected number to be an integer';
    if (code === 'positiveInt' && n <= 0) return 'Expected number to be positive';
    if (code === 'unsignedInt' && n < 0) return 'Expected number to be non-negative';
    return undefined;
  };
}
