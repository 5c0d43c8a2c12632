// The parties of a request as the intake bundle names them: the requesting clinician (and their organization),
// the payer, the subscriber. Both wire mappings (PAS and X12 278) read them from here.
import type { Condition, Organization, Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import { resolvePayer, type Payer } from '../coverage/payer.ts';
import { icd10Of } from '../evidence/coded.ts';
import type { Intake } from '../intake/intake.ts';
import type { PracticeIdentity } from './practice.ts';

export const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';

export class SubmissionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubmissionInputError';
  }
}

export interface Requester {
  practitioner?: Practitioner;
  organization?: Organization;
  role?: PractitionerRole;
  npi: string;
}

function npiOf(resource: { identifier?: { system?: string; value?: string }[] } | undefined): string | undefined {
  return resource?.identifier?.find((i) => i.system === NPI_SYSTEM && i.value)?.value;
}

/**
 * The ordering clinician from the order's `requester`, with the organization they act for when the bundle has one.
 * Without an NPI in the bundle, the practice's own (from configuration) identifies the requester.
 */
export function requesterOf(intake: Intake, practice?: PracticeIdentity): Requester {
  const target = intake.record.byReference.get(intake.order.requester?.reference ?? '');
  const organizations = intake.record.resources.filter(
    (r): r is Organization => r.resourceType === 'Organization' && r !== intake.payerOrganization,
  );
  let practitioner: Practitioner | undefined;
  let role: PractitionerRole | undefined;
  let organization: Organization | undefined;
  if (target?.resourceType === 'Practitioner') practitioner = target;
  else if (target?.resourceType === 'PractitionerRole') {
    role = target;
    const p = intake.record.byReference.get(target.practitioner?.reference ?? '');
    if (p?.resourceType === 'Practitioner') practitioner = p;
    const o = intake.record.byReference.get(target.organization?.reference ?? '');
    if (o?.resourceType === 'Organization') organization = o;
  } else if (target?.resourceType === 'Organization') organization = target;
  organization ??= organizations.find((o) => npiOf(o) !== undefined) ?? organizations[0];
  const npi = npiOf(practitioner) ?? npiOf(organization) ?? practice?.npi;
  if (npi === undefined) {
    throw new SubmissionInputError(
      "the order has no requester with an NPI: add the order's requester → Practitioner with an NPI identifier, " +
        "or configure the practice's NPI",
    );
  }
  return {
    npi,
    ...(practitioner ? { practitioner } : {}),
    ...(organization ? { organization } : {}),
    ...(role ? { role } : {}),
  };
}

/**
 * The payer's EDI id: the payer Organization's first identifier, else the one id the payer directory lists for the
 * payer the Coverage names (EHR exports often carry the payer by name only).
 */
export function payerIdOf(intake: Intake, directory: readonly Payer[] = []): string {
  const own = intake.payerOrganization?.identifier?.find((i) => i.value)?.value;
  if (own) return own;
  const payer = resolvePayer(directory, intake.coverage, intake.payerOrganization, intake.payerName);
  const ids = directory.find((p) => p.id === payer.id)?.payerIds ?? [];
  if (ids.length === 1 && ids[0]) return ids[0];
  throw new SubmissionInputError(
    ids.length > 1
      ? `the payer directory lists several EDI payer ids for ${payer.name} (${ids.join(', ')}): add the one for ` +
          "this plan as the payer Organization's identifier"
      : `the payer Organization has no identifier (its EDI payer id) and the payer directory has none for ` +
          `${payer.name}: add the payer id to the payer Organization's identifier`,
  );
}

export function memberIdOf(intake: Intake): string {
  const id = intake.coverage?.subscriberId ?? intake.coverage?.identifier?.find((i) => i.value)?.value;
  if (!id) throw new SubmissionInputError('the Coverage has no subscriberId (member id)');
  return id;
}

const MAX_DIAGNOSES = 12;

/**
 * The diagnoses a request carries, principal first: the order's reason references; else the Conditions coding the
 * order's reason codes; else the patient's active Conditions with an ICD-10-CM code.
 */
export function requestConditions(intake: Intake): Condition[] {
  const conditions = intake.record.resources.filter((r): r is Condition => r.resourceType === 'Condition');
  const referenced = (intake.order.reasonReference ?? []).flatMap((ref) => {
    const target = intake.record.byReference.get(ref.reference ?? '');
    return target?.resourceType === 'Condition' ? [target] : [];
  });
  if (referenced.length > 0) return referenced.slice(0, MAX_DIAGNOSES);
  const reasonCodes = new Set((intake.order.reasonCode ?? []).flatMap((c) => icd10Of(c)));
  const coded = conditions.filter((c) => icd10Of(c.code).some((code) => reasonCodes.has(code)));
  if (coded.length > 0) return coded.slice(0, MAX_DIAGNOSES);
  const active = conditions.filter(
    (c) => icd10Of(c.code).length > 0 && (c.clinicalStatus?.coding?.[0]?.code ?? 'active') === 'active',
  );
  return active.slice(0, MAX_DIAGNOSES);
}

/** ICD-10-CM codes for the request: the order's reason codes first, then those of the request's Conditions. */
export function requestDiagnoses(intake: Intake): string[] {
  const codes = [
    ...(intake.order.reasonCode ?? []).flatMap((c) => icd10Of(c)),
    ...requestConditions(intake).flatMap((c) => icd10Of(c.code)),
  ];
  return [...new Set(codes)].slice(0, MAX_DIAGNOSES);
}
