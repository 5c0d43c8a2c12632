// Updates and cancels go through $submit as a PAS Claim Update: `related` points at the Claim being changed
// (relationship `prior`), and that Claim travels in the same Bundle. Items and supporting documents keep the
// sequence they had in the earlier request (the payer traces them by it); entries that are gone are resent marked
// cancelled, and entries that differ from the earlier request carry infoChanged (`added` | `changed`).
import type { Bundle, Claim, ClaimItem, ClaimSupportingInfo, Extension, Resource } from '@medplum/fhirtypes';
import { referenceOf } from '../fhir/record.ts';
import { InvalidInputError } from '../fhir/outcome.ts';
import { assembleCollection, restBaseOf, toFhirId } from './assemble.ts';
import { withProfile } from './profiles.ts';
import { composePasRequest, type PasRequestInput, type PasSubmission } from './request.ts';
import { CERTIFICATION, EXTENSIONS, SYSTEMS, certificationType, concept } from './vocabulary.ts';

/** The changed request, as a Claim Update of the Claim in `previous` (the request Bundle sent before). */
export function buildPasUpdate(input: PasRequestInput, previous: Bundle): Bundle {
  const earlier = previousClaim(previous);
  const { claim, lookup } = composePasRequest(input);
  const { supportingInfo, renumber } = mergeSupportingInfo(earlier.supportingInfo ?? [], claim.supportingInfo ?? []);
  const current = (claim.item ?? []).map((item) =>
    item.informationSequence ? { ...item, informationSequence: item.informationSequence.map(renumber) } : item,
  );
  const items = mergeItems(earlier.item ?? [], current);
  const update = asUpdateOf(earlier, { ...claim, supportingInfo, item: items });
  return assembleCollection(update, {
    base: input.fullUrlBase,
    identifier: { system: input.submission.system, value: input.submission.id },
    timestamp: input.submission.timestamp,
    lookup: withEarlierResources(lookup, previous, earlier),
  });
}

/**
 * Cancels the whole earlier request: a Claim Update carrying Claim-level certification type `3` (cancel), resending
 * the earlier items and documents unchanged (the profile requires items; the Claim-level code is what cancels).
 */
export function buildPasCancel(previous: Bundle, submission: PasSubmission): Bundle {
  const earlier = previousClaim(previous);
  const base = restBaseOf(previous.entry?.[0]?.fullUrl ?? '');
  if (base === undefined) throw invalid('the earlier request has no REST fullUrl to derive the base from');
  const cancel: Claim = {
    ...earlier,
    id: toFhirId(submission.id),
    extension: [
      ...(earlier.extension ?? []).filter((extension) => extension.url !== EXTENSIONS.certificationType),
      certificationType(CERTIFICATION.cancel),
    ],
    identifier: [{ system: submission.system, value: submission.id }],
    created: submission.timestamp,
    item: (earlier.item ?? []).map(withoutChangeMarks),
    ...(earlier.supportingInfo ? { supportingInfo: earlier.supportingInfo.map(withoutChangeMarks) } : {}),
  };
  return assembleCollection(asUpdateOf(earlier, cancel), {
    base,
    identifier: { system: submission.system, value: submission.id },
    timestamp: submission.timestamp,
    lookup: withEarlierResources(new Map(), previous, earlier),
  });
}

/**
 * The earlier request resent unchanged as a Claim Update, with supporting documents added (each entry marked
 * infoChanged `added`) and the resources they reference: how documents a payer asked for reach it.
 */
export function buildPasAddition(
  previous: Bundle,
  submission: PasSubmission,
  added: { supportingInfo: ClaimSupportingInfo[]; resources: Resource[] },
): Bundle {
  const earlier = previousClaim(previous);
  const base = restBaseOf(previous.entry?.[0]?.fullUrl ?? '');
  if (base === undefined) throw invalid('the earlier request has no REST fullUrl to derive the base from');
  const addition: Claim = {
    ...earlier,
    id: toFhirId(submission.id),
    identifier: [{ system: submission.system, value: submission.id }],
    created: submission.timestamp,
    item: (earlier.item ?? []).map(withoutChangeMarks),
    supportingInfo: [
      ...(earlier.supportingInfo ?? []).map(withoutChangeMarks),
      ...added.supportingInfo.map((info) => marked(info, 'added')),
    ],
  };
  const lookup = new Map(added.resources.map((resource) => [referenceOf(resource), resource]));
  return assembleCollection(asUpdateOf(earlier, addition), {
    base,
    identifier: { system: submission.system, value: submission.id },
    timestamp: submission.timestamp,
    lookup: withEarlierResources(lookup, previous, earlier),
  });
}

function previousClaim(previous: Bundle): Claim {
  const claim = previous.entry?.[0]?.resource;
  if (claim?.resourceType !== 'Claim' || !claim.id) {
    throw invalid('the earlier request Bundle does not start with a Claim that has an id');
  }
  return claim;
}

function invalid(message: string): InvalidInputError {
  return new InvalidInputError([{ severity: 'error', code: 'invalid', message, location: 'Bundle.entry[0].resource' }]);
}

function asUpdateOf(earlier: Claim, claim: Claim): Claim {
  return withProfile(
    {
      ...claim,
      related: [
        {
          claim: { reference: referenceOf(earlier) },
          relationship: concept(SYSTEMS.relatedClaimRelationship, 'prior'),
        },
      ],
    },
    'claim-update',
  );
}

/**
 * The earlier request's resources may be referenced by the earlier Claim (which travels along) and by resent
 * cancelled entries; the new input's resources win. Other Claims stay out: the earlier Claim's own predecessor
 * does not belong in this Bundle.
 */
function withEarlierResources(lookup: Map<string, Resource>, previous: Bundle, earlier: Claim): Map<string, Resource> {
  const merged = new Map(lookup);
  const claims = new Map<string, Claim>();
  for (const entry of previous.entry ?? []) {
    const resource = entry.resource;
    if (!resource) continue;
    if (resource.resourceType === 'Claim') {
      claims.set(referenceOf(resource), resource);
      continue;
    }
    for (const key of [referenceOf(resource), entry.fullUrl]) {
      if (key && !merged.has(key)) merged.set(key, resource);
    }
  }
  merged.set(referenceOf(earlier), withPredecessorByIdentifier(earlier, claims));
  return merged;
}

/** When the earlier Claim was itself an update, it names its own predecessor by identifier, which needs no entry. */
function withPredecessorByIdentifier(earlier: Claim, claims: ReadonlyMap<string, Claim>): Claim {
  if (!earlier.related) return earlier;
  const related = earlier.related.map((link) => {
    const predecessor = claims.get(link.claim?.reference ?? '');
    const identifier = predecessor?.identifier?.[0];
    return identifier && link.claim ? { ...link, claim: { identifier } } : link;
  });
  return { ...earlier, related };
}

function mergeItems(earlier: readonly ClaimItem[], current: readonly ClaimItem[]): ClaimItem[] {
  const merged = current.map((item) => {
    const before = earlier.find((candidate) => candidate.sequence === item.sequence);
    if (!before) return marked(item, 'added');
    // Unchanged: resent as it was, including the certification type it was last sent with.
    if (!isCancelled(before) && sameService(before, item)) return withCertification(item, certificationOf(before));
    return marked(withCertification(item, certificationType(CERTIFICATION.revised)), 'changed');
  });
  const dropped = earlier
    .filter((item) => !current.some((candidate) => candidate.sequence === item.sequence))
    .map(unlinked);
  return [...merged, ...dropped.map((item) => (isCancelled(item) ? withoutChangeMarks(item) : cancelled(item)))];
}

/** A resent cancelled item points at nothing: the care team, diagnoses and documents it named were renumbered. */
function unlinked(item: ClaimItem): ClaimItem {
  const copy = { ...item };
  delete copy.careTeamSequence;
  delete copy.diagnosisSequence;
  delete copy.procedureSequence;
  delete copy.informationSequence;
  return copy;
}

function sameService(a: ClaimItem, b: ClaimItem): boolean {
  const keyOf = (item: ClaimItem): string =>
    JSON.stringify([
      item.productOrService,
      item.modifier,
      item.quantity,
      item.servicedDate,
      item.servicedPeriod,
      item.locationCodeableConcept,
      item.category,
    ]);
  return keyOf(a) === keyOf(b);
}

/**
 * Documents are matched by what they reference: one already sent keeps its sequence, a new one is numbered after
 * the highest earlier sequence, one no longer sent is resent cancelled. `renumber` maps the new request's
 * sequences to the merged ones, for the items' informationSequence.
 */
function mergeSupportingInfo(
  earlier: readonly ClaimSupportingInfo[],
  current: readonly ClaimSupportingInfo[],
): { supportingInfo: ClaimSupportingInfo[]; renumber: (sequence: number) => number } {
  const target = (info: ClaimSupportingInfo): string | undefined => info.valueReference?.reference;
  let next = Math.max(0, ...earlier.map((info) => info.sequence));
  const mapping = new Map<number, number>();
  const merged = current.map((info) => {
    const before = earlier.find((candidate) => target(candidate) !== undefined && target(candidate) === target(info));
    const sequence = before?.sequence ?? ++next;
    mapping.set(info.sequence, sequence);
    return before ? { ...info, sequence } : marked({ ...info, sequence }, 'added');
  });
  const dropped = earlier.filter((info) => !current.some((candidate) => target(candidate) === target(info)));
  return {
    supportingInfo: [
      ...merged,
      ...dropped.map((info) => (isCancelled(info) ? withoutChangeMarks(info) : cancelled(info))),
    ],
    renumber: (sequence) => mapping.get(sequence) ?? sequence,
  };
}

type Changeable = ClaimItem | ClaimSupportingInfo;

function isCancelled(element: Changeable): boolean {
  return (element.modifierExtension ?? []).some((e) => e.url === EXTENSIONS.infoCancelled && e.valueBoolean === true);
}

/** Resent as cancelled: the infoCancelled modifier, changed since the last version, and for items UM02 `3`. */
function cancelled<T extends Changeable>(element: T): T {
  const withCode: T = isItem(element) ? withCertification(element, certificationType(CERTIFICATION.cancel)) : element;
  return marked(
    {
      ...withCode,
      modifierExtension: [...(element.modifierExtension ?? []), { url: EXTENSIONS.infoCancelled, valueBoolean: true }],
    },
    'changed',
  );
}

function isItem(element: Changeable): element is ClaimItem {
  return 'productOrService' in element;
}

function certificationOf(item: ClaimItem): Extension | undefined {
  return item.extension?.find((extension) => extension.url === EXTENSIONS.certificationType);
}

/** The item with this certification type (UM02) in place of its own; unchanged when there is none to set. */
function withCertification<T extends ClaimItem>(item: T, extension: Extension | undefined): T {
  if (!extension) return item;
  const others = (item.extension ?? []).filter((e) => e.url !== EXTENSIONS.certificationType);
  return { ...item, extension: [...others, extension] };
}

function marked<T extends Changeable>(element: T, change: 'added' | 'changed'): T {
  const extension: Extension[] = [
    ...(withoutChangeMarks(element).extension ?? []),
    { url: EXTENSIONS.infoChanged, valueCode: change },
  ];
  return { ...element, extension };
}

/** infoChanged describes the difference to the version before; it does not carry over to the next one. */
function withoutChangeMarks<T extends Changeable>(element: T): T {
  const extension = (element.extension ?? []).filter((e) => e.url !== EXTENSIONS.infoChanged);
  const copy = { ...element };
  delete copy.extension;
  return extension.length > 0 ? { ...copy, extension } : copy;
}
