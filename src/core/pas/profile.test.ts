// Profile validation against the PAS 2.2.1 package. The validator misreads some PAS slicing, so the IG's own example
// Bundles are run through it too: our Bundles may raise only what the examples also raise.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '@medplum/fhirtypes';
import { hasShared } from '../../testing/shared.ts';
import { buildPasRequest } from './request.ts';
import { dupilumabInput, lumbarMriInput, petCtInput } from './testing/cases.ts';
import { sharedResources, validateAgainstPas } from './testing/profile-validator.ts';

describe.skipIf(!hasShared('pas', 'package'))('PAS request Bundles against the 2.2.1 profiles', () => {
  let known: Set<string>;

  beforeAll(() => {
    const examples = [...sharedResources('pas', 'examples').values()].filter(
      (resource) => resource.resourceType === 'Bundle' && resource.type === 'collection',
    );
    known = new Set(examples.flatMap((example) => validateAgainstPas(example).map((issue) => issue.key)));
  });

  it('the examples raise the known validator artefacts (so the comparison is not vacuous)', () => {
    expect([...known].some((key) => key.includes("slice 'Claim'"))).toBe(true);
  });

  it("the slice miscount it forgives is the validator's own: the IG Claim with a second document raises it too", () => {
    const claim = sharedResources('pas', 'examples').get('Claim-ReferralAuthorizationExample.json');
    if (claim?.resourceType !== 'Claim' || !claim.supportingInfo?.[0]) throw new Error('example missing');
    claim.supportingInfo.push({ ...claim.supportingInfo[0], sequence: 2 });
    const keys = validateAgainstPas(claim).map((issue) => issue.key);
    expect(keys).toContain(
      "PASClaim|Claim.supportingInfo|Incorrect number of values provided for slice 'documentInformation': expected 1..1, but found n",
    );
  });

  it('the reference warning it drops contradicts itself: the IG ServiceRequest with a requester raises it', () => {
    const request = sharedResources('pas', 'examples').get('ServiceRequest-ReferralRequestExample.json');
    if (request?.resourceType !== 'ServiceRequest') throw new Error('example missing');
    expect(validateAgainstPas({ ...request, requester: { reference: 'Practitioner/any' } })).toEqual([]);
  });

  it('still catches real defects: a Claim without its insurer or items', () => {
    const bundle = buildPasRequest(lumbarMriInput());
    const claim = bundle.entry?.[0]?.resource;
    if (claim?.resourceType !== 'Claim') throw new Error('no claim');
    delete claim.insurer;
    delete claim.item;
    const unexpected = validateAgainstPas(bundle).filter((issue) => !known.has(issue.key));
    expect(unexpected.map((issue) => issue.where)).toEqual(expect.arrayContaining(['Claim.insurer', 'Claim.item']));
  });

  it.each([
    ['lumbar MRI', (): Bundle => buildPasRequest(lumbarMriInput())],
    ['PET/CT', (): Bundle => buildPasRequest(petCtInput())],
    ['dupilumab', (): Bundle => buildPasRequest(dupilumabInput())],
  ])('%s raises nothing the IG examples do not', (_, build) => {
    const unexpected = validateAgainstPas(build()).filter((issue) => !known.has(issue.key));
    expect(unexpected).toEqual([]);
  });
});
