// The `$inquire` request: a PAS Claim Inquiry, query by example, built from the request sent before. It names the
// patient, payer, requester and coverage, and the items as requested (the payer matches per the X12 278 inquiry
// rules); supporting documents, diagnoses and care team stay out. The inquiry has its own identifier (its own TRN);
// a known authorization or pend number targets the one authorization wanted.
import type { Bundle, Claim, ClaimItem, Extension } from '@medplum/fhirtypes';
import { InvalidInputError } from '../fhir/outcome.ts';
import { referenceOf } from '../fhir/record.ts';
import { assembleCollection, restBaseOf, toFhirId } from './assemble.ts';
import type { PasSubmission } from './request.ts';
import { EXTENSIONS, profileUrl } from './vocabulary.ts';

export interface InquiryTarget {
  /** The payer's authorization number (X12 REF BB), from an earlier decision. */
  authorizationNumber?: string;
  /** The payer's tracking number for a pend (X12 REF NT). */
  administrationReferenceNumber?: string;
}

/** Extensions of a requested item that describe what was asked for; the rest (links, trace numbers) stays out. */
const ITEM_QUERY_EXTENSIONS = new Set<string>([
  EXTENSIONS.serviceItemRequestType,
  EXTENSIONS.certificationType,
  EXTENSIONS.authorizationNumber,
  EXTENSIONS.administrationReferenceNumber,
]);

export function buildPasInquiry(previous: Bundle, submission: PasSubmission, target: InquiryTarget = {}): Bundle {
  const earlier = previous.entry?.[0]?.resource;
  const base = restBaseOf(previous.entry?.[0]?.fullUrl ?? '');
  if (earlier?.resourceType !== 'Claim' || base === undefined) {
    throw new InvalidInputError([
      {
        severity: 'error',
        code: 'invalid',
        message: 'the earlier request Bundle does not start with a Claim under a REST fullUrl',
        location: 'Bundle.entry[0]',
      },
    ]);
  }
  const inquiry: Claim = {
    resourceType: 'Claim',
    id: toFhirId(submission.id),
    meta: { profile: [profileUrl('claim-inquiry')] },
    ...targetExtensions(target),
    identifier: [{ system: submission.system, value: submission.id }],
    status: 'active',
    type: earlier.type,
    use: 'preauthorization',
    patient: earlier.patient,
    created: submission.timestamp,
    ...(earlier.insurer ? { insurer: earlier.insurer } : {}),
    provider: earlier.provider,
    priority: earlier.priority,
    insurance: earlier.insurance,
    ...(earlier.item ? { item: earlier.item.map(asQueryItem) } : {}),
  };
  const lookup = new Map(
    (previous.entry ?? []).flatMap((entry) =>
      entry.resource && entry.resource.resourceType !== 'Claim' ? [[referenceOf(entry.resource), entry.resource]] : [],
    ),
  );
  return assembleCollection(inquiry, {
    base,
    identifier: { system: submission.system, value: submission.id },
    timestamp: submission.timestamp,
    lookup,
    profile: 'pas-inquiry-request-bundle',
  });
}

function targetExtensions(target: InquiryTarget): Pick<Claim, 'extension'> {
  const extension: Extension[] = [];
  if (target.authorizationNumber) {
    extension.push({ url: EXTENSIONS.authorizationNumber, valueString: target.authorizationNumber });
  }
  if (target.administrationReferenceNumber) {
    extension.push({
      url: EXTENSIONS.administrationReferenceNumber,
      valueString: target.administrationReferenceNumber,
    });
  }
  return extension.length > 0 ? { extension } : {};
}

function asQueryItem(item: ClaimItem): ClaimItem {
  const extension = (item.extension ?? []).filter((e) => ITEM_QUERY_EXTENSIONS.has(e.url));
  return {
    ...(extension.length > 0 ? { extension } : {}),
    sequence: item.sequence,
    ...(item.category ? { category: item.category } : {}),
    productOrService: item.productOrService,
    ...(item.modifier ? { modifier: item.modifier } : {}),
    ...(item.servicedDate ? { servicedDate: item.servicedDate } : {}),
    ...(item.servicedPeriod ? { servicedPeriod: item.servicedPeriod } : {}),
    ...(item.locationCodeableConcept ? { locationCodeableConcept: item.locationCodeableConcept } : {}),
    ...(item.quantity ? { quantity: item.quantity } : {}),
  };
}
