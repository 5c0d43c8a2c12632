// The structural validator: one walk over a resource against the compiled type tables, with the findings (texts,
// codes, paths and their order) of medplum's validateResource on the base R4 definitions. Paths are linked nodes
// turned into strings only for an issue.
import { toTypedValue } from '@medplum/core';
import type { TypedValue } from '@medplum/core';
import type { Invariant, InvariantScope } from './invariants.ts';
import { primitiveCheck, type PrimitiveCheck } from './primitives.ts';
import { isEmpty, PrimitiveExtensionError, propertyHolder, readProperty, type PropertyValue } from './read.ts';
import {
  CANDIDATE_BITS,
  CANDIDATE_SLOTS,
  isPrimitiveCode,
  typeNode,
  UnknownTypeError,
  type Candidate,
  type ElementNode,
  type TypeNode,
} from './schema.ts';

export interface Finding {
  /** medplum's issue code: `structure`, `invariant` (a FHIRPath constraint), `processing`, or `invalid`. */
  readonly code: 'structure' | 'invariant' | 'processing' | 'invalid';
  readonly text: string;
  /** The medplum-style path rooted at the type name (`Patient.name[0].given`); absent for whole-resource issues. */
  readonly expression?: string;
}

/**
 * medplum reports two paths: the instance path (`Patient.name[0].given`) for values, and the crawl path without
 * indices (`Patient.name.given`) for array/single mismatches. Below a primitive's extension element the crawl restarts
 * from that primitive's instance path (`pinned`).
 */
class Path {
  constructor(
    readonly parent: Path | undefined,
    readonly key: string,
    readonly index: number,
    readonly pinned: boolean,
  ) {}

  instance(): string {
    const own = this.index < 0 ? this.key : `${this.key}[${String(this.index)}]`;
    return this.parent ? `${this.parent.instance()}.${own}` : own;
  }

  crawl(): string {
    if (this.pinned) return this.instance();
    return this.parent ? `${this.parent.crawl()}.${this.key}` : this.key;
  }
}

type Bag = Record<string, unknown>;

/**
 * crawlObject's slot stack (entries below a run's `top` belong to the objects being crawled) and readProperty's
 * result holder (its fields are read at once, before the walk goes deeper). Shared by all runs: a run is synchronous
 * and never starts another, and a new one starts at the bottom of the stack.
 */
const SLOTS: number[] = [];
const PROPERTY: PropertyValue = propertyHolder();

const UNDERSCORE = 0x5f;

/** Validates one resource; returns every error finding (warnings are not reported). */
export function validateCompiled(resource: object): Finding[] {
  if (!(resource as Bag).resourceType) return [{ code: 'structure', text: 'Missing resource type' }];
  try {
    return new Run(resource).validate();
  } catch (error) {
    // medplum aborts on a type it does not know (the resource's or a contained one's) with that single issue.
    if (error instanceof UnknownTypeError) return [{ code: 'invalid', text: error.message }];
    throw error;
  }
}

function isResourceValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'resourceType' in value;
}

class Run implements InvariantScope {
  private readonly findings: Finding[] = [];
  private readonly resources: object[] = [];
  private readonly root: TypedValue;
  /**
   * Whether the tree may hold a null (or an undefined array item). The crawl looks at the values of every object
   * it visits, and at the whole of every value it does not descend into (unknown properties, `_name` partners,
   * later choice spellings, values of the wrong shape); only then, and nulls are rare, does medplum's null walk run.
   */
  private nullsSeen = false;
  /** The top of SLOTS for this run. */
  private top = 0;

  constructor(private readonly input: object) {
    // medplum types the root as toTypedValue does (a resource with a numeric `value` reads as a Quantity).
    this.root = toTypedValue(input);
    this.resources.push(input);
  }

  validate(): Finding[] {
    const type = typeNode(this.root.type);
    const path = new Path(undefined, type.path, -1, true);
    this.checkInvariants(type.invariants, this.input, this.root.type, undefined, type.path, -1, true);
    const crawled = this.findings.length;
    this.crawlObject(this.input, type, path);
    // medplum reports the nulls (found anywhere in the tree) before the crawl's findings.
    if (this.nullsSeen) {
      const nulls: Finding[] = [];
      checkNulls(this.input, type.path, [], nulls);
      this.findings.splice(crawled, 0, ...nulls);
    }
    return this.findings;
  }

  resource(): TypedValue | undefined {
    const top = this.resources.at(-1);
    return top === undefined ? undefined : toTypedValue(top);
  }

  rootResource(): TypedValue | undefined {
    return isResourceValue(this.root.value) ? this.root : undefined;
  }

  private report(code: Finding['code'], text: string, expression: string): void {
    this.findings.push({ code, text, expression });
  }

  private crawlObject(object: unknown, type: TypeNode, path: Path): void {
    const isResource = isResourceValue(object);
    if (isResource) this.resources.push(object as object);
    // medplum visits every element of the type in schema order; visiting only the present and the required ones,
    // in the same order, gives the same findings at a fraction of the cost. The same pass notes the keys that may be
    // additional properties (unknown ones, and choice spellings that only count when their element has a value).
    let suspects: string[] | undefined;
    if (typeof object === 'object' && object !== null) {
      // The slots go on the shared stack (a nested object's above this one's, and popped again) rather than into an
      // array per object: with the keys read by for…in rather than Object.keys, an object that is valid leaves no
      // garbage behind, and the walk's garbage is what makes the young generation copy the whole parsed bundle over
      // and over on a large record.
      const slots = SLOTS;
      const base = this.top;
      let top = base;
      for (const slot of type.required) slots[top++] = slot;
      let extended = false;
      for (const key in object) {
        if (!Object.hasOwn(object, key)) continue;
        const value = (object as Bag)[key];
        const partner = key.charCodeAt(0) === UNDERSCORE;
        if (partner) extended = true;
        const slot = type.byJsonKey.get(key);
        if (slot !== undefined) slots[top++] = slot;
        const suspect = slot === undefined || type.choiceJsonKeys.has(key);
        if (suspect) (suspects ??= []).push(key);
        // Unknown keys and partners are not crawled (a partner only as a merged copy): look at all of them.
        if (!this.nullsSeen && typeof value === 'object') {
          this.nullsSeen = slot === undefined || partner ? hasNull(value) : value === null || holdsNullItem(value);
        }
      }
      sortRange(slots, base, top);
      this.top = top;
      let previous = -1;
      for (let i = base; i < top; i += 1) {
        const slot = slots[i] as number;
        const index = slot >> CANDIDATE_BITS;
        const element = type.elements[index] as ElementNode;
        const from = slot & (CANDIDATE_SLOTS - 1);
        if (index === previous) {
          // A later spelling of the same element (`_name` after `name`, a second choice type) is not crawled.
          if (!this.nullsSeen) this.nullsSeen = hasNull((object as Bag)[element.candidates[from]?.key ?? '']);
          continue;
        }
        previous = index;
        this.crawlProperty(object, element, path, from, extended);
      }
      this.top = base;
    } else {
      // A string (or other primitive) where an object belongs can still answer property reads: visit everything.
      for (const element of type.elements) this.crawlProperty(object, element, path, 0, true);
      suspects = object ? Object.keys(object) : undefined;
    }
    if (suspects) this.checkAdditionalProperties(object, suspects, type, path);
    if (isResource) this.resources.pop();
  }

  private crawlProperty(object: unknown, element: ElementNode, parent: Path, from: number, extended: boolean): void {
    let read: PropertyValue | undefined;
    try {
      read = readProperty(object, element, from, extended, PROPERTY);
    } catch (error) {
      if (!(error instanceof PrimitiveExtensionError)) throw error;
      this.nullsSeen = true; // the value is not crawled: let the null walk look at it
      this.report('structure', error.message, new Path(parent, element.key, -1, false).instance());
      return;
    }
    if (!read) {
      if (element.min > 0) {
        this.report('structure', 'Missing required property', new Path(parent, element.key, -1, false).instance());
      }
      return;
    }
    const { value, candidate } = read;
    // A primitive element's value of the wrong shape is reported, not crawled.
    if (candidate.primitive && !this.nullsSeen && Array.isArray(value) !== element.isArray) {
      this.nullsSeen = hasNull(value);
    }
    if (Array.isArray(value)) {
      const items = value as unknown[];
      if (!element.isArray) {
        this.report(
          'structure',
          'Expected single value for property',
          new Path(parent, element.key, -1, false).crawl(),
        );
      } else {
        this.checkCount(element, items.length);
        for (let i = 0; i < items.length; i += 1) {
          this.checkValue(element, items[i], candidate, parent, i);
        }
      }
      for (let i = 0; i < items.length; i += 1) this.descend(items[i], candidate, parent, element.key, i);
    } else {
      if (element.isArray) {
        this.report(
          'structure',
          'Expected array of values for property',
          new Path(parent, element.key, -1, false).crawl(),
        );
      } else {
        this.checkCount(element, 1);
        this.checkValue(element, value, candidate, parent, -1);
      }
      this.descend(value, candidate, parent, element.key, -1);
    }
  }

  private checkCount(element: ElementNode, count: number): void {
    if (count >= element.min && count <= element.max) return;
    const max = Number.isFinite(element.max) ? String(element.max) : '*';
    this.report(
      'structure',
      `Invalid number of values: expected ${String(element.min)}..${max}, but found ${String(count)}`,
      element.path,
    );
  }

  private checkValue(element: ElementNode, value: unknown, candidate: Candidate, parent: Path, index: number): void {
    const code = codeOf(candidate.code, value);
    if (element.invariants.length > 0) {
      this.checkInvariants(element.invariants, value, code, parent, element.key, index, false);
    }
    if (code === candidate.code ? candidate.primitive : isPrimitiveCode(code)) {
      const check = code === candidate.code ? candidate.check : undefined;
      this.checkPrimitive(value, code, check ?? primitiveCheck(code), parent, element.key, index);
    } else if (isEmpty(value)) {
      this.report(
        'structure',
        'Invalid empty non-primitive value',
        new Path(parent, element.key, index, false).instance(),
      );
    }
  }

  /** The path is only built for complex values: most values are primitives. */
  private descend(value: unknown, candidate: Candidate, parent: Path, key: string, index: number): void {
    if (candidate.primitive) return;
    const code = codeOf(candidate.code, value);
    if (code === candidate.code || !isPrimitiveCode(code)) {
      this.crawlObject(value, typeNode(code), new Path(parent, key, index, false));
    }
  }

  /** The value's path is given by its parts and only built for an issue: every extension has an invariant. */
  private checkInvariants(
    invariants: readonly Invariant[],
    value: unknown,
    code: string,
    parent: Path | undefined,
    key: string,
    index: number,
    pinned: boolean,
  ): void {
    for (const invariant of invariants) {
      const outcome = invariant.evaluate(value, code, this);
      if (outcome === true) continue;
      const at = new Path(parent, key, index, pinned).instance();
      if (outcome instanceof Error) this.report('processing', 'Error evaluating invariant expression', at);
      this.report('invariant', `Constraint ${invariant.key} not met: ${invariant.description}`, at);
      return; // medplum reports the first failing invariant of a value only
    }
  }

  private checkPrimitive(
    value: unknown,
    code: string,
    check: PrimitiveCheck,
    parent: Path,
    key: string,
    index: number,
  ): void {
    let primitive: unknown = value;
    let extension: object | undefined;
    if (typeof value === 'object' && value !== null) {
      const unboxed: unknown = value.valueOf();
      if (unboxed === value) {
        // An object where a primitive belongs (or only a `_name` partner): validated as an Element.
        this.crawlObject(value, typeNode('Element'), new Path(parent, key, index, true));
        return;
      }
      primitive = unboxed;
      const own = new Set(Object.keys(unboxed as object));
      const entries = Object.entries(value).filter(([name]) => !own.has(name));
      if (entries.length > 0) extension = Object.fromEntries(entries);
    }
    const expected = check.jsType;
    if (expected === undefined) {
      this.report(
        'structure',
        `Invalid JSON type: ${code} is not a valid FHIR type`,
        new Path(parent, key, index, false).instance(),
      );
      return;
    }
    if (typeof primitive !== expected) {
      if (primitive !== null) {
        this.report(
          'structure',
          `Invalid JSON type: expected ${expected}, but got ${typeof primitive}`,
          new Path(parent, key, index, false).instance(),
        );
      }
      return;
    }
    const problem = check.content?.(primitive);
    if (problem) this.report('structure', problem, new Path(parent, key, index, false).instance());
    if (extension) this.crawlObject(extension, typeNode('Element'), new Path(parent, key, index, true));
  }

  private checkAdditionalProperties(object: unknown, keys: readonly string[], type: TypeNode, path: Path): void {
    for (const key of keys) {
      if (key === 'resourceType' || this.isChoiceOfType(object, type, key)) continue;
      if (!isKnown(type, key) && !(key.startsWith('_') && isKnown(type, key.slice(1)))) {
        this.report('structure', `Invalid additional property "${key}"`, `${path.instance()}.${key}`);
      }
    }
  }

  /** A JSON key is read against the first choice element its capitalized prefixes name, if that one has a value. */
  private isChoiceOfType(object: unknown, type: TypeNode, key: string): boolean {
    let choice = type.choiceByKey.get(key);
    if (choice === undefined) {
      choice = null;
      let prefix = '';
      for (const part of (key.startsWith('_') ? key.slice(1) : key).split(/(?=[A-Z])/g)) {
        prefix += part;
        const element = type.byKey.get(`${prefix}[x]`);
        if (element) {
          choice = element;
          break;
        }
      }
      type.choiceByKey.set(key, choice);
    }
    if (!choice) return false;
    try {
      return readProperty(object, choice) !== undefined;
    } catch {
      return true; // already reported when the property was crawled
    }
  }
}

/**
 * medplum's checkObjectForNull, over the whole JSON tree (known properties or not). `segments` is the path below
 * `root` (keys and `[i]`), kept as a stack so that nothing is allocated unless a null is found.
 */
function checkNulls(object: object, root: string, segments: (string | number)[], findings: Finding[]): void {
  // for…in with hasOwn visits Object.keys' names in its order without allocating the array.
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    const value = (object as Bag)[key];
    if (typeof value !== 'object') continue;
    if (value === null) {
      segments.push(key);
      findings.push({ code: 'structure', text: 'Invalid null value', expression: joined(root, segments) });
      segments.pop();
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) {
        const item: unknown = value[i];
        // null is allowed in a primitive array only where the `_name` partner has that item's extensions;
        // medplum also walks into strings (character by character), where nothing can be null.
        const problem =
          item === undefined
            ? 'Invalid undefined value'
            : item === null && !partnerItem(object as Bag, key, i)
              ? 'Invalid null value'
              : undefined;
        if (!problem && (item === null || typeof item !== 'object')) continue;
        segments.push(key, i);
        if (problem) findings.push({ code: 'structure', text: problem, expression: joined(root, segments) });
        else checkNulls(item as object, root, segments, findings);
        segments.length -= 2;
      }
    } else {
      segments.push(key);
      checkNulls(value, root, segments, findings);
      segments.pop();
    }
  }
}

/** Whether checkNulls could find anything below `value` (a superset: a null item may have its partner). */
function hasNull(value: unknown): boolean {
  if (typeof value !== 'object') return false;
  if (value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) if (item === undefined || hasNull(item)) return true;
    return false;
  }
  for (const key in value) if (Object.hasOwn(value, key) && hasNull((value as Bag)[key])) return true;
  return false;
}

/** A null or missing item of an array (what checkNulls reports of a crawled array's own items). */
function holdsNullItem(value: object): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value as unknown[]) if (item === null || item === undefined) return true;
  return false;
}

/** The `_name` (or `name`) partner's item i; looked up only for a null item. */
function partnerItem(object: Bag, key: string, i: number): unknown {
  return (object[key.startsWith('_') ? key.slice(1) : `_${key}`] as Bag | undefined)?.[i];
}

/** `segments` holds property names and array indices. */
function joined(root: string, segments: readonly (string | number)[]): string {
  return (
    root + segments.map((segment) => (typeof segment === 'number' ? `[${String(segment)}]` : `.${segment}`)).join('')
  );
}

/** Insertion sort of slots[from, to): a handful of slots, mostly in order already; Array#sort costs more there. */
function sortRange(slots: number[], from: number, to: number): void {
  for (let i = from + 1; i < to; i += 1) {
    const slot = slots[i] as number;
    let j = i - 1;
    for (; j >= from && (slots[j] as number) > slot; j -= 1) slots[j + 1] = slots[j] as number;
    slots[j + 1] = slot;
  }
}

/** medplum tests `key in elements` on a plain object, so Object.prototype names (`constructor`) pass too. */
function isKnown(type: TypeNode, key: string): boolean {
  return type.byKey.has(key) || key in Object.prototype;
}

/** The type a value is read as: a contained resource by its own resourceType. */
function codeOf(declared: string, value: unknown): string {
  if (declared === 'Resource' && isResourceValue(value)) return String((value as Bag).resourceType);
  return declared;
}
