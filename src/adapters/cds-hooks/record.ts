// The patient record a determination reads, assembled from the prefetch (and what was fetched in its place) plus one
// draft order: a collection Bundle, as `klivira check` takes it, with each resource once.
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { orderReference, type DraftOrder } from './request.ts';

/** The resources of a prefetch value or a FHIR answer: a search Bundle's entries, or the resource itself. */
export function resourcesOf(value: unknown): Resource[] {
  if (value === null || typeof value !== 'object') return [];
  const resource = value as Resource;
  if (resource.resourceType !== 'Bundle') return resource.resourceType === 'OperationOutcome' ? [] : [resource];
  return (resource.entry ?? []).flatMap((entry) => {
    const inner = entry.resource;
    // A search's OperationOutcome (warnings) travels as an entry; it is no part of the record.
    if (!inner || typeof inner.resourceType !== 'string' || inner.resourceType === 'OperationOutcome') return [];
    return [inner];
  });
}

/** The record for one draft order: the order last, replacing any stored copy of it the searches returned. */
export function assembleRecord(resources: readonly Resource[], order: DraftOrder): Bundle {
  const byReference = new Map<string, Resource>();
  for (const resource of resources) {
    // Without an id nothing can reference a resource, and intake refuses it.
    if (typeof resource.id !== 'string' || resource.id === '') continue;
    byReference.set(`${resource.resourceType}/${resource.id}`, resource);
  }
  const orderKey = orderReference(order);
  byReference.delete(orderKey);
  byReference.set(orderKey, order);
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [...byReference.values()].map((resource) => ({ resource })),
  };
}
