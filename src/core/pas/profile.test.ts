// Profile validation against the PAS 2.2.1 package. The validator misreads some PAS slicing, so the IG's own example
// Bundles are run through it too: our Bundles may raise only what the examples also raise.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, Claim } from '@medplum/fhirtypes';
import { hasShared } from '../../testing/shared.ts';
import { buildPasInquiry } from './inquiry.ts';
import { buildPasRequest } from './request.ts';
import { buildPasCancel, buildPasUpdate } from './update.ts';
import { informationAnswer } from '../../testing/pas-answers.ts';
import { dupilumabInput, lumbarMriInput, petCtInput } from '../../testing/pas-cases.ts';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { CaseService } from '../../app/cases.ts';
import { ehrExportBundle, TEST_PRACTICE } from '../../testing/ehr-export.ts';
import { pasRequestInputFromIntake } from './from-intake.ts';
import { sharedResources, validateAgainstPas } from '../../testing/pas-profile-validator.ts';

describe.skipIf(!hasShared('pas', 'package'))('PAS request Bundles against the 2.2.1 profiles', () => {
  let known: Set<string>;

  /**
   * The IG's example Claims, each given a second document: the validator counts the documentInformation slice across
   * all supportingInfo ("found 2"), so any Claim with more than one document trips it, the IG's own included.
   */
  function twoDocumentProbes(): Claim[] {
    const examples = sharedResources('pas', 'examples');
    const referral = examples.get('Claim-ReferralAuthorizationExample.json');
    const update = examples.get('Claim-HomecareAuthorizationUpdateExample.json');
    const document = referral?.resourceType === 'Claim' ? referral.supportingInfo?.[0] : undefined;
    if (referral?.resourceType !== 'Claim' || update?.resourceType !== 'Claim' || !document) throw new Error('missing');
    const twoDocuments = [document, { ...document, sequence: 2 }];
    // Without its care team, whose slicing the validator also misreads, so that the probe isolates one artefact.
    const withoutCareTeam: Claim = { ...referral, supportingInfo: twoDocuments };
    delete withoutCareTeam.careTeam;
    return [withoutCareTeam, { ...update, supportingInfo: twoDocuments }];
  }

  beforeAll(() => {
    const examples = [...sharedResources('pas', 'examples').values()].filter(
      (resource) => resource.resourceType === 'Bundle' && resource.type === 'collection',
    );
    known = new Set(
      [...examples, ...twoDocumentProbes()].flatMap((example) => validateAgainstPas(example).map((issue) => issue.key)),
    );
  });

  it('the examples raise the known validator artefacts (so the comparison is not vacuous)', () => {
    expect([...known].some((key) => key.includes("slice 'Claim'"))).toBe(true);
  });

  it('a second document in an IG Claim raises only the slice miscount', () => {
    const slice = "Incorrect number of values provided for slice 'documentInformation': expected 1..1, but found n";
    const [claim, update] = twoDocumentProbes().map((probe) => validateAgainstPas(probe).map((issue) => issue.key));
    expect(claim).toEqual([`PASClaim|Claim.supportingInfo|${slice}`]);
    expect(update).toEqual([`PASClaimUpdate|Claim.supportingInfo|${slice}`]);
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
    ['an EHR export (name-only payer, bare Practitioner, practice from configuration)', ehrExportRequest],
    [
      'an update',
      (): Bundle => buildPasUpdate({ ...petCtInput('KLV-2026-0002-U1'), notes: [] }, buildPasRequest(petCtInput())),
    ],
    ['an answer to a request for information (documents attached)', informationAnswer],
    [
      'an inquiry',
      (): Bundle => buildPasInquiry(buildPasRequest(petCtInput()), petCtInput('KLV-2026-0002-Q').submission),
    ],
    [
      'a cancel',
      (): Bundle => buildPasCancel(buildPasRequest(dupilumabInput()), petCtInput('KLV-2026-0003-C').submission),
    ],
  ])('%s raises nothing the IG examples do not', (_, build) => {
    const unexpected = validateAgainstPas(build()).filter((issue) => !known.has(issue.key));
    expect(unexpected).toEqual([]);
  });
});

/** The PAS request for an EHR-shaped record, the practice's identity from configuration. */
function ehrExportRequest(): Bundle {
  const service = new CaseService({ library: loadPolicyLibrary(), organizationId: 't', today: () => '2026-03-02' });
  const { intake, determination } = service.check(ehrExportBundle());
  return buildPasRequest(
    pasRequestInputFromIntake(intake, determination, {
      submission: { id: 'KLV-EHR-1', system: 'urn:trnorg:1999999999', timestamp: '2026-03-02T15:00:00Z' },
      fullUrlBase: 'https://klivira.test/fhir',
      service: { placeOfService: '11', urgency: 'routine' },
      practice: TEST_PRACTICE,
    }),
  );
}
