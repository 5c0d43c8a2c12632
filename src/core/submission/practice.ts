// The practice's own identity, from configuration: EHR exports usually name the ordering clinician as a bare
// Practitioner, while a payer needs the requesting organization (NPI, TIN, address) and a way to reach it.
import type { Address, Organization, Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import { NPI_SYSTEM } from './parties.ts';

export interface PracticeIdentity {
  name: string;
  npi: string;
  /** Federal tax id (EIN), digits only or NN-NNNNNNN. */
  tin?: string;
  /** One line as configured, e.g. `100 Main St, Springfield, IL 62701`. */
  address?: string;
  phone?: string;
}

const TIN_SYSTEM = 'urn:oid:2.16.840.1.113883.4.4';
/** The id the practice's Organization takes in the requests we build; it never comes from an intake bundle. */
export const PRACTICE_ORGANIZATION_ID = 'klivira-practice';

/** `line, city, ST 12345` as a structured address when it has that shape; otherwise as text only. */
function address(text: string): Address {
  const parts = /^(.+),\s*([^,]+),\s*([A-Z]{2})\s+(\d{5}(?:-\d{4})?)$/.exec(text.trim());
  if (!parts) return { text };
  const [, line = '', city = '', state = '', postalCode = ''] = parts;
  return { text, line: line.split(/\s*,\s*/), city, state, postalCode, country: 'US' };
}

export function practiceOrganization(practice: PracticeIdentity): Organization {
  return {
    resourceType: 'Organization',
    id: PRACTICE_ORGANIZATION_ID,
    active: true,
    identifier: [
      { system: NPI_SYSTEM, value: practice.npi },
      ...(practice.tin
        ? [
            {
              system: TIN_SYSTEM,
              type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'TAX' }] },
              value: practice.tin,
            },
          ]
        : []),
    ],
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'prov' }] }],
    name: practice.name,
    ...(practice.phone ? { telecom: [{ system: 'phone' as const, value: practice.phone, use: 'work' as const }] } : {}),
    ...(practice.address ? { address: [address(practice.address)] } : {}),
  };
}

/** The practitioner acting for the practice: what PAS sends as Claim.provider for a bare Practitioner. */
export function practiceRole(practitioner: Practitioner, practice: PracticeIdentity): PractitionerRole {
  return {
    resourceType: 'PractitionerRole',
    id: `${practitioner.id ?? 'requester'}-at-practice`.slice(0, 64),
    active: true,
    practitioner: { reference: `Practitioner/${practitioner.id ?? ''}` },
    organization: { reference: `Organization/${PRACTICE_ORGANIZATION_ID}` },
    ...(practice.phone ? { telecom: [{ system: 'phone', value: practice.phone, use: 'work' }] } : {}),
  };
}
