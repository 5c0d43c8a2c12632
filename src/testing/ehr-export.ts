// Test support: a record shaped as EHR exports send it, not hand-built for Klivira. The payer Organization carries
// only its name, the order's requester is a bare Practitioner, the Coverage names no subscriber or relationship.
// The practice's identity comes from configuration. Every name and number here is fictional.
import type { Bundle, Condition, Coverage, Organization, Patient, Practitioner, Resource } from '@medplum/fhirtypes';
import { NPI_SYSTEM } from '../core/submission/index.ts';
import type { PracticeIdentity } from '../core/submission/index.ts';

export const TEST_PRACTICE: PracticeIdentity = {
  name: 'Fictional Spine and Skin Clinic',
  npi: '1999999976',
  tin: '99-9999999',
  address: '100 Example Way, Springfield, IL 62701',
  phone: '555-0142',
};

const payerByName: Organization = { resourceType: 'Organization', id: 'payer-1', name: 'UnitedHealthcare' };

const practitioner: Practitioner = {
  resourceType: 'Practitioner',
  id: 'prac-1',
  identifier: [{ system: NPI_SYSTEM, value: '1999999984' }],
  name: [{ family: 'Testdoc', given: ['Avery'] }],
};

const patient: Patient = {
  resourceType: 'Patient',
  id: 'pat-1',
  identifier: [{ system: 'urn:klivira:test:mrn', value: 'MRN-000001' }],
  name: [{ family: 'Testperson', given: ['Quinby'] }],
  birthDate: '1970-04-12',
  gender: 'female',
};

const coverage: Coverage = {
  resourceType: 'Coverage',
  id: 'cov-1',
  status: 'active',
  beneficiary: { reference: 'Patient/pat-1' },
  payor: [{ reference: 'Organization/payer-1' }],
  subscriberId: 'MEM-123456',
};

const radiculopathy: Condition = {
  resourceType: 'Condition',
  id: 'cond-1',
  subject: { reference: 'Patient/pat-1' },
  code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M54.16' }] },
};

const note: Resource = {
  resourceType: 'DocumentReference',
  id: 'n1',
  status: 'current',
  subject: { reference: 'Patient/pat-1' },
  date: '2026-02-27T10:00:00Z',
  content: [
    {
      attachment: {
        contentType: 'text/plain',
        data: Buffer.from('Low back pain radiating to the left leg for 8 weeks despite physical therapy.').toString(
          'base64',
        ),
      },
    },
  ],
};

const lumbarMri: Resource = {
  resourceType: 'ServiceRequest',
  id: 'order-1',
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/pat-1' },
  code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '72148' }] },
  authoredOn: '2026-03-02',
};

/** A lumbar MRI order (or the given one) with a diagnosis and a note, as an EHR export carries it. */
export function ehrExportBundle(order: Resource = lumbarMri): Bundle {
  const requested = { ...order, requester: { reference: 'Practitioner/prac-1' } } as Resource;
  const resources = [patient, payerByName, coverage, practitioner, requested, radiculopathy, note];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: structuredClone(resources).map((resource) => ({
      fullUrl: `urn:klivira:test:${resource.resourceType}/${resource.id ?? ''}`,
      resource,
    })),
  };
}
