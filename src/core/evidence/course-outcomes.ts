// One course per drug, assembled from the record's fragments, with the outcome the notes state for it. A course is
// usually written in pieces: a prescription with dates and no result ("triamcinolone 0.1 % from 2025-01-06"), a note
// saying it is still taken ("at 25 mg weekly since 2/3"), and an assessment naming only the class and the result
// ("inadequate response to >10 weeks of daily medium-potency TCS", "failed topicals and a full-dose methotrexate
// trial"). Each piece alone decides nothing; together they are a dated trial that failed. The linked course cites the
// sentence that states the outcome and keeps the pieces it was built from as its basis.
//
// A sentence's numbers decide over its words: "PASI improved only from 16.2 to 13.0" is an inadequate response
// (response.ts), whatever "improved" says. For systemic and targeted drugs, whose effect is the whole-skin score, a
// course with no stated result is judged by the measure before it and at its end.
import { SYSTEMIC_MODALITIES } from './codesets.ts';
import { compareIsoDates, daysBetween, weeksBetween } from './dates.ts';
import type { Fact, MeasurementFact, MeasureName, Provenance, TherapyFact, TherapyOutcome } from './fact.ts';
import { measureChanges, outcomeOfChanges } from './notes/measure-change.ts';
import { declined, DENIED_OUTCOME, negativeChecked } from './notes/not-tried.ts';
import { judgeChange } from './response.ts';
import { potencyMatches, statedPotency } from './steroid-potency.ts';

export interface CourseLinkOptions {
  /** The order under review: a pending order is not a course already received. */
  orderReference?: string;
  /** Date of each note (`DocumentReference/id` → YYYY-MM-DD): a note saying a drug is still taken extends its course. */
  noteDates: ReadonlyMap<string, string>;
  asOf: string;
}

type Decisive = Extract<TherapyOutcome, 'failed' | 'intolerance' | 'contraindicated' | 'improved'>;
const DECISIVE: ReadonlySet<TherapyOutcome> = new Set(['failed', 'intolerance', 'contraindicated', 'improved']);
const isDecisive = (o: TherapyOutcome | undefined): o is Decisive => o !== undefined && DECISIVE.has(o);

/** Drugs whose effect is the whole-skin score, so that the score before and after the course judges it. */
const SCORED_MODALITIES: ReadonlySet<string> = new Set([...SYSTEMIC_MODALITIES, 'phototherapy']);
const SKIN_SCORES: readonly MeasureName[] = ['pasi', 'easi', 'bsa_percent'];
/** A course is judged by its measure only after it has had time to act. */
const MIN_WEEKS_TO_JUDGE = 8;
/** A class statement ("failed topical steroids") speaks of courses begun in the years before it, not of any ever. */
const STATEMENT_REACH_DAYS = 3 * 365;
/** A note saying a drug is taken this long after its course's dated end speaks of a new course. */
const RESTART_GAP_DAYS = 180;

const fromNote = (f: Fact): boolean => f.source.start !== undefined;

/** The sentence's before/after numbers override its words for the therapy it names. */
function withStatedNumbers(fact: TherapyFact): TherapyFact {
  if (!fromNote(fact) || fact.outcome === 'intolerance' || fact.outcome === 'contraindicated') return fact;
  const outcome = outcomeOfChanges(measureChanges(fact.source.text));
  return outcome === undefined || outcome === fact.outcome ? fact : { ...fact, outcome };
}

function pickOutcome(outcomes: readonly Decisive[]): Decisive | undefined {
  const set = new Set(outcomes);
  // A course said both to have worked and to have failed is left for the reader.
  if (set.has('improved') && (set.has('failed') || set.has('intolerance'))) return undefined;
  for (const o of ['intolerance', 'contraindicated', 'failed', 'improved'] as const) if (set.has(o)) return o;
  return undefined;
}

/** The measure before the course and at its end, judged; undefined when either is missing or the change is middling. */
function judgedByMeasure(
  start: string,
  end: string,
  measures: readonly MeasurementFact[],
): { outcome: 'failed' | 'improved'; before: MeasurementFact; after: MeasurementFact } | undefined {
  if (daysBetween(start, end) < MIN_WEEKS_TO_JUDGE * 7) return undefined;
  for (const name of SKIN_SCORES) {
    const series = measures.filter((m) => m.name === name && m.date !== undefined);
    const before = series.filter((m) => (m.date ?? '') <= start && daysBetween(m.date ?? '', start) <= 60).at(-1);
    const after = series
      .filter((m) => (m.date ?? '') <= end && daysBetween(start, m.date ?? '') >= MIN_WEEKS_TO_JUDGE * 7)
      .at(-1);
    if (!before || !after) continue;
    const outcome = judgeChange(name, before.value, after.value);
    if (outcome) return { outcome, before, after };
  }
  return undefined;
}

// "No objective improvement on Otezla": the "no" belongs to the result, not to the drug, which was taken.
// So does "not adequately controlled despite … triamcinolone".
const NEGATED_RESULT =
  /\b(?:no|without|minimal|little)\s+(?:\w+\s+){0,2}?(?:improvement|response|relief|benefit|change|control)\s+(?:on|with|from|after|despite)\b|\bnot\s+(?:adequately\s+|well\s+|fully\s+|sufficiently\s+)?(?:controlled|improved|improving|responding|better)\s+(?:on|with|despite|after|by)\b/i;
const NEVER_TAKEN = /\b(?:never|not (?:tried|started|used|taken|on)|no (?:prior|previous) (?:trial|use))\b/i;

function withResultNegation(fact: TherapyFact): TherapyFact {
  if (!fromNote(fact) || fact.assertion !== 'negated' || fact.outcome !== 'failed') return fact;
  const text = fact.source.text;
  return NEGATED_RESULT.test(text) && !NEVER_TAKEN.test(text) ? { ...fact, assertion: 'affirmed' } : fact;
}

/** "If she declines …": a refusal a plan only foresees. */
const CONDITIONAL = /\b(?:if|unless|should|in case)\b/i;

/** A therapy a checkbox or a refusal says was not tried is negated (one therapy per sentence for a refusal). */
function withNotTried(fact: TherapyFact, perSentence: ReadonlyMap<string, number>): TherapyFact {
  if (!fromNote(fact)) return fact;
  const text = fact.source.text;
  const alone = perSentence.get(`${fact.source.reference}@${fact.source.start ?? -1}`) === 1;
  // "Medium potency TCS recommended but family declines": a therapy offered and refused was not tried.
  if (fact.assertion === 'hypothetical' && alone && declined(text) && !CONDITIONAL.test(text)) {
    const refused: TherapyFact = { ...fact, assertion: 'negated' };
    delete refused.outcome;
    return refused;
  }
  if (fact.assertion !== 'affirmed') return fact;
  // "No contraindication - discussed tacrolimus": the outcome word is denied, not stated.
  const denied = (fact.outcome === 'contraindicated' || fact.outcome === 'intolerance') && DENIED_OUTCOME.test(text);
  const notTried = negativeChecked(text) || (alone && declined(text));
  if (!denied && !notTried) return fact;
  const without: TherapyFact = { ...fact };
  delete without.outcome;
  return notTried ? { ...without, assertion: 'negated' } : without;
}

/**
 * The courses without the lengths a patient recalls ("about 6 months" per the patient) of a drug whose length a
 * clinician or the pharmacy also states ("~7-8 wk" from the fill history): the recollection gives way. A course told
 * in months around a course of the same drug dated to the day takes that course's dates.
 */
export function withoutRecalledLengths<T extends TherapyFact>(courses: readonly T[]): T[] {
  const measured = new Set(
    courses
      .filter((c) => !c.patientReported && c.agent !== undefined && c.durationWeeks !== undefined)
      .map((c) => c.agent),
  );
  const exact = courses.filter(
    (c) =>
      c.agent !== undefined &&
      c.start !== undefined &&
      c.end !== undefined &&
      c.shortestWeeks === undefined &&
      c.endAssumed !== true &&
      c.outcome !== 'ongoing',
  );
  return courses
    .filter((c) => !(c.patientReported && c.durationWeeks !== undefined && measured.has(c.agent)))
    .map((c) => {
      // "Tacrolimus (01/2026-02/2026)" around a course dated 1/28-2/10: the months are those dates, told loosely.
      if (c.shortestWeeks === undefined || c.start === undefined || c.end === undefined) return c;
      const start = c.start;
      const end = c.end;
      const within = exact.find((e) => e.agent === c.agent && (e.start ?? '') >= start && (e.end ?? '') <= end);
      if (within?.start === undefined || within.end === undefined) return c;
      const dated: T = { ...c, start: within.start, end: within.end, durationWeeks: within.durationWeeks };
      delete dated.shortestWeeks;
      return dated;
    });
}

/**
 * The courses without the bare statements ("has failed methotrexate") already linked into a dated course of the same
 * drug: the course carries their outcome, and the statement alone adds only a course of unknown dates.
 */
export function withoutLinkedStatements<T extends TherapyFact>(courses: readonly T[]): T[] {
  const linked = new Set(
    courses.flatMap((c) =>
      c.agent === undefined || c.start === undefined
        ? []
        : (c.basis ?? []).map((b) => `${c.agent}|${b.reference}|${String(b.start ?? '')}`),
    ),
  );
  return courses.filter(
    (c) =>
      !(
        c.start === undefined &&
        c.end === undefined &&
        c.durationWeeks === undefined &&
        c.basis === undefined &&
        linked.has(`${c.agent ?? ''}|${c.source.reference}|${String(c.source.start ?? '')}`)
      ),
  );
}

/** The facts with each drug's course assembled and its outcome linked (new facts; the pieces stay). */
/** "She cannot name agents, potency or dates", "name and strength unknown": a course nobody can name is no named
 * course's outcome, and no step shown. */
export const UNNAMED_COURSE =
  /\b(?:name|agents?|drug|product)s?\b[^.;]{0,30}\b(?:unknown|not known|unsure|unclear|not recalled)\b|\b(?:cannot|can't|could not|couldn't|unable to|does not|doesn't) (?:name|recall|remember)(?: the)? (?:name|agents?|drugs?|products?|which)\b/i;

export function linkCourseOutcomes(facts: readonly Fact[], options: CourseLinkOptions): Fact[] {
  const perSentence = new Map<string, number>();
  for (const f of facts) {
    if (f.kind !== 'therapy' || !fromNote(f)) continue;
    const key = `${f.source.reference}@${f.source.start ?? -1}`;
    perSentence.set(key, (perSentence.get(key) ?? 0) + 1);
  }
  const out: Fact[] = facts.map((f) =>
    f.kind === 'therapy' ? withStatedNumbers(withNotTried(withResultNegation(f), perSentence)) : f,
  );
  const therapies = out.filter(
    (f): f is TherapyFact =>
      f.kind === 'therapy' && f.assertion === 'affirmed' && f.source.reference !== options.orderReference,
  );
  const measures = out
    .filter((f): f is MeasurementFact => f.kind === 'measurement' && f.assertion === 'affirmed')
    .sort((a, b) => compareIsoDates(a.date ?? '', b.date ?? ''));
  const statedOn = (f: Fact): string | undefined => options.noteDates.get(f.source.reference) ?? f.date;
  const groups = new Map<string, TherapyFact[]>();
  for (const t of therapies) {
    if (t.agent === undefined) continue;
    const key = `${t.modality}|${t.agent}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const classStatements = therapies.filter((t) => t.agent === undefined && fromNote(t) && isDecisive(t.outcome));
  for (const members of groups.values()) {
    const first = members[0];
    if (!first) continue;
    const start = members.flatMap((m) => (m.start ? [m.start] : [])).sort()[0];
    if (start === undefined || start > options.asOf) continue;
    // Where the course ends: a stated end, or the latest note that says it is still taken, unless the same note says
    // it was stopped ("MTX: failed, stopped" above a medication list that still carries it).
    const stoppedIn = new Set(members.filter((m) => m.endedBy !== undefined).map((m) => m.source.reference));
    // "Clobetasol BID x 4 weeks prescribed" sixteen months after a course dated 01-02/2025 ended is a new course; it
    // does not stretch the old one over the months between.
    const lastDatedEnd = members
      .flatMap((m) => (m.end && !m.endAssumed ? [m.end] : []))
      .sort()
      .at(-1);
    const resumedAfter = (on: string): boolean =>
      lastDatedEnd !== undefined && daysBetween(lastDatedEnd, on) > RESTART_GAP_DAYS;
    const ends = [
      ...members.flatMap((m) => (m.end && !m.endAssumed ? [m.end] : [])),
      ...members.flatMap((m) => {
        const on =
          // (Not one that gives the course its own end: "samples 06/10-07/30/2025, discontinued".)
          m.outcome === 'ongoing' &&
          fromNote(m) &&
          !stoppedIn.has(m.source.reference) &&
          (m.end === undefined || m.endAssumed === true)
            ? // (Text the note marks as copied from an earlier visit says the drug was taken then, not now.)
              m.copiedFrom !== undefined
              ? m.date
              : options.noteDates.get(m.source.reference)
            : undefined;
        return on !== undefined && on >= start && on <= options.asOf && !resumedAfter(on) ? [on] : [];
      }),
    ].sort();
    const assumed = members.flatMap((m) => (m.end && m.endAssumed ? [m.end] : [])).sort();
    const end = ends.at(-1) ?? assumed.at(-1);
    // A course dated from its start to its stop cannot have lasted longer than that, whatever length a plan meant
    // ("x 4 weeks" prescribed, "used 06/30 - 07/09, then stopped").
    const cap = lastDatedEnd !== undefined && lastDatedEnd === end ? weeksBetween(start, lastDatedEnd) : undefined;
    const stated = withoutRecalledLengths(members.filter((m) => fromNote(m) && m.durationWeeks !== undefined)).map(
      (m) => m.durationWeeks ?? 0,
    );
    // The outcome: the course's own statements, else the class statements made after it began.
    const own = members.filter((m) => isDecisive(m.outcome));
    const potencyFree = first.modality !== 'topical_corticosteroid';
    const byClass = classStatements.filter((s) => {
      const on = statedOn(s);
      if (s.modality !== first.modality || on === undefined || on < start || UNNAMED_COURSE.test(s.source.text))
        return false;
      if (daysBetween(start, on) > STATEMENT_REACH_DAYS) return false;
      const potency = potencyFree ? undefined : statedPotency(s.source.text);
      return potency === undefined || potencyMatches(first.agent, potency);
    });
    const deciding = own.length > 0 ? own : byClass;
    let outcome = pickOutcome(deciding.flatMap((m) => (isDecisive(m.outcome) ? [m.outcome] : [])));
    let source: Provenance | undefined = deciding.find((m) => m.outcome === outcome)?.source;
    const basis: Provenance[] = members.map((m) => m.source);
    if (outcome === undefined && deciding.length === 0 && end !== undefined && SCORED_MODALITIES.has(first.modality)) {
      const judged = judgedByMeasure(start, end, measures);
      if (judged) {
        outcome = judged.outcome;
        source = judged.after.source;
        basis.push(judged.before.source);
      }
    }
    if (outcome === undefined || source === undefined) continue;
    const longest = stated.length > 0 ? Math.max(...stated) : undefined;
    const durationWeeks = longest !== undefined && cap !== undefined ? Math.min(longest, cap) : longest;
    // Dated by months only, unless another piece gives its length exactly.
    const exact = members.some(
      (m) =>
        m.shortestWeeks === undefined &&
        ((fromNote(m) && m.durationWeeks !== undefined) || (!fromNote(m) && m.end !== undefined && !m.endAssumed)),
    );
    const shortest = members.flatMap((m) => (m.shortestWeeks !== undefined ? [m.shortestWeeks] : []));
    // The sentence that states the outcome may give the course's length as a range ("between ~3 and ~5 weeks"):
    // however exactly other pieces date the prescription, the use it reports is that uncertain.
    const statedShortest = deciding.find((m) => m.outcome === outcome)?.shortestWeeks;
    const endAssumed = ends.length === 0 && end !== undefined;
    const reasons = members.flatMap((m) => m.reasons ?? []);
    out.push({
      kind: 'therapy',
      modality: first.modality,
      agent: first.agent,
      start,
      ...(end !== undefined ? { end } : {}),
      ...(endAssumed ? { endAssumed: true } : {}),
      ...(durationWeeks !== undefined ? { durationWeeks } : {}),
      ...(!exact && shortest.length > 0
        ? { shortestWeeks: Math.max(...shortest) }
        : statedShortest !== undefined
          ? { shortestWeeks: statedShortest }
          : {}),
      outcome,
      ...(members.some((m) => m.providerDirected === true) ? { providerDirected: true } : {}),
      ...(members.some((m) => m.sample === true) ? { sample: true } : {}),
      ...(reasons.length > 0 ? { reasons } : {}),
      assertion: 'affirmed',
      date: end !== undefined && end < options.asOf ? end : options.asOf,
      source,
      basis,
    });
  }
  return out;
}
