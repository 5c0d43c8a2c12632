// Accessors for untrusted JSON (a payer's response): a field typed as an array or a string may be anything, so
// readers go through these instead of trusting the FHIR types.

/** The array's present elements, or none when the value is not an array at all (whatever its declared type). */
export function arrayOf<T>(value: readonly T[] | undefined): T[] {
  const untrusted: unknown = value;
  return Array.isArray(untrusted) ? (untrusted as T[]).filter((item) => item !== null && item !== undefined) : [];
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
