import type { Condition, ServiceRequest } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../fhir/outcome.ts';
import { inputFor, lumbarMriCase, petCtCase, type PasCase } from '../../testing/pas-cases.ts';

function edited(testCase: PasCase, edit: (resources: NonNullable<PasCase['bundle']['entry']>) => void): PasCase {
  const bundle = structuredClone(testCase.bundle);
  edit(bundle.entry ?? []);
  return { ...testCase, bundle };
}

function withoutRequester(testCase: PasCase): PasCase {
  const options = { ...testCase.options };
  delete options.requester;
  return { ...testCase, options };
}

function messagesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.issues.map((issue) => issue.message);
    throw error;
  }
  return [];
}

describe('pasRequestInputFromIntake', () => {
  it('takes a PractitionerRole requester straight from the order', () => {
    expect(inputFor(petCtCase(), 'X').requester).toMatchObject({ resourceType: 'PractitionerRole', id: 'role-onc' });
  });

  it('finds the PractitionerRole of a requesting Practitioner', () => {
    const role = {
      resourceType: 'PractitionerRole' as const,
      id: 'role-spine',
      practitioner: { reference: 'Practitioner/prac-1' },
      telecom: [{ system: 'phone' as const, value: '555-0100' }],
    };
    const testCase = edited(lumbarMriCase(), (entries) => entries.push({ resource: role }));
    expect(inputFor(withoutRequester(testCase), 'X').requester).toMatchObject({ id: 'role-spine' });
  });

  it('says what is missing instead of building a request PAS cannot carry', () => {
    const testCase = edited(lumbarMriCase(), (entries) => {
      entries.splice(
        entries.findIndex((e) => e.resource?.resourceType === 'Coverage'),
        1,
      );
      const order = entries.find((e) => e.resource?.resourceType === 'ServiceRequest')?.resource as ServiceRequest;
      delete order.insurance;
    });
    expect(messagesOf(() => inputFor(withoutRequester(testCase), 'X'))).toEqual([
      'a PAS request needs a Coverage: PAS sends the member id and the focal coverage',
      'a PAS request needs the payer Organization the Coverage names: PAS needs the insurer as a resource',
      "a PAS request needs the requesting Organization or PractitionerRole: the order's requester is neither, no PractitionerRole in the bundle names its Practitioner, and the practice's identity (name, NPI) is not configured",
    ]);
  });

  it('sends current conditions only, the order’s reasons first', () => {
    const testCase = edited(lumbarMriCase(), (entries) => {
      const resolved: Condition = {
        resourceType: 'Condition',
        id: 'cond-old',
        subject: { reference: 'Patient/pat-7' },
        clinicalStatus: { coding: [{ code: 'resolved' }] },
        code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'S33.5XXA' }] },
      };
      entries.push({ resource: resolved });
      const order = entries.find((e) => e.resource?.resourceType === 'ServiceRequest')?.resource as ServiceRequest;
      order.reasonReference = [{ reference: 'Condition/cond-lbp' }];
    });
    expect(inputFor(testCase, 'X').conditions.map((c) => c.id)).toEqual(['cond-lbp', 'cond-radic']);
  });
});
