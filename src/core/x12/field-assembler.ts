// Builds a decoded segment (or composite) as one object literal compiled per layout. Hand-generated code because the
// alternative, adding each present field with `out[name] = value`, is a keyed store on a fresh object whose shape
// changes with every field: over a batch's 1.6 million elements that store was a third of the decoding time, and the
// objects came out in as many shapes as there are combinations of present elements. A literal with every field of
// the layout gives one shape per layout and one allocation per object. The names come from our own layout tables,
// never from input, and are quoted with JSON.stringify.

/** Makes the object `{ [names[i]]: values[i] }` for every name, in the layout's order; empty values stay undefined. */
export type FieldAssembler = (values: readonly unknown[]) => Record<string, unknown>;

export function fieldAssembler(names: readonly string[]): FieldAssembler {
  if (new Set(names).size !== names.length) throw new Error(`layout names repeat: ${names.join(', ')}`);
  const fields = names.map((name, i) => `${JSON.stringify(name)}: values[${i}]`).join(', ');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see the top comment: layout names only, quoted
  return new Function('values', `return { ${fields} };`) as FieldAssembler;
}
