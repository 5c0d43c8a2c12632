// The readable checklist `klivira check` prints without --json: what a PA coordinator reads at a glance. The
// criteria keep the policy's shape (ALL of / ANY of / AT LEAST n of), and each criterion shows its few strongest
// citations, not every one: the JSON has them all.
import type { CriterionResult, Determination } from '../../core/determination/index.ts';
import { childCriteria, type CriterionNode, type Policy } from '../../core/policy/index.ts';

const OUTCOME_LABEL: Record<Determination['determination'], string> = {
  meets: 'MEETS CRITERIA',
  does_not_meet: 'DOES NOT MEET CRITERIA',
  insufficient_documentation: 'INSUFFICIENT DOCUMENTATION',
  not_required: 'NO CRITERIA APPLY',
  no_policy: 'NO POLICY FOUND',
};

const MARK = { met: '[x]', not_met: '[ ]', unknown: '[?]' } as const;

/** Citations printed per criterion; the rest are counted. */
const CITATIONS_SHOWN = 3;

function criterionLines(result: CriterionResult, heading: string, pad: string): string[] {
  const lines = [`${pad}${MARK[result.status]} ${heading}${result.text}  (${result.id})`];
  if (result.reason) lines.push(`${pad}      ${result.reason}`);
  for (const evidence of result.evidence.slice(0, CITATIONS_SHOWN)) {
    const span = evidence.start !== undefined ? ` @${String(evidence.start)}-${String(evidence.end ?? '')}` : '';
    lines.push(`${pad}      <- ${evidence.reference}${span}: "${evidence.text}"`);
  }
  const more = result.evidence.length - CITATIONS_SHOWN;
  if (more > 0) lines.push(`${pad}      (+${String(more)} more citations in --json)`);
  return lines;
}

const groupMode = (node: CriterionNode): string =>
  node.rule
    ? ''
    : node.all
      ? 'ALL of: '
      : node.any
        ? 'ANY of: '
        : node.not
          ? 'NOT: '
          : `AT LEAST ${String(node.atLeast?.n ?? 1)} of: `;

/** The policy's tree with each node's result; nodes the evaluation never reached (a waived group's) are left out. */
function treeLines(
  node: CriterionNode,
  results: ReadonlyMap<string, CriterionResult>,
  depth: number,
  shown: Set<string>,
): string[] {
  const result = results.get(node.id);
  if (!result) return [];
  shown.add(node.id);
  const pad = '  '.repeat(depth + 1);
  return [
    ...criterionLines(result, groupMode(node), pad),
    ...childCriteria(node).flatMap((child) => treeLines(child, results, depth + 1, shown)),
  ];
}

function criteriaSection(d: Determination, policy: Policy | undefined): string[] {
  const lines = ['', 'Criteria   [x] met   [ ] not met   [?] unknown'];
  const results = new Map(d.criteria.map((c) => [c.id, c]));
  const shown = new Set<string>();
  const roots: [string, readonly CriterionNode[]][] = policy
    ? [
        ['', policy.criteria ? [policy.criteria] : []],
        ['Exceptions', policy.exceptions ?? []],
        ['Exclusions', policy.exclusions ?? []],
      ]
    : [];
  for (const [title, nodes] of roots) {
    const part = nodes.flatMap((node) => treeLines(node, results, 0, shown));
    if (part.length > 0) lines.push(...(title ? [`  ${title}`] : []), ...part);
  }
  // Checks outside the policy's tree (those made before it, such as the order's codes), as they came.
  for (const result of d.criteria.filter((c) => !shown.has(c.id))) lines.push(...criterionLines(result, '', '  '));
  return lines;
}

/** The checklist; given the policy the determination names, its criteria are shown as the policy's tree. */
export function formatDetermination(d: Determination, policy?: Policy): string {
  const lines: string[] = [];
  const pa = d.paRequired === 'unknown' ? 'unknown' : d.paRequired ? 'required' : 'not required';
  lines.push(`${OUTCOME_LABEL[d.determination]}   (evaluated as of ${d.asOf})`);
  lines.push('');
  lines.push(`Order        ${d.order.code}  ${d.order.display}`);
  lines.push(`Payer        ${d.payer.name} (${d.payer.lineOfBusiness.replace(/_/g, ' ')})`);
  lines.push(`Prior auth   ${pa}`);
  lines.push(`Policy       ${d.policy ? `${d.policy.title} [${d.policy.id} v${d.policy.version}]` : 'none matched'}`);
  if (d.policy) lines.push(`Source       ${d.policy.source}`);
  if (d.caseId) lines.push(`Case         ${d.caseId}`);
  if (d.coverage) {
    const reviewer = `${d.coverage.reviewer.name}${d.coverage.reviewer.kind === 'rbm' ? ' (benefit manager)' : ''}`;
    lines.push(`Reviewer     ${reviewer}; ${d.coverage.benefit} benefit; channels ${d.coverage.channels.join(', ')}`);
    const deadline = d.coverage.deadline;
    if (deadline)
      lines.push(`Decision due ${deadline.due ?? '(from receipt)'} — ${deadline.urgency}, ${deadline.clock}`);
  }
  if (d.denialRisk) {
    lines.push(`Denial risk  ${d.denialRisk.level.toUpperCase()}`);
    for (const reason of d.denialRisk.reasons) lines.push(`        - ${reason}`);
  }
  if (d.criteria.length > 0) lines.push(...criteriaSection(d, policy));
  if (d.missingDocumentation.length > 0) {
    lines.push('', 'Documentation still needed');
    for (const missing of d.missingDocumentation) lines.push(`  - ${missing.text}  (${missing.id})`);
  }
  if (d.warnings.length > 0) {
    lines.push('', 'Warnings');
    for (const warning of d.warnings) lines.push(`  ! ${warning}`);
  }
  return `${lines.join('\n')}\n`;
}
