// Requests built from records as EHR exports send them: a payer named only by name, a bare Practitioner requester,
// a Coverage without subscriber or relationship. The directory and the practice's configured identity fill the gaps.
import { describe, expect, it } from 'vitest';
import type { Bundle, Coverage, PractitionerRole } from '@medplum/fhirtypes';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { CaseService } from '../../app/cases.ts';
import { InvalidInputError } from '../fhir/outcome.ts';
import { checkPasBundle } from '../pas/check.ts';
import { pasRequestInputFromIntake } from '../pas/from-intake.ts';
import { buildPasRequest } from '../pas/request.ts';
import { validateX12Text } from '../x12/validate.ts';
import { build278Request } from '../x12/x278-build.ts';
import { ehrExportBundle, TEST_PRACTICE } from '../../testing/ehr-export.ts';
import { payerIdOf, SubmissionInputError } from './parties.ts';
import type { PracticeIdentity } from './practice.ts';
import { x12Input } from './x12-input.ts';

const library = loadPolicyLibrary();
const service = new CaseService({ library, organizationId: 't', today: () => '2026-03-02' });
const addressing = { senderId: 'KLIVIRA01', receiverId: 'PAYER01', usage: 'T' as const, originatorId: '1999999999' };
const submission = { id: 'KLV-EHR-1', system: 'urn:trnorg:1999999999', timestamp: '2026-03-02T15:00:00Z' };

function request(bundle: Bundle = ehrExportBundle()) {
  const { intake, determination } = service.check(bundle);
  return {
    caseId: 'c',
    submissionId: '0d8f3c1e-7a55-4b0e-9a51-1f1f3c1e2b11',
    bundle: intake.bundle,
    intake,
    determination,
    urgency: 'routine' as const,
    timestamp: '2026-03-02T15:00:00Z',
  };
}

function pasBundle(bundle: Bundle, practice?: PracticeIdentity): Bundle {
  const { intake, determination } = request(bundle);
  return buildPasRequest(
    pasRequestInputFromIntake(intake, determination, {
      submission,
      fullUrlBase: 'https://klivira.test/fhir',
      service: { placeOfService: '11', urgency: 'routine' },
      ...(practice ? { practice } : {}),
    }),
  );
}

const resourcesOf = (bundle: Bundle, type: string) =>
  (bundle.entry ?? []).flatMap((e) => (e.resource?.resourceType === type ? [e.resource] : []));

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError || error instanceof SubmissionInputError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('a 278 for an EHR export', () => {
  it('takes the payer id from the directory and builds a valid 278', () => {
    const input = x12Input(
      request(),
      { ...addressing, payers: library.payers, practice: TEST_PRACTICE },
      {
        interchange: 3,
        group: 3,
        transaction: 3,
      },
    );
    expect(input.umo).toEqual({ name: 'UnitedHealthcare', payerId: '87726' });
    expect(input.requester.npi).toBe('1999999984');
    const report = validateX12Text(build278Request(input));
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it.each([
    ['Kaiser Permanente', /lists several EDI payer ids for Kaiser Permanente \(94135, 94134\)/],
    ['Anthem', /the payer directory has none for Anthem Blue Cross Blue Shield/],
    ['Acme Health', /the payer directory has none for Acme Health/],
  ])('names what to add when the directory cannot give one id (%s)', (name, message) => {
    const bundle = ehrExportBundle();
    const payer = bundle.entry?.[1]?.resource;
    if (payer?.resourceType !== 'Organization') throw new Error('fixture changed');
    payer.name = name;
    expect(refusal(() => payerIdOf(request(bundle).intake, library.payers))).toMatch(message);
  });
});

describe('a PAS request for an EHR export', () => {
  it('has the practitioner act for the configured practice and passes the PAS checks', () => {
    const bundle = pasBundle(ehrExportBundle(), TEST_PRACTICE);
    expect(checkPasBundle(bundle)).toEqual([]);
    const [role] = resourcesOf(bundle, 'PractitionerRole');
    expect(role).toMatchObject({
      practitioner: { reference: 'Practitioner/prac-1' },
      organization: { reference: 'Organization/klivira-practice' },
      telecom: [{ system: 'phone', value: '555-0142' }],
    });
    const practice = resourcesOf(bundle, 'Organization').find((o) => o.id === 'klivira-practice');
    expect(practice).toMatchObject({
      name: 'Fictional Spine and Skin Clinic',
      address: [{ line: ['100 Example Way'], city: 'Springfield', state: 'IL', postalCode: '62701' }],
    });
    expect(practice?.meta?.profile?.[0]).toMatch(/profile-requestor$/);
  });

  it("reads the Coverage's relationship as self when no subscriber is given", () => {
    const [coverage] = resourcesOf(pasBundle(ehrExportBundle(), TEST_PRACTICE), 'Coverage') as Coverage[];
    expect(coverage?.relationship?.coding?.map((c) => c.code)).toEqual(['self', '18']);
  });

  it("refuses a bare Practitioner without the practice's identity, naming it", () => {
    expect(refusal(() => pasBundle(ehrExportBundle()))).toMatch(
      /the practice's identity \(name, NPI\) is not configured/,
    );
  });

  it("fills a PractitionerRole's missing contact details from the practice, or refuses naming them (pd-1)", () => {
    const role: PractitionerRole = {
      resourceType: 'PractitionerRole',
      id: 'role-1',
      practitioner: { reference: 'Practitioner/prac-1' },
    };
    const bundle = ehrExportBundle();
    bundle.entry?.push({ fullUrl: 'urn:klivira:test:PractitionerRole/role-1', resource: role });
    const [sent] = resourcesOf(pasBundle(bundle, TEST_PRACTICE), 'PractitionerRole');
    expect(sent).toMatchObject({ id: 'role-1', telecom: [{ value: '555-0142' }] });
    const withoutPhone = { ...TEST_PRACTICE };
    delete withoutPhone.phone;
    expect(refusal(() => pasBundle(bundle, withoutPhone))).toMatch(
      /contact details for the requesting PractitionerRole \(US Core pd-1\)/,
    );
  });
});
