// The FHIRPath invariants medplum enforces (error severity, except the keys it skips), made cheap. Evaluating them is
// most of medplum's cost, yet on real records nearly all are decided by which elements are present:
//  - pure existence logic (`a.exists() or b.empty()`, `extension.exists() != value.exists()`, and/or/xor/implies,
//    not(), =, !=) is compiled to a closure over the element readers; it cannot throw, so it is exact;
//  - so are `…where(field = 'literal' and/or …).exists()/.empty()` and comparisons of a number element with a number
//    literal, on plain JSON shapes; any other shape (an extension partner, a value of the wrong JSON type) is left to
//    the guarded evaluation below;
//  - any other expression is guarded: when none of the elements it reads at the top level is present, its outcome
//    is the one it has on an empty object (computed once per context type); otherwise it is evaluated by medplum's
//    FHIRPath engine on exactly the inputs medplum's validator would give it.
// `htmlChecks()` (txt-1, txt-2) is a constant true in medplum.
import {
  AndAtom,
  ArithemticOperatorAtom,
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
import { isEmpty, propertyHolder, readProperty, type PropertyValue } from './read.ts';
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
        const fallback = guarded(ast, roots, type);
        evaluator = compiledLogic(ast.child, type, fallback) ?? fallback;
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

/** The boolean an expression yields, or undefined where the value is not of the plain shape the logic was compiled for. */
type Logic = (value: unknown) => boolean | undefined;

/** Compiles boolean logic over elements of `type`, or undefined; values it cannot decide go to `fallback`. */
function compiledLogic(atom: Atom, type: string, fallback: Evaluator): Evaluator | undefined {
  const logic = compileLogic(atom, type);
  if (!logic) return undefined;
  return (value, valueType, scope) => {
    let outcome: boolean | undefined;
    try {
      outcome = logic(value);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error)); // a malformed `_name` partner
    }
    return outcome ?? fallback(value, valueType, scope);
  };
}

const COMPARISONS = new Set(['<', '<=', '>', '>=']);

function compileLogic(atom: Atom, type: string): Logic | undefined {
  if (atom instanceof DotAtom && atom.right instanceof FunctionAtom && atom.right.args.length === 0) {
    const name = atom.right.name;
    if (name === 'not') {
      const inner = compileLogic(atom.left, type);
      return inner && ((value) => mapDefined(inner(value), (met) => !met));
    }
    if (name !== 'exists' && name !== 'empty') return undefined;
    if (atom.left instanceof SymbolAtom) {
      const symbol = atom.left.name;
      const element = /^[a-z]/.test(symbol) ? elementOf(type, symbol) : undefined;
      if (!element) return undefined;
      return name === 'exists'
        ? (value) => presence(value, symbol, element) === 'all'
        : (value) => presence(value, symbol, element) === 'none';
    }
    // Only filtered items: each has a value equal to a literal, so none is empty and `exists()` is `length > 0`.
    const filtered = atom.left instanceof DotAtom ? compileWhere(atom.left, type) : undefined;
    if (!filtered) return undefined;
    return name === 'exists'
      ? (value) => mapDefined(filtered(value), (items) => items.length > 0)
      : (value) => mapDefined(filtered(value), (items) => items.length === 0);
  }
  if (atom instanceof ArithemticOperatorAtom && COMPARISONS.has(atom.operator)) {
    const read = atom.left instanceof SymbolAtom ? primitiveReader(type, atom.left.name) : undefined;
    const literal: unknown = atom.right instanceof LiteralAtom ? atom.right.value.value : undefined;
    if (!read || typeof literal !== 'number') return undefined;
    return (value) => {
      const number = read(value);
      return typeof number === 'number' ? (atom.impl(number, literal) as boolean) : undefined;
    };
  }
  return combined(atom, (side) => compileLogic(side, type));
}

/**
 * and/or/xor/implies/=/!= over two compiled sides. Both sides are evaluated (as the engine does, so that a malformed
 * value fails the same way), and are single booleans here, so FHIRPath's three-valued operators reduce to plain logic.
 */
function combined(atom: Atom, compile: (side: Atom) => Logic | undefined): Logic | undefined {
  if (!(atom instanceof InfixOperatorAtom)) return undefined;
  const operator = booleanOperator(atom);
  const left = operator && compile(atom.left);
  const right = left && compile(atom.right);
  if (!operator || !left || !right) return undefined;
  return (value) => {
    const a = left(value);
    const b = right(value);
    return a === undefined || b === undefined ? undefined : operator(a, b);
  };
}

function booleanOperator(atom: InfixOperatorAtom): ((a: boolean, b: boolean) => boolean) | undefined {
  if (atom instanceof AndAtom) return (a, b) => a && b;
  if (atom instanceof OrAtom) return (a, b) => a || b;
  if (atom instanceof XorAtom || atom instanceof NotEqualsAtom) return (a, b) => a !== b;
  if (atom instanceof EqualsAtom) return (a, b) => a === b;
  if (atom instanceof ImpliesAtom) return (a, b) => !a || b;
  return undefined;
}

function mapDefined<T, R>(value: T | undefined, map: (value: T) => R): R | undefined {
  return value === undefined ? undefined : map(value);
}

type Items = (value: unknown) => readonly object[] | undefined;

/** `path.where(criteria)`: the items of a path of complex elements for which the criteria are true. */
function compileWhere(atom: DotAtom, type: string): Items | undefined {
  if (!(atom.right instanceof FunctionAtom) || atom.right.name !== 'where' || atom.right.args.length !== 1) {
    return undefined;
  }
  const path = compilePath(atom.left, type);
  const criteria = path && compileCriteria(atom.right.args[0] as Atom, path.type);
  if (!path || !criteria) return undefined;
  return (value) => {
    const items = path.items(value);
    if (items === undefined) return undefined;
    const kept: object[] = [];
    for (const item of items) {
      const met = criteria(item);
      if (met === undefined) return undefined;
      if (met) kept.push(item);
    }
    return kept;
  };
}

/** `a.b.c` over complex, single-typed elements: the JSON objects it reaches, and their type. */
function compilePath(atom: Atom, type: string): { items: Items; type: string } | undefined {
  if (atom instanceof SymbolAtom) {
    const step = complexStep(type, atom.name);
    return step && { items: (value) => step.read(value), type: step.type };
  }
  if (!(atom instanceof DotAtom) || !(atom.right instanceof SymbolAtom)) return undefined;
  const parent = compilePath(atom.left, type);
  const step = parent && complexStep(parent.type, atom.right.name);
  if (!parent || !step) return undefined;
  return {
    type: step.type,
    items: (value) => {
      const items = parent.items(value);
      if (items === undefined) return undefined;
      const reached: object[] = [];
      for (const item of items) {
        const children = step.read(item);
        if (children === undefined) return undefined;
        reached.push(...children);
      }
      return reached;
    },
  };
}

/**
 * Where-criteria: and/or of `element = 'literal'`. Without negation the three-valued result is true exactly when it
 * is true with every empty operand read as false, so an absent element is plain false.
 */
function compileCriteria(atom: Atom, type: string): Logic | undefined {
  if (atom instanceof AndAtom || atom instanceof OrAtom) return combined(atom, (side) => compileCriteria(side, type));
  if (!(atom instanceof EqualsAtom) || !(atom.left instanceof SymbolAtom) || !(atom.right instanceof LiteralAtom)) {
    return undefined;
  }
  const read = primitiveReader(type, atom.left.name);
  const literal: unknown = atom.right.value.value;
  if (!read || typeof literal !== 'string' || literal === '') return undefined;
  return (item) => {
    const text = read(item);
    return text === undefined || typeof text === 'string' ? text === literal : undefined;
  };
}

function plainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A lower-case, single-typed element of `type` (primitive or complex as asked), or undefined. */
function plainElement(type: string, name: string, primitive: boolean): ElementNode | undefined {
  const element = /^[a-z]/.test(name) ? elementOf(type, name) : undefined;
  const candidate = element?.candidates.length === 1 ? element.candidates[0] : undefined;
  if (!candidate || candidate.primitive !== primitive || candidate.code === 'Resource') return undefined;
  return element;
}

/** The JSON value of a single primitive element (undefined when absent); UNDECIDED for any other shape. */
function primitiveReader(type: string, name: string): ((value: unknown) => unknown) | undefined {
  const element = plainElement(type, name, true);
  const candidate = element?.candidates[0];
  if (!element || !candidate || element.isArray) return undefined;
  return (value) => {
    if (!plainObject(value)) return UNDECIDED;
    const bag = value as Record<string, unknown>;
    if (bag.resourceType === name || bag[candidate.extensionKey] !== undefined) return UNDECIDED;
    return bag[candidate.key];
  };
}

// Matches neither a string nor a number, so the callers leave such a value to the engine.
const UNDECIDED = Symbol('undecided');

/** One navigation step to a complex element: the plain objects it holds, or undefined for any other shape. */
function complexStep(type: string, name: string): { read: Items; type: string } | undefined {
  const element = plainElement(type, name, false);
  const candidate = element?.candidates[0];
  if (!element || !candidate) return undefined;
  const read: Items = (value) => {
    if (!plainObject(value)) return undefined;
    const bag = value as Record<string, unknown>;
    if (bag.resourceType === name || bag[candidate.extensionKey] !== undefined) return undefined;
    const child = bag[candidate.key];
    if (child === undefined) return [];
    if (!element.isArray) return plainObject(child) ? [child] : undefined;
    return Array.isArray(child) && child.every(plainObject) ? child : undefined;
  };
  return { read, type: candidate.code };
}

/** presence's readProperty result holder (every extension's ext-1 reads two elements): read at once, never kept. */
const PRESENCE: PropertyValue = propertyHolder();

/**
 * FHIRPath `exists()` is true when the symbol yields values and none is empty, `empty()` when it yields none or only
 * empty ones; a mix is neither.
 */
function presence(value: unknown, symbol: string, element: ElementNode): 'none' | 'all' | 'mixed' {
  if (typeof value !== 'object' || value === null) return 'none';
  if ((value as { resourceType?: unknown }).resourceType === symbol) return 'all';
  const read = readProperty(value, element, 0, true, PRESENCE);
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
