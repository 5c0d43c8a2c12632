// The resources a pull has gathered, once each (a search and an _include often return the same one), and the
// collection Bundle they become: each entry's fullUrl the resource's absolute URL on the EHR's FHIR server.
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { PullBudget } from './budget.ts';

export function keyOf(resource: Resource): string {
  return `${resource.resourceType}/${resource.id ?? ''}`;
}

export class RecordSet {
  private readonly resources = new Map<string, Resource>();

  constructor(private readonly budget: PullBudget) {}

  get size(): number {
    return this.resources.size;
  }

  has(reference: string): boolean {
    return this.resources.has(reference);
  }

  get(reference: string): Resource | undefined {
    return this.resources.get(reference);
  }

  all(): Resource[] {
    return [...this.resources.values()];
  }

  /** Adds what is new and has an id; within the budget unless `essential` (the patient and the order). */
  add(resource: Resource, essential = false): void {
    const key = keyOf(resource);
    if (!resource.id || this.resources.has(key)) return;
    if (!this.budget.takeResource() && !essential) return;
    this.resources.set(key, resource);
  }

  toBundle(fhirBase: string): Bundle {
    const base = fhirBase.replace(/\/$/, '');
    return {
      resourceType: 'Bundle',
      type: 'collection',
      timestamp: new Date().toISOString(),
      entry: this.all().map((resource) => ({ fullUrl: `${base}/${keyOf(resource)}`, resource })),
    };
  }
}
