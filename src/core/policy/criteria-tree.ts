// Walking a policy's criteria tree.
import type { CriterionNode } from './schema.ts';

/** The criteria a group or negation is made of (none for a leaf). */
export function childCriteria(node: CriterionNode): CriterionNode[] {
  return [...(node.all ?? []), ...(node.any ?? []), ...(node.atLeast?.of ?? []), ...(node.not ? [node.not] : [])];
}
