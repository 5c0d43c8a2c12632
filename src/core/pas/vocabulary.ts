// The Da Vinci PAS 2.2.x vocabulary in one place: profile and extension URLs and the code systems the IG names
// (X12 code lists, PASTempCodes). Data, not logic; the builders and the reader share it so that a URL typo in one
// cannot silently disagree with the other.
import type { CodeableConcept, Extension } from '@medplum/fhirtypes';

const IG = 'http://hl7.org/fhir/us/davinci-pas';
const EXT = `${IG}/StructureDefinition/extension-`;

/** PAS profile canonical URLs by the name after `profile-` (`claim`, `pas-request-bundle`, …). */
export function profileUrl(name: string): string {
  return `${IG}/StructureDefinition/profile-${name}`;
}

export const EXTENSIONS = {
  levelOfService: `${EXT}levelOfServiceCode`,
  transmissionIdentifiers: `${EXT}TransmissionIdentifiers`,
  careTeamClaimScope: `${EXT}careTeamClaimScope`,
  documentInformation: `${EXT}documentInformation`,
  diagnosisRecordedDate: `${EXT}diagnosisRecordedDate`,
  serviceItemRequestType: `${EXT}serviceItemRequestType`,
  certificationType: `${EXT}certificationType`,
  requestedService: `${EXT}requestedService`,
  infoChanged: `${EXT}infoChanged`,
  infoCancelled: `${IG}/StructureDefinition/modifierextension-infoCancelled`,
  reviewAction: `${EXT}reviewAction`,
  reviewActionCode: `${EXT}reviewActionCode`,
  authorizationNumber: `${EXT}authorizationNumber`,
  administrationReferenceNumber: `${EXT}administrationReferenceNumber`,
  itemPreAuthPeriod: `${EXT}itemPreAuthPeriod`,
  itemAuthorizedDetail: `${EXT}itemAuthorizedDetail`,
  claimResponseReviewer: `${EXT}claimResponseReviewer`,
  errorFollowupAction: `${EXT}errorFollowupAction`,
  errorElement: `${EXT}errorElement`,
  errorPath: `${EXT}errorPath`,
} as const;

export const SYSTEMS = {
  pasTempCodes: `${IG}/CodeSystem/PASTempCodes`,
  /** X12 code lists by element number: 306 review action, 1322 certification type, 1338 level of service, … */
  x12: (list: string): string => `https://codesystem.x12.org/005010/${list}`,
  cpt: 'http://www.ama-assn.org/go/cpt',
  /** The PAS spelling (http, not https) that the IG's value sets name. */
  hcpcs: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  ndc: 'http://hl7.org/fhir/sid/ndc',
  placeOfService: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  relatedClaimRelationship: 'http://terminology.hl7.org/CodeSystem/ex-relatedclaimrelationship',
  dataAbsentReason: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
  loinc: 'http://loinc.org',
  documentCategory: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
} as const;

/** X12 1322 certification type (UM02) codes Klivira sends. */
export const CERTIFICATION = { initial: 'I', revised: 'S', cancel: '3' } as const;

const CERTIFICATION_DISPLAY: Record<(typeof CERTIFICATION)[keyof typeof CERTIFICATION], string> = {
  I: 'Initial',
  S: 'Revised',
  '3': 'Cancel',
};

/** The certificationType extension (UM02), on the Claim or on an item. */
export function certificationType(code: (typeof CERTIFICATION)[keyof typeof CERTIFICATION]): Extension {
  return {
    url: EXTENSIONS.certificationType,
    valueCodeableConcept: x12Concept('1322', code, CERTIFICATION_DISPLAY[code]),
  };
}

export function x12Concept(list: string, code: string, display?: string): CodeableConcept {
  return { coding: [{ system: SYSTEMS.x12(list), code, ...(display ? { display } : {}) }] };
}

export function concept(system: string, code: string, display?: string): CodeableConcept {
  return { coding: [{ system, code, ...(display ? { display } : {}) }] };
}
