// Denial risk: low / medium / high, always with the reasons behind it. It reads what a payer's reviewer would stop
// at: criteria not met, criteria the record is silent on, criteria met only weakly (note text without a coded entry,
// conservative care the patient reported but no provider directed), and the policy's own denial themes (no prior
// imaging, surveillance imaging without a recurrence). Pure: the determination, the policy and the facts in.
import type { Determination } from '../determination/determination.ts';
import type { Fact, TherapyFact } from '../evidence/fact.ts';
import { childCriteria, type CriterionNode, type Policy, type RuleKey } from '../policy/index.ts';

export type RiskLevel = 'low' | 'medium' | 'high';

export interface DenialRisk {
  level: RiskLevel;
  reasons: string[];
}

export interface RiskInput {
  determination: Determination;
  policy?: Policy;
  facts: readonly Fact[];
  /** Set when a guideline stood in for a payer known to require prior authorization: what of the payer's is missing. */
  payerCriteriaMissing?: string;
}

const RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

class Assessment {
  level: RiskLevel = 'low';
  readonly reasons: string[] = [];
  raise(level: RiskLevel, reason: string): void {
    if (RANK[level] > RANK[this.level]) this.level = level;
    if (!this.reasons.includes(reason)) this.reasons.push(reason);
  }
}

/** Rule kind of each requirement leaf, by criterion id (`condition`, `therapy`, `fact`, …). */
export function leafRuleKinds(policy: Policy | undefined): Map<string, RuleKey> {
  const kinds = new Map<string, RuleKey>();
  const visit = (node: CriterionNode): void => {
    if (node.rule) kinds.set(node.id, Object.keys(node.rule)[0] as RuleKey);
    for (const child of childCriteria(node)) visit(child);
  };
  if (policy?.criteria) visit(policy.criteria);
  return kinds;
}

const fromNote = (citation: { reference: string; start?: number }): boolean =>
  citation.start !== undefined || citation.reference.startsWith('DocumentReference/');

/** Rule kinds whose absence payers deny for most often: the diagnosis and the conservative-care trial. */
const isCore = (kind: RuleKey | undefined): boolean => kind === 'condition' || kind === 'therapy';

export function assessDenialRisk(input: RiskInput): DenialRisk {
  const { determination: d, policy, facts } = input;
  const risk = new Assessment();
  const leaves = leafRuleKinds(policy);
  const themes = policy?.denialThemes ?? [];
  const theme = (pattern: RegExp): string | undefined => themes.find((t) => pattern.test(t));
  // A guideline's "meets" is never the payer's own: never a confident one.
  if (input.payerCriteriaMissing) risk.raise('medium', input.payerCriteriaMissing);

  switch (d.determination) {
    case 'not_required':
      risk.raise('low', 'the payer does not require prior authorization for this service');
      return { level: risk.level, reasons: risk.reasons };
    case 'no_policy':
      risk.raise(
        'medium',
        `no policy governs this order, so the payer's criteria are unknown: ${d.warnings.at(-1) ?? ''}`.trim(),
      );
      return { level: risk.level, reasons: risk.reasons };
    case 'does_not_meet':
      for (const exclusion of policy?.exclusions ?? []) {
        const result = d.criteria.find((c) => c.id === exclusion.id);
        if (result?.status === 'met') risk.raise('high', `exclusion applies: ${exclusion.text}`);
      }
      for (const c of d.criteria.filter((c) => c.status === 'not_met' && leaves.has(c.id))) {
        risk.raise('high', `not met: ${c.text}${c.reason ? ` (${c.reason})` : ''}`);
      }
      if (risk.reasons.length === 0) risk.raise('high', 'the request does not meet the policy');
      break;
    case 'insufficient_documentation': {
      const missing = d.missingDocumentation;
      const core = missing.filter((m) => isCore(leaves.get(m.id)));
      const level: RiskLevel = missing.length >= 3 || core.length > 0 ? 'high' : 'medium';
      const texts = new Map(d.criteria.map((c) => [c.id, c.text]));
      for (const m of missing) {
        const kind = leaves.get(m.id);
        const why = isCore(kind)
          ? kind === 'condition'
            ? ' — a request without a supporting diagnosis is denied'
            : ' — an undocumented conservative-care trial is the most common denial reason'
          : '';
        risk.raise(level, `unknown: ${texts.get(m.id) ?? m.text}${why}`);
      }
      if (missing.length >= 3) risk.raise('high', `${String(missing.length)} criteria are undocumented`);
      break;
    }
    case 'meets':
      risk.raise('low', 'every requirement of the policy is met with cited evidence');
      break;
  }

  // Weak evidence behind met criteria.
  const metLeaves = d.criteria.filter((c) => c.status === 'met' && leaves.has(c.id) && c.evidence.length > 0);
  const noteOnly = metLeaves.filter((c) => c.evidence.every(fromNote));
  for (const c of noteOnly) {
    const refs = [...new Set(c.evidence.map((e) => e.reference))].join(', ');
    risk.raise(
      metLeaves.length > 0 && noteOnly.length * 2 > metLeaves.length ? 'medium' : 'low',
      `'${c.text}' rests only on note text (${refs}); a coded entry (Condition, Procedure, Observation) is harder to dispute`,
    );
  }

  // Conservative care the patient reported but no provider directed.
  const therapyRule = policy?.criteria ? therapyRules(policy.criteria) : [];
  const therapies = facts.filter((f): f is TherapyFact => f.kind === 'therapy' && f.assertion === 'affirmed');
  const reported = therapies.filter((t) => t.providerDirected === false);
  if (reported.length > 0 && therapyRule.length > 0 && !therapies.some((t) => t.providerDirected !== false)) {
    const what = [...new Set(reported.map((t) => t.agent ?? t.modality.replace(/_/g, ' ')))].join(', ');
    const named = theme(/report|self|provider.directed/i);
    risk.raise(
      'high',
      `conservative care (${what}) is documented only by the patient's report; the payer counts provider-directed care${named ? ` (denial theme: ${named})` : ''}`,
    );
  }

  // No prior imaging where the policy names it as a denial theme.
  const imagingTheme = theme(/prior imaging|x-?ray|radiograph/i);
  if (imagingTheme && !facts.some((f) => f.kind === 'imaging' && f.assertion === 'affirmed')) {
    risk.raise('medium', `no prior imaging on record (denial theme: ${imagingTheme})`);
  }

  // Surveillance imaging without a documented recurrence or new finding.
  const surveillance = facts.some(
    (f) => f.kind === 'treatment_phase' && f.assertion === 'affirmed' && f.phase === 'surveillance',
  );
  const recurrence = facts.some(
    (f) =>
      f.assertion === 'affirmed' &&
      ((f.kind === 'cancer' && f.primary === 'recurrent') ||
        (f.kind === 'condition' && (f.clinicalStatus === 'recurrence' || f.clinicalStatus === 'relapse'))),
  );
  if (surveillance && !recurrence) {
    const named = theme(/surveillance/i);
    risk.raise(
      named ? 'high' : 'medium',
      `the patient is in surveillance with no documented recurrence or new finding${named ? ` (denial theme: ${named})` : ''}`,
    );
  }

  // Other denial themes that echo an undecided or failed criterion.
  // Only criteria that still decide the outcome: a requested document, or a failure (when the request fails).
  const asked = new Set(d.missingDocumentation.map((m) => m.id));
  const open = d.criteria.filter(
    (c) =>
      leaves.has(c.id) &&
      ((c.status === 'unknown' && asked.has(c.id)) || (c.status === 'not_met' && d.determination === 'does_not_meet')),
  );
  for (const t of themes) {
    if (risk.reasons.some((r) => r.includes(t))) continue;
    const words = significantWords(t);
    const echoed = open.find((c) => overlap(words, significantWords(c.text)) >= 2);
    if (echoed) risk.raise(risk.level, `denial theme: ${t} ('${echoed.text}' is ${echoed.status.replace('_', ' ')})`);
  }
  return { level: risk.level, reasons: risk.reasons };
}

function therapyRules(node: CriterionNode): CriterionNode[] {
  const own = node.rule && 'therapy' in node.rule ? [node] : [];
  return [...own, ...childCriteria(node).flatMap(therapyRules)];
}

const STOP = new Set([
  'the',
  'and',
  'for',
  'with',
  'without',
  'only',
  'not',
  'from',
  'this',
  'that',
  'are',
  'was',
  'were',
  'has',
  'have',
  'documented',
  'documentation',
  'after',
  'before',
  'any',
  'all',
  'one',
  'least',
  'patient',
  'record',
]);

function significantWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 3 && !STOP.has(w))
      .map((w) => w.replace(/s$/, '')),
  );
}

const overlap = (a: Set<string>, b: Set<string>): number => [...a].filter((w) => b.has(w)).length;
