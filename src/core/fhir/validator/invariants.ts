// The FHIRPath invariants medplum enforces (error severity, except the keys it skips), made cheap. Evaluating them is
// most of medplum's cost, yet on real records nearly all are decided by which elements are present:
//  - pure existence logic (`a.exists() or b.empty()`, `extension.exists() != value.exists()`, and/or/xor/implies,
//    not(), =, !=) is compiled to a closure over the element readers; it cannot throw, so it is exact;
//  - any other expression is guarded: when none of the elements it reads at the top level is present, its outcome
//    is the one it has on an empty object (computed once per context type); otherwise it is evaluated by medplum's
//    FHIRPath engine on exactly the inputs medplum's validator would give it.
// `htmlChecks()` (txt-1, txt-2) is a constant true in medplum.
import {
  AndAtom,
  DotAtom,
  EmptySetAtom,
  EqualsAtom,
  evalFhirPathTyped,
  FunctionAtom,
  ImpliesAtom,
  IndexerAtom,
  InfixOperatorAtom,
  IsAtom,
  AsAtom,
  LiteralAtom,
  NotEqualsAtom,
  OrAtom,
  parseFhirPath,
  PrefixOperatorAtom,
  SymbolAtom,
  UCUM,
  XorAtom,
} from '@medplum/core';
import type { Atom, Constraint, FhirPathAtom, TypedValue } from '@medplum/core';
import { isEmpty, readProperty } from './read.ts';
import { typeNode, type ElementNode } from './schema.ts';

/** What an invariant sees besides its value: the `%resource` and `%rootResource` of medplum's validator. */
export interface InvariantScope {
  resource(): TypedValue | undefined;
  rootResource(): TypedValue | undefined;
}

/** true when met, false when not, an Error when evaluation failed (medplum reports both a processing issue and the
 * constraint then). */
export type Outcome = boolean | Error;

export interface Invariant {
  readonly key: string;
  readonly description: string;
  evaluate(value: unknown, type: string, scope: InvariantScope): Outcome;
}

// medplum's validator skips these keys (they need descendants() or are kept for back compatibility).
const SKIPPED = new Set(['ele-1', 'dom-3', 'org-1', 'sdf-19']);
// Functions whose arguments are evaluated once per input item, so on an empty input they read nothing.
const PER_ITEM = new Set(['where', 'select', 'all', 'exists', 'repeat']);
const UCUM_VALUE: TypedValue = { type: 'string', value: UCUM };

export function compileInvariants(constraints: readonly Constraint[] | undefined): Invariant[] {
  return (constraints ?? [])
    .filter((constraint) => constraint.severity === 'error' && !SKIPPED.has(constraint.key))
    .map(compileInvariant);
}

type Evaluator = (value: unknown, type: string, scope: InvariantScope) => Outcome;

function compileInvariant(constraint: Constraint): Invariant {
  const { key, description, expression } = constraint;
  if (expression === 'htmlChecks()') return { key, description, evaluate: () => true };
  const ast = parseFhirPath(expression);
  const roots = rootSymbols(ast);
  // Compiled per context type: the same symbol names different elements on different types.
  const perType = new Map<string, Evaluator>();
  return {
    key,
    description,
    evaluate(value, type, scope) {
      let evaluator = perType.get(type);
      if (!evaluator) {
        evaluator = existenceLogic(ast.child, type) ?? guarded(ast, roots, type);
        perType.set(type, evaluator);
      }
      return evaluator(value, type, scope);
    },
  };
}

/** Evaluates through medplum's FHIRPath engine with the variables medplum's validator passes. */
function evaluateFhirPath(ast: FhirPathAtom, value: unknown, type: string, scope: InvariantScope): Outcome {
  const context: TypedValue = { type, value };
  const variables: Record<string, TypedValue> = { '%context': context, '%ucum': UCUM_VALUE };
  const resource = scope.resource();
  if (resource) variables['%resource'] = resource;
  const root = scope.rootResource();
  if (root) variables['%rootResource'] = root;
  try {
    const result = evalFhirPathTyped(ast, [context], variables);
    return result.length === 1 && result[0]?.value === true;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function guarded(ast: FhirPathAtom, roots: readonly string[] | undefined, type: string): Evaluator {
  const keys = roots && presenceKeys(roots, type);
  if (!roots || !keys) return (value, valueType, scope) => evaluateFhirPath(ast, value, valueType, scope);
  const empty: InvariantScope = { resource: () => undefined, rootResource: () => undefined };
  const whenAbsent = evaluateFhirPath(ast, {}, type, empty);
  return (value, valueType, scope) => {
    if (typeof value !== 'object' || value === null) return whenAbsent;
    const bag = value as Record<string, unknown>;
    // A resource whose resourceType equals a symbol is that symbol's value (FHIRPath type navigation).
    for (const key of keys) if (bag[key] !== undefined) return evaluateFhirPath(ast, value, valueType, scope);
    return roots.includes(bag.resourceType as string) ? evaluateFhirPath(ast, value, valueType, scope) : whenAbsent;
  };
}

/** The JSON keys through which the root symbols can be read on `type`, or undefined when one is not an element. */
function presenceKeys(roots: readonly string[], type: string): string[] | undefined {
  const keys: string[] = [];
  for (const name of roots) {
    const element = elementOf(type, name);
    if (!element) return undefined;
    for (const candidate of element.candidates) keys.push(candidate.key, candidate.extensionKey);
  }
  return keys;
}

function elementOf(type: string, name: string): ElementNode | undefined {
  try {
    const node = typeNode(type);
    return node.byKey.get(name) ?? node.byKey.get(`${name}[x]`);
  } catch {
    return undefined; // a primitive context type: no elements
  }
}

/**
 * The symbols an expression reads from its context at the top level, or undefined when it may read anything else
 * (a variable or `$this` outside a per-item argument, a type name, a function applied to the context itself).
 */
function rootSymbols(ast: FhirPathAtom): string[] | undefined {
  const names = new Set<string>();
  const visit = (atom: Atom): boolean => {
    if (atom instanceof LiteralAtom || atom instanceof EmptySetAtom) return true;
    if (atom instanceof SymbolAtom) {
      if (atom.name === '%ucum') return true;
      if (!/^[a-z]/.test(atom.name)) return false;
      names.add(atom.name);
      return true;
    }
    if (atom instanceof DotAtom) return visit(atom.left) && visitRight(atom.right);
    if (atom instanceof IsAtom || atom instanceof AsAtom) return visit(atom.left);
    if (atom instanceof InfixOperatorAtom) return visit(atom.left) && visit(atom.right);
    if (atom instanceof PrefixOperatorAtom) return visit(atom.child);
    if (atom instanceof IndexerAtom) return visit(atom.left) && visit(atom.expr);
    return false;
  };
  // The right of a dot reads from the left's values; only non-per-item function arguments may reach further.
  const visitRight = (atom: Atom): boolean => {
    if (atom instanceof SymbolAtom) return !atom.name.startsWith('%');
    if (atom instanceof FunctionAtom) return PER_ITEM.has(atom.name) || atom.args.every(visit);
    return visit(atom);
  };
  return visit(ast.child) ? [...names] : undefined;
}

type Logic = (value: unknown) => boolean;

/** Compiles boolean logic over `symbol.exists()` / `symbol.empty()` of elements of `type`, or undefined. */
function existenceLogic(atom: Atom, type: string): Evaluator | undefined {
  const logic = compileLogic(atom, type);
  if (!logic) return undefined;
  return (value) => {
    try {
      return logic(value);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error)); // a malformed `_name` partner
    }
  };
}

function compileLogic(atom: Atom, type: string): Logic | undefined {
  if (atom instanceof DotAtom && atom.right instanceof FunctionAtom && atom.right.args.length === 0) {
    const name = atom.right.name;
    if (name === 'not') {
      const inner = compileLogic(atom.left, type);
      return inner && ((value) => !inner(value));
    }
    if ((name === 'exists' || name === 'empty') && atom.left instanceof SymbolAtom) {
      const symbol = atom.left.name;
      const element = /^[a-z]/.test(symbol) ? elementOf(type, symbol) : undefined;
      if (!element) return undefined;
      return name === 'exists'
        ? (value) => presence(value, symbol, element) === 'all'
        : (value) => presence(value, symbol, element) === 'none';
    }
    return undefined;
  }
  if (!(atom instanceof InfixOperatorAtom)) return undefined;
  const left = compileLogic(atom.left, type);
  const right = left && compileLogic(atom.right, type);
  if (!left || !right) return undefined;
  // Both sides are single booleans here, so FHIRPath's three-valued operators reduce to plain boolean logic.
  if (atom instanceof AndAtom) return (value) => left(value) && right(value);
  if (atom instanceof OrAtom) return (value) => left(value) || right(value);
  if (atom instanceof XorAtom || atom instanceof NotEqualsAtom) return (value) => left(value) !== right(value);
  if (atom instanceof EqualsAtom) return (value) => left(value) === right(value);
  if (atom instanceof ImpliesAtom) return (value) => !left(value) || right(value);
  return undefined;
}

/**
 * FHIRPath `exists()` is true when the symbol yields values and none is empty, `empty()` when it yields none or only
 * empty ones; a mix is neither.
 */
function presence(value: unknown, symbol: string, element: ElementNode): 'none' | 'all' | 'mixed' {
  if (typeof value !== 'object' || value === null) return 'none';
  if ((value as { resourceType?: unknown }).resourceType === symbol) return 'all';
  const read = readProperty(value, element);
  if (!read) return 'none';
  if (!Array.isArray(read.value)) return 'all';
  let empty = 0;
  let items = 0;
  for (const item of read.value as unknown[]) {
    if (item === undefined) continue;
    items += 1;
    if (isEmpty(item)) empty += 1;
  }
  return empty === 0 ? (items > 0 ? 'all' : 'none') : empty === items ? 'none' : 'mixed';
}
