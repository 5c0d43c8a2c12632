// Criteria fragments: a list of criteria several policies share (the NCCN-style PET policies' exclusions and
// indications) is kept once under policies/fragments/ and named from a policy by id, as an item
// `{ fragment: <id> }` of a list of criteria (exclusions, exceptions, all, any, atLeast.of). Resolving splices a
// copy of the fragment's criteria in its place, before the policy is validated, so evaluation never sees a reference.
import type { CriterionNode } from './schema.ts';

export type CriteriaFragments = ReadonlyMap<string, readonly CriterionNode[]>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fragmentId(item: unknown): string | undefined {
  if (!isRecord(item) || Object.keys(item).length !== 1) return undefined;
  return typeof item.fragment === 'string' ? item.fragment : undefined;
}

/** A policy's parsed data with every fragment reference replaced by the fragment's criteria; an unknown id is an
 * error with its JSON pointer (the data is otherwise left as it is for the schema to judge). */
export function resolveFragments(data: unknown, fragments: CriteriaFragments): { data: unknown; errors: string[] } {
  const errors: string[] = [];
  const list = (value: unknown, at: string): unknown => {
    if (!Array.isArray(value)) return node(value, at);
    return value.flatMap((item: unknown, i): unknown[] => {
      const id = fragmentId(item);
      if (id === undefined) return [node(item, `${at}/${i}`)];
      const criteria = fragments.get(id);
      if (criteria) return structuredClone([...criteria]);
      errors.push(`${at}/${i}: no criteria fragment "${id}" in policies/fragments`);
      return [item];
    });
  };
  const node = (value: unknown, at: string): unknown => {
    if (!isRecord(value)) return value;
    const out: Record<string, unknown> = { ...value };
    if ('all' in value) out.all = list(value.all, `${at}/all`);
    if ('any' in value) out.any = list(value.any, `${at}/any`);
    if (isRecord(value.atLeast) && 'of' in value.atLeast)
      out.atLeast = { ...value.atLeast, of: list(value.atLeast.of, `${at}/atLeast/of`) };
    if ('not' in value) out.not = node(value.not, `${at}/not`);
    return out;
  };
  if (!isRecord(data)) return { data, errors };
  const policy: Record<string, unknown> = { ...data };
  for (const key of ['exceptions', 'exclusions'] as const) if (key in data) policy[key] = list(data[key], `/${key}`);
  if ('criteria' in data) policy.criteria = node(data.criteria, '/criteria');
  return { data: policy, errors };
}
