// Structural validation of every resource against the base FHIR R4 definitions.
//
// Why our own validator: @medplum/core's validateResource is the reference (and stays the oracle in the tests), but
// it costs ~0.2 ms per resource, which alone caps whole determinations on large records far below 100/s. Its time
// goes to evaluating every FHIRPath invariant on every value through the generic engine, wrapping each value in
// TypedValue objects, re-resolving element definitions by name, and building a path string for every value. The
// validator in ./validator/ compiles the same definitions (read by medplum's own parser) once per process, lazily
// per type, into element tables and closures, decides invariants by element presence where that is exact (falling
// back to medplum's FHIRPath engine otherwise), and builds location strings only for issues. Its findings are
// medplum's; see validator/validator.test.ts for the differential tests and the documented differences.
import type { Resource } from '@medplum/fhirtypes';
import type { Issue, IssueCode } from './outcome.ts';
import { validateCompiled } from './validator/validator.ts';

const NO_ISSUES: readonly Issue[] = Object.freeze([]);
const KNOWN_CODES = new Set<string>(['invalid', 'structure', 'required', 'value', 'not-found', 'duplicate']);

/** Validates one resource; `location` prefixes the issue paths (e.g. `Bundle.entry[2].resource`). */
export function validateStructure(resource: Resource, location: string): readonly Issue[] {
  const findings = validateCompiled(resource);
  if (findings.length === 0) return NO_ISSUES;
  return findings.map((finding) => ({
    severity: 'error',
    code: (KNOWN_CODES.has(finding.code) ? finding.code : 'invalid') as IssueCode,
    message: `${resource.resourceType}: ${finding.text}`,
    // Findings are rooted at the resource type: `Patient.birthDate` → `Bundle.entry[0].resource.birthDate`.
    location: `${location}${finding.expression ? finding.expression.replace(/^[A-Za-z]+/, '') : ''}`,
  }));
}
