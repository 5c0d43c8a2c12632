// The readable checklist `klivira check` prints without --json: what a PA coordinator reads at a glance.
import type { Determination } from '../../core/determination/index.ts';

const OUTCOME_LABEL: Record<Determination['determination'], string> = {
  meets: 'MEETS CRITERIA',
  does_not_meet: 'DOES NOT MEET CRITERIA',
  insufficient_documentation: 'INSUFFICIENT DOCUMENTATION',
  not_required: 'NO CRITERIA APPLY',
  no_policy: 'NO POLICY FOUND',
};

const MARK = { met: '[x]', not_met: '[ ]', unknown: '[?]' } as const;

export function formatDetermination(d: Determination): string {
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
  if (d.criteria.length > 0) {
    lines.push('', 'Criteria   [x] met   [ ] not met   [?] unknown');
    for (const criterion of d.criteria) {
      lines.push(`  ${MARK[criterion.status]} ${criterion.text}  (${criterion.id})`);
      if (criterion.reason) lines.push(`        ${criterion.reason}`);
      for (const evidence of criterion.evidence) {
        const span = evidence.start !== undefined ? ` @${String(evidence.start)}-${String(evidence.end ?? '')}` : '';
        lines.push(`        <- ${evidence.reference}${span}: "${evidence.text}"`);
      }
    }
  }
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
