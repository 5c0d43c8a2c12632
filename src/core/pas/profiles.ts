// Shapes intake resources into the PAS profiles they travel under: the `meta.profile` claim, plus the few elements
// PAS makes mandatory that a clinical feed often lacks. Copies only; intake resources are never changed.
import type { Coverage, Organization, Resource } from '@medplum/fhirtypes';
import { profileUrl } from './vocabulary.ts';

const MEMBER_ID_TYPE = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const RELATIONSHIP = 'http://terminology.hl7.org/CodeSystem/subscriber-relationship';
const X12_RELATIONSHIP = 'https://codesystem.x12.org/005010/1069';

export type PasProfileName =
  | 'beneficiary'
  | 'coverage'
  | 'insurer'
  | 'requestor'
  | 'practitionerrole'
  | 'servicerequest'
  | 'medicationrequest'
  | 'documentreference'
  | 'claim'
  | 'claim-update';

/** The resource claiming the PAS profile; meta goes right after the id, where a reader of the JSON looks for it. */
export function withProfile<T extends Resource>(resource: T, profile: PasProfileName): T {
  const { resourceType, id, meta, ...rest } = resource;
  return { resourceType, ...(id ? { id } : {}), meta: { ...meta, profile: [profileUrl(profile)] }, ...rest } as T;
}

/** PAS Coverage requires the member id as an identifier typed `MB` (X12 2010C NM109); feeds usually carry it only as `subscriberId`. */
export function asPasCoverage(coverage: Coverage): Coverage {
  const hasMemberId = (coverage.identifier ?? []).some((identifier) =>
    identifier.type?.coding?.some((coding) => coding.system === MEMBER_ID_TYPE && coding.code === 'MB'),
  );
  const memberId = coverage.subscriberId;
  const identifier =
    hasMemberId || memberId === undefined
      ? coverage.identifier
      : [
          ...(coverage.identifier ?? []),
          { type: { coding: [{ system: MEMBER_ID_TYPE, code: 'MB' }] }, value: memberId },
        ];
  return withProfile({ ...coverage, ...(identifier ? { identifier } : {}), ...x12Relationship(coverage) }, 'coverage');
}

/**
 * The X12 individual relationship code (INS02) beside the HL7 one: for `self` it is `18`, which is also what tells
 * the profile's invariant that no separate subscriber is needed. `self` when neither relationship nor subscriber is given.
 */
function x12Relationship(coverage: Coverage): Pick<Coverage, 'relationship'> {
  // No relationship and no separate subscriber: the patient is the subscriber (EHR exports often leave both out).
  const stated =
    coverage.relationship ??
    (coverage.subscriber === undefined ? { coding: [{ system: RELATIONSHIP, code: 'self' }] } : undefined);
  const codings = stated?.coding ?? [];
  const isSelf = codings.some((coding) => coding.system === RELATIONSHIP && coding.code === 'self');
  if (!isSelf || codings.some((coding) => coding.system === X12_RELATIONSHIP))
    return stated ? { relationship: stated } : {};
  return { relationship: { ...stated, coding: [...codings, { system: X12_RELATIONSHIP, code: '18' }] } };
}

/** PAS insurer and requestor Organizations are `active = true` by pattern; an Organization we send is active. */
export function asPasOrganization(organization: Organization, profile: 'insurer' | 'requestor'): Organization {
  return withProfile({ ...organization, active: organization.active ?? true }, profile);
}
