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
import { emptyValuesRead, isEmpty } from './validator/read.ts';
import { validateCompiled } from './validator/validator.ts';

const NO_ISSUES: readonly Issue[] = Object.freeze([]);
const KNOWN_CODES = new Set<string>(['invalid', 'structure', 'required', 'value', 'not-found', 'duplicate']);

/** Validates one resource; `location` prefixes the issue paths (e.g. `Bundle.entry[2].resource`). */
export function validateStructure(resource: Resource, location: string): readonly Issue[] {
  return checkStructure(resource, location).issues;
}

/**
 * validateStructure, and whether the resource holds an empty value the check read as absent: only such a resource
 * needs withoutEmptyValues, whose walk over every value of a large record is otherwise spent for nothing.
 */
export function checkStructure(resource: Resource, location: string): { issues: readonly Issue[]; empties: boolean } {
  const before = emptyValuesRead();
  const issues = structureIssues(resource, location);
  return { issues, empties: emptyValuesRead() !== before };
}

function structureIssues(resource: Resource, location: string): readonly Issue[] {
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

/**
 * The value as the structural check reads it: without the empty properties ('' [] {} null) it reads as absent, as
 * medplum does, so that nothing after it finds a string where it reads an array ("coding": ""). Array items keep
 * their places (a primitive array and its `_name` extension array are matched by position). The value itself is
 * returned, not a copy, wherever it holds no empty property: the common case copies nothing.
 */
export function withoutEmptyValues<T>(value: T): T {
  return pruned(value) as T;
}

function pruned(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let items: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const kept = pruned(item);
      if (kept !== item) (items ??= value.slice())[i] = kept;
    }
    return items ?? value;
  }
  // Plain loops, not Object.keys and callbacks: this walks every value of every resource of a bundle.
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const v = record[key];
    const kept = pruned(v);
    if (out === undefined) {
      if (kept === v && !isEmpty(kept)) continue;
      // The first change: copy the properties before it, then go on building the copy.
      out = {};
      for (const before in record) {
        if (before === key) break;
        if (Object.hasOwn(record, before)) out[before] = record[before];
      }
    }
    if (!isEmpty(kept)) out[key] = kept;
  }
  return out ?? value;
}
