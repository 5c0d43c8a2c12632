// Which criteria a clinician needs to see: the ones that decide the answer. The determination lists every node of the
// policy's criteria tree, and a group met through one branch leaves its other branches unknown or not met, which
// would be noise on a card; walking the tree from its root keeps only the undecided or failed leaves that matter.
import type { CriterionResult, Determination } from '../../core/determination/index.ts';
import type { PolicyLibrary } from '../../core/policy/index.ts';
import { childCriteria, type CriterionNode } from '../../core/policy/index.ts';

export function decisiveCriteria(determination: Determination, library: PolicyLibrary): CriterionResult[] {
  const results = new Map(determination.criteria.map((c) => [c.id, c]));
  const summary = determination.policy;
  const policy = summary
    ? library.policies.find((p) => p.id === summary.id && p.version === summary.version)
    : undefined;
  if (!policy?.criteria) return determination.criteria.filter((c) => c.status !== 'met');

  const visit = (node: CriterionNode): CriterionResult[] => {
    const result = results.get(node.id);
    if (!result || result.status === 'met') return [];
    const children = childCriteria(node);
    return node.rule || node.not || children.length === 0 ? [result] : children.flatMap(visit);
  };
  // An exclusion that applies decides on its own.
  const exclusions = (policy.exclusions ?? []).flatMap((node) => {
    const result = results.get(node.id);
    return result?.status === 'met' ? [result] : [];
  });
  return [...exclusions, ...visit(policy.criteria)];
}
