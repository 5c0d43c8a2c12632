// The criteria a denial puts in dispute, as the appeal argues them: the policy's top-level criteria (what a reviewer
// checks one by one), each with the evidence cited anywhere beneath it (quoted, with its source and date), what is
// still missing beneath it, and the exceptions the record meets. A payer's reason codes rarely name a criterion, so
// every criterion of the governing policy is in dispute.
import type { CriterionResult, Determination } from '../determination/index.ts';
import { childCriteria, type CriterionNode, type Policy } from '../policy/index.ts';
import type { CitationSource } from './record.ts';

export interface CitedEvidence {
  reference: string;
  /** The quoted span (notes) or the coded element's summary, verbatim from the determination. */
  quote: string;
  source: string;
  date?: string;
}

export interface DisputedCriterion {
  id: string;
  text: string;
  status: CriterionResult['status'];
  reason?: string;
  /** True for an exception (e.g. a red flag) the record meets, which waives other criteria. */
  exception: boolean;
  evidence: CitedEvidence[];
  /** What the record does not yet show beneath this criterion (the policy's requests, in its words). */
  missing: string[];
}

function subtreeIds(node: CriterionNode): Set<string> {
  const ids = new Set<string>();
  const visit = (n: CriterionNode): void => {
    ids.add(n.id);
    childCriteria(n).forEach(visit);
  };
  visit(node);
  return ids;
}

function disputed(
  node: { id: string; text: string },
  ids: Set<string>,
  determination: Determination,
  source: (reference: string) => CitationSource,
  exception: boolean,
): DisputedCriterion | undefined {
  const results = determination.criteria.filter((c) => ids.has(c.id));
  const own = results.find((c) => c.id === node.id);
  if (!own) return undefined;
  const seen = new Set<string>();
  const evidence: CitedEvidence[] = [];
  // The evidence that affirms: met criteria first, then whatever else was cited (a contradiction is evidence too).
  for (const result of [...results.filter((r) => r.status === 'met'), ...results.filter((r) => r.status !== 'met')]) {
    for (const citation of result.evidence) {
      const key = `${citation.reference}|${citation.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const where = source(citation.reference);
      evidence.push({
        reference: citation.reference,
        quote: citation.text,
        source: where.label,
        ...(where.date ? { date: where.date } : {}),
      });
    }
  }
  const missing =
    own.status === 'met' ? [] : determination.missingDocumentation.filter((m) => ids.has(m.id)).map((m) => m.text);
  return {
    id: own.id,
    text: own.text,
    status: own.status,
    ...(own.reason ? { reason: own.reason } : {}),
    exception,
    evidence,
    missing: [...new Set(missing)],
  };
}

export function disputedCriteria(
  determination: Determination,
  policy: Policy | undefined,
  source: (reference: string) => CitationSource,
): DisputedCriterion[] {
  if (!policy?.criteria) {
    return determination.criteria.flatMap((c) => disputed(c, new Set([c.id]), determination, source, false) ?? []);
  }
  const root = policy.criteria;
  const tops = childCriteria(root).length > 0 && !root.not ? childCriteria(root) : [root];
  const criteria = tops.flatMap((node) => disputed(node, subtreeIds(node), determination, source, false) ?? []);
  // An exception the record meets answers the criteria it waives.
  const exceptions = (policy.exceptions ?? []).flatMap((node) => {
    const found = disputed(node, subtreeIds(node), determination, source, true);
    return found?.status === 'met' ? [{ ...found, missing: [] }] : [];
  });
  return [...exceptions, ...criteria];
}

/** A quote shorter than this is a heading or a bare label (a note's title), not a finding. */
const SUBSTANTIVE_QUOTE = 40;

/**
 * The one citation to lead with: among substantive quotes (else all), the most recent dated one (the record's latest
 * word on the criterion), a note's quote before a coded summary of the same date.
 */
export function strongestEvidence(criterion: DisputedCriterion): CitedEvidence | undefined {
  const substantive = criterion.evidence.filter((e) => e.quote.length >= SUBSTANTIVE_QUOTE);
  const fromNote = (e: CitedEvidence) => (e.reference.startsWith('DocumentReference/') ? 1 : 0);
  return [...(substantive.length > 0 ? substantive : criterion.evidence)].sort(
    (a, b) => (b.date ?? '').localeCompare(a.date ?? '') || fromNote(b) - fromNote(a),
  )[0];
}
