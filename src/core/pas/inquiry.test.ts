import type { Claim } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { checkPasBundle } from './check.ts';
import { buildPasInquiry } from './inquiry.ts';
import { buildPasRequest } from './request.ts';
import { petCtInput } from '../../testing/pas-cases.ts';
import { EXTENSIONS } from './vocabulary.ts';

const submission = { id: 'KLV-2026-0002-Q1', system: 'urn:trnorg:1999999992', timestamp: '2026-03-05T10:00:00Z' };

describe('buildPasInquiry', () => {
  const original = buildPasRequest(petCtInput());
  const inquiry = buildPasInquiry(original, submission, { administrationReferenceNumber: 'PEND0001' });
  const claim = inquiry.entry?.[0]?.resource as Claim;

  it('is a Claim Inquiry with its own identifier, in an inquiry request Bundle', () => {
    expect(inquiry.meta?.profile).toEqual([
      'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-pas-inquiry-request-bundle',
    ]);
    expect(claim.meta?.profile).toEqual([
      'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-claim-inquiry',
    ]);
    expect(claim.identifier).toEqual([{ system: 'urn:trnorg:1999999992', value: 'KLV-2026-0002-Q1' }]);
    expect(checkPasBundle(inquiry)).toEqual([]);
  });

  it('names patient, payer, requester and coverage, and targets the pend by its number', () => {
    expect(claim.patient.reference).toBe('Patient/pat-7');
    expect(claim.insurer?.reference).toBe('Organization/org-cms');
    expect(claim.provider?.reference).toBe('PractitionerRole/role-onc');
    expect(claim.extension).toEqual([{ url: EXTENSIONS.administrationReferenceNumber, valueString: 'PEND0001' }]);
    expect((inquiry.entry ?? []).map((e) => e.resource?.resourceType)).toEqual([
      'Claim',
      'Patient',
      'Organization',
      'PractitionerRole',
      'Coverage',
      'Practitioner',
      'Organization',
    ]);
  });

  it('asks by example for the items as requested, without documents or diagnoses', () => {
    expect(claim.supportingInfo).toBeUndefined();
    expect(claim.diagnosis).toBeUndefined();
    expect(claim.item?.[0]).toMatchObject({ sequence: 1, productOrService: { coding: [{ code: '78815' }] } });
    expect(claim.item?.[0]?.extension?.map((e) => e.url)).toEqual([
      EXTENSIONS.serviceItemRequestType,
      EXTENSIONS.certificationType,
    ]);
  });
});
