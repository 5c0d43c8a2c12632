import type { Bundle, Claim } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { hasShared } from '../../testing/shared.ts';
import { checkPasBundle } from './check.ts';
import { buildPasRequest } from './request.ts';
import { lumbarMriInput } from '../../testing/pas-cases.ts';
import { sharedResources } from '../../testing/pas-profile-validator.ts';

function built(): { bundle: Bundle; claim: Claim } {
  const bundle = buildPasRequest(lumbarMriInput());
  const claim = bundle.entry?.[0]?.resource;
  if (claim?.resourceType !== 'Claim') throw new Error('no claim');
  return { bundle, claim };
}

const messages = (bundle: Bundle): string[] => checkPasBundle(bundle).map((i) => `${i.location ?? ''}: ${i.message}`);

describe('checkPasBundle', () => {
  it('requires the Bundle identifier and timestamp', () => {
    const { bundle } = built();
    delete bundle.identifier;
    delete bundle.timestamp;
    expect(messages(bundle)).toEqual([
      'Bundle.identifier: the Bundle needs an identifier with system and value (X12 BHT03)',
      'Bundle.timestamp: the Bundle needs a timestamp',
    ]);
  });

  it('requires the Claim first', () => {
    const { bundle } = built();
    bundle.entry?.reverse();
    expect(messages(bundle)).toContain('Bundle.entry[0].resource: the first entry must be the Claim (ClaimFirst)');
  });

  it('finds duplicate fullUrls, duplicate resources and missing fullUrls', () => {
    const { bundle } = built();
    const [, second, third] = bundle.entry ?? [];
    if (!second || !third) throw new Error('too few entries');
    bundle.entry?.push({ ...second });
    delete third.fullUrl;
    expect(messages(bundle)).toEqual(
      expect.arrayContaining([
        'Bundle.entry[2].fullUrl: entry has no fullUrl',
        'Bundle.entry[9].fullUrl: fullUrl https://ehr.example.test/fhir/Patient/pat-7 appears twice (also at Bundle.entry[1])',
        'Bundle.entry[9].resource.id: Patient/pat-7 appears twice (also at Bundle.entry[1])',
      ]),
    );
  });

  it('finds transaction leftovers and a third Claim', () => {
    const { bundle, claim } = built();
    const [, patient] = bundle.entry ?? [];
    if (patient) patient.request = { method: 'POST', url: 'Patient' };
    bundle.entry?.push(
      { fullUrl: 'https://ehr.example.test/fhir/Claim/b', resource: { ...claim, id: 'b' } },
      { fullUrl: 'https://ehr.example.test/fhir/Claim/c', resource: { ...claim, id: 'c' } },
    );
    expect(messages(bundle)).toEqual([
      'Bundle.entry: 3 Claims where at most 2 belong',
      'Bundle.entry[1].request: a collection entry has no request',
    ]);
  });

  it('finds references that do not resolve inside the Bundle, supportingInfo included', () => {
    const { bundle, claim } = built();
    const info = claim.supportingInfo?.[0];
    if (info) info.valueReference = { reference: 'DocumentReference/elsewhere' };
    claim.diagnosis?.push({ sequence: 9, diagnosisReference: { reference: 'urn:uuid:0000' } });
    expect(messages(bundle)).toEqual(
      expect.arrayContaining([
        'Bundle.entry[0].resource.supportingInfo[0].valueReference.reference: reference DocumentReference/elsewhere does not resolve within the Bundle',
        'Bundle.entry[0].resource.diagnosis[2].diagnosisReference.reference: reference urn:uuid:0000 does not resolve within the Bundle',
      ]),
    );
  });

  it('finds repeated sequences and item pointers to nothing', () => {
    const { bundle, claim } = built();
    const [firstInfo] = claim.supportingInfo ?? [];
    if (firstInfo) claim.supportingInfo?.push({ ...firstInfo });
    const [item] = claim.item ?? [];
    if (item) {
      claim.item?.push({ ...item });
      item.diagnosisSequence = [1, 7];
    }
    expect(messages(bundle)).toEqual([
      'Bundle.entry[0].resource.supportingInfo[2].sequence: supportingInfo sequence 1 is not unique',
      'Bundle.entry[0].resource.item[1].sequence: item sequence 1 is not unique',
      'Bundle.entry[0].resource.item[0].diagnosisSequence: item diagnosisSequence 7 names no such entry',
    ]);
  });

  describe.skipIf(!hasShared('pas', 'examples'))('on the IG examples', () => {
    it.each([
      'Bundle-ReferralAuthorizationBundleExample.json',
      'Bundle-HomecareAuthorizationBundleExample.json',
      'Bundle-HomecareAuthorizationUpdateBundleExample.json',
      'Bundle-MedicalServicesAuthorizationBundleExample.json',
      'Bundle-PASClaimInquiryBundleExample.json',
    ])('%s passes', (file) => {
      const bundle = sharedResources('pas', 'examples').get(file);
      if (bundle?.resourceType !== 'Bundle') throw new Error(`${file} missing`);
      expect(checkPasBundle(bundle)).toEqual([]);
    });

    it('the surgical example has a real defect: its PractitionerRole points at the referral example', () => {
      const bundle = sharedResources('pas', 'examples').get('Bundle-SurgicalRequestBundleExample.json');
      if (bundle?.resourceType !== 'Bundle') throw new Error('example missing');
      expect(messages(bundle)).toEqual([
        'Bundle.entry[6].resource.practitioner.reference: reference Practitioner/ReferralPractitionerExample does not resolve within the Bundle',
        'Bundle.entry[6].resource.location[0].reference: reference Location/ReferralLocationExample does not resolve within the Bundle',
      ]);
    });
  });
});
