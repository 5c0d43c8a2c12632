// The order under review: a ServiceRequest with its CPT code, optional CPT modifier, ICD-10-CM reasons, the
// requesting clinician and the coverage it is billed to.
import type { CodeableConcept, Coding, Coverage, Encounter, Reference, ServiceRequest } from '@medplum/fhirtypes';
import type { CaseContext } from '../context.ts';
import { CPT_MODIFIER_SYSTEM, concept, snomed } from '../codes.ts';
import type { PatientInfo, Requester } from './admin.ts';

export interface OrderSpec {
  code: Coding;
  modifier?: { code: 'PI' | 'PS'; display: string };
  /** ICD-10-CM reasons; build with `concept(coding, text)` to carry the clinician's words. */
  reasons: CodeableConcept[];
  priority: 'routine' | 'urgent';
  category?: 'imaging' | 'surgery';
  requester: Requester;
  coverage: Reference<Coverage>;
  encounter?: Reference<Encounter>;
  note?: string;
}

export const MODIFIERS = {
  PI: { code: 'PI', display: 'Positron emission tomography (PET) or PET/CT to inform the initial treatment strategy' },
  PS: {
    code: 'PS',
    display: 'Positron emission tomography (PET) or PET/CT to inform the subsequent treatment strategy',
  },
} as const;

const ORDER_CATEGORY = {
  imaging: snomed('363679005', 'Imaging'),
  surgery: snomed('387713003', 'Surgical procedure'),
} as const;

export function addOrder(ctx: CaseContext, patient: PatientInfo, spec: OrderSpec): Reference<ServiceRequest> {
  return ctx.add<ServiceRequest>({
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    category: [concept(ORDER_CATEGORY[spec.category ?? 'imaging'])],
    priority: spec.priority,
    code: concept(spec.code),
    ...(spec.modifier
      ? { orderDetail: [{ coding: [{ system: CPT_MODIFIER_SYSTEM, ...spec.modifier }], text: spec.modifier.code }] }
      : {}),
    subject: patient.ref,
    ...(spec.encounter ? { encounter: spec.encounter } : {}),
    authoredOn: ctx.at(ctx.orderDate, 16),
    requester: spec.requester.practitioner,
    reasonCode: spec.reasons,
    insurance: [spec.coverage],
    ...(spec.note ? { note: [{ text: spec.note }] } : {}),
  });
}
