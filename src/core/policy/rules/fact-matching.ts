// How facts answer a criterion, shared by the condition and fact kinds: affirmed matches meet it, negated ones
// contradict it, documented values outside a required range contradict it, and a window of days before the
// evaluation date decides which dates count. Silence is unknown: absence of evidence is not evidence of absence.
import type { Fact } from '../../evidence/fact.ts';
import { addDays } from '../../evidence/dates.ts';
import { citation, type RuleResult } from '../rule-context.ts';

/** A statement the same note contradicts: unknown, citing both sides. */
function contestedResult(facts: readonly Fact[]): RuleResult {
  const pairs = facts.map((f) => `"${f.source.text}" against "${f.contestedBy?.text ?? ''}"`);
  return {
    status: 'unknown',
    evidence: facts.map(citation),
    reason: `the record contradicts itself: ${[...new Set(pairs)].join('; ')}`,
    request: 'Document a current examination that settles the contradicted finding',
    contested: true,
  };
}

/**
 * Affirmed facts → met; otherwise explicitly negated ones → not_met; otherwise unknown. Where the rule lists
 * alternatives ("flag: [cancer_history, spinal_infection]"), a negation answers for its own alternative only: "no
 * history of cancer" beside "low suspicion for discitis, cannot exclude without labs" leaves the criterion open.
 */
function byAssertion(matches: Fact[], where: Record<string, unknown> | undefined): RuleResult {
  const affirmed = matches.filter((f) => f.assertion === 'affirmed');
  if (affirmed.length > 0) return { status: 'met', evidence: affirmed.map(citation) };
  // The latest word is a contradiction inside one note: an older statement does not settle it either way.
  const contested = matches.filter((f) => f.contestedBy !== undefined);
  if (contested.length > 0) return contestedResult(contested);
  const negated = matches.filter((f) => f.assertion === 'negated');
  const uncertain = matches.filter((f) => f.assertion === 'uncertain');
  const alternatives = Object.entries(where ?? {})
    .filter(([, value]) => Array.isArray(value) && value.length > 1)
    .map(([key]) => key);
  const field = (fact: Fact, key: string): unknown => (fact as unknown as Record<string, unknown>)[key];
  const open =
    alternatives.length > 0
      ? uncertain.filter((u) => !negated.some((n) => alternatives.every((key) => field(n, key) === field(u, key))))
      : [];
  if (negated.length > 0 && open.length === 0) {
    return { status: 'not_met', evidence: negated.map(citation), reason: 'the record states it is absent' };
  }
  // "Possible melanoma", "r/o cauda equina": raised but not established, cited so that a reader sees why it is open.
  if (uncertain.length > 0)
    return {
      status: 'unknown',
      evidence: [...(negated.length > 0 ? open : uncertain), ...negated].map(citation),
      reason:
        negated.length > 0
          ? 'the record raises one of the alternatives without establishing it, and states another absent'
          : 'the record raises it without establishing it',
      raisedUnsettled: true,
    };
  return { status: 'unknown', evidence: [] };
}

/** Inclusive bounds: a numeric range of a fact field, or a window of days before the evaluation date. */
export type Bounds = { min?: number; max?: number };
export const isRange = (value: unknown): value is Bounds =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `match` when every field condition holds; `outside` when the fact is of the kind and only numeric ranges fail (a
 * documented value that contradicts the criterion); `no` otherwise.
 */
export function matchFact(
  fact: Fact,
  kind: string,
  where: Record<string, unknown> | undefined,
): 'match' | 'outside' | 'no' {
  if (fact.kind !== kind) return 'no';
  const fields = fact as unknown as Record<string, unknown>;
  let result: 'match' | 'outside' = 'match';
  for (const [key, expected] of Object.entries(where ?? {})) {
    const actual = fields[key];
    if (isRange(expected)) {
      if (typeof actual !== 'number') return 'no';
      if (
        (expected.min !== undefined && actual < expected.min) ||
        (expected.max !== undefined && actual > expected.max)
      )
        result = 'outside';
    } else if (Array.isArray(expected)) {
      if (!(Array.isArray(actual) ? actual.some((a) => expected.includes(a)) : expected.includes(actual))) return 'no';
    } else if (actual !== expected) return 'no';
  }
  return result;
}

export const boundsText = (bounds: Bounds, unit = ''): string =>
  [
    bounds.min !== undefined ? `at least ${String(bounds.min)}${unit}` : '',
    bounds.max !== undefined ? `at most ${String(bounds.max)}${unit}` : '',
  ]
    .filter(Boolean)
    .join(' and ');

/** Documented values outside the range the criterion needs: evidence against it, cited with the values. */
function outOfRange(facts: Fact[], where: Record<string, unknown> | undefined): RuleResult {
  const fields = Object.entries(where ?? {}).filter((entry): entry is [string, Bounds] => isRange(entry[1]));
  const stated = facts
    .flatMap((fact) => fields.map(([key]) => `${key} ${String((fact as unknown as Record<string, unknown>)[key])}`))
    .filter((text, i, all) => all.indexOf(text) === i);
  const needed = fields.map(([key, range]) => `${key} ${boundsText(range)}`).join(', ');
  return {
    status: 'not_met',
    evidence: facts.map(citation),
    reason: `documented ${stated.join(', ')}; the criterion needs ${needed}`,
  };
}

/** Facts sorted by where their date falls against a window of days before the evaluation date. */
function placeInWindow<F extends Fact>(
  facts: F[],
  window: Bounds,
  dateOf: (fact: F) => string | undefined,
  asOf: string,
) {
  const earliest = window.max !== undefined ? addDays(asOf, -window.max) : undefined;
  const latest = window.min !== undefined ? addDays(asOf, -window.min) : undefined;
  const placed = {
    inside: [] as F[],
    tooRecent: [] as F[],
    tooOld: [] as F[],
    undated: [] as F[],
    dates: [] as string[],
  };
  for (const fact of facts) {
    const date = dateOf(fact);
    if (date === undefined) placed.undated.push(fact);
    else if (earliest !== undefined && date < earliest) placed.tooOld.push(fact);
    else if (latest !== undefined && date > latest) placed.tooRecent.push(fact);
    else placed.inside.push(fact);
    if (date !== undefined) placed.dates.push(date);
  }
  return placed;
}

/**
 * A fact or condition criterion. Affirmed matches meet it, negated ones contradict it, and so do documented values
 * outside a required range. With a window, only affirmed matches dated inside it meet it; matches dated too recently
 * for a `min` contradict it (the episode began too late), while older ones than a `max` and undated ones leave it
 * unknown (a newer or dated record may exist; it is not on file).
 */
export function matchedFacts<F extends Fact>(
  matched: F[],
  outside: Fact[],
  where: Record<string, unknown> | undefined,
  window: Bounds | undefined,
  dateOf: (fact: F) => string | undefined,
  asOf: string,
): RuleResult {
  if (!window) {
    const result = byAssertion(matched, where);
    return result.status === 'unknown' && outside.length > 0 ? outOfRange(outside, where) : result;
  }
  const placed = placeInWindow(
    matched.filter((f) => f.assertion === 'affirmed'),
    window,
    dateOf,
    asOf,
  );
  if (placed.inside.length > 0) return { status: 'met', evidence: placed.inside.map(citation) };
  const negated = byAssertion(
    matched.filter((f) => f.assertion === 'negated'),
    where,
  );
  if (negated.status === 'not_met') return negated;
  const outsideInWindow = placeInWindow(outside, window, (f) => f.date, asOf).inside;
  if (outsideInWindow.length > 0) return outOfRange(outsideInWindow, where);
  const dates = [...new Set(placed.dates)].sort();
  if (placed.tooRecent.length > 0 && placed.tooOld.length === 0 && placed.undated.length === 0) {
    return {
      status: 'not_met',
      evidence: placed.tooRecent.map(citation),
      reason: `dated ${dates.join(', ')}: fewer than ${String(window.min)} days before ${asOf}`,
    };
  }
  const newest = dates.at(-1);
  if (newest !== undefined) {
    const period = `${boundsText(window, ' days')} before ${asOf}`;
    return {
      status: 'unknown',
      evidence: [],
      reason: `the newest on record is dated ${newest}, outside the period (${period})`,
      request: `Document it as of the period ${period}: the newest on record is dated ${newest}`,
    };
  }
  if (placed.undated.length > 0) {
    return { status: 'unknown', evidence: placed.undated.map(citation), reason: 'documented without a date' };
  }
  return { status: 'unknown', evidence: [] };
}
