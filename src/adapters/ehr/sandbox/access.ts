// What an access token may do on the FHIR server, from its SMART scopes: user/ and system/ scopes reach every
// resource of the granted types; patient/ scopes only the launch patient's compartment.
import type { RestInteraction } from '@medplum/fhir-router';
import type { Resource } from '@medplum/fhirtypes';
import { inPatientCompartment, patientCompartmentParams } from './fhir-model.ts';
import { type Permission, reachOf, type ResourceScope } from './scopes.ts';

export interface TokenAccess {
  scopes: readonly ResourceScope[];
  /** The launch patient's id (the token's `patient` claim), which patient/ scopes are confined to. */
  patient?: string;
}

const PERMISSION: Partial<Record<RestInteraction, Permission>> = {
  read: 'r',
  vread: 'r',
  'history-instance': 'r',
  'history-type': 'r',
  'search-type': 's',
  create: 'c',
  update: 'u',
  patch: 'u',
  delete: 'd',
};

/** Allowed on every resource, only in the patient's compartment (with its id), or not at all. */
export type Verdict = { reach: 'all' } | { reach: 'patient'; patient: string } | { reach: 'none'; reason: string };

export function permissionFor(interaction: RestInteraction | undefined): Permission | undefined {
  return interaction === undefined ? undefined : PERMISSION[interaction];
}

function inCompartmentTypes(resourceType: string): boolean {
  return resourceType === 'Patient' || patientCompartmentParams(resourceType).length > 0;
}

export function verdict(access: TokenAccess, resourceType: string, permission: Permission | undefined): Verdict {
  if (permission === undefined) {
    // Whole-system searches, operations and batches: only with a user/ or system/ scope on every type.
    return reachOf(access.scopes, '*', 'r') === 'all' && reachOf(access.scopes, '*', 's') === 'all'
      ? { reach: 'all' }
      : { reach: 'none', reason: 'this interaction needs a user/*.rs or system/*.rs scope' };
  }
  const reach = reachOf(access.scopes, resourceType, permission);
  if (reach === 'all') return { reach };
  if (reach === 'none') return { reach, reason: `no scope grants '${permission}' on ${resourceType}` };
  if (access.patient === undefined) return { reach: 'none', reason: 'a patient/ scope needs a launch patient' };
  if (!inCompartmentTypes(resourceType))
    return { reach: 'none', reason: `${resourceType} is not in the patient compartment` };
  return { reach, patient: access.patient };
}

/** Whether the token may read this resource (used on reads, includes and writes' targets). */
export function mayTouch(access: TokenAccess, resource: Resource, permission: Permission): boolean {
  const v = verdict(access, resource.resourceType, permission);
  return v.reach === 'all' || (v.reach === 'patient' && inPatientCompartment(resource, v.patient));
}
