// The PAS request: a PASRequestBundle for one order, built from the intake resources, the notes and the
// determination. Pure and deterministic: the submission id and timestamp come in, nothing reads a clock or draws a
// random number, so the same input always yields the same Bundle (and the same fullUrls).
import type {
  Bundle,
  Claim,
  ClaimSupportingInfo,
  Condition,
  Coverage,
  Extension,
  MedicationRequest,
  Organization,
  Patient,
  PractitionerRole,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import type { Determination } from '../determination/determination.ts';
import { referenceOf, type ClinicalNote } from '../fhir/record.ts';
import type { OrderCode } from '../intake/intake.ts';
import { assembleCollection, referenceTo, toFhirId } from './assemble.ts';
import { orderItem, type PasServiceDetails } from './claim-item.ts';
import { claimDiagnoses } from './diagnoses.ts';
import { evidenceSummaryDocument, noteDocuments, type SupportingDocument } from './documents.ts';
import { asPasCoverage, asPasOrganization, withProfile } from './profiles.ts';
import { EXTENSIONS, SYSTEMS, concept, x12Concept } from './vocabulary.ts';

export type { PasServiceDetails } from './claim-item.ts';

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
  /** The organization a PractitionerRole requester acts for, when it is not among `resources` (the configured practice). */
  requesterOrganization?: Organization;
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
    ...noteDocuments(input.notes, patientRef, input.resources),
    evidenceSummaryDocument(input.determination, toFhirId(`${claimId}-evidence`), patientRef, submission.timestamp),
  ];
  const careTeam = input.careTeam ?? [];
  const diagnoses = claimDiagnoses(input.conditions);
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
        orderItem(input.order, input.orderCode, service, {
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
    ...[
      input.requester,
      ...(input.requesterOrganization ? [input.requesterOrganization] : []),
      ...(input.careTeam ?? []),
    ].map((party) =>
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
  for (const [reference, resource] of input.resources) {
    lookup.set(reference, overrides.get(referenceOf(resource)) ?? resource);
  }
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
    const parts = [
      'applicationSenderCode',
      'applicationReceiverCode',
      'interchangeSenderID',
      'interchangeReceiverID',
    ] as const;
    extensions.push({
      url: EXTENSIONS.transmissionIdentifiers,
      extension: parts.flatMap((url) => {
        const value = transmission[url];
        return value === undefined ? [] : [{ url, valueString: value }];
      }),
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
