// The services Klivira offers an EHR (CDS Hooks 2.0 discovery, `GET /cds-services`): Da Vinci CRD on the two order
// hooks. order-select answers as the clinician picks an order; order-sign answers once more on the whole set before
// signing. Both ask for the same prefetch: the record the policy criteria read.
import { PREFETCH_TEMPLATES } from './prefetch.ts';
import type { HookName } from './request.ts';

export interface CdsService {
  id: string;
  hook: HookName;
  title: string;
  description: string;
  prefetch: Readonly<Record<string, string>>;
}

export const CDS_SERVICES: readonly CdsService[] = [
  {
    id: 'klivira-order-select',
    hook: 'order-select',
    title: 'Klivira prior authorization check (order-select)',
    description:
      "Whether the selected orders need prior authorization under the patient's coverage, how the record stands against the payer policy, and what to document.",
    prefetch: PREFETCH_TEMPLATES,
  },
  {
    id: 'klivira-order-sign',
    hook: 'order-sign',
    title: 'Klivira prior authorization check (order-sign)',
    description:
      'Before signing: prior authorization need, reviewer and decision clock, the policy criteria not met or undocumented, and the documentation to add; each order gets the Da Vinci CRD coverage-information extension.',
    prefetch: PREFETCH_TEMPLATES,
  },
];

export const serviceById = (id: string): CdsService | undefined => CDS_SERVICES.find((s) => s.id === id);
