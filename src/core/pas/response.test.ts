import type { ClaimResponse, Resource } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasShared } from '../../testing/shared.ts';
import type { PasDecision } from './decision.ts';
import { readClaimResponse } from './claim-response.ts';
import { PasResponseError, readPasInquiryResult, readPasResponse } from './response.ts';
import { sharedResources } from '../../testing/pas-profile-validator.ts';
import { EXTENSIONS } from './vocabulary.ts';

type Expected = Partial<Omit<PasDecision, 'items'>> & { items?: Partial<PasDecision['items'][number]>[] };

const A1_ITEM = {
  itemSequence: 1,
  source: 'item',
  action: 'certified',
  reviewActionCode: 'A1',
  authorizationNumber: 'AUTH0001',
} as const;
const AUTHORIZED_PERIOD = { authorizedPeriod: { start: '2005-05-02', end: '2005-06-02' } };
const BUSINESS_ERRORS = [
  { code: '04' },
  { code: 'T4', followupAction: 'C', element: '2010A-NM103', path: 'Bundle.entry[1].Organization.name' },
];

/** Every response example of both IG versions and the decision it carries (pas/README.md, reference/pas.md §13). */
const RESPONSES: Record<string, Expected> = {
  'examples/Bundle-ReferralAuthorizationResponseBundleExample.json': {
    outcome: 'certified',
    responseIdentifier: 'A12345',
    request: 'Claim/ReferralAuthorizationExample',
    items: [{ ...A1_ITEM, ...AUTHORIZED_PERIOD }],
  },
  'examples/Bundle-ReferralPendingAuthorizationResponseBundleExample.json': {
    outcome: 'pended',
    processing: 'complete',
    items: [{ itemSequence: 1, action: 'pended', reviewActionCode: 'A4', administrationReferenceNumber: 'PEND0001' }],
  },
  'examples/Bundle-RejectionResponseBundleExample.json': {
    outcome: 'not_certified',
    humanReviewed: true,
    items: [{ itemSequence: 1, action: 'not_certified', reviewActionCode: 'A3' }],
  },
  'examples/Bundle-ErrorResponseBundleExample.json': {
    outcome: 'error',
    processing: 'error',
    items: [],
    errors: BUSINESS_ERRORS,
  },
  'examples/Bundle-PASClaimInquiryResponseBundleExample.json': {
    outcome: 'certified',
    responseIdentifier: '5269367',
    items: [A1_ITEM],
  },
  'examples/Parameters-PASClaimInquiryOperationResponseExample.json': { outcome: 'certified', items: [A1_ITEM] },
  'examples/Bundle-PASSubscriptionNotification.json': {
    outcome: 'certified',
    responseIdentifier: 'A12345',
    items: [{ ...A1_ITEM, ...AUTHORIZED_PERIOD }],
  },
  'examples/ClaimResponse-PractitionerRequestorResponseExample.json': {
    outcome: 'certified',
    items: [{ ...A1_ITEM, ...AUTHORIZED_PERIOD }],
  },
  'examples/ClaimResponse-PractitionerRequestorPendingResponseExample.json': {
    outcome: 'pended',
    items: [{ action: 'pended', reviewActionCode: 'A4', administrationReferenceNumber: 'PEND0001' }],
  },
  'examples/ClaimResponse-RejectionResponseExample.json': {
    outcome: 'not_certified',
    humanReviewed: true,
    items: [{ action: 'not_certified', reviewActionCode: 'A3' }],
  },
  'examples/ClaimResponse-ErrorResponseExample.json': { outcome: 'error', items: [], errors: BUSINESS_ERRORS },
  'examples/ClaimResponse-PractitionerRequestorAdditionalContentResponseExample.json': {
    outcome: 'certified',
    items: [
      { ...A1_ITEM, ...AUTHORIZED_PERIOD },
      {
        itemSequence: 2,
        source: 'addItem',
        action: 'certified',
        reviewActionCode: 'A1',
        modification: {
          productOrService: ['https://codesystem.x12.org/005010/1365|3'],
          modifiers: [],
          quantity: 1,
          providers: ['Practitioner/ReferralPractitionerExample'],
        },
      },
    ],
  },
  'examples/ClaimResponse-PASClaimInquiryResponseExample.json': { outcome: 'certified', items: [A1_ITEM] },
  // 2.0.1's error Bundle embeds the approval ClaimResponse (HL7 Jira FHIR-46516): read as what it carries.
  'examples-2.0.1/Bundle-ErrorResponseBundleExample.json': {
    outcome: 'certified',
    items: [{ ...A1_ITEM, ...AUTHORIZED_PERIOD }],
  },
  'examples-2.0.1/Bundle-ReferralAuthorizationResponseBundleExample.json': {
    outcome: 'certified',
    items: [{ ...A1_ITEM, ...AUTHORIZED_PERIOD }],
  },
  'examples-2.0.1/Bundle-PASClaimInquiryResponseBundleExample.json': { outcome: 'certified', items: [A1_ITEM] },
  'examples-2.0.1/ClaimResponse-ErrorResponseExample.json': { outcome: 'error', items: [], errors: BUSINESS_ERRORS },
  'examples-2.0.1/ClaimResponse-ReferralAuthorizationResponseExample.json': {
    outcome: 'certified',
    items: [{ ...A1_ITEM, ...AUTHORIZED_PERIOD }],
  },
  'examples-2.0.1/ClaimResponse-PractitionerRequestorResponseExample.json': {
    outcome: 'certified',
    items: [{ ...A1_ITEM, ...AUTHORIZED_PERIOD }],
  },
  'examples-2.0.1/ClaimResponse-PASClaimInquiryResponseExample.json': { outcome: 'certified', items: [A1_ITEM] },
};

function problemOf(input: unknown): string | undefined {
  try {
    readPasResponse(input);
    return undefined;
  } catch (error) {
    return error instanceof PasResponseError ? error.problem : 'not a PasResponseError';
  }
}

function read(resource: Resource): PasDecision {
  return resource.resourceType === 'ClaimResponse' ? readClaimResponse(resource) : readPasResponse(resource);
}

function allExamples(): [string, Resource][] {
  return ['examples', 'examples-2.0.1'].flatMap((folder) =>
    [...sharedResources('pas', folder)].map(([file, resource]): [string, Resource] => [`${folder}/${file}`, resource]),
  );
}

describe.skipIf(!hasShared('pas', 'examples'))('reading the IG response examples', () => {
  // Read when the suite runs, not when it is collected: a skipped suite's body is still collected.
  let examples: [string, Resource][] = [];
  beforeAll(() => {
    examples = allExamples();
  });

  it.each(Object.entries(RESPONSES))('%s', (file, expected) => {
    const resource = examples.find(([name]) => name === file)?.[1];
    if (!resource) throw new Error(`${file} missing`);
    const decision = read(resource);
    const { items, ...rest } = expected;
    expect(decision).toMatchObject(rest);
    expect(decision.items).toHaveLength(items?.length ?? 0);
    items?.forEach((item, index) => {
      expect(decision.items[index]).toMatchObject(item);
    });
    expect(decision.warnings).toEqual([]);
  });

  it('every other example is refused with a typed reason, never misread as a decision', () => {
    const others = examples.filter(
      ([file, resource]) => !(file in RESPONSES) && resource.resourceType !== 'ClaimResponse',
    );
    expect(others.length).toBeGreaterThan(60);
    for (const [file, resource] of others) {
      expect(() => readPasResponse(resource), file).toThrow(PasResponseError);
    }
    const unlisted = examples.filter(([file, r]) => !(file in RESPONSES) && r.resourceType === 'ClaimResponse');
    expect(unlisted.map(([file]) => file)).toEqual([]);
  });

  it('a 4xx OperationOutcome body is refused as such, with its reason', () => {
    const outcome = examples.find(([file]) => file === 'examples/OperationOutcome-InvalidRequestResponse.json')?.[1];
    expect(() => readPasResponse(outcome)).toThrow(/error invalid: The input request is not of the desired format/);
    expect(problemOf(outcome)).toBe('operation_outcome');
  });
});

/** An A1 response shaped like the IG's, with the decision swapped: the codes IG examples lack (derived fixtures). */
function derived(code: string, extras: Partial<ClaimResponse> = {}, reasonCodes: string[] = []): ClaimResponse {
  return {
    resourceType: 'ClaimResponse',
    status: 'active',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
    use: 'preauthorization',
    patient: { reference: 'Patient/pat-7' },
    created: '2026-03-02T14:06:00Z',
    insurer: { reference: 'Organization/org-uhc' },
    request: { reference: 'Claim/KLV-2026-0001' },
    outcome: 'complete',
    item: [
      {
        itemSequence: 1,
        noteNumber: [1],
        adjudication: [
          {
            category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'submitted' }] },
            extension: [
              {
                url: EXTENSIONS.reviewAction,
                extension: [
                  { url: 'number', valueString: 'AUTH-777' },
                  ...reasonCodes.map((reason) => ({
                    url: 'reasonCode',
                    valueCodeableConcept: {
                      coding: [{ system: 'https://codesystem.x12.org/external/886', code: reason }],
                    },
                  })),
                  {
                    url: EXTENSIONS.reviewActionCode,
                    valueCodeableConcept: { coding: [{ system: 'https://codesystem.x12.org/005010/306', code }] },
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
    processNote: [{ number: 1, text: 'Reviewed against policy.' }],
    ...extras,
  };
}

describe('derived responses (no IG example carries these codes)', () => {
  it.each([
    ['A2', 'partial'],
    ['C', 'cancelled'],
    ['CT', 'contact_payer'],
    ['NA', 'no_action_required'],
  ] as const)('%s reads as %s with number, reasons and notes', (code, action) => {
    const decision = readClaimResponse(derived(code, {}, ['0U']));
    expect(decision.outcome).toBe(action);
    expect(decision.items).toEqual([
      {
        itemSequence: 1,
        source: 'item',
        action,
        reviewActionCode: code,
        authorizationNumber: 'AUTH-777',
        reasonCodes: ['0U'],
        notes: ['Reviewed against policy.'],
      },
    ]);
    expect(decision.warnings).toEqual([]);
  });

  it('A6 takes the authorized version from the addItem with the same itemSequence', () => {
    const decision = readClaimResponse(
      derived('A6', {
        addItem: [
          {
            itemSequence: [1],
            adjudication: [],
            productOrService: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '72148' }] },
            modifier: [{ coding: [{ system: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', code: 'RT' }] }],
            quantity: { value: 1 },
            servicedPeriod: { start: '2026-03-05', end: '2026-04-05' },
            provider: [{ reference: 'Organization/org-imaging' }],
          },
        ],
      }),
    );
    expect(decision.outcome).toBe('modified');
    expect(decision.items).toHaveLength(1);
    expect(decision.items[0]).toMatchObject({
      action: 'modified',
      reviewActionCode: 'A6',
      modification: {
        productOrService: ['http://www.ama-assn.org/go/cpt|72148'],
        modifiers: ['RT'],
        quantity: 1,
        serviced: { start: '2026-03-05', end: '2026-04-05' },
        providers: ['Organization/org-imaging'],
      },
    });
  });

  it('A6 without the authorized addItem is read, with a warning', () => {
    const decision = readClaimResponse(derived('A6'));
    expect(decision.items[0]).toMatchObject({ action: 'modified' });
    expect(decision.warnings).toEqual(['item 1 is modified (A6) but no addItem says what was authorized']);
  });

  it('A2 carries the authorized detail (fewer units) as the modification', () => {
    const response = derived('A2');
    const partial: ClaimResponse = {
      ...response,
      item: response.item?.map((item) => ({
        ...item,
        extension: [
          { url: EXTENSIONS.itemAuthorizedDetail, extension: [{ url: 'quantity', valueQuantity: { value: 6 } }] },
        ],
      })),
    };
    expect(readClaimResponse(partial).items[0]?.modification).toEqual({
      productOrService: [],
      modifiers: [],
      quantity: 6,
      providers: [],
    });
  });

  it('mixed items aggregate: certified + not certified is partial, any pend is pended', () => {
    const mixed = (second: string): ClaimResponse => {
      const response = derived('A1');
      const [item] = response.item ?? [];
      if (!item) throw new Error('no item');
      const other = structuredClone(item);
      other.itemSequence = 2;
      const code = other.adjudication?.[0]?.extension?.[0]?.extension?.at(-1)?.valueCodeableConcept?.coding?.[0];
      if (code) code.code = second;
      return { ...response, item: [item, other] };
    };
    expect(readClaimResponse(mixed('A3')).outcome).toBe('partial');
    expect(readClaimResponse(mixed('A4')).outcome).toBe('pended');
    expect(readClaimResponse(mixed('NA')).outcome).toBe('certified');
  });

  it('an unknown or missing code is contact payer with a warning; 2.0.1 queued without codes is pended', () => {
    const unknown = readClaimResponse(derived('ZZ'));
    expect(unknown.items[0]).toMatchObject({ action: 'contact_payer', reviewActionCode: 'ZZ' });
    expect(unknown.warnings).toEqual(["item 1 has the unknown review action code 'ZZ'; treated as contact payer"]);
    const bare = derived('A1');
    const missing = { ...bare, item: [{ itemSequence: 1, adjudication: [] }] };
    expect(readClaimResponse(missing).warnings).toEqual([
      'item 1 carries no review action code; treated as contact payer',
    ]);
    expect(readClaimResponse({ ...missing, outcome: 'queued' }).items[0]?.action).toBe('pended');
    expect(readClaimResponse({ ...missing, outcome: 'queued' }).warnings).toEqual([]);
  });

  it('a whole-request reviewAction applies to items without their own', () => {
    const bare = derived('A1');
    const adjudication = bare.item?.[0]?.adjudication;
    const decision = readClaimResponse({ ...bare, adjudication, item: [{ itemSequence: 1, adjudication: [] }] });
    expect(decision.items[0]).toMatchObject({ action: 'certified', reviewActionCode: 'A1' });
  });
});

describe('readPasInquiryResult', () => {
  it.skipIf(!hasShared('pas', 'examples'))('reads every response Bundle of the IG inquiry result', () => {
    const parameters = sharedResources('pas', 'examples').get(
      'Parameters-PASClaimInquiryOperationResponseExample.json',
    );
    expect(readPasInquiryResult(parameters).map((decision) => decision.outcome)).toEqual(['certified']);
  });

  it('no Bundle in the result means no matching authorization', () => {
    expect(readPasInquiryResult({ resourceType: 'Parameters', parameter: [] })).toEqual([]);
  });

  it('a bare response Bundle is read as the single result', () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: derived('A4') }] };
    expect(readPasInquiryResult(bundle).map((decision) => decision.outcome)).toEqual(['pended']);
  });
});

describe('malformed responses', () => {
  it.each([
    [null, 'not_a_resource'],
    ['a string', 'not_a_resource'],
    [{ resourceType: 'Patient' }, 'not_a_response'],
    [{ resourceType: 'Bundle', type: 'collection', entry: [] }, 'first_entry_not_claim_response'],
    [
      { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Claim' } }] },
      'first_entry_not_claim_response',
    ],
    [{ resourceType: 'Bundle', type: 'history', entry: 'nonsense' }, 'not_a_response'],
    [{ resourceType: 'Parameters', parameter: [{ name: 'return' }] }, 'not_a_response'],
  ])('%j is refused as %s', (input, problem) => {
    expect(problemOf(input)).toBe(problem);
  });

  it('a ClaimResponse with fields of the wrong shape yields warnings, not a crash', () => {
    const odd = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'ClaimResponse',
            item: [{ adjudication: 'x' }, 7, { itemSequence: 3, adjudication: [null] }],
            error: 'x',
          },
        },
      ],
    };
    const decision = readPasResponse(odd);
    expect(decision.items.map((item) => [item.itemSequence, item.action])).toEqual([[3, 'contact_payer']]);
    expect(decision.warnings.length).toBeGreaterThan(0);
  });

  it('never throws anything but PasResponseError, whatever JSON arrives', () => {
    const shapes = fc.oneof(
      fc.jsonValue(),
      fc.record({
        resourceType: fc.constantFrom('Bundle', 'ClaimResponse', 'Parameters'),
        type: fc.string(),
        entry: fc.jsonValue(),
      }),
      fc.jsonValue().map((item) => ({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          {
            resource: {
              resourceType: 'ClaimResponse',
              item,
              addItem: item,
              error: item,
              processNote: item,
              adjudication: item,
            },
          },
        ],
      })),
    );
    fc.assert(
      fc.property(shapes, (input) => {
        try {
          readPasResponse(input);
        } catch (error) {
          if (!(error instanceof PasResponseError)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });
});
