// Builders for the administrative resources of a case: the patient, the payer, the practice and the requesting
// clinician, the coverage, and visits (Encounters).
import type {
  CodeableConcept,
  Coverage,
  Encounter,
  Organization,
  Patient,
  Practitioner,
  Reference,
} from '@medplum/fhirtypes';
import type { CaseContext } from '../context.ts';
import { randomNpi } from '../npi.ts';
import type { PayerSpec } from '../payers.ts';
import { SOP } from '../payers.ts';
import { CLINICIAN_FAMILY, CLINICIAN_GIVEN, FAMILY, GIVEN_FEMALE, GIVEN_MALE, STREETS, TOWNS } from '../pools.ts';
import type { Town } from '../pools.ts';
import { SYSTEMS } from '../../core/evidence/index.ts';

export const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';
export const MRN_SYSTEM = 'urn:klivira:demo:mrn';
export const PAYER_ID_SYSTEM = 'urn:klivira:payer-id';

export interface PatientInfo {
  ref: Reference<Patient>;
  given: string;
  family: string;
  gender: 'female' | 'male';
  birthDate: string;
  ageYears: number;
  town: Town;
}

const phone = (ctx: CaseContext): string => `555-01${ctx.random.digits(2)}`;

function address(ctx: CaseContext, town: Town): Patient['address'] {
  const line = `${ctx.random.int(100, 9899)} ${ctx.random.pick(STREETS)}`;
  return [{ use: 'home', line: [line], city: town.city, state: town.state, postalCode: town.zip, country: 'US' }];
}

/** A patient aged within [minAge, maxAge] on the order date. */
export function addPatient(ctx: CaseContext, minAge: number, maxAge: number): PatientInfo {
  const { random } = ctx;
  const gender = random.bool() ? 'female' : 'male';
  const given = random.pick(gender === 'female' ? GIVEN_FEMALE : GIVEN_MALE);
  const family = random.pick(FAMILY);
  const ageYears = random.int(minAge, maxAge);
  // Birthday at least one day away from the order date, so the age stays exactly `ageYears`.
  const birthDate = ctx.daysBefore(ageYears * 365 + Math.floor(ageYears / 4) + random.int(20, 330));
  const town = random.pick(TOWNS);
  const ref = ctx.add<Patient>(
    {
      resourceType: 'Patient',
      identifier: [
        {
          use: 'usual',
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
          system: MRN_SYSTEM,
          value: `KV${random.digits(7)}`,
        },
      ],
      active: true,
      name: [{ use: 'official', family, given: [given] }],
      telecom: [{ system: 'phone', value: phone(ctx), use: 'mobile' }],
      gender,
      birthDate,
      address: address(ctx, town),
    },
    `${given} ${family}`,
  );
  return { ref, given, family, gender, birthDate, ageYears, town };
}

export function addPayer(ctx: CaseContext, payer: PayerSpec): Reference<Organization> {
  return ctx.add<Organization>(
    {
      resourceType: 'Organization',
      identifier: [{ system: PAYER_ID_SYSTEM, value: payer.payerId }],
      active: true,
      type: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'pay', display: 'Payer' },
          ],
        },
      ],
      name: payer.name,
    },
    payer.name,
  );
}

export interface Requester {
  practice: Reference<Organization>;
  practitioner: Reference<Practitioner>;
  /** "Dr. Given Family" for notes and signatures. */
  name: string;
  credentials: string;
  practiceName: string;
}

/** The practice (an Organization) and the ordering clinician (a Practitioner), both with valid-looking NPIs. */
export function addRequester(ctx: CaseContext, town: Town, practiceKind: string, credentials = 'MD'): Requester {
  const { random } = ctx;
  const practiceName = `${town.city} ${practiceKind}`;
  const practice = ctx.add<Organization>(
    {
      resourceType: 'Organization',
      identifier: [{ system: NPI_SYSTEM, value: randomNpi(random, 'organization') }],
      active: true,
      type: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/organization-type',
              code: 'prov',
              display: 'Healthcare Provider',
            },
          ],
        },
      ],
      name: practiceName,
      telecom: [{ system: 'phone', value: phone(ctx), use: 'work' }],
      address: address(ctx, town)?.map((a) => ({ ...a, use: 'work' as const })),
    },
    practiceName,
  );
  const [given = '', family = ''] = ctx
    .unique(() => `${random.pick(CLINICIAN_GIVEN)} ${random.pick(CLINICIAN_FAMILY)}`)
    .split(' ');
  const name = `Dr. ${given} ${family}`;
  const practitioner = ctx.add<Practitioner>(
    {
      resourceType: 'Practitioner',
      identifier: [{ system: NPI_SYSTEM, value: randomNpi(random, 'individual') }],
      active: true,
      name: [{ family, given: [given], prefix: ['Dr.'], suffix: [credentials] }],
    },
    `${name}, ${credentials}`,
  );
  return { practice, practitioner, name, credentials, practiceName };
}

export function addCoverage(
  ctx: CaseContext,
  payer: PayerSpec,
  payerRef: Reference<Organization>,
  patient: PatientInfo,
): Reference<Coverage> {
  const year = Number(ctx.orderDate.slice(0, 4));
  return ctx.add<Coverage>({
    resourceType: 'Coverage',
    status: 'active',
    type: { coding: [{ system: 'https://nahdo.org/sopt', code: payer.sop, display: SOP[payer.sop] }] },
    subscriber: patient.ref,
    subscriberId: payer.memberId(ctx.random),
    beneficiary: patient.ref,
    relationship: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: 'self' }],
    },
    period: { start: `${year - ctx.random.int(0, 3)}-01-01` },
    payor: [payerRef],
    class: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'plan' }] },
        value: payer.plan.value,
        name: payer.plan.name,
      },
    ],
  });
}

export interface VisitSpec {
  date: string;
  kind: 'office' | 'emergency' | 'therapy';
  reason: CodeableConcept;
  requester: Requester;
}

const VISIT_TYPE = {
  office: { cls: 'AMB', clsDisplay: 'ambulatory', code: '99214', display: 'Office or other outpatient visit, est.' },
  emergency: { cls: 'EMER', clsDisplay: 'emergency', code: '99284', display: 'Emergency department visit' },
  therapy: { cls: 'AMB', clsDisplay: 'ambulatory', code: '97164', display: 'Physical therapy re-evaluation' },
} as const;

export function addEncounter(ctx: CaseContext, patient: PatientInfo, visit: VisitSpec): Reference<Encounter> {
  const type = VISIT_TYPE[visit.kind];
  const start = ctx.at(visit.date);
  return ctx.add<Encounter>({
    resourceType: 'Encounter',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: type.cls, display: type.clsDisplay },
    type: [{ coding: [{ system: SYSTEMS.cpt, code: type.code, display: type.display }] }],
    subject: patient.ref,
    participant: [{ individual: visit.requester.practitioner }],
    period: { start, end: start.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`) },
    reasonCode: [visit.reason],
    serviceProvider: visit.requester.practice,
  });
}
