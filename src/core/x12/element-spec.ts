// Segment layouts as data: one table per segment drives decoding into named fields, encoding back to elements, and
// element-level validation (presence, length, type, code list), so the three can never disagree.
import type { Coded } from './codes.ts';
import type { Delimiters } from './delimiters.ts';
import { compactElements } from './serializer.ts';
import { codeKey, decodeElements, type ElementCheck } from './element-reader.ts';
import { fieldAssembler, type FieldAssembler } from './field-assembler.ts';
import { makeSegment, type Segment } from './segments.ts';

/** X12 data element types: AN string, ID code, N0 integer, R decimal, DT CCYYMMDD date, TM HHMM[SS[DD]] time. */
export type ElementType = 'AN' | 'ID' | 'N0' | 'R' | 'DT' | 'TM';

export interface SimpleElementSpec<N extends string = string, K extends string = string> {
  readonly kind: 'simple';
  readonly name: N;
  readonly type: ElementType;
  readonly min: number;
  readonly max: number;
  readonly required?: boolean;
  readonly codes?: readonly K[];
  /** The code list comes from secondary sources only: a value outside it is a warning, not an error. */
  readonly unverifiedCodes?: boolean;
  /** `codes` as a set, built once with the layout. */
  readonly codeSet?: ReadonlySet<string>;
  /**
   * The codes of up to four ASCII characters by their number (see codeKey): values are looked up without cutting a
   * string, and a decoded value that is such a code is the list's own string rather than a new one.
   */
  readonly shortCodes?: ReadonlyMap<number, string>;
}

export interface CompositeElementSpec<
  N extends string = string,
  P extends readonly SimpleElementSpec[] = readonly SimpleElementSpec[],
> {
  readonly kind: 'composite';
  readonly name: N;
  readonly components: P;
  readonly required?: boolean;
  /** This position and every following one hold the same composite (HI01–HI12). */
  readonly list?: boolean;
  readonly maxList?: number;
  /** Builds the decoded composite from its component values. */
  readonly assemble: FieldAssembler;
}

export type ElementSpec = SimpleElementSpec | CompositeElementSpec;

export interface SegmentSpec<E extends readonly ElementSpec[] = readonly ElementSpec[]> {
  readonly id: string;
  readonly elements: E;
  /** Builds the decoded segment from its element values. */
  readonly assemble: FieldAssembler;
}

type SimpleValue<S> = S extends SimpleElementSpec<string, infer K> ? (string extends K ? string : Coded<K>) : never;
export type CompositeValue<P extends readonly SimpleElementSpec[]> = { [S in P[number] as S['name']]?: SimpleValue<S> };
type ElementValue<S> =
  S extends CompositeElementSpec<string, infer P>
    ? S extends { list: true }
      ? CompositeValue<P>[]
      : CompositeValue<P>
    : SimpleValue<S>;

/** Decoded segment: one named field per element, undefined where the element is empty (X12 senders omit them). */
export type SegmentValue<S extends SegmentSpec> = { [E in S['elements'][number] as E['name']]?: ElementValue<E> };

export function el<const N extends string, const K extends string = string>(
  name: N,
  type: ElementType,
  min: number,
  max: number,
  options: { required?: boolean; codes?: readonly K[]; unverifiedCodes?: boolean } = {},
): SimpleElementSpec<N, K> {
  // Every layout object gets the same fields in the same order: the hot loops then see one shape per kind.
  return {
    kind: 'simple',
    name,
    type,
    min,
    max,
    required: options.required === true,
    codes: options.codes,
    unverifiedCodes: options.unverifiedCodes === true,
    codeSet: options.codes === undefined ? undefined : new Set<string>(options.codes),
    shortCodes:
      options.codes === undefined
        ? undefined
        : new Map(
            options.codes.flatMap((code) => {
              const key = codeKey(code, 0, code.length);
              return key >= 0 ? [[key, code] as const] : [];
            }),
          ),
  };
}

export function composite<const N extends string, const P extends readonly SimpleElementSpec[]>(
  name: N,
  components: P,
  options: { required?: boolean } = {},
): CompositeElementSpec<N, P> {
  return compositeSpec(name, components, options.required === true, false, 1);
}

export function compositeList<const N extends string, const P extends readonly SimpleElementSpec[]>(
  name: N,
  components: P,
  maxList: number,
  options: { required?: boolean } = {},
): CompositeElementSpec<N, P> & { list: true } {
  return compositeSpec(name, components, options.required === true, true, maxList);
}

function compositeSpec<const N extends string, const P extends readonly SimpleElementSpec[], L extends boolean>(
  name: N,
  components: P,
  required: boolean,
  list: L,
  maxList: number,
): CompositeElementSpec<N, P> & { list: L } {
  const assemble = fieldAssembler(components.map((part) => part.name));
  return { kind: 'composite', name, components, required, list, maxList, assemble };
}

export function segmentSpec<const E extends readonly ElementSpec[]>(id: string, elements: E): SegmentSpec<E> {
  return { id, elements, assemble: fieldAssembler(elements.map((element) => element.name)) };
}

/** Keys of a code table, typed, for `codes:`. */
export function codesOf<T extends Record<string, string>>(table: T): readonly (keyof T & string)[] {
  return Object.keys(table);
}

type Fields = Record<string, unknown>;

/** Decoded segment (see element-reader.ts); with `check`, its element findings are reported in the same walk. */
export function decodeSegment<S extends SegmentSpec>(
  segment: Segment,
  spec: S,
  delimiters: Delimiters,
  check?: ElementCheck,
): SegmentValue<S> {
  return decodeElements(segment, spec, delimiters, check) as SegmentValue<S>;
}

function encodeComposite(value: unknown, spec: CompositeElementSpec, delimiters: Delimiters): string {
  if (typeof value !== 'object' || value === null) return '';
  const fields = value as Fields;
  const parts = spec.components.map((component) => {
    const part = fields[component.name];
    return typeof part === 'string' ? part : '';
  });
  return compactElements(['', ...parts])
    .slice(1)
    .join(delimiters.component);
}

export function encodeSegment<S extends SegmentSpec>(spec: S, value: SegmentValue<S>, delimiters: Delimiters): Segment {
  const fields = value as Fields;
  const elements: string[] = [spec.id];
  for (const element of spec.elements) {
    const field = fields[element.name];
    if (element.kind === 'composite' && element.list === true) {
      if (Array.isArray(field)) for (const item of field) elements.push(encodeComposite(item, element, delimiters));
      break;
    }
    elements.push(
      element.kind === 'composite'
        ? encodeComposite(field, element, delimiters)
        : typeof field === 'string'
          ? field
          : '',
    );
  }
  return makeSegment(compactElements(elements), delimiters);
}
