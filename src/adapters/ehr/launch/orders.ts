// A standalone launch names a patient but no order: the patient's active orders are the choice. Service orders
// first; drug orders only when there is none (as intake chooses), so a med list does not crowd out the MRI.
import type { MedicationRequest, Resource, ServiceRequest } from '@medplum/fhirtypes';
import type { FhirAuth } from '../pull/auth.ts';
import { PullBudget } from '../pull/budget.ts';
import { FhirClient } from '../pull/fhir-client.ts';
import { pullLimits, type PullLimits } from '../pull/limits.ts';
import { PullError } from '../pull/pull-record.ts';
import { searchAll } from '../pull/search.ts';

export interface OrderOption {
  reference: string;
  label: string;
}

type Order = ServiceRequest | MedicationRequest;

function isOrder(resource: Resource): resource is Order {
  return resource.resourceType === 'ServiceRequest' || resource.resourceType === 'MedicationRequest';
}

function labelOf(order: Order): string {
  const concept = order.resourceType === 'ServiceRequest' ? order.code : order.medicationCodeableConcept;
  const name = concept?.text ?? concept?.coding?.find((c) => c.display)?.display ?? concept?.coding?.[0]?.code;
  const date = order.authoredOn?.slice(0, 10);
  return `${name ?? 'unnamed order'}${date ? ` (${date})` : ''}`;
}

export async function activeOrders(
  fhirBase: string,
  auth: FhirAuth,
  patientId: string,
  limits: Partial<PullLimits> = {},
): Promise<OrderOption[]> {
  const all = pullLimits(limits);
  const context = { client: new FhirClient(fhirBase, all, auth), budget: new PullBudget(all) };
  const searches = [
    `ServiceRequest?${new URLSearchParams({ patient: `Patient/${patientId}`, status: 'active' }).toString()}`,
    `MedicationRequest?${new URLSearchParams({ patient: `Patient/${patientId}`, status: 'active', intent: 'order' }).toString()}`,
  ];
  for (const query of searches) {
    const label = `${query.slice(0, query.indexOf('?'))} search (active orders)`;
    const found = await searchAll(context, label, context.client.resolve(query));
    if (!found.ok) throw new PullError(found.warning);
    const orders = found.value.filter(isOrder);
    if (orders.length > 0)
      return orders.map((o) => ({ reference: `${o.resourceType}/${o.id ?? ''}`, label: labelOf(o) }));
  }
  return [];
}
