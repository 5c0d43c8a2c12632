// The edge guard on every value a request brings in: JSON bodies nested deeper than any real FHIR Bundle are refused
// before they are parsed (a deep body costs seconds to parse and overflows recursive code later), and text that
// PostgreSQL cannot store (NUL, unpaired UTF-16 surrogates) is refused wherever it appears — body values and keys,
// query string, path parameters — with its location and never its value (which may be PHI). Both walks are
// iterative, so no input can exhaust the stack.
import { InvalidInputError } from '../../core/fhir/index.ts';

/** Deepest JSON nesting accepted; a realistic FHIR Bundle is under 30 levels. */
export const MAX_JSON_DEPTH = 100;

const refuse = (message: string, location?: string): never => {
  throw new InvalidInputError(
    [{ severity: 'error', code: 'invalid', message, ...(location ? { location } : {}) }],
    400,
  );
};

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when PostgreSQL would refuse the text: a NUL character or a lone surrogate. */
export function isUnstorableText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/** Parses a JSON body, refusing one nested deeper than MAX_JSON_DEPTH (checked on the text, before parsing) or
 * carrying unstorable text. A syntax error is left to JSON.parse. */
export function parseGuardedJson(text: string): unknown {
  if (exceedsDepth(text, MAX_JSON_DEPTH)) {
    refuse(`the JSON body is nested deeper than the limit of ${String(MAX_JSON_DEPTH)} levels`);
  }
  const value: unknown = JSON.parse(text);
  guardText(value, '');
  return value;
}

/** Refuses unstorable text in a request part already parsed by the framework (query string, path parameters). */
export function guardText(value: unknown, root: string): void {
  const location = findUnstorableText(value, root);
  if (location !== undefined) {
    refuse(
      `${location.key ? 'a property name in ' : ''}${location.path || 'the body'} contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored`,
      location.path,
    );
  }
}

/** The location of the first unstorable string or key (in document order) in a parsed value, as a path like
 * `entry[3].resource.note[0].text`; `key` when it is a property name of the object at that path. */
export function findUnstorableText(value: unknown, root = ''): { path: string; key: boolean } | undefined {
  const pending: { value: unknown; path: string }[] = [{ value, path: root }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const current = next.value;
    if (typeof current === 'string') {
      if (isUnstorableText(current)) return { path: next.path, key: false };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        pending.push({ value: current[i] as unknown, path: `${next.path}[${String(i)}]` });
      }
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      if (entries.some(([key]) => isUnstorableText(key))) return { path: next.path, key: true };
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i] as [string, unknown];
        pending.push({ value: item, path: next.path ? `${next.path}.${key}` : key });
      }
    }
  }
  return undefined;
}

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** True when brackets outside string literals nest deeper than `limit`; one linear pass over the text. */
export function exceedsDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return false;
}
