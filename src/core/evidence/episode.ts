// The episode of care an order is about: the complaint (its index conditions), when it began, and the window in
// which a trial of treatment and the visits for it count. Evidence from another episode (a course years before the
// request) or for another indication (a drug for bronchitis, a prenatal visit) is not evidence for this one; a
// payer reviewer counts "provider-directed care for the current episode" and a recent evaluation of the complaint.
import { DEFAULT_FILL_DAYS } from './course.ts';
import { addDays, daysBetween } from './dates.ts';
import type { ConditionFact, EvaluationFact, Fact, StatedReason, SymptomCourseFact, TherapyFact } from './fact.ts';

/** How far before the request a trial still belongs to the current episode when the policy does not say. */
export const DEFAULT_EPISODE_DAYS = 365;

export interface EpisodeInput {
  /** The record's facts (dated on or before the evaluation date). */
  facts: readonly Fact[];
  /** What the order says it is for. */
  orderReasons: readonly StatedReason[];
  /** ICD-10-CM prefixes of the diagnoses the policy covers (its `condition` rules). */
  diagnosis: readonly string[];
  /** The evaluation date: the request. */
  asOf: string;
  /** Days before the request in which a trial counts for the current episode. */
  lookbackDays: number;
}

export interface Episode {
  /** The record's Conditions the order is about, with their onset. */
  index: ConditionFact[];
  /**
   * ICD-10-CM codes and prefixes (upper case) that name this complaint: the order's reasons, its index conditions and
   * the policy's diagnoses.
   */
  codes: string[];
  /** `Condition/id` of the conditions the order names or the index conditions. */
  references: ReadonlySet<string>;
  /** The earliest onset of the index conditions, where dated. */
  onset?: string;
  /** The first day evidence counts for this episode: the onset, or the look-back before the request if later. */
  from: string;
  asOf: string;
}

export function openEpisode(input: EpisodeInput): Episode {
  // The order's own reasons name the complaint; an order that states none is about the policy's diagnoses.
  const stated = input.orderReasons.flatMap((r) => r.icd10.map((code) => code.toUpperCase()));
  const orderRefs = input.orderReasons.flatMap((r) => (r.reference ? [r.reference] : []));
  const diagnosis = input.diagnosis.map((prefix) => prefix.toUpperCase());
  const wanted = stated.length > 0 || orderRefs.length > 0 ? stated : diagnosis;
  const index = input.facts.filter(
    (f): f is ConditionFact =>
      f.kind === 'condition' &&
      f.source.reference.startsWith('Condition/') &&
      // A resolved condition was another episode; a provisional diagnosis may well be this one.
      (f.assertion === 'affirmed' || f.assertion === 'uncertain') &&
      (orderRefs.includes(f.source.reference) || f.icd10.some((code) => startsWithAny(code, wanted))),
  );
  const coded = index
    .flatMap((f) => (f.onset ? [f.onset] : []))
    .sort()
    .at(0);
  const restarted = recurrence(input.facts, coded);
  const onset = restarted ?? coded;
  const lookback = addDays(input.asOf, -input.lookbackDays);
  return {
    index,
    codes: [...new Set([...wanted, ...diagnosis, ...index.flatMap((f) => f.icd10)])],
    references: new Set([...orderRefs, ...index.map((f) => f.source.reference)]),
    ...(onset ? { onset } : {}),
    from: onset !== undefined && onset > lookback ? onset : lookback,
    asOf: input.asOf,
  };
}

/**
 * "L leg pain resolved after PT" in July, "back/L leg pain x 2 mos" in January: a complaint that resolved and came
 * back is a new episode, which begins after the resolution; the last resolution a later note's course follows.
 */
function recurrence(facts: readonly Fact[], onset: string | undefined): string | undefined {
  const courses = facts.flatMap((f) =>
    f.kind === 'symptom_course' && f.assertion === 'affirmed' && f.date !== undefined ? [{ ...f, date: f.date }] : [],
  );
  const ongoing = (f: SymptomCourseFact): boolean => f.trend !== 'resolved' && f.trend !== 'improving';
  // A note that calls the complaint resolved and ongoing the same day ("chronic LBP … leg sx resolved post-op") says
  // what part resolved, not that the episode ended.
  const resolutions = courses
    .filter(
      (f) =>
        f.trend === 'resolved' &&
        (onset === undefined || f.date > onset) &&
        !courses.some((other) => other.date === f.date && other.trend !== undefined && ongoing(other)),
    )
    .map((f) => f.date)
    .sort()
    .reverse();
  const last = resolutions.find((resolved) => courses.some((f) => f.date > resolved && ongoing(f)));
  return last === undefined ? undefined : addDays(last, 1);
}

/** ICD-10-CM codes of facts are upper case (coded.ts), and so are the episode's prefixes. */
export const startsWithAny = (code: string, prefixes: readonly string[]): boolean =>
  prefixes.some((prefix) => code.startsWith(prefix));

/** Whether a stated reason names this episode's complaint. */
export function isForEpisode(episode: Episode, reason: StatedReason): boolean {
  return (
    (reason.reference !== undefined && episode.references.has(reason.reference)) ||
    reason.icd10.some((code) => startsWithAny(code, episode.codes))
  );
}

/** Counted, or not counted and why (in words a reviewer can dispute). */
export type Verdict = { counts: true; unstated: boolean } | { counts: false; why: string };

/**
 * A piece of evidence and the dates it covers: counted when it states this complaint as its reason, or states no
 * reason and falls inside the episode's window; not counted when it is for another condition or ended before the
 * window opened.
 */
function judge(
  episode: Episode,
  reasons: readonly StatedReason[] | undefined,
  last: string | undefined,
  lastText = 'outside',
): Verdict {
  const stated = reasons ?? [];
  // Without a complaint to compare with (no diagnosis on either side), a stated reason cannot rule evidence out.
  if (stated.length > 0 && episode.codes.length > 0 && !stated.some((r) => isForEpisode(episode, r))) {
    return { counts: false, why: `for another condition (${stated.map((r) => r.display).join(', ')})` };
  }
  if (last !== undefined && last < episode.from) return { counts: false, why: `${lastText} ${windowText(episode)}` };
  return { counts: true, unstated: stated.length === 0 };
}

export const windowText = (episode: Episode): string =>
  `this episode's window (from ${episode.from}${episode.onset === episode.from ? ', its onset' : ''})`;

/**
 * A course counts for the episode when it is for this complaint (or says nothing) and reaches into the window: by
 * its end, else by the last date the record attests it (an "ongoing" in a 2018 note says nothing of 2026).
 */
export function judgeCourse(episode: Episode, course: TherapyFact): Verdict {
  // "Current treatment: gabapentin 600 TID (unchanged since 2024)": a standing treatment begun before the episode and
  // kept as it was is not a trial for it.
  if (course.start !== undefined && course.start < episode.from && STANDING.test(course.source.text)) {
    return {
      counts: false,
      why: `a standing treatment since ${course.start}, kept unchanged, before ${windowText(episode)}`,
    };
  }
  if (course.end === undefined) return judge(episode, course.reasons, course.date ?? course.start);
  const assumed = course.endAssumed === true ? ` (one ${String(DEFAULT_FILL_DAYS)}-day fill assumed)` : '';
  return judge(episode, course.reasons, course.end, `ended ${course.end}${assumed}, before`);
}

const STANDING = /\b(?:unchanged|same dose|stable dose|maintenance|long-?standing)\b/i;

/** A visit counts for the episode when it is for this complaint (or says nothing) and falls inside the window. */
export function judgeVisit(episode: Episode, visit: EvaluationFact): Verdict {
  return judge(episode, visit.reasons, visit.date);
}

/** True when the episode began too recently to hold `days` of treatment before the request. */
export function episodeShorterThan(episode: Episode, days: number): boolean {
  return episode.onset !== undefined && daysBetween(episode.onset, episode.asOf) < days;
}
