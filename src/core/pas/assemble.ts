// Assembles a PAS collection Bundle from its first resource (the Claim): every resource the Claim reaches through
// references, transitively, is included exactly once. fullUrls are the resources' REST URLs, `<base>/<Type>/<id>`,
// the form the IG's own examples use; references inside the Bundle are rewritten to the relative `Type/id`, which
// FHIR resolves against that same base, so the Bundle is stable across rebuilds. References to anything the caller
// did not provide are dropped (keeping an identifier or display if the reference has one): a PAS Bundle must resolve
// every literal reference inside itself, and the payer needs no link to, say, the encounter of a problem-list entry.
import type { Bundle, Identifier, Reference, Resource } from '@medplum/fhirtypes';
import { referenceOf } from '../fhir/record.ts';
import { profileUrl } from './vocabulary.ts';

export interface AssembleOptions {
  /** Base URL of the FHIR interface the resources belong to (no trailing slash needed). */
  base: string;
  identifier: Identifier;
  timestamp: string;
  /** Resources that may be referenced, by every string they may be referenced with (`Type/id`, fullUrl, urn:uuid). */
  lookup: ReadonlyMap<string, Resource>;
  /** The Bundle profile: a request (`$submit`, the default) or an inquiry (`$inquire`). */
  profile?: 'pas-request-bundle' | 'pas-inquiry-request-bundle';
}

export function assembleCollection(first: Resource, options: AssembleOptions): Bundle {
  const base = options.base.replace(/\/+$/, '');
  const included = new Map<string, Resource>();
  const queue: Resource[] = [first];
  included.set(referenceOf(first), first);
  const entries: Resource[] = [];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const rewritten = rewriteReferences(next, (reference) => {
      const found = resolveReference(reference, options.lookup, included);
      if (!found) return undefined;
      const target = found.id ? found : { ...found, id: idFromReference(reference) };
      const key = referenceOf(target);
      if (!included.has(key)) {
        included.set(key, target);
        queue.push(target);
      }
      return key;
    });
    entries.push(rewritten);
  }
  return {
    resourceType: 'Bundle',
    meta: { profile: [profileUrl(options.profile ?? 'pas-request-bundle')] },
    identifier: options.identifier,
    type: 'collection',
    timestamp: options.timestamp,
    entry: entries.map((resource) => ({ fullUrl: `${base}/${referenceOf(resource)}`, resource })),
  };
}

function resolveReference(
  reference: string,
  lookup: ReadonlyMap<string, Resource>,
  included: ReadonlyMap<string, Resource>,
): Resource | undefined {
  const relative = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(\/_history\/[^/]+)?$/.exec(reference)?.[1];
  return (
    included.get(reference) ??
    lookup.get(reference) ??
    (relative === undefined ? undefined : (included.get(relative) ?? lookup.get(relative)))
  );
}

/** `https://x/fhir` from `https://x/fhir/Patient/1`; undefined for `urn:uuid:` fullUrls, which have no base. */
export function restBaseOf(fullUrl: string): string | undefined {
  return /^(https?:\/\/.+)\/[A-Za-z]+\/[^/]+$/.exec(fullUrl)?.[1];
}

/** A FHIR id (`[A-Za-z0-9-.]{1,64}`) from any string: allowed characters kept, others replaced; same input, same id. */
export function toFhirId(value: string): string {
  const id = value.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64);
  return id === '' ? 'unnamed' : id;
}

/** The id for a resource reached by a reference such as `urn:uuid:…` but carrying no id of its own. */
function idFromReference(reference: string): string {
  return toFhirId(
    reference
      .replace(/^urn:(uuid|oid):/, '')
      .split('/')
      .pop() ?? '',
  );
}

type Rewrite = (reference: string) => string | undefined;

/** A copy of the resource with every `Reference.reference` rewritten; unresolvable references are dropped. */
function rewriteReferences<T extends Resource>(resource: T, rewrite: Rewrite): T {
  return rewriteValue(resource, rewrite) as T;
}

function rewriteValue(value: unknown, rewrite: Rewrite): unknown {
  if (Array.isArray(value)) {
    const kept = value.map((item) => rewriteValue(item, rewrite)).filter((item) => item !== undefined);
    return kept.length === 0 && value.length > 0 ? undefined : kept;
  }
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    // Contained resources are referenced with '#id' and travel with their container.
    if (key === 'reference' && typeof inner === 'string' && !inner.startsWith('#')) {
      const target = rewrite(inner);
      if (target !== undefined) copy[key] = target;
      continue;
    }
    const rewritten = rewriteValue(inner, rewrite);
    if (rewritten !== undefined) copy[key] = rewritten;
  }
  // A Reference left with nothing to say, or an extension whose value was that Reference, goes too.
  const lostReference =
    'reference' in value && !('reference' in copy) && copy.identifier === undefined && copy.display === undefined;
  const lostValue =
    Object.keys(value).some((key) => key.startsWith('value') && !(key in copy)) && copy.extension === undefined;
  return lostReference || lostValue ? undefined : copy;
}

/** A relative reference (`Type/id`), the form every reference inside a PAS Bundle takes. */
export function referenceTo<T extends Resource>(resource: T): Reference<T> {
  return { reference: referenceOf(resource) };
}
