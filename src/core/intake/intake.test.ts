import { describe, expect, it } from 'vitest';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { InvalidInputError, type Issue } from '../fhir/outcome.ts';
import {
  bundle,
  condition,
  coverage,
  lumbarMriCase,
  note,
  serviceRequest,
  TEST_PATIENT,
  UHC,
} from '../../testing/fixtures.ts';
import { parseIntake } from './intake.ts';

function issuesOf(input: unknown, orderReference?: string): Issue[] {
  try {
    parseIntake(input, orderReference ? { orderReference } : {});
  } catch (error) {
    if (error instanceof InvalidInputError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the bundle to be rejected');
}

const withEntry = (index: number, change: (resource: Record<string, unknown>) => void): Bundle => {
  const b = structuredClone(lumbarMriCase([condition('M54.16')]));
  const resource = b.entry?.[index]?.resource as unknown as Record<string, unknown>;
  change(resource);
  return b;
};

describe('intake validation: each broken bundle is rejected with a precise message and location', () => {
  const cases: [string, unknown, RegExp, string | undefined][] = [
    ['not an object', '"hello"', /must be a FHIR Bundle JSON object/, undefined],
    ['an array', [], /must be a FHIR Bundle JSON object/, undefined],
    [
      'another resource type',
      { resourceType: 'Patient' },
      /expected resourceType 'Bundle', got 'Patient'/,
      'Bundle.resourceType',
    ],
    ...['searchset', 'history', 'transaction-response', 'batch-response', 'subscription-notification', 'message'].map(
      (type): [string, unknown, RegExp, string] => [
        `a ${type} bundle (not a record an EHR sends for review)`,
        { resourceType: 'Bundle', type, entry: [{}] },
        new RegExp(`collection, document, transaction or batch \\(got '${type}'\\)`),
        'Bundle.type',
      ],
    ),
    [
      'an entry that is not an object',
      { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:a' }, null, 5, []] },
      /entry is not a JSON object/,
      'Bundle.entry[1]',
    ],
    ['no entries', { resourceType: 'Bundle', type: 'collection', entry: [] }, /no entries/, 'Bundle.entry'],
    [
      'an entry without a resource',
      { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:x' }] },
      /entry has no resource/,
      'Bundle.entry[0]',
    ],
    [
      'an invalid birth date',
      withEntry(0, (p) => (p.birthDate = '1970-13-45')),
      /Patient: Invalid date format/,
      'Bundle.entry[0].resource.birthDate',
    ],
    [
      'an unknown property',
      withEntry(3, (s) => (s.urgency = 'high')),
      /Invalid additional property "urgency"/,
      'Bundle.entry[3].resource.urgency',
    ],
    [
      'a missing required element',
      withEntry(3, (s) => delete s.intent),
      /ServiceRequest: Missing required property/,
      'Bundle.entry[3].resource.intent',
    ],
    [
      'an unknown resource type',
      withEntry(4, (c) => (c.resourceType = 'Diagnosis')),
      /Unknown data type: Diagnosis|Invalid resource type/,
      'Bundle.entry[4].resource',
    ],
    ['no patient', bundle([UHC, coverage('5'), serviceRequest('72148')]), /has no Patient/, 'Bundle.entry'],
    [
      'two patients',
      bundle([TEST_PATIENT, { ...TEST_PATIENT, id: 'pat-2' }, UHC, coverage('5'), serviceRequest('72148')]),
      /has 2 Patient resources/,
      'Bundle.entry',
    ],
    [
      'duplicate ids',
      bundle([
        TEST_PATIENT,
        UHC,
        coverage('5'),
        serviceRequest('72148'),
        condition('M54.16', { id: 'dup' }),
        condition('M54.50', { id: 'dup' }),
      ]),
      /Condition\/dup appears twice \(also at Bundle.entry\[4\]\)/,
      'Bundle.entry[5]',
    ],
    ['no order', bundle([TEST_PATIENT, UHC, coverage('5')]), /has no order/, 'Bundle.entry'],
    [
      'two orders',
      bundle([TEST_PATIENT, UHC, coverage('5'), serviceRequest('72148'), serviceRequest('72149', { id: 'order-2' })]),
      /2 orders \(ServiceRequest\/order-1, ServiceRequest\/order-2\): choose one with --order/,
      'Bundle.entry',
    ],
    [
      'an order without a CPT code',
      bundle([
        TEST_PATIENT,
        UHC,
        coverage('5'),
        serviceRequest('72148', { code: { coding: [{ system: 'http://loinc.org', code: '24558-9' }] } }),
      ]),
      /no CPT .* or HCPCS coding/,
      'Bundle.entry[3].resource.code',
    ],
    [
      'a malformed CPT code',
      bundle([TEST_PATIENT, UHC, coverage('5'), serviceRequest('7214')]),
      /'7214' is not a well-formed CPT or HCPCS/,
      'Bundle.entry[3].resource.code.coding',
    ],
    [
      'a resource about another patient',
      lumbarMriCase([condition('M54.16', { subject: { reference: 'Patient/someone-else' } })]),
      /subject reference Patient\/someone-else does not resolve within the bundle/,
      'Bundle.entry[4].resource.subject',
    ],
    [
      'a reference given as an object',
      lumbarMriCase([condition('M54.16', { subject: { reference: {} as unknown as string } })]),
      /subject\.reference must be a string/,
      'Bundle.entry[4].resource.subject.reference',
    ],
    [
      'an order pointing at a missing coverage',
      bundle([TEST_PATIENT, UHC, serviceRequest('72148', { insurance: [{ reference: 'Coverage/gone' }] })]),
      /insurance reference Coverage\/gone does not resolve to a Coverage/,
      'Bundle.entry[2].resource.insurance[0]',
    ],
    [
      'a coverage whose payer is not an organization',
      bundle([
        TEST_PATIENT,
        UHC,
        { ...coverage('5'), payor: [{ reference: 'Patient/pat-1' }] },
        serviceRequest('72148'),
      ]),
      /the payer must be an Organization/,
      'Bundle.entry[2].resource.payor[0]',
    ],
    [
      'a coverage with an unresolvable payer and no name',
      bundle([
        TEST_PATIENT,
        { ...coverage('5'), payor: [{ reference: 'Organization/nowhere' }] },
        serviceRequest('72148'),
      ]),
      /must reference an Organization in the bundle or give the payer's name/,
      'Bundle.entry[1].resource.payor[0]',
    ],
  ];

  it.each(cases)('%s', (_label, input, message, location) => {
    const issues = issuesOf(typeof input === 'string' ? (JSON.parse(input) as unknown) : input);
    const match = issues.find((issue) => message.test(issue.message));
    expect(match, issues.map((i) => `${i.location ?? ''} ${i.message}`).join('\n')).toBeDefined();
    expect(match?.location).toBe(location);
  });

  it('reports every broken field of a bundle at once, not only the first', () => {
    const b = withEntry(0, (p) => (p.birthDate = 'yesterday'));
    const s = b.entry?.[3]?.resource as unknown as Record<string, unknown>;
    delete s.status;
    expect(issuesOf(b).map((i) => i.location)).toEqual([
      'Bundle.entry[0].resource.birthDate',
      'Bundle.entry[3].resource.status',
    ]);
  });

  it('reads an empty value as absent, as the structural check does: "coding": "" is no coding, not a crash', () => {
    const b = withEntry(3, (s) => (s.code = { coding: '' }));
    expect(issuesOf(b).map((i) => [i.location, i.message])).toEqual([
      [
        'Bundle.entry[3].resource.code',
        'ServiceRequest.code has no CPT (http://www.ama-assn.org/go/cpt) or HCPCS coding',
      ],
    ]);
  });

  it('rejects an --order that is not in the bundle, or is not an order', () => {
    expect(issuesOf(lumbarMriCase([]), 'ServiceRequest/nope')[0]?.message).toBe(
      'the order ServiceRequest/nope is not in the bundle',
    );
    expect(issuesOf(lumbarMriCase([]), 'Patient/pat-1')[0]?.message).toMatch(/is a Patient, not a ServiceRequest/);
  });
});

describe('intake of valid bundles', () => {
  it.each(['collection', 'document', 'transaction', 'batch'] as const)('accepts a %s bundle', (type) => {
    const b = { ...lumbarMriCase([condition('M54.16')]), type };
    expect(parseIntake(b).orderCode.code).toBe('72148');
  });

  it('accepts a transaction bundle with urn:uuid references and reads the order, coverage and payer', () => {
    const patient = { ...TEST_PATIENT, id: 'p' };
    const b: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111',
          resource: patient,
          request: { method: 'POST', url: 'Patient' },
        },
        {
          fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222',
          resource: { ...UHC, id: 'o' },
          request: { method: 'POST', url: 'Organization' },
        },
        {
          fullUrl: 'urn:uuid:33333333-3333-4333-8333-333333333333',
          resource: {
            ...coverage('5'),
            id: 'c',
            beneficiary: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' },
            payor: [{ reference: 'urn:uuid:22222222-2222-4222-8222-222222222222' }],
          },
          request: { method: 'POST', url: 'Coverage' },
        },
        {
          fullUrl: 'urn:uuid:44444444-4444-4444-8444-444444444444',
          resource: serviceRequest('72148', {
            id: 's',
            subject: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' },
            insurance: [{ reference: 'urn:uuid:33333333-3333-4333-8333-333333333333' }],
          }),
          request: { method: 'POST', url: 'ServiceRequest' },
        },
      ],
    };
    const intake = parseIntake(b);
    expect(intake.orderCode).toMatchObject({ code: '72148', kind: 'service' });
    expect(intake.coverage?.id).toBe('c');
    expect(intake.payerName).toBe('UnitedHealthcare');
  });

  it('takes a MedicationRequest with RxNorm as the order when there is no ServiceRequest', () => {
    const drug: Resource = {
      resourceType: 'MedicationRequest',
      id: 'mr-1',
      status: 'active',
      intent: 'order',
      subject: { reference: 'Patient/pat-1' },
      medicationCodeableConcept: {
        coding: [
          {
            system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
            code: '1876376',
            display: 'dupilumab 300 MG/2ML Prefilled Syringe',
          },
        ],
      },
    };
    const intake = parseIntake(bundle([TEST_PATIENT, UHC, coverage('5'), drug]));
    expect(intake.orderCode).toMatchObject({ code: '1876376', kind: 'drug' });
  });

  it('writes the ingredient beside a drug coded by NDC under its brand, so that the library can match it', () => {
    const drug: Resource = {
      resourceType: 'MedicationRequest',
      id: 'mr-ndc',
      status: 'active',
      intent: 'order',
      subject: { reference: 'Patient/pat-1' },
      medicationCodeableConcept: {
        coding: [
          { system: 'http://hl7.org/fhir/sid/ndc', code: '0024-5919-02', display: 'Dupixent 200 mg/1.14 mL syringe' },
        ],
      },
    };
    const intake = parseIntake(bundle([TEST_PATIENT, UHC, coverage('5'), drug]));
    expect(intake.orderCode).toMatchObject({
      code: '0024-5919-02',
      display: 'Dupixent 200 mg/1.14 mL syringe (dupilumab)',
      kind: 'drug',
    });
  });

  it('reads a day sent where FHIR requires an instant as that day, with a warning naming the field', () => {
    const intake = parseIntake(lumbarMriCase([{ ...note('n1', 'HPI: LBP x 8 wks'), date: '2026-02-27' } as Resource]));
    expect(intake.record.notes.map((n) => n.date)).toEqual(['2026-02-27']);
    expect(intake.record.warnings.map((w) => w.reference)).toEqual(['DocumentReference/n1']);
    expect(intake.record.warnings[0]?.message).toMatch(
      /^Bundle\.entry\[\d+\]\.resource\.date is the day 2026-02-27 where FHIR requires an instant/,
    );
  });

  it.each([
    ['a time without a zone', '2026-02-27T10:00:00'],
    ['a month', '2026-02'],
    ['an impossible day', '2026-02-31x'],
  ])('still refuses %s where an instant is required', (_, value) => {
    const issues = issuesOf(lumbarMriCase([{ ...note('n1', 'HPI: LBP x 8 wks'), date: value } as Resource]));
    expect(issues).toEqual([expect.objectContaining({ message: 'DocumentReference: Invalid instant format' })]);
  });

  it('keeps unreadable notes as warnings instead of failing the bundle', () => {
    const intake = parseIntake(
      lumbarMriCase([
        note('n1', 'HPI: LBP x 8 wks'),
        {
          ...note('n2', 'x'),
          content: [{ attachment: { contentType: 'application/pdf', data: 'JVBERi0=' } }],
        } as Resource,
      ]),
    );
    expect(intake.record.notes.map((n) => n.reference)).toEqual(['DocumentReference/n1']);
    expect(intake.record.warnings).toEqual([
      {
        reference: 'DocumentReference/n2',
        message: "note skipped: content type 'application/pdf' is not text/plain or text/html",
      },
    ]);
  });
});
