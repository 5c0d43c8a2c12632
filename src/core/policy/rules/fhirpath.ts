// A FHIRPath expression over the whole bundle: met when it yields true, not met when false, unknown when empty
// (`iif(…, …, {})` says "the record cannot tell"). Evaluated by medplum's engine, the one the FHIR validator uses.
// Variables: `%asOf`, the evaluation date. A nurse must see what decided it, so the resources the expression's
// selections found (`….where(…).exists()`, `.empty()`, `.all(…)`, `.count()`) are cited whichever way it came out.
import type { Bundle, CodeableConcept, Resource } from '@medplum/fhirtypes';
import {
  DotAtom,
  evalFhirPathTyped,
  FunctionAtom,
  InfixOperatorAtom,
  parseFhirPath,
  PrefixOperatorAtom,
  toTypedValue,
  type Atom,
  type FhirPathAtom,
  type TypedValue,
} from '@medplum/core';
import type { EvidenceCitation } from '../../determination/determination.ts';
import type { RuleResult } from '../rule-context.ts';
import { ruleKind } from './rule-kind.ts';
import { Str } from './settings.ts';

export const fhirpath = ruleKind({
  key: 'fhirpath',
  settings: Str,
  evaluate: (expression, ctx) => fhirpathRule(expression, ctx.bundle, ctx.asOf),
  describe: (expression) => `FHIRPath ${expression}`,
});

interface Compiled {
  ast: FhirPathAtom;
  selections: Atom[];
}

// Policy expressions are few and fixed: each is parsed once per process, not once per case.
const compiledExpressions = new Map<string, Compiled>();

function compiled(expression: string): Compiled {
  let found = compiledExpressions.get(expression);
  if (!found) {
    const ast = parseFhirPath(expression);
    found = { ast, selections: selectionsOf(ast.child) };
    compiledExpressions.set(expression, found);
  }
  return found;
}

export function fhirpathRule(expression: string, bundle: Bundle, asOf: string): RuleResult {
  const { ast, selections } = compiled(expression);
  const root = toTypedValue(bundle);
  const variables: Record<string, TypedValue> = { '%context': root, '%asOf': { type: 'date', value: asOf } };
  let result: unknown[];
  try {
    result = evalFhirPathTyped(ast, [root], variables).map((v): unknown => v.value);
  } catch {
    // A value the expression cannot read (a malformed date) decides nothing; the message may quote the record.
    return { status: 'unknown', evidence: [], reason: `FHIRPath could not be evaluated on this record: ${expression}` };
  }
  if (result.length === 0) return { status: 'unknown', evidence: [] };
  const evidence = citations(selections, root, variables);
  return {
    status: result.every((v) => v === true) ? 'met' : 'not_met',
    evidence,
    reason: `FHIRPath: ${expression}${evidence.length === 0 ? ' (no matching resource on record)' : ''}`,
  };
}

/** Functions that test a selection of the bundle's resources. */
const TESTS = new Set(['exists', 'empty', 'all', 'count']);
/** Functions whose arguments read the same input as the function itself (not one item at a time). */
const SAME_INPUT = new Set(['iif', 'not']);

/** The selections of resources an expression tests, read from the bundle (not inside a per-item argument). */
function selectionsOf(atom: Atom): Atom[] {
  if (atom instanceof DotAtom) {
    if (atom.right instanceof FunctionAtom && TESTS.has(atom.right.name)) return [atom.left];
    return selectionsOf(atom.left);
  }
  if (atom instanceof InfixOperatorAtom) return [...selectionsOf(atom.left), ...selectionsOf(atom.right)];
  if (atom instanceof PrefixOperatorAtom) return selectionsOf(atom.child);
  if (atom instanceof FunctionAtom && SAME_INPUT.has(atom.name)) return atom.args.flatMap(selectionsOf);
  return [];
}

function citations(selections: Atom[], root: TypedValue, variables: Record<string, TypedValue>): EvidenceCitation[] {
  const cited = new Map<string, EvidenceCitation>();
  for (const selection of selections) {
    for (const { value } of selection.eval({ variables }, [root])) {
      const resource = value as Partial<Resource> | undefined;
      if (!resource?.resourceType || !resource.id) continue;
      const reference = `${resource.resourceType}/${resource.id}`;
      if (!cited.has(reference)) cited.set(reference, { reference, text: summary(resource as Resource) });
    }
  }
  return [...cited.values()];
}

const conceptText = (concept: CodeableConcept | undefined): string =>
  concept?.text ?? concept?.coding?.map((c) => [c.code, c.display].filter(Boolean).join(' ')).join(', ') ?? '';

/** "Condition: Malignant melanoma of trunk (C43.59)", "Observation: Stage group: IIB", "Encounter: IMP (2026-03-02)". */
function summary(resource: Resource): string {
  const r = resource as unknown as {
    resourceType: string;
    code?: CodeableConcept;
    class?: { code?: string };
    valueString?: string;
    valueCodeableConcept?: CodeableConcept;
    period?: { start?: string };
    onsetDateTime?: string;
    effectiveDateTime?: string;
  };
  const codes = r.code?.coding?.flatMap((c) => (c.code ? [c.code] : [])) ?? [];
  const what = r.code
    ? `${r.code.text ?? r.code.coding?.[0]?.display ?? ''}${codes.length ? ` (${codes.join(', ')})` : ''}`
    : (r.class?.code ?? '');
  const value = r.valueString ?? (r.valueCodeableConcept ? conceptText(r.valueCodeableConcept) : undefined);
  const date = (r.onsetDateTime ?? r.effectiveDateTime ?? r.period?.start)?.slice(0, 10);
  return `${r.resourceType}: ${what.trim()}${value ? `: ${value}` : ''}${date ? ` (${date})` : ''}`;
}
