// The simulated payer's Da Vinci PAS front end: reads `$submit` request Bundles into wire-neutral requests, and
// writes PAS response Bundles (a ClaimResponse with a reviewAction per item, or business errors).
import type {
  Bundle,
  BundleEntry,
  Claim,
  ClaimResponse,
  ClaimResponseItem,
  CommunicationRequest,
  Extension,
  Resource,
} from '@medplum/fhirtypes';
import { CERTIFICATION, EXTENSIONS, SYSTEMS, x12Concept } from '../core/pas/index.ts';
import type { RequestedItem } from './adjudicate.ts';
import type { Authorization, ReceivedRequest } from './payer.ts';

export class PasRequestError extends Error {
  constructor(
    message: string,
    readonly expression?: string,
  ) {
    super(message);
    this.name = 'PasRequestError';
  }
}

const REVIEW_DISPLAY: Record<string, string> = {
  A1: 'Certified in total',
  A2: 'Certified - partial',
  A3: 'Not Certified',
  A4: 'Pended',
  A6: 'Modified',
  C: 'Cancelled',
  CT: 'Contact Payer',
  NA: 'No Action Required',
};

function extension(resource: { extension?: Extension[] }, url: string): Extension | undefined {
  return resource.extension?.find((e) => e.url === url);
}

/** Validates the parts the payer relies on and reads them; anything else in the Bundle is carried along unread. */
export function readPasRequest(body: unknown): ReceivedRequest {
  const bundle = body as Partial<Bundle> | null;
  if (bundle === null || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle') {
    throw new PasRequestError('the request is not a Bundle', 'Bundle');
  }
  const entries = bundle.entry ?? [];
  const claim = entries[0]?.resource as Claim | undefined;
  if (claim?.resourceType !== 'Claim')
    throw new PasRequestError('the first entry must be the Claim', 'Bundle.entry[0]');
  if (claim.use !== 'preauthorization') {
    throw new PasRequestError("Claim.use must be 'preauthorization'", 'Bundle.entry[0].resource.use');
  }
  const submissionId = claim.identifier?.[0]?.value ?? bundle.identifier?.value;
  if (!submissionId) throw new PasRequestError('the Claim has no identifier', 'Bundle.entry[0].resource.identifier');
  const resolve = (reference: string | undefined): Resource | undefined =>
    reference === undefined
      ? undefined
      : entries.find(
          (e) =>
            e.fullUrl === reference ||
            (e.resource && `${e.resource.resourceType}/${e.resource.id ?? ''}` === reference) ||
            e.fullUrl?.endsWith(`/${reference}`),
        )?.resource;
  const insurer = resolve(claim.insurer?.reference);
  if (insurer?.resourceType !== 'Organization') {
    throw new PasRequestError(
      'Claim.insurer does not resolve to an Organization in the Bundle',
      'Bundle.entry[0].resource.insurer',
    );
  }
  const coverage = resolve(claim.insurance?.[0]?.coverage.reference);
  const memberId =
    coverage?.resourceType === 'Coverage' ? (coverage.subscriberId ?? coverage.identifier?.[0]?.value) : undefined;
  const certification = extension(claim, EXTENSIONS.certificationType)?.valueCodeableConcept?.coding?.[0]?.code;
  const related = claim.related?.[0]?.claim;
  const relatedId =
    related?.identifier?.value ?? (resolve(related?.reference) as Claim | undefined)?.identifier?.[0]?.value;
  const kind: ReceivedRequest['kind'] =
    certification === CERTIFICATION.cancel ? 'cancel' : relatedId !== undefined ? 'update' : 'initial';
  const items: RequestedItem[] = (claim.item ?? []).map((item) => {
    const code = item.productOrService.coding?.[0]?.code;
    if (!code) throw new PasRequestError(`item ${String(item.sequence)} has no productOrService code`, 'Claim.item');
    return {
      sequence: item.sequence,
      code,
      ...(item.quantity?.value !== undefined ? { quantity: item.quantity.value } : {}),
    };
  });
  if (kind !== 'cancel' && items.length === 0)
    throw new PasRequestError('the Claim has no items', 'Bundle.entry[0].resource.item');
  const senderId = extension(claim, EXTENSIONS.transmissionIdentifiers)?.extension?.find(
    (e) => e.url === 'interchangeSenderID',
  )?.valueString;
  // Documents an update adds answer a request for information by the control number they carry.
  const attachmentControlNumbers = (claim.supportingInfo ?? [])
    .filter((info) => extension(info, EXTENSIONS.infoChanged)?.valueCode === 'added')
    .flatMap((info) => {
      const control = extension(info, EXTENSIONS.documentInformation)?.extension?.find(
        (e) => e.url === 'controlNumber',
      );
      return control?.valueString ? [control.valueString] : [];
    });
  return {
    wire: 'pas',
    submissionId,
    kind,
    ...(relatedId !== undefined ? { relatedTo: relatedId } : {}),
    keys: {
      ...(insurer.identifier?.[0]?.value ? { payerId: insurer.identifier[0].value } : {}),
      codes: items.map((i) => i.code),
      ...(memberId ? { memberId } : {}),
    },
    items,
    ...(senderId ? { senderId } : {}),
    ...(attachmentControlNumbers.length > 0 ? { attachmentControlNumbers } : {}),
  };
}

/** PAS CommunicationRequests for what the payer still awaits (category X12 755, LOINC question, control number). */
function informationRequests(authorization: Authorization, patient: Claim['patient']): CommunicationRequest[] {
  return (authorization.awaiting ?? []).map((request) => ({
    resourceType: 'CommunicationRequest',
    id: `rfi-${request.controlNumber}`.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64),
    meta: { profile: ['http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-communicationrequest'] },
    extension: [
      {
        url: 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-serviceLineNumber',
        valuePositiveInt: request.itemSequence,
      },
    ],
    identifier: [{ value: request.controlNumber }],
    status: 'active',
    category: [x12Concept('755', request.reportType, request.description)],
    medium: [{ coding: [{ system: SYSTEMS.pasTempCodes, code: 'EL' }] }],
    subject: patient,
    ...(request.loinc ? { payload: [{ contentString: request.loinc }] } : {}),
  }));
}

function responseItem(outcome: Authorization['items'][number], decidedOn: Date): ClaimResponseItem {
  const review: Extension = {
    url: EXTENSIONS.reviewAction,
    extension: [
      {
        url: EXTENSIONS.reviewActionCode,
        valueCodeableConcept: x12Concept('306', outcome.action, REVIEW_DISPLAY[outcome.action]),
      },
      ...(outcome.authorizationNumber ? [{ url: 'number', valueString: outcome.authorizationNumber }] : []),
      ...outcome.reasonCodes.map((code) => ({ url: 'reasonCode', valueCodeableConcept: x12Concept('886', code) })),
    ],
  };
  const detail: Extension[] = outcome.modification
    ? [
        {
          url: EXTENSIONS.itemAuthorizedDetail,
          extension: [
            ...(outcome.modification.code
              ? [
                  {
                    url: 'productOrServiceCode',
                    valueCodeableConcept: { coding: [{ system: SYSTEMS.cpt, code: outcome.modification.code }] },
                  },
                ]
              : []),
            ...(outcome.modification.quantity !== undefined
              ? [{ url: 'quantity', valueQuantity: { value: outcome.modification.quantity } }]
              : []),
          ],
        },
      ]
    : [];
  // Certified items carry the authorization's validity: 90 days from the decision, as imaging authorizations often do.
  if (outcome.authorizationNumber && (outcome.action === 'A1' || outcome.action === 'A6' || outcome.action === 'A2')) {
    const start = decidedOn.toISOString().slice(0, 10);
    const end = new Date(decidedOn.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
    detail.push({ url: EXTENSIONS.itemPreAuthPeriod, valuePeriod: { start, end } });
  }
  return {
    itemSequence: outcome.sequence,
    ...(outcome.administrationReference
      ? {
          extension: [
            { url: EXTENSIONS.administrationReferenceNumber, valueString: outcome.administrationReference },
            ...detail,
          ],
        }
      : detail.length > 0
        ? { extension: detail }
        : {}),
    adjudication: [
      {
        extension: [review],
        category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'submitted' }] },
      },
    ],
    ...(outcome.notes.length > 0 ? { noteNumber: [1] } : {}),
  };
}

/** The `$submit` response: the ClaimResponse first, then the resources it references, copied from the request. */
export function writePasResponse(requestBody: Bundle, authorization: Authorization, now: Date): Bundle {
  const entries = requestBody.entry ?? [];
  const claimEntry = entries[0] as BundleEntry<Claim>;
  const claim = claimEntry.resource as Claim;
  const pended = authorization.decideAt !== undefined || (authorization.awaiting?.length ?? 0) > 0;
  const notes = [...new Set(authorization.items.flatMap((i) => i.notes))];
  const asked = informationRequests(authorization, claim.patient);
  const response: ClaimResponse = {
    resourceType: 'ClaimResponse',
    id: `response-${authorization.request.submissionId}`.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64),
    identifier: claim.identifier ?? [],
    status: 'active',
    type: claim.type,
    use: 'preauthorization',
    patient: claim.patient,
    created: now.toISOString(),
    insurer: claim.insurer ?? { display: 'unknown payer' },
    ...(claim.provider ? { requestor: claim.provider } : {}),
    request: {
      ...(claimEntry.fullUrl ? { reference: claimEntry.fullUrl } : {}),
      identifier: claim.identifier?.[0] ?? {},
    },
    outcome: authorization.businessError ? 'error' : pended ? 'partial' : 'complete',
    ...(authorization.items.length > 0 ? { item: authorization.items.map((item) => responseItem(item, now)) } : {}),
    ...(notes.length > 0 ? { processNote: notes.map((text, i) => ({ number: i + 1, text })) } : {}),
    ...(asked.length > 0
      ? { communicationRequest: asked.map((request) => ({ reference: `CommunicationRequest/${request.id ?? ''}` })) }
      : {}),
    ...(authorization.businessError
      ? {
          error: [
            {
              extension: [
                {
                  url: EXTENSIONS.errorFollowupAction,
                  valueCodeableConcept: x12Concept('889', authorization.businessError.followUp),
                },
                ...(authorization.businessError.element
                  ? [{ url: EXTENSIONS.errorElement, valueString: authorization.businessError.element }]
                  : []),
              ],
              code: x12Concept('901', authorization.businessError.code),
            },
          ],
        }
      : {}),
  };
  const referenced = [claim.patient.reference, claim.insurer?.reference, claim.provider?.reference];
  const isReferenced = (entry: BundleEntry): boolean =>
    referenced.some(
      (ref) =>
        ref !== undefined &&
        (entry.fullUrl === ref ||
          (entry.resource !== undefined && `${entry.resource.resourceType}/${entry.resource.id ?? ''}` === ref)),
    );
  return {
    resourceType: 'Bundle',
    identifier: requestBody.identifier ?? { value: authorization.request.submissionId },
    type: 'collection',
    timestamp: now.toISOString(),
    entry: [
      { fullUrl: `urn:uuid:${response.id ?? 'response'}`, resource: response },
      ...asked.map((request) => ({ fullUrl: `urn:uuid:${request.id ?? ''}`, resource: request })),
      ...entries.filter(isReferenced),
    ],
  };
}
