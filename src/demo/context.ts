// The case being built: its PRNG stream, its dates, and the bundle entries added so far. Every resource gets a
// UUID from the case's PRNG as its id, and `urn:uuid:<id>` as its fullUrl; references use the fullUrl.
import type { Bundle, BundleEntry, Reference, Resource } from '@medplum/fhirtypes';
import { addDays } from '../core/evidence/index.ts';
import { Random } from './prng.ts';

export const TIME_ZONE_OFFSET = '-05:00';

export class CaseContext {
  readonly random: Random;
  /** The day the order is written (YYYY-MM-DD); clinical dates are counted back from it. */
  readonly orderDate: string;
  private readonly entries: BundleEntry[] = [];
  private readonly names = new Set<string>();

  constructor(seed: number, orderDate: string) {
    this.random = new Random(seed);
    this.orderDate = orderDate;
  }

  /** Adds a resource (its id is assigned here) and returns a reference to it. */
  add<T extends Resource>(resource: T, display?: string): Reference<T> {
    const id = this.random.uuid();
    const { resourceType, ...rest } = resource;
    const withId = { resourceType, id, ...rest } as T;
    const fullUrl = `urn:uuid:${id}`;
    this.entries.push({ fullUrl, resource: withId });
    return { reference: fullUrl, ...(display ? { display } : {}) };
  }

  /** Draws until `draw` gives a value not drawn before in this case (e.g. two clinicians of the same name). */
  unique(draw: () => string): string {
    let value = draw();
    for (let tries = 0; this.names.has(value) && tries < 20; tries++) value = draw();
    this.names.add(value);
    return value;
  }

  /** The date `days` days before the order date. */
  daysBefore(days: number): string {
    return addDays(this.orderDate, -days);
  }

  /** A dateTime on `date` at a clinic-hours time drawn from the PRNG. */
  at(date: string, hour?: number): string {
    const h = hour ?? this.random.int(8, 16);
    const m = this.random.pick(['00', '10', '15', '20', '30', '40', '45', '50']);
    return `${date}T${String(h).padStart(2, '0')}:${m}:00${TIME_ZONE_OFFSET}`;
  }

  bundle(): Bundle {
    return {
      resourceType: 'Bundle',
      id: this.random.uuid(),
      type: 'collection',
      timestamp: `${this.orderDate}T17:00:00${TIME_ZONE_OFFSET}`,
      entry: this.entries,
    };
  }
}
