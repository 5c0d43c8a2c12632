// The resources the record points to but no patient search returns: the clinicians (a prescriber's specialty is a
// criterion), organizations, and medications named by reference. Fetched by `_id` in batches, two levels deep.
import type { Resource } from '@medplum/fhirtypes';
import type { FhirClient } from './fhir-client.ts';
import type { RecordSet } from './record-set.ts';

export const REFERENCED_TYPES = ['Practitioner', 'PractitionerRole', 'Organization', 'Medication'] as const;
/** Ids in one `_id=` search: short enough for any server's URL limit. */
const IDS_PER_SEARCH = 50;

function collect(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'reference' && typeof item === 'string') into.add(item);
      else collect(item, into);
    }
  }
}

/** `Type?_id=…` searches (relative to the FHIR base) for what the resources reference and the set lacks, but for
 * what was searched before (`searched`, which this extends): a refused reference is not asked for twice. */
export function missingReferenceSearches(
  resources: readonly Resource[],
  set: RecordSet,
  searched: Set<string>,
  client: FhirClient,
  pageSize: number,
): { type: string; query: string }[] {
  const references = new Set<string>();
  for (const resource of resources) collect(resource, references);
  const missing = new Map<string, string[]>();
  for (const raw of references) {
    // Absolute references to this server count as literal ones; other servers' are not followed.
    const reference = client.owns(raw) ? raw.slice(client.base.href.length) : raw;
    const [type = '', id = '', ...rest] = reference.split('/');
    if (
      rest.length > 0 ||
      !(REFERENCED_TYPES as readonly string[]).includes(type) ||
      !/^[A-Za-z0-9\-.]{1,64}$/.test(id)
    )
      continue;
    if (set.has(`${type}/${id}`) || searched.has(`${type}/${id}`)) continue;
    searched.add(`${type}/${id}`);
    missing.set(type, [...(missing.get(type) ?? []), id]);
  }
  return [...missing].flatMap(([type, ids]) => {
    const batches: { type: string; query: string }[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_SEARCH) {
      const params = new URLSearchParams({ _id: ids.slice(i, i + IDS_PER_SEARCH).join(','), _count: String(pageSize) });
      batches.push({ type, query: `${type}?${params.toString()}` });
    }
    return batches;
  });
}
