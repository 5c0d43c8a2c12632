// Small synthetic bundles for tests: a patient, a coverage with its payer, one order, and whatever clinical
// resources a test adds. Every name and number here is fictional.
import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  Condition,
  Coverage,
  DiagnosticReport,
  Encounter,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Organization,
  Patient,
  Practitioner,
  Procedure,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';

export const TEST_PATIENT: Patient = {
  resourceType: 'Patient',
  id: 'pat-1',
  name: [{ family: 'Testperson', given: ['Quinby'] }],
  birthDate: '1970-04-12',
  gender: 'female',
  identifier: [{ system: 'urn:klivira:test:mrn', value: 'MRN-000001' }],
};

export function payer(name: string, payerId: string): Organization {
  return {
    resourceType: 'Organization',
    id: 'payer-1',
    name,
    identifier: [{ system: 'urn:klivira:payer-id', value: payerId }],
  };
}

export const UHC = payer('UnitedHealthcare', '87726');
export const MEDICARE = payer('Medicare Part B', 'CMS-MEDICARE');

export function coverage(sopCode: string): Coverage {
  return {
    resourceType: 'Coverage',
    id: 'cov-1',
    status: 'active',
    beneficiary: { reference: 'Patient/pat-1' },
    payor: [{ reference: 'Organization/payer-1' }],
    subscriberId: 'MEM-123456',
    type: { coding: [{ system: 'https://nahdo.org/sopt', code: sopCode }] },
  };
}

export function serviceRequest(
  cpt: string,
  options: Partial<ServiceRequest> & { modifier?: string } = {},
): ServiceRequest {
  const { modifier, ...rest } = options;
  return {
    resourceType: 'ServiceRequest',
    id: 'order-1',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/pat-1' },
    code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: cpt }] },
    authoredOn: '2026-03-02',
    insurance: [{ reference: 'Coverage/cov-1' }],
    ...(modifier
      ? { orderDetail: [{ coding: [{ system: 'http://www.ama-assn.org/go/cpt-modifier', code: modifier }] }] }
      : {}),
    ...rest,
  };
}

let sequence = 0;
const nextId = (prefix: string): string => `${prefix}-${String(++sequence)}`;

export function condition(icd10: string, extra: Partial<Condition> = {}): Condition {
  return {
    resourceType: 'Condition',
    id: nextId('cond'),
    subject: { reference: 'Patient/pat-1' },
    clinicalStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
    },
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: icd10 }] },
    ...extra,
  };
}

export function procedure(
  code: string,
  start: string,
  end: string,
  system = 'http://www.ama-assn.org/go/cpt',
): Procedure {
  return {
    resourceType: 'Procedure',
    id: nextId('proc'),
    status: 'completed',
    subject: { reference: 'Patient/pat-1' },
    code: { coding: [{ system, code }] },
    performedPeriod: { start, end },
  };
}

export function neuroFinding(snomed: string, site: string): Observation {
  return {
    resourceType: 'Observation',
    id: nextId('obs'),
    status: 'final',
    subject: { reference: 'Patient/pat-1' },
    code: { coding: [{ system: 'http://snomed.info/sct', code: snomed }] },
    bodySite: { text: site },
    effectiveDateTime: '2026-02-20',
  };
}

export function note(id: string, text: string, date = '2026-02-27', contentType = 'text/plain'): Resource {
  return {
    resourceType: 'DocumentReference',
    id,
    status: 'current',
    subject: { reference: 'Patient/pat-1' },
    date: `${date}T10:00:00Z`,
    content: [{ attachment: { contentType, data: Buffer.from(text, 'utf8').toString('base64') } }],
  };
}

export function bundle(resources: Resource[], type: Bundle['type'] = 'collection'): Bundle {
  return {
    resourceType: 'Bundle',
    type,
    entry: resources.map((resource): BundleEntry => ({
      fullUrl: `urn:klivira:test:${resource.resourceType}/${resource.id ?? ''}`,
      resource,
    })),
  };
}

/** A UHC commercial lumbar MRI request with the given clinical resources. */
export function lumbarMriCase(clinical: Resource[], cpt = '72148'): Bundle {
  return bundle([TEST_PATIENT, UHC, coverage('5'), serviceRequest(cpt), ...clinical]);
}

/** An Original Medicare FDG PET/CT request with the given modifier and clinical resources. */
export function petCase(
  modifier: string | undefined,
  clinical: Resource[],
  order: Partial<ServiceRequest> = {},
): Bundle {
  return bundle([
    TEST_PATIENT,
    MEDICARE,
    coverage('121'),
    serviceRequest('78815', { ...(modifier ? { modifier } : {}), ...order }),
    ...clinical,
  ]);
}

/** An AJCC stage group as a coded Observation (LOINC 21908-9 clinical, 21902-2 pathological), e.g. `IIIB`. */
export function stageGroup(stage: string, options: { loinc?: '21908-9' | '21902-2'; date?: string } = {}): Observation {
  const loinc = options.loinc ?? '21908-9';
  return {
    resourceType: 'Observation',
    id: nextId('stage'),
    status: 'final',
    subject: { reference: 'Patient/pat-1' },
    code: {
      coding: [
        {
          system: 'http://loinc.org',
          code: loinc,
          display: loinc === '21908-9' ? 'Stage group.clinical Cancer' : 'Stage group.pathology Cancer',
        },
      ],
    },
    valueCodeableConcept: { text: `Stage ${stage}` },
    effectiveDateTime: options.date ?? '2026-02-20',
  };
}

/** A finished ambulatory visit; a type that names a follow-up makes it a re-evaluation. */
export function encounter(type: string, date: string, extra: Partial<Encounter> = {}): Encounter {
  return {
    resourceType: 'Encounter',
    id: nextId('enc'),
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    type: [{ text: type }],
    subject: { reference: 'Patient/pat-1' },
    period: { start: `${date}T09:00:00Z` },
    ...extra,
  };
}

/** A request to any payer: the payer organisation, the Coverage's Source of Payment Typology code, the order. */
export function requestCase(
  payerOrganization: Organization,
  sopCode: string,
  order: ServiceRequest,
  clinical: Resource[],
): Bundle {
  return bundle([TEST_PATIENT, payerOrganization, coverage(sopCode), order, ...clinical]);
}

// Dermatology and drug fixtures (Mohs, dupilumab, psoriasis biologics).

/** A body site concept from words (and optionally a SNOMED CT body structure code). */
export function site(text: string, snomed?: string): CodeableConcept {
  return { text, ...(snomed ? { coding: [{ system: 'http://snomed.info/sct', code: snomed }] } : {}) };
}

/** A Mohs order (CPT 17311–17315) with the lesion's body site and the diagnosis as the order's reason. */
export function mohsOrder(cpt: string, options: { site?: string; icd10?: string; note?: string } = {}): ServiceRequest {
  return serviceRequest(cpt, {
    ...(options.site ? { bodySite: [site(options.site)] } : {}),
    ...(options.icd10
      ? { reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: options.icd10 }] }] }
      : {}),
    ...(options.note ? { note: [{ text: options.note }] } : {}),
  });
}

/** A surgical pathology report whose conclusion names the tumour (type, subtype, site as a pathologist writes it). */
export function pathologyReport(conclusion: string, date = '2026-02-10', icd10?: string): DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id: nextId('path'),
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'SP' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: '22637-3' }], text: 'Pathology report final diagnosis' },
    subject: { reference: 'Patient/pat-1' },
    effectiveDateTime: date,
    conclusion,
    ...(icd10 ? { conclusionCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: icd10 }] }] } : {}),
  };
}

/** A clinical measure: lesion size (LOINC 33728-7, mm or cm) or a skin-severity score in the local code system. */
export function measure(
  name: 'lesion-size' | 'bsa-percent' | 'easi' | 'iga' | 'pasi' | 'dlqi',
  value: number,
  date = '2026-02-20',
  unit?: string,
): Observation {
  const code =
    name === 'lesion-size'
      ? { system: 'http://loinc.org', code: '33728-7' }
      : { system: 'https://klivira.dev/fhir/CodeSystem/clinical-measure', code: name };
  const defaultUnit = name === 'lesion-size' ? 'cm' : name === 'bsa-percent' ? '%' : '{score}';
  return {
    resourceType: 'Observation',
    id: nextId('obs'),
    status: 'final',
    subject: { reference: 'Patient/pat-1' },
    code: { coding: [code], text: name },
    effectiveDateTime: date,
    valueQuantity: { value, unit: unit ?? defaultUnit, code: unit ?? defaultUnit },
  };
}

/** A past or current medication (drug history for step therapy), with the reason it was stopped. */
export function medicationHistory(
  display: string,
  start: string,
  end: string | undefined,
  status: MedicationStatement['status'],
  options: { reason?: string; note?: string } = {},
): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    id: nextId('med'),
    status,
    subject: { reference: 'Patient/pat-1' },
    medicationCodeableConcept: { text: display },
    effectivePeriod: { start, ...(end ? { end } : {}) },
    ...(options.reason ? { statusReason: [{ text: options.reason }] } : {}),
    ...(options.note ? { note: [{ text: options.note }] } : {}),
  };
}

/** A prescriber with a NUCC taxonomy specialty (207N00000X dermatology, 207K00000X allergy & immunology …). */
export function prescriber(taxonomy: string, id = 'prac-1'): Practitioner {
  return {
    resourceType: 'Practitioner',
    id,
    name: [{ family: 'Testdoc', given: ['Avery'] }],
    qualification: [{ code: { coding: [{ system: 'http://nucc.org/provider-taxonomy', code: taxonomy }] } }],
  };
}

/** The drug order under review (a pending MedicationRequest with an RxNorm-coded product display). */
export function drugOrder(
  display: string,
  options: Partial<MedicationRequest> & { reason?: string } = {},
): MedicationRequest {
  const { reason, ...rest } = options;
  return {
    resourceType: 'MedicationRequest',
    id: 'order-1',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/pat-1' },
    medicationCodeableConcept: {
      coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '9999901', display }],
      text: display,
    },
    authoredOn: '2026-03-02',
    requester: { reference: 'Practitioner/prac-1' },
    insurance: [{ reference: 'Coverage/cov-1' }],
    ...(reason ? { note: [{ text: reason }] } : {}),
    ...rest,
  };
}
