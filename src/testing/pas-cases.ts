// Synthetic PAS request inputs for tests: a lumbar MRI for a commercial payer, an FDG PET/CT with modifier PS for
// Medicare, and a dupilumab request. Every patient, provider and number here is fictional. Each case goes through
// `parseIntake`, the same path the product takes, so the tests exercise the real wiring.
import type {
  Bundle,
  Condition,
  Coverage,
  DocumentReference,
  MedicationRequest,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import type { Determination } from '../core/determination/index.ts';
import { parseIntake } from '../core/intake/index.ts';
import { pasRequestInputFromIntake, type PasRequestOptions } from '../core/pas/index.ts';
import type { PasRequestInput } from '../core/pas/index.ts';

const NPI = 'http://hl7.org/fhir/sid/us-npi';
const BASE = 'https://ehr.example.test/fhir';

const patient: Patient = {
  resourceType: 'Patient',
  id: 'pat-7',
  identifier: [{ system: 'urn:klivira:test:mrn', value: 'MRN-000007' }],
  name: [{ family: 'Fictorian', given: ['Alma'] }],
  gender: 'female',
  birthDate: '1968-09-14',
  generalPractitioner: [{ reference: 'Practitioner/not-in-bundle' }],
};

const orderingPractitioner: Practitioner = {
  resourceType: 'Practitioner',
  id: 'prac-1',
  identifier: [{ system: NPI, value: '1999999984' }],
  name: [{ family: 'Testdoc', given: ['Rowan'] }],
};

const clinic: Organization = {
  resourceType: 'Organization',
  id: 'org-clinic',
  identifier: [{ system: NPI, value: '1999999992' }],
  name: 'Northfield Spine Clinic',
};

function payerOrganization(id: string, name: string, payerId: string): Organization {
  return { resourceType: 'Organization', id, name, identifier: [{ system: 'urn:klivira:payer-id', value: payerId }] };
}

function coverageFor(payer: Organization, memberId: string, sop: string): Coverage {
  return {
    resourceType: 'Coverage',
    id: `cov-${payer.id ?? ''}`,
    status: 'active',
    subscriberId: memberId,
    beneficiary: { reference: 'Patient/pat-7' },
    relationship: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: 'self' }],
    },
    payor: [{ reference: `Organization/${payer.id ?? ''}` }],
    type: { coding: [{ system: 'https://nahdo.org/sopt', code: sop }] },
  };
}

function noteDocument(id: string, text: string, date: string, title: string): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id,
    status: 'current',
    subject: { reference: 'Patient/pat-7' },
    date: `${date}T09:30:00Z`,
    type: { coding: [{ system: 'http://loinc.org', code: '11506-3', display: 'Progress note' }] },
    author: [{ reference: 'Practitioner/prac-1' }],
    description: title,
    content: [{ attachment: { contentType: 'text/plain', data: Buffer.from(text, 'utf8').toString('base64') } }],
  };
}

function condition(id: string, system: string, code: string, recordedDate?: string): Condition {
  return {
    resourceType: 'Condition',
    id,
    subject: { reference: 'Patient/pat-7' },
    encounter: { reference: 'Encounter/not-in-bundle' },
    code: { coding: [{ system, code }] },
    ...(recordedDate ? { recordedDate } : {}),
  };
}

function determinationFor(
  order: Determination['order'],
  payer: Determination['payer'],
  citation: { reference: string; text: string },
): Determination {
  return {
    determination: 'meets',
    paRequired: true,
    order,
    payer,
    policy: { id: 'test-policy', version: '2026-01', title: 'Test coverage policy', source: 'synthetic' },
    criteria: [
      {
        id: 'c1',
        text: 'Conservative therapy for at least six weeks',
        status: 'met',
        evidence: [{ ...citation, start: 0, end: citation.text.length }],
        reason: 'physical therapy documented for 8 of 6 weeks',
      },
      { id: 'c2', text: 'No imaging in the last 12 months', status: 'unknown', evidence: [] },
    ],
    missingDocumentation: [{ id: 'c2', text: 'Confirm no lumbar imaging in the past 12 months' }],
    warnings: [],
    asOf: '2026-03-02',
  };
}

/** A case as the product meets it: the intake Bundle, the determination made on it, and how to request it. */
export interface PasCase {
  bundle: Bundle;
  determination: Determination;
  options: Pick<PasRequestOptions, 'service' | 'transmission' | 'requester' | 'careTeam'>;
}

/** The case through intake and into a PAS request input, the way the product builds one. */
export function inputFor(testCase: PasCase, submissionId: string): PasRequestInput {
  return pasRequestInputFromIntake(parseIntake(testCase.bundle), testCase.determination, {
    submission: { id: submissionId, system: 'urn:trnorg:1999999992', timestamp: '2026-03-02T14:05:00Z' },
    fullUrlBase: BASE,
    ...testCase.options,
  });
}

function collection(resources: Resource[], fullUrl: (resource: Resource) => string): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((r) => ({ fullUrl: fullUrl(r), resource: r })),
  };
}

const restUrl = (resource: Resource): string => `${BASE}/${resource.resourceType}/${resource.id ?? ''}`;

export const lumbarMriInput = (submissionId = 'KLV-2026-0001'): PasRequestInput =>
  inputFor(lumbarMriCase(), submissionId);
export const petCtInput = (submissionId = 'KLV-2026-0002'): PasRequestInput => inputFor(petCtCase(), submissionId);
export const dupilumabInput = (submissionId = 'KLV-2026-0003'): PasRequestInput =>
  inputFor(dupilumabCase(), submissionId);

/** Lumbar MRI without contrast (CPT 72148) for a commercial (UnitedHealthcare) member, requested by a clinic. */
export function lumbarMriCase(): PasCase {
  const uhc = payerOrganization('org-uhc', 'UnitedHealthcare', '87726');
  const order: ServiceRequest = {
    resourceType: 'ServiceRequest',
    id: 'sr-mri',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/pat-7' },
    requester: { reference: 'Practitioner/prac-1' },
    code: {
      coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '72148', display: 'MRI lumbar spine w/o contrast' }],
    },
    occurrenceDateTime: '2026-03-10T08:00:00Z',
    insurance: [{ reference: 'Coverage/cov-org-uhc' }],
  };
  const noteText = 'Completed 8 weeks of physical therapy without relief. Radicular pain L5 distribution.';
  const bundle = collection(
    [
      patient,
      uhc,
      coverageFor(uhc, 'UHC-55501234', '5'),
      order,
      orderingPractitioner,
      clinic,
      condition('cond-radic', 'http://snomed.info/sct', '128196005', '2026-01-12'),
      condition('cond-lbp', 'http://hl7.org/fhir/sid/icd-10-cm', 'M54.50'),
      noteDocument('note-pt', noteText, '2026-02-27', 'Physical therapy discharge note'),
    ],
    restUrl,
  );
  const determination = determinationFor(
    { system: 'http://www.ama-assn.org/go/cpt', code: '72148', display: 'MRI lumbar spine w/o contrast' },
    { id: 'uhc', name: 'UnitedHealthcare', lineOfBusiness: 'commercial' },
    { reference: 'DocumentReference/note-pt', text: 'Completed 8 weeks of physical therapy without relief.' },
  );
  return {
    bundle,
    determination,
    // The order names a Practitioner, who cannot be Claim.provider: the clinic requests.
    options: {
      requester: clinic,
      careTeam: [clinic],
      service: { placeOfService: '11', urgency: 'routine' },
      transmission: { interchangeSenderID: '1999999992', interchangeReceiverID: '87726' },
    },
  };
}

/** FDG PET/CT skull base to mid-thigh (CPT 78815, modifier PS) for Medicare, requested by a practitioner in role. */
export function petCtCase(): PasCase {
  const medicare = payerOrganization('org-cms', 'Medicare Part B', 'CMS-MEDICARE');
  const role: PractitionerRole = {
    resourceType: 'PractitionerRole',
    id: 'role-onc',
    practitioner: { reference: 'Practitioner/prac-1' },
    organization: { reference: 'Organization/org-clinic' },
    telecom: [{ system: 'phone', value: '555-0142' }],
  };
  const order: ServiceRequest = {
    resourceType: 'ServiceRequest',
    id: 'sr-pet',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/pat-7' },
    requester: { reference: 'PractitionerRole/role-onc' },
    code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '78815' }] },
    orderDetail: [{ coding: [{ system: 'http://www.ama-assn.org/go/cpt-modifier', code: 'PS' }] }],
    insurance: [{ reference: 'Coverage/cov-org-cms' }],
  };
  const bundle = collection(
    [
      patient,
      medicare,
      coverageFor(medicare, '1EG4TE5MK73', 'MCR'),
      order,
      role,
      orderingPractitioner,
      clinic,
      condition('cond-nsclc', 'http://hl7.org/fhir/sid/icd-10-cm', 'C34.90', '2026-02-01'),
      noteDocument(
        'note-onc',
        'Biopsy-proven NSCLC, staging PET/CT requested before treatment.',
        '2026-02-20',
        'Oncology consult',
      ),
    ],
    restUrl,
  );
  const determination = determinationFor(
    { system: 'http://www.ama-assn.org/go/cpt', code: '78815', display: 'PET/CT skull base to mid-thigh' },
    { id: 'medicare', name: 'Medicare Part B', lineOfBusiness: 'medicare' },
    { reference: 'DocumentReference/note-onc', text: 'Biopsy-proven NSCLC' },
  );
  // The order's requester is a PractitionerRole, which intake resolves as Claim.provider by itself.
  return { bundle, determination, options: { service: { placeOfService: '22', urgency: 'urgent' } } };
}

/** Dupilumab (RxNorm) for atopic dermatitis; the intake bundle uses urn:uuid fullUrls and references, like Synthea. */
export function dupilumabCase(): PasCase {
  const payer = payerOrganization('org-aetna', 'Aetna', '60054');
  const order: MedicationRequest = {
    resourceType: 'MedicationRequest',
    id: 'mr-dupi',
    status: 'active',
    intent: 'order',
    subject: { reference: 'urn:uuid:8f1c0a52-0000-4000-8000-000000000001' },
    requester: { reference: 'urn:uuid:8f1c0a52-0000-4000-8000-000000000002' },
    authoredOn: '2026-03-01',
    medicationCodeableConcept: {
      coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1876376', display: 'dupilumab' }],
    },
    dispenseRequest: { quantity: { value: 2 } },
    insurance: [{ reference: 'Coverage/cov-org-aetna' }],
  };
  const uuid: Record<string, string> = {
    'Patient/pat-7': 'urn:uuid:8f1c0a52-0000-4000-8000-000000000001',
    'Practitioner/prac-1': 'urn:uuid:8f1c0a52-0000-4000-8000-000000000002',
  };
  const bundle = collection(
    [
      patient,
      payer,
      coverageFor(payer, 'W123456789', '5'),
      order,
      orderingPractitioner,
      clinic,
      condition('cond-ad', 'http://hl7.org/fhir/sid/icd-10-cm', 'L20.9'),
      noteDocument(
        'note-derm',
        'Moderate-to-severe atopic dermatitis, failed topical steroids.',
        '2026-02-25',
        'Dermatology note',
      ),
    ],
    (resource) => uuid[`${resource.resourceType}/${resource.id ?? ''}`] ?? restUrl(resource),
  );
  const determination = determinationFor(
    { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1876376', display: 'dupilumab' },
    { id: 'aetna', name: 'Aetna', lineOfBusiness: 'commercial' },
    { reference: 'DocumentReference/note-derm', text: 'failed topical steroids' },
  );
  return {
    bundle,
    determination,
    options: { requester: clinic, service: { placeOfService: '11', urgency: 'routine' } },
  };
}
