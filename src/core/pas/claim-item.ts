// The order as a PAS Claim item: the service or drug code (CPT/HCPCS with modifiers, NDC), the X12 service type and
// request category, the certification type, place of service, dates and quantity, and the link to the order itself.
import type { ClaimItem, CodeableConcept, MedicationRequest, ServiceRequest } from '@medplum/fhirtypes';
import { IMAGING_CPT, SYSTEMS as CODE_SYSTEMS } from '../evidence/codesets.ts';
import type { OrderCode } from '../intake/intake.ts';
import { referenceTo } from './assemble.ts';
import { CERTIFICATION, EXTENSIONS, SYSTEMS, certificationType, concept, x12Concept } from './vocabulary.ts';

/** How the service is requested: what the 278's UM segment and the item's place of service carry. */
export interface PasServiceDetails {
  /** CMS place of service code, e.g. `11` office, `22` outpatient hospital. */
  placeOfService: string;
  urgency: 'urgent' | 'routine';
  claimType?: 'professional' | 'institutional';
  /** X12 1365 service type; by default derived from the order (imaging `62`, radiography `4`, drugs `88`, else `1`). */
  serviceType?: string;
  /** X12 1525 request category (UM01): `HS` health services review (default), `SC` referral, `AR` admission. */
  requestType?: 'HS' | 'SC' | 'AR' | 'IN';
}

export interface ItemLinks {
  careTeamSequence: number[];
  diagnosisSequence: number[];
  informationSequence: number[];
}

/** The order as the Claim's single item (sequence 1): what is requested, where, how much, and how it links. */
export function orderItem(
  order: ServiceRequest | MedicationRequest,
  orderCode: OrderCode,
  service: PasServiceDetails,
  links: ItemLinks,
): ClaimItem {
  const modifiers = orderCode.modifiers.map((modifier) =>
    // CPT modifiers are two digits (26, 59); HCPCS Level II modifiers are letters (PI, PS, RT).
    concept(/^[0-9]{2}$/.test(modifier) ? SYSTEMS.cpt : SYSTEMS.hcpcs, modifier),
  );
  const serviced = servicedOf(order);
  return {
    extension: [
      { url: EXTENSIONS.serviceItemRequestType, valueCodeableConcept: x12Concept('1525', service.requestType ?? 'HS') },
      certificationType(CERTIFICATION.initial),
      { url: EXTENSIONS.requestedService, valueReference: referenceTo(order) },
    ],
    sequence: 1,
    ...nonEmpty('careTeamSequence', links.careTeamSequence),
    ...nonEmpty('diagnosisSequence', links.diagnosisSequence),
    ...nonEmpty('informationSequence', links.informationSequence),
    category: x12Concept('1365', service.serviceType ?? serviceTypeOf(orderCode)),
    productOrService: productOrServiceOf(order, orderCode),
    ...(modifiers.length > 0 ? { modifier: modifiers } : {}),
    ...serviced,
    locationCodeableConcept: concept(SYSTEMS.placeOfService, service.placeOfService),
    // X12 673 quantity qualifier: FL units.
    quantity: { value: quantityOf(order), unit: 'Units', system: SYSTEMS.x12('673'), code: 'FL' },
  };
}

function nonEmpty<K extends string>(key: K, values: number[]): Partial<Record<K, number[]>> {
  return values.length > 0 ? ({ [key]: values } as Record<K, number[]>) : {};
}

function productOrServiceOf(order: ServiceRequest | MedicationRequest, orderCode: OrderCode): CodeableConcept {
  if (orderCode.kind === 'service') {
    const system = orderCode.system === CODE_SYSTEMS.cpt ? SYSTEMS.cpt : SYSTEMS.hcpcs;
    return concept(system, orderCode.code, displayOf(orderCode));
  }
  // PAS names NDC for drugs, not RxNorm: send the order's NDC when it has one, else say that no listed code
  // applies; the RxNorm coding rides along so the reviewer sees the drug (and requestedService points at the order).
  const medication = order.resourceType === 'MedicationRequest' ? order.medicationCodeableConcept : undefined;
  const ndc = (medication?.coding ?? []).filter((coding) => coding.system === SYSTEMS.ndc && coding.code);
  const listed = ndc.length > 0 ? ndc : (concept(SYSTEMS.dataAbsentReason, 'not-applicable').coding ?? []);
  const drug = concept(orderCode.system, orderCode.code, displayOf(orderCode)).coding ?? [];
  return { coding: orderCode.system === SYSTEMS.ndc ? listed : [...listed, ...drug], text: orderCode.display };
}

/** Intake falls back to the code itself when a coding has no display; that is no display. */
function displayOf(orderCode: OrderCode): string | undefined {
  return orderCode.display === orderCode.code ? undefined : orderCode.display;
}

/** X12 1365: `88` pharmacy, `4` diagnostic X-ray, `62` MRI/CAT scan (cross-sectional and PET imaging), `1` medical care. */
function serviceTypeOf(orderCode: OrderCode): string {
  if (orderCode.kind === 'drug') return '88';
  const modality = IMAGING_CPT[orderCode.code]?.modality;
  if (modality === undefined) return '1';
  return modality === 'xray' ? '4' : '62';
}

function servicedOf(order: ServiceRequest | MedicationRequest): Pick<ClaimItem, 'servicedDate' | 'servicedPeriod'> {
  if (order.resourceType !== 'ServiceRequest') return {};
  // PAS wants full dates (FullDateRule), never date-times.
  if (order.occurrenceDateTime) return { servicedDate: order.occurrenceDateTime.slice(0, 10) };
  const period = order.occurrencePeriod;
  if (period?.start) {
    return {
      servicedPeriod: { start: period.start.slice(0, 10), ...(period.end ? { end: period.end.slice(0, 10) } : {}) },
    };
  }
  return {};
}

function quantityOf(order: ServiceRequest | MedicationRequest): number {
  const value =
    order.resourceType === 'ServiceRequest' ? order.quantityQuantity?.value : order.dispenseRequest?.quantity?.value;
  return value ?? 1;
}
