// A guideline standing in for a payer that requires prior authorization (issue 15, class 11): its "meets" is never
// the payer's own. The payer policies of the same family that the library holds (other payers', or this payer's for
// another line of business) are the patterns payers use; the guideline's "meets" stands (never with a low denial
// risk) only when the record meets at least half of them — one lenient payer is not the norm a payer we cannot read
// is likely to follow — and, where the library holds this payer's own criteria for another line, those too: a
// payer's Medicaid or Medicare plan rarely asks less than its commercial one. Otherwise the answer says which payer
// criteria the record does not show.
import type { Bundle } from '@medplum/fhirtypes';
import type { ResolvedPayer } from '../coverage/payer.ts';
import type { Fact } from '../evidence/fact.ts';
import { evaluatePolicy } from '../policy/evaluate.ts';
import type { PolicyLibrary } from '../policy/library.ts';
import type { RuleOrder } from '../policy/rule-context.ts';
import type { CriterionNode, Policy } from '../policy/schema.ts';
import type { MissingDocumentation } from './determination.ts';

export interface PayerPatternInput {
  library: PolicyLibrary;
  payer: ResolvedPayer;
  guideline: Policy;
  facts: Fact[];
  order: RuleOrder;
  bundle: Bundle;
  asOf: string;
}

export interface PayerPatternCheck {
  /** Why this guideline determination is not the payer's own (a warning, and a denial-risk reason). */
  caution: string;
  /** Set when the record does not meet every payer pattern: what would decide the case. */
  missing?: MissingDocumentation;
}

const inForce = (p: Policy, asOf: string): boolean =>
  p.effective <= asOf && (p.expires === undefined || asOf < p.expires);

/** The top-level requirements of a policy, by id and text. */
const topLevel = (node: CriterionNode): CriterionNode[] => node.all ?? node.any ?? node.atLeast?.of ?? [node];

export function checkPayerPatterns(input: PayerPatternInput): PayerPatternCheck | undefined {
  const { library, payer, guideline, asOf } = input;
  if (payer.id === undefined || guideline.family === undefined) return undefined;
  const patterns = library.policies.filter(
    (p) => p.kind === 'payer' && p.family === guideline.family && p.priorAuth === 'required' && inForce(p, asOf),
  );
  if (patterns.length === 0) return undefined;
  const unmet = new Map<Policy, string>();
  const met: Policy[] = [];
  for (const policy of patterns) {
    const result = evaluatePolicy({ policy, facts: input.facts, order: input.order, bundle: input.bundle, asOf });
    if (result.outcome === 'meets') {
      met.push(policy);
      continue;
    }
    const open = (policy.criteria ? topLevel(policy.criteria) : [])
      .filter((c) => result.criteria.find((r) => r.id === c.id)?.status !== 'met')
      .map((c) => c.text);
    unmet.set(policy, `${policy.title}: ${open.join('; ') || 'an exclusion applies'}`);
  }
  const caution = `${payer.name}'s own criteria for ${guideline.family} are not in the library and payers require prior authorization for it: a guideline determination, not ${payer.name}'s`;
  const ownLines = patterns.filter((p) => p.appliesTo.payers?.includes(payer.id ?? '') === true);
  const ownLineUnmet = ownLines.length > 0 && ownLines.every((p) => unmet.has(p));
  if (met.length * 2 >= patterns.length && !ownLineUnmet)
    return { caution: `${caution} (the record meets ${met.map((p) => p.title).join('; ')})` };
  const text = ownLineUnmet
    ? `Obtain ${payer.name}'s criteria for this plan; the record does not meet ${payer.name}'s criteria for another line of business on file — not met: ${ownLines.map((p) => unmet.get(p)).join(' | ')}`
    : `Obtain ${payer.name}'s criteria; the record meets ${met.length} of the ${patterns.length} other payers' criteria on file — not met: ${[...unmet.values()].join(' | ')}`;
  return { caution, missing: { id: 'payer-criteria', text } };
}
