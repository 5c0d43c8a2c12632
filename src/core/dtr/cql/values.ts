// CQL results in plain terms: cql-execution returns its own types (Code, Concept, Date, DateTime, Quantity), JS
// strings, numbers and booleans, and cql-exec-fhir returns FHIR elements and resources wrapped as FHIRObjects.
// Each becomes one tagged value the answer conversion can read, or an unsupported one it names.
import { Code, Concept, Date as CqlDate, DateTime, Interval, Quantity, Ratio } from 'cql-execution';
import type { Coding } from '@medplum/fhirtypes';

export type PlainValue =
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'number'; value: number }
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  | { kind: 'date'; value: string }
  /** ISO date-time with its zone, and the calendar date in that zone. */
  | { kind: 'dateTime'; value: string; date: string }
  | { kind: 'time'; value: string }
  | { kind: 'codings'; codings: Coding[]; text?: string }
  | { kind: 'quantity'; value: number; unit?: string; system?: string; code?: string }
  | { kind: 'reference'; reference: string; display?: string }
  | { kind: 'unsupported'; type: string };

/** A cql-exec-fhir FHIRObject: the FHIR JSON it wraps and its model type (the class is not exported, so duck-typed). */
interface FhirObject {
  _json: unknown;
  getTypeInfo(): { name: string } | undefined;
  value?: unknown;
}

const isFhirObject = (value: object): value is FhirObject =>
  '_json' in value && typeof (value as { getTypeInfo?: unknown }).getTypeInfo === 'function';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A Coding without the empty fields (CQL Codes carry `version: null`). */
export function coding(system: unknown, code: unknown, display: unknown): Coding | undefined {
  const c = str(code);
  if (c === undefined) return undefined;
  const s = str(system);
  const d = str(display);
  return { ...(s !== undefined ? { system: s } : {}), code: c, ...(d !== undefined ? { display: d } : {}) };
}

const codeOf = (c: Code): Coding | undefined => coding(c.system, c.code, c.display);

function fromFhir(object: FhirObject): PlainValue {
  const type = object.getTypeInfo()?.name.replace(/^FHIR\./, '') ?? 'unknown';
  const json = (typeof object._json === 'object' && object._json !== null ? object._json : {}) as Record<
    string,
    unknown
  >;
  // FHIR primitives (string, code, date, …) hold their System value in `value`.
  if (/^[a-z]/.test(type)) return plain(object.value);
  if (typeof json.resourceType === 'string') {
    return { kind: 'reference', reference: `${json.resourceType}/${str(json.id) ?? ''}` };
  }
  switch (type) {
    case 'Coding': {
      const c = coding(json.system, json.code, json.display);
      return c ? { kind: 'codings', codings: [c] } : { kind: 'unsupported', type: 'Coding without a code' };
    }
    case 'CodeableConcept': {
      const codings = (Array.isArray(json.coding) ? (json.coding as Record<string, unknown>[]) : [])
        .map((c) => coding(c.system, c.code, c.display))
        .filter((c): c is Coding => c !== undefined);
      const text = str(json.text);
      return { kind: 'codings', codings, ...(text !== undefined ? { text } : {}) };
    }
    case 'Quantity':
    case 'SimpleQuantity':
    case 'Age':
    case 'Duration':
    case 'Distance':
    case 'Count': {
      if (typeof json.value !== 'number') return { kind: 'unsupported', type: `${type} without a value` };
      const unit = str(json.unit) ?? str(json.code);
      const system = str(json.system);
      const code = str(json.code);
      return {
        kind: 'quantity',
        value: json.value,
        ...(unit !== undefined ? { unit } : {}),
        ...(system !== undefined ? { system } : {}),
        ...(code !== undefined ? { code } : {}),
      };
    }
    case 'Reference': {
      const reference = str(json.reference);
      const display = str(json.display);
      return reference !== undefined
        ? { kind: 'reference', reference, ...(display !== undefined ? { display } : {}) }
        : { kind: 'unsupported', type: 'Reference without a reference' };
    }
    default:
      return { kind: 'unsupported', type: `FHIR ${type}` };
  }
}

/** One CQL result value (not a list) in plain terms. */
export function plain(value: unknown): PlainValue {
  switch (typeof value) {
    case 'string':
      return { kind: 'string', value };
    case 'boolean':
      return { kind: 'boolean', value };
    case 'number':
      return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'unsupported', type: 'non-finite number' };
    case 'object':
      break;
    default:
      return { kind: 'unsupported', type: typeof value };
  }
  if (value === null) return { kind: 'unsupported', type: 'null' };
  if (value instanceof DateTime) {
    if (value.isTime()) return { kind: 'time', value: value.toStringTime() };
    return { kind: 'dateTime', value: value.toString(), date: value.getDate().toString() };
  }
  if (value instanceof CqlDate) return { kind: 'date', value: value.toString() };
  if (value instanceof Code) {
    const c = codeOf(value);
    return c ? { kind: 'codings', codings: [c] } : { kind: 'unsupported', type: 'Code without a code' };
  }
  if (value instanceof Concept) {
    const codings = (value.codes as unknown[])
      .map((c) => (c instanceof Code ? codeOf(c) : undefined))
      .filter((c): c is Coding => c !== undefined);
    return { kind: 'codings', codings, ...(value.display !== undefined ? { text: value.display } : {}) };
  }
  if (value instanceof Quantity) {
    const amount: unknown = value.value;
    const unit: unknown = value.unit;
    if (typeof amount !== 'number') return { kind: 'unsupported', type: 'Quantity without a value' };
    return typeof unit === 'string' && unit !== '' && unit !== '1'
      ? { kind: 'quantity', value: amount, unit, system: 'http://unitsofmeasure.org', code: unit }
      : { kind: 'quantity', value: amount };
  }
  if (value instanceof Interval) return { kind: 'unsupported', type: 'Interval' };
  if (value instanceof Ratio) return { kind: 'unsupported', type: 'Ratio' };
  if (isFhirObject(value)) return fromFhir(value);
  return { kind: 'unsupported', type: 'Tuple' };
}

/** A result as its values: lists flattened, nulls dropped (a null is "no answer", not a value). */
export function plainValues(result: unknown): PlainValue[] {
  if (result === null || result === undefined) return [];
  if (Array.isArray(result)) return result.flatMap((r: unknown) => plainValues(r));
  return [plain(result)];
}
