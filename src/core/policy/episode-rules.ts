// The rules judged against the order's episode (evidence/episode.ts): the conservative trial's length, and the
// visits of the episode. Their reasons say what counted, and what did not and why, so that a reviewer can dispute it.
import type Type from 'typebox';
import { compareIsoDates, daysBetween, weeksBetween } from '../evidence/dates.ts';
import { episodeEvidence, type EpisodeEvidence, type NotCounted } from '../evidence/episode-evidence.ts';
import { DEFAULT_EPISODE_DAYS, episodeShorterThan, openEpisode, windowText } from '../evidence/episode.ts';
import type { Fact, TherapyFact } from '../evidence/fact.ts';
import { citation, type RuleContext, type RuleResult } from './rule-context.ts';
import { childCriteria } from './criteria-tree.ts';
import type { Rule } from './rules/index.ts';
import type { TherapySettings } from './rules/therapy.ts';
import type { CriterionNode, Policy } from './schema.ts';

type TherapyRule = Type.Static<typeof TherapySettings>;

/** The requirement rules of a policy (exceptions and exclusions are no diagnosis of the episode). */
function requirementRules(policy: Policy): Rule[] {
  const rules: Rule[] = [];
  const stack: CriterionNode[] = policy.criteria ? [policy.criteria] : [];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.rule) rules.push(node.rule);
    stack.push(...childCriteria(node));
  }
  return rules;
}

/** The episode the order is about under this policy: its diagnoses, and its trial's look-back. */
export function policyEpisode(policy: Policy, ctx: RuleContext): EpisodeEvidence {
  const rules = requirementRules(policy);
  const diagnosis = rules.flatMap((r) => ('condition' in r ? r.condition.icd10 : []));
  const lookbackDays =
    rules
      .flatMap((r) => ('therapy' in r && r.therapy.episodeDays !== undefined ? [r.therapy.episodeDays] : []))
      .at(0) ?? DEFAULT_EPISODE_DAYS;
  const orderReasons = [
    ...(ctx.order.reasonIcd10.length > 0 ? [{ display: 'order reason', icd10: ctx.order.reasonIcd10 }] : []),
    ...(ctx.order.reasonReferences ?? []).map((reference) => ({ display: reference, icd10: [], reference })),
  ];
  const episode = openEpisode({ facts: ctx.facts, orderReasons, diagnosis, asOf: ctx.asOf, lookbackDays });
  return episodeEvidence(ctx.facts, episode);
}

const SHOWN = 5;

/** A set-aside item with its date and its line, in the order the reasons list them. */
interface Shown {
  fact: Fact;
  date: string | undefined;
  line: string;
}

/**
 * The episode's set-aside evidence in display order: coded evidence first (a prescription, a visit), then what notes
 * mention; the most recent first within each. Sorted once per episode: every rule's selection keeps this order.
 */
function displayOrder(list: readonly NotCounted[]): Shown[] {
  const decorated = list.map((n) => {
    const date = n.fact.kind === 'therapy' ? (n.fact.start ?? n.fact.date) : n.fact.date;
    return {
      fact: n.fact,
      date,
      line: `${labelOf(n.fact)}${date ? ` ${date}` : ''}: ${n.why}`,
      note: n.fact.source.reference.startsWith('DocumentReference/') ? 1 : 0,
    };
  });
  decorated.sort((a, b) => a.note - b.note || compareIsoDates(b.date ?? '', a.date ?? ''));
  return decorated;
}

/** "not counted: ibuprofen 2015-02-18: outside …; Encounter 2021-07-14: for another condition (…); and 9 more". */
function notCountedText(shown: readonly Shown[]): string {
  if (shown.length === 0) return '';
  // One course is often on record twice (the prescription and the note that lists it): one line for both.
  const lines = [...new Set(shown.map((n) => n.line))];
  const items = lines.slice(0, SHOWN);
  const rest = lines.length - SHOWN;
  let oldest: string | undefined;
  for (const n of shown) if (n.date && (oldest === undefined || n.date < oldest)) oldest = n.date;
  const more = rest > 0 ? `; and ${String(rest)} more${oldest ? ` (back to ${oldest})` : ''}` : '';
  return `; not counted: ${items.join('; ')}${more}`;
}

const notCountedMemo = new WeakMap<readonly NotCounted[], { order: Shown[]; texts: Map<string, string> }>();

/** `notCountedText` of the evidence `keep` selects, drawn once per episode: several rules set aside the same
 * evidence (three trial rules over one modality list). `key` names the selection. */
export function notCountedOf(evidence: EpisodeEvidence, key: string, keep: (fact: Fact) => boolean): string {
  let memo = notCountedMemo.get(evidence.notCounted);
  if (!memo) {
    memo = { order: displayOrder(evidence.notCounted), texts: new Map() };
    notCountedMemo.set(evidence.notCounted, memo);
  }
  let text = memo.texts.get(key);
  if (text === undefined) {
    text = notCountedText(memo.order.filter((n) => keep(n.fact)));
    memo.texts.set(key, text);
  }
  return text;
}

function labelOf(fact: NotCounted['fact']): string {
  if (fact.kind === 'therapy') return fact.agent ?? fact.modality.replace(/_/g, ' ');
  const type = fact.source.reference.split('/')[0];
  return type === 'DocumentReference' ? 'note' : (type ?? 'visit');
}

/**
 * Conservative care: the union of the dated courses of the listed modalities that count for the episode, from the
 * opening of its window, must span `minWeeks`. Courses documented but shorter make it not_met (a measured
 * shortfall), and so does an episode that began too recently to hold the weeks (a contradiction, citing the onset);
 * courses without dates leave it unknown.
 */
export function therapyRule(rule: TherapyRule, evidence: EpisodeEvidence): RuleResult {
  const { episode } = evidence;
  const { asOf } = episode;
  const eligible = (f: Fact): f is TherapyFact =>
    f.kind === 'therapy' &&
    f.assertion === 'affirmed' &&
    rule.modalities.includes(f.modality) &&
    (rule.providerDirected !== true || f.providerDirected !== false);
  const courses = evidence.courses.filter(eligible);
  const excluded = notCountedOf(
    evidence,
    `therapy:${rule.modalities.join(',')}:${String(rule.providerDirected === true)}`,
    eligible,
  );
  const unstated = evidence.unstated.filter(eligible).length;
  const unstatedText =
    unstated > 0
      ? `; ${unstated === 1 ? '1 course states' : `${String(unstated)} courses state`} no reason: counted as inside the window`
      : '';
  if (episode.onset !== undefined && episodeShorterThan(episode, rule.minWeeks * 7)) {
    const onsetFacts = episode.index.filter((f) => f.onset === episode.onset);
    return {
      status: 'not_met',
      evidence: onsetFacts.map(citation),
      reason: `the episode began ${episode.onset}, ${String(weeksBetween(episode.onset, asOf))} weeks before ${asOf}: it cannot hold ${String(rule.minWeeks)} weeks of treatment${excluded}`,
      // Not a record to complete but a trial to finish (unless a red flag waives it).
      request: `Complete ${String(rule.minWeeks)} weeks of conservative care for this episode (it began ${episode.onset}) and re-evaluate, or document a red flag that waives the trial`,
    };
  }
  const firstCare = firstCareBefore(evidence, courses, rule.providerDirected !== true);
  if (firstCare?.date !== undefined && daysBetween(firstCare.date, asOf) < rule.minWeeks * 7) {
    return {
      status: 'not_met',
      evidence: [citation(firstCare)],
      reason: `${rule.providerDirected === true ? 'clinician-directed care' : 'care'} for this complaint began at its first visit, ${firstCare.date}, ${String(weeksBetween(firstCare.date, asOf))} weeks before ${asOf}: it cannot hold ${String(rule.minWeeks)} weeks of ${rule.providerDirected === true ? 'provider-directed ' : ''}treatment${excluded}`,
      request: `Complete ${String(rule.minWeeks)} weeks of ${rule.providerDirected === true ? 'provider-directed ' : ''}conservative care (it began ${firstCare.date}) and re-evaluate, or document a red flag that waives the trial`,
    };
  }
  if (courses.length === 0) {
    return {
      status: 'unknown',
      evidence: [],
      ...(excluded ? { reason: `no course for this episode${excluded}` } : {}),
    };
  }
  const intervals = courses.flatMap((c) => {
    if (!c.start) return [];
    // A course counts up to the evaluation date at most (care planned beyond it has not happened yet), and from the
    // window's opening at the earliest.
    const stated = c.end ?? (c.outcome === 'ongoing' ? asOf : c.start);
    const end = stated < asOf ? stated : asOf;
    const start = c.start > episode.from ? c.start : episode.from;
    return start <= end ? [[start, end] as const] : [];
  });
  // An undated length ("did 6 weeks of PT") counts, unless that therapy's own records are awaited: then it is what
  // the records will show, not yet what they show.
  const awaited = new Set(courses.filter((c) => c.recordsPending === true).map((c) => c.modality));
  const unverified = courses.filter((c) => !c.start && c.durationWeeks !== undefined && awaited.has(c.modality));
  const explicitWeeks = Math.max(
    0,
    ...courses.map((c) => (c.start || unverified.includes(c) ? 0 : (c.durationWeeks ?? 0))),
  );
  const spanned = Math.max(unionWeeks(intervals), explicitWeeks);
  const cited = courses.map(citation);
  if (spanned >= rule.minWeeks) {
    return {
      status: 'met',
      evidence: cited,
      reason: `${String(spanned)} weeks of conservative care documented in ${windowText(episode)}${unstatedText}${excluded}`,
    };
  }
  // A course on record without dates ("a round of PT sometime over the summer") may hold the missing weeks, unless
  // it is a mention of a dated course of the same therapy ("failed PT" after "PT 01/22 - 02/12").
  const dated = courses.filter((c) => c.start !== undefined);
  const undated = courses.filter(
    (c) =>
      !c.start &&
      c.durationWeeks === undefined &&
      !dated.some((d) => d.modality === c.modality && (c.agent === undefined || d.agent === c.agent)),
  );
  if (unverified.length > 0) {
    const stated = unverified.map((c) => `${labelOf(c)} for ${String(c.durationWeeks)} weeks`).join(', ');
    return {
      status: 'unknown',
      evidence: cited,
      reason: `conservative care documented for ${String(spanned)} of the required ${String(rule.minWeeks)} weeks; ${stated} is stated without dates, and its records are requested and not yet received${excluded}`,
    };
  }
  if (undated.length > 0) {
    return {
      status: 'unknown',
      evidence: cited,
      reason:
        spanned === 0
          ? `conservative care documented without dates or duration${excluded}`
          : `conservative care documented for ${String(spanned)} of the required ${String(rule.minWeeks)} weeks, and more without dates or duration${excluded}`,
    };
  }
  return {
    status: 'not_met',
    evidence: cited,
    reason: `conservative care documented for ${String(spanned)} of the required ${String(rule.minWeeks)} weeks in ${windowText(episode)}${unstatedText}${excluded}`,
    // A shortfall, not a contradiction: the rest of the trial may be on record elsewhere, or still to come.
    request: `Document conservative care for this episode covering at least ${String(rule.minWeeks)} weeks (${String(spanned)} documented so far), with start and end dates, or complete the trial`,
  };
}

/**
 * The visit the record calls the first care for the complaint ("first visit for this problem", "has not seen any
 * other provider for this"), when no counted course directed by a clinician is dated before it: provider-directed
 * care cannot have begun earlier. A course dated earlier contradicts the statement, and then the courses decide.
 */
function firstCareBefore(
  evidence: EpisodeEvidence,
  courses: readonly TherapyFact[],
  anyCare: boolean,
): Fact | undefined {
  // A trial of any care (not only the clinician's) is bounded only by "untreated to date".
  const first = evidence.evaluations
    .filter(
      (e) =>
        e.firstCare === true &&
        (!anyCare || e.untreated === true) &&
        e.assertion === 'affirmed' &&
        e.date !== undefined,
    )
    .sort((a, b) => compareIsoDates(b.date ?? '', a.date ?? ''))
    .at(0);
  if (first?.date === undefined) return undefined;
  const date = first.date;
  return courses.some((c) => (anyCare || c.providerDirected === true) && c.start !== undefined && c.start < date)
    ? undefined
    : first;
}

/** A pause between courses longer than this ends a trial: care months apart is two attempts, not one trial. */
const TRIAL_GAP_DAYS = 28;

/** The longest trial the courses make: overlapping or near courses (gaps up to TRIAL_GAP_DAYS) count as one, and
 * only the days treated count towards it. */
function unionWeeks(intervals: readonly (readonly [string, string])[]): number {
  const sorted = [...intervals].sort((a, b) => compareIsoDates(a[0], b[0]));
  let best = 0;
  let trial = 0;
  let current: [string, string] | undefined;
  for (const [start, end] of sorted) {
    if (!current || start > current[1]) {
      if (current) {
        trial += daysBetween(current[0], current[1]);
        if (daysBetween(current[1], start) > TRIAL_GAP_DAYS) {
          best = Math.max(best, trial);
          trial = 0;
        }
      }
      current = [start, end];
    } else if (end > current[1]) current[1] = end;
  }
  if (current) trial += daysBetween(current[0], current[1]);
  best = Math.max(best, trial);
  return Math.round((best / 7) * 10) / 10;
}
