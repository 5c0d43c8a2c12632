// The PAS request: a PASRequestBundle for one order, built from the intake resources, the notes and the
// determination. Pure and deterministic: the submission id and timestamp come in, nothing reads a clock or draws a
// random number, so the same input always yields the same Bundle (and the same fullUrls).
import type {
  Bundle,
  Claim,
  ClaimDiagnosis,
  ClaimItem,
  ClaimSupportingInfo,
  CodeableConcept,
  Condition,
  Coverage,
  Extension,
  MedicationRequest,
  Organization,
  Patient,
  PractitionerRole,
  Reference,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import type { Determination } from '../determination/determination.ts';
import { ICD10_SYSTEMS, IMAGING_CPT, SNOMED_TO_ICD10, SYSTEMS as CODE_SYSTEMS } from '../evidence/codesets.ts';
import { referenceOf, type ClinicalNote } from '../fhir/record.ts';
import type { OrderCode } from '../intake/intake.ts';
import { assembleCollection, toFhirId } from './assemble.ts';
import { evidenceSummaryDocument, noteDocuments, type SupportingDocument } from './documents.ts';
import { asPasCoverage, asPasOrganization, withProfile } from './profiles.ts';
import { CERTIFICATION, EXTENSIONS, SYSTEMS, concept, x12Concept } from './vocabulary.ts';

export interface PasSubmission {
  /** Our submission id: the request Bundle identifier (X12 BHT03) and the Claim identifier (patient event TRN). */
  id: string;
  /** Identifier system, e.g. `urn:trnorg:<our TRN03 originating company id>`. */
  system: string;
  /** When the request was assembled (FHIR instant): Bundle.timestamp, Claim.created, the summary's date. */
  timestamp: string;
}

/** The X12 envelope ids (ISA06/ISA08/GS02/GS03); the sender id is also the Subscription filter for pends. */
export interface TransmissionIdentifiers {
  interchangeSenderID: string;
  interchangeReceiverID: string;
  applicationSenderCode?: string;
  applicationReceiverCode?: string;
}

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

export interface PasRequestInput {
  submission: PasSubmission;
  /** Base URL of the FHIR interface the resources come from; each entry's fullUrl is `<base>/<Type>/<id>`. */
  fullUrlBase: string;
  patient: Patient;
  coverage: Coverage;
  /** The payer (utilization management organization). */
  insurer: Organization;
  /** Claim.provider: the requesting organization, or the requesting practitioner in their role. */
  requester: Organization | PractitionerRole;
  /** Providers for the whole request (X12 2010EA), e.g. the rendering facility. */
  careTeam?: (Organization | PractitionerRole)[];
  order: ServiceRequest | MedicationRequest;
  orderCode: OrderCode;
  /** Diagnoses for the request, in priority order; ICD-10-CM codes are sent, SNOMED CT is mapped where known. */
  conditions: readonly Condition[];
  notes: readonly ClinicalNote[];
  determination: Determination;
  /**
   * Every intake resource under each string it may be referenced by (e.g. `ClinicalRecord.byReference`): where
   * the references of included resources (the order's requester, a Medication, …) are resolved.
   */
  resources: ReadonlyMap<string, Resource>;
  service: PasServiceDetails;
  transmission?: TransmissionIdentifiers;
}

/** The Claim and the resources it may reference, before assembly; the update builder starts from this too. */
export interface ComposedRequest {
  claim: Claim;
  lookup: Map<string, Resource>;
}

export function buildPasRequest(input: PasRequestInput): Bundle {
  const { claim, lookup } = composePasRequest(input);
  return assembleCollection(claim, {
    base: input.fullUrlBase,
    identifier: { system: input.submission.system, value: input.submission.id },
    timestamp: input.submission.timestamp,
    lookup,
  });
}

export function composePasRequest(input: PasRequestInput): ComposedRequest {
  const { submission, service } = input;
  const claimId = toFhirId(submission.id);
  const patientRef = referenceTo(input.patient);
  const documents = [
    ...noteDocuments(input.notes, patientRef),
    evidenceSummaryDocument(input.determination, toFhirId(`${claimId}-evidence`), patientRef, submission.timestamp),
  ];
  const careTeam = input.careTeam ?? [];
  const diagnoses = diagnosesOf(input.conditions);
  const supportingInfo = documents.map(supportingInfoFor);
  const claim: Claim = withProfile(
    {
      resourceType: 'Claim',
      id: claimId,
      extension: claimExtensions(input),
      identifier: [{ system: submission.system, value: submission.id }],
      status: 'active',
      type: concept(SYSTEMS.claimType, service.claimType ?? 'professional'),
      use: 'preauthorization',
      patient: patientRef,
      created: submission.timestamp,
      insurer: referenceTo(input.insurer),
      provider: referenceTo(input.requester),
      priority: concept(SYSTEMS.processPriority, service.urgency === 'urgent' ? 'stat' : 'normal'),
      ...(careTeam.length > 0
        ? {
            careTeam: careTeam.map((member, index) => ({
              extension: [{ url: EXTENSIONS.careTeamClaimScope, valueBoolean: true }],
              sequence: index + 1,
              provider: referenceTo(member),
            })),
          }
        : {}),
      supportingInfo,
      ...(diagnoses.length > 0 ? { diagnosis: diagnoses } : {}),
      insurance: [{ sequence: 1, focal: true, coverage: referenceTo(input.coverage) }],
      item: [
        orderItem(input, {
          careTeamSequence: careTeam.map((_, index) => index + 1),
          diagnosisSequence: diagnoses.map((diagnosis) => diagnosis.sequence),
          informationSequence: supportingInfo.map((info) => info.sequence),
        }),
      ],
    },
    'claim',
  );
  return { claim, lookup: lookupFor(input, documents) };
}

/** Intake resources by reference, overridden by the PAS-shaped copies and the generated documents. */
function lookupFor(input: PasRequestInput, documents: readonly SupportingDocument[]): Map<string, Resource> {
  const shaped: Resource[] = [
    withProfile(input.patient, 'beneficiary'),
    asPasCoverage(input.coverage),
    asPasOrganization(input.insurer, 'insurer'),
    ...[input.requester, ...(input.careTeam ?? [])].map((party) =>
      party.resourceType === 'Organization'
        ? asPasOrganization(party, 'requestor')
        : withProfile(party, 'practitionerrole'),
    ),
    input.order.resourceType === 'ServiceRequest'
      ? withProfile(input.order, 'servicerequest')
      : withProfile(input.order, 'medicationrequest'),
    ...documents.map((supporting) => supporting.document),
  ];
  const overrides = new Map(shaped.map((resource) => [referenceOf(resource), resource]));
  const lookup = new Map<string, Resource>();
  for (const [reference, resource] of input.resources)
    lookup.set(reference, overrides.get(referenceOf(resource)) ?? resource);
  for (const [key, resource] of overrides) lookup.set(key, resource);
  return lookup;
}

function claimExtensions(input: PasRequestInput): Extension[] {
  const [code, display] = input.service.urgency === 'urgent' ? ['U', 'Urgent'] : ['E', 'Elective'];
  const extensions: Extension[] = [
    { url: EXTENSIONS.levelOfService, valueCodeableConcept: x12Concept('1338', code, display) },
  ];
  const transmission = input.transmission;
  if (transmission) {
    extensions.push({
      url: EXTENSIONS.transmissionIdentifiers,
      extension: Object.entries(transmission).flatMap(([url, value]) =>
        typeof value === 'string' ? [{ url, valueString: value }] : [],
      ),
    });
  }
  return extensions;
}

function supportingInfoFor(supporting: SupportingDocument, index: number): ClaimSupportingInfo {
  return {
    extension: [
      {
        url: EXTENSIONS.documentInformation,
        extension: [
          { url: 'reportTypeCode', valueCodeableConcept: x12Concept('755', supporting.reportType) },
          // EL: the document travels electronically, inside this Bundle.
          { url: 'transmissionMethod', valueCodeableConcept: x12Concept('756', 'EL') },
          { url: 'description', valueString: supporting.description },
        ],
      },
    ],
    sequence: index + 1,
    category: concept(SYSTEMS.pasTempCodes, 'additionalInformation'),
    valueReference: { reference: referenceOf(supporting.document) },
  };
}

function diagnosesOf(conditions: readonly Condition[]): ClaimDiagnosis[] {
  const seen = new Set<string>();
  const diagnoses: ClaimDiagnosis[] = [];
  for (const condition of conditions) {
    const icd10 = icd10Of(condition.code);
    if (!icd10 || seen.has(icd10.code)) continue;
    seen.add(icd10.code);
    const recorded = condition.recordedDate?.slice(0, 10);
    diagnoses.push({
      ...(recorded ? { extension: [{ url: EXTENSIONS.diagnosisRecordedDate, valueDate: recorded }] } : {}),
      sequence: diagnoses.length + 1,
      diagnosisCodeableConcept: concept(SYSTEMS.icd10cm, icd10.code, icd10.display),
    });
  }
  return diagnoses;
}

function icd10Of(code: CodeableConcept | undefined): { code: string; display?: string } | undefined {
  const codings = code?.coding ?? [];
  const icd = codings.find((c) => c.system !== undefined && ICD10_SYSTEMS.has(c.system) && c.code);
  if (icd?.code) return { code: icd.code, ...(icd.display ? { display: icd.display } : {}) };
  for (const coding of codings) {
    const mapped = coding.system === CODE_SYSTEMS.snomed && coding.code ? SNOMED_TO_ICD10[coding.code] : undefined;
    if (mapped) return { code: mapped.icd10, display: mapped.display };
  }
  return undefined;
}

interface ItemLinks {
  careTeamSequence: number[];
  diagnosisSequence: number[];
  informationSequence: number[];
}

function orderItem(input: PasRequestInput, links: ItemLinks): ClaimItem {
  const { order, orderCode, service } = input;
  const modifiers = orderCode.modifiers.map((modifier) =>
    // CPT modifiers are two digits (26, 59); HCPCS Level II modifiers are letters (PI, PS, RT).
    concept(/^[0-9]{2}$/.test(modifier) ? SYSTEMS.cpt : SYSTEMS.hcpcs, modifier),
  );
  const serviced = servicedOf(order);
  return {
    extension: [
      { url: EXTENSIONS.serviceItemRequestType, valueCodeableConcept: x12Concept('1525', service.requestType ?? 'HS') },
      {
        url: EXTENSIONS.certificationType,
        valueCodeableConcept: x12Concept('1322', CERTIFICATION.initial, 'Initial'),
      },
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
    return concept(system, orderCode.code, orderCode.display);
  }
  // PAS names NDC for drugs, not RxNorm: send the order's NDC when it has one, else say that no listed code
  // applies; the RxNorm coding rides along so the reviewer sees the drug (and requestedService points at the order).
  const medication = order.resourceType === 'MedicationRequest' ? order.medicationCodeableConcept : undefined;
  const ndc = (medication?.coding ?? []).filter((coding) => coding.system === SYSTEMS.ndc && coding.code);
  const listed = ndc.length > 0 ? ndc : (concept(SYSTEMS.dataAbsentReason, 'not-applicable').coding ?? []);
  const drug = { system: orderCode.system, code: orderCode.code, display: orderCode.display };
  return { coding: orderCode.system === SYSTEMS.ndc ? listed : [...listed, drug], text: orderCode.display };
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

export function referenceTo<T extends Resource>(resource: T): Reference<T> {
  return { reference: referenceOf(resource) };
}
