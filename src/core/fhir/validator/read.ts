// How medplum reads one element of a JSON object (getTypedPropertyValueWithSchema), reimplemented on plain values
// so the hot path builds no TypedValue wrappers: the first type of the element whose JSON name (or its `_name`
// primitive extension) is present wins, the extension is merged into the value, and empty values ('' [] {} null)
// count as absent.
import type { Candidate, ElementNode } from './schema.ts';

export interface PropertyValue {
  candidate: Candidate;
  /** The value, or an array of values; primitive values with a `_name` partner are boxed with its properties. */
  value: unknown;
}

let emptiesRead = 0;

/** How many present but empty values ('' [] {} null) readProperty has read as absent, ever: a caller compares the
 * count before and after a walk to learn whether the value it walked holds any. */
export function emptyValuesRead(): number {
  return emptiesRead;
}

/** A holder for readProperty's `into`, empty until the first read. */
export function propertyHolder(): PropertyValue {
  return { candidate: { key: '', extensionKey: '', code: '', primitive: false, check: undefined }, value: undefined };
}

/** Thrown for a `_name` partner that is not an object; medplum throws a plain Error there (not an issue). */
export class PrimitiveExtensionError extends Error {}

type Bag = Record<string, unknown>;

/**
 * `from`: the first candidate that can be present, and `extended`: whether any key starts with `_`, when the caller
 * already knows the object's keys (most objects have no `_name` partner, so that lookup can be skipped). `into`: a
 * holder to fill and return instead of a new object, for a caller that reads its fields at once (the validator's
 * walk reads some 50 properties per resource, and the garbage of one result object each is most of its young
 * generation churn).
 */
export function readProperty(
  object: unknown,
  element: ElementNode,
  from = 0,
  extended = true,
  into?: PropertyValue,
): PropertyValue | undefined {
  if (!object) return undefined;
  const bag = object as Bag;
  const candidates = element.candidates;
  for (let i = from; i < candidates.length; i += 1) {
    const candidate = candidates[i] as Candidate;
    const value = bag[candidate.key];
    const extension = extended ? bag[candidate.extensionKey] : undefined;
    if (value === undefined && extension === undefined) continue;
    const merged = extension ? withExtension(value, extension) : value;
    if (isEmpty(merged)) {
      emptiesRead += 1;
      return undefined;
    }
    if (!into) return { candidate, value: merged };
    into.candidate = candidate;
    into.value = merged;
    return into;
  }
  return undefined;
}

/** medplum's isEmpty: null, undefined, '', and objects with neither a positive length nor own keys. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value === '';
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.length === 0;
  if ('length' in value && (value as { length: number }).length > 0) return false;
  for (const key in value) if (Object.hasOwn(value, key)) return false; // Object.keys without the array
  return true;
}

function withExtension(value: unknown, extension: unknown): unknown {
  if (Array.isArray(value)) {
    const merged: unknown[] = value.slice();
    // A non-array partner has no length: medplum's loop then runs zero times.
    const length = Math.max(value.length, (extension as { length: number }).length);
    for (let i = 0; i < length; i += 1) merged[i] = assignExtension(merged[i], (extension as unknown[])[i]);
    return merged;
  }
  if (!value && Array.isArray(extension)) return extension.map((item) => assignExtension(undefined, item));
  return assignExtension(value, extension);
}

function assignExtension(target: unknown, extension: unknown): unknown {
  if (!extension) return target;
  if (typeof extension !== 'object') throw new PrimitiveExtensionError('Primitive extension must be an object');
  // medplum assigns into the input (and boxes primitives); we copy so the submitted resource is never mutated.
  const base: object =
    target === null || target === undefined
      ? {}
      : typeof target === 'object'
        ? Array.isArray(target)
          ? [...(target as unknown[])]
          : { ...target }
        : (Object(target) as object);
  for (const [key, value] of Object.entries(extension)) {
    if (key === '__proto__' || key === 'constructor') continue;
    try {
      (base as Bag)[key] = value;
    } catch {
      // e.g. an array partner for a string: its indices are read-only on the boxed String, as in medplum's assign.
      throw new PrimitiveExtensionError('Primitive extension does not match its value');
    }
  }
  return base;
}
