// A stage the record states more than one way, or leaves open, is not documented: the fact kind's check on a cancer
// stage it matched.
import type { CancerFact, Fact } from '../../evidence/fact.ts';
import { citation, newestDate, type RuleResult } from '../rule-context.ts';

const GROUPS = ['0', 'I', 'II', 'III', 'IV'];
/** "IIB" → 2.2: the group, then its letter. */
const stageRank = (stage: string): number => {
  const m = /^(0|IV|I{1,3})([A-D])?$/.exec(stage);
  if (!m) return -1;
  return GROUPS.indexOf(m[1] ?? '') + (m[2] ? (m[2].charCodeAt(0) - 64) / 10 : 0);
};

/** One cancer, in situ or invasive (a note's context may name the in-situ part). */
const invasive = (t: CancerFact['cancerType']): CancerFact['cancerType'] =>
  t === 'melanoma_in_situ' ? 'melanoma' : t === 'scc_in_situ' ? 'cutaneous_scc' : t;
const sameCancer = (a: CancerFact['cancerType'], b: CancerFact['cancerType']): boolean => invasive(a) === invasive(b);

/** Stages of one group, one more precise than the other ("II" and "IIB"), do not conflict. */
const sameStage = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);

/**
 * "Stage IIB" in the assessment and "IIA (pT3a)" in the history: a stage the record states two ways is not
 * documented, whichever the criterion asks for. Met on one of them becomes unknown, citing both, with a request for
 * the stage the final pathology supports.
 */
export function stageConflict(
  result: RuleResult,
  matched: readonly Fact[],
  facts: readonly Fact[],
): RuleResult | undefined {
  const staged = (f: Fact): f is CancerFact =>
    f.kind === 'cancer' && f.stage !== undefined && (f.assertion === 'affirmed' || f.assertion === 'historical');
  const mine = matched.filter(staged);
  if (mine.length === 0) return undefined;
  const latest = newestDate(mine);
  const highest = Math.max(...mine.map((f) => stageRank(f.stage ?? '')));
  const others = facts.filter(staged).filter(
    (o) =>
      mine.some((m) => m.cancerType === o.cancerType) &&
      !mine.some((m) => sameStage(m.stage ?? '', o.stage ?? '')) &&
      // An earlier stage of a lower group is the disease before it spread (IIB at diagnosis, IV at recurrence);
      // substages of one group differ by pathology, not by time.
      !((o.date ?? '') < latest && Math.floor(stageRank(o.stage ?? '')) < Math.floor(highest) && highest >= 3),
  );
  // "Stage IIB (pT3b N0)" in the notes against the pathology's "ulceration not identified, pT3a": one tumour with two
  // T categories has no settled stage either.
  const categorised = facts.filter(
    (f): f is CancerFact =>
      f.kind === 'cancer' &&
      f.tnm?.t !== undefined &&
      f.assertion === 'affirmed' &&
      mine.some((m) => m.cancerType === f.cancerType),
  );
  const categories = [...new Set(categorised.map((f) => f.tnm?.t ?? ''))];
  if (others.length === 0 && categories.length > 1 && mine.some((m) => m.tnm?.t !== undefined)) {
    return {
      status: 'unknown',
      evidence: [...mine, ...categorised.filter((f) => !mine.includes(f))].map(citation),
      reason: `the record states the tumour category more than one way (${categories.join(', ')})`,
      request: 'Document the stage group the final pathology supports (e.g. ulceration status for pT3a or pT3b)',
    };
  }
  // "pT3a vs pT3b, N0 -> stage IIA vs IIB" in a note no older than the stage on record: the record leaves it open.
  const open = facts.filter(
    (f): f is CancerFact =>
      f.kind === 'cancer' &&
      f.stageOpen !== undefined &&
      // ("staging was 'IIA vs IIB pending ulceration addendum'": left open while a report is awaited.)
      f.assertion !== 'negated' &&
      f.assertion !== 'family' &&
      (f.date ?? '') >= latest &&
      mine.some(
        (m) =>
          sameCancer(m.cancerType, f.cancerType) &&
          (f.stageOpen?.length === 0 ||
            ((f.stageOpen ?? []).some((s) => sameStage(m.stage ?? '', s)) &&
              (f.stageOpen ?? []).some((s) => !sameStage(m.stage ?? '', s)))),
      ),
  );
  if (others.length === 0 && open.length > 0) {
    return {
      status: 'unknown',
      evidence: [...mine, ...open].map(citation),
      reason: `the record leaves the stage open (${(open[0]?.stageOpen ?? []).join(' or ') || 'not determined'}) after stating ${mine[0]?.stage ?? ''}`,
      request: 'Document the stage group the final pathology supports (e.g. ulceration status for pT3a or pT3b)',
    };
  }
  if (others.length === 0) return undefined;
  const stages = [...new Set([...mine, ...others].map((f) => f.stage))].join(', ');
  return {
    status: 'unknown',
    evidence: [...mine, ...others].map(citation),
    reason: `the record states the stage more than one way (${stages})`,
    request: 'Document the stage group the final pathology supports (e.g. ulceration status for pT3a or pT3b)',
  };
}
