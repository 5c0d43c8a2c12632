// The treatment and the visits that count for an episode (episode.ts), what did not count and why, and the
// re-evaluations that follow: a visit for this complaint held after the episode's conservative trial had been under
// way for four weeks or more (the shortest trial any policy asks for) is the clinical re-evaluation payers ask for
// (UHC: "trial ... with clinical re-evaluation"), whatever the visit was coded as. A visit earlier in the trial is
// part of it, not its re-evaluation.
import { addDays } from './dates.ts';
import { isForEpisode, judgeCourse, judgeVisit, type Episode } from './episode.ts';
import type { EvaluationFact, Fact, TherapyFact, TherapyModality } from './fact.ts';

const CONSERVATIVE: ReadonlySet<TherapyModality> = new Set([
  'physical_therapy',
  'home_exercise',
  'chiropractic',
  'activity_modification',
  'nsaid',
  'acetaminophen',
  'muscle_relaxant',
  'oral_steroid',
  'neuropathic_agent',
  'epidural_steroid_injection',
  'topical_corticosteroid',
  'topical_calcineurin_inhibitor',
  'phototherapy',
  'methotrexate',
  'cyclosporine',
]);

const MIN_TRIAL_DAYS = 28;

export interface NotCounted {
  fact: TherapyFact | EvaluationFact;
  why: string;
}

export interface EpisodeEvidence {
  episode: Episode;
  /** Therapy courses that count for the episode. */
  courses: TherapyFact[];
  /** Evaluations that count for it: its visits, the re-evaluations among them derived, and the other evaluations. */
  evaluations: EvaluationFact[];
  notCounted: NotCounted[];
  /** Counted courses that state no reason: they count because they fall inside the window. */
  unstated: TherapyFact[];
}

const isVisit = (fact: EvaluationFact): boolean => fact.type === 'in_person_visit' || fact.type === 're_evaluation';

export function episodeEvidence(facts: readonly Fact[], episode: Episode): EpisodeEvidence {
  const courses: TherapyFact[] = [];
  const unstated: TherapyFact[] = [];
  const candidates: EvaluationFact[] = [];
  const evaluations: EvaluationFact[] = [];
  const notCounted: NotCounted[] = [];
  // The days on which a note or a Condition names the complaint: a visit that day addressed it.
  const complaintDays = new Set<string>();
  for (const fact of facts) {
    if (fact.kind === 'therapy') {
      const verdict = judgeCourse(episode, fact);
      if (!verdict.counts) notCounted.push({ fact, why: verdict.why });
      else {
        courses.push(fact);
        if (verdict.unstated) unstated.push(fact);
      }
    } else if (fact.kind === 'evaluation') {
      if (!isVisit(fact)) evaluations.push(fact);
      else {
        const verdict = judgeVisit(episode, fact);
        if (verdict.counts) candidates.push(fact);
        else notCounted.push({ fact, why: verdict.why });
      }
    } else if (fact.kind === 'condition' && fact.assertion === 'affirmed' && fact.date !== undefined) {
      if (isForEpisode(episode, { display: fact.display, icd10: fact.icd10 })) complaintDays.add(fact.date);
    }
  }
  restatedCourses(courses, unstated, notCounted);
  const trialStart = courses
    .filter((c) => c.assertion === 'affirmed' && CONSERVATIVE.has(c.modality))
    .flatMap((c) => (c.start ? [c.start] : []))
    .sort()
    .at(0);
  for (const visit of candidates) {
    const verdict = asReEvaluation(visit, episode, trialStart, complaintDays);
    evaluations.push(...verdict.evaluations);
    if (verdict.why !== undefined) notCounted.push({ fact: visit, why: verdict.why });
  }
  return { episode, courses, evaluations, notCounted, unstated };
}

/**
 * "Failed extensive conservative care - 8 weeks of formal PT" in a letter, where the record dates those 8 weeks of PT
 * to an earlier episode: an undated course of the same therapy and the same length as one that did not count is
 * that course told again, not a second one. It does not count either.
 */
function restatedCourses(courses: TherapyFact[], unstated: TherapyFact[], notCounted: NotCounted[]): void {
  const earlier = [
    ...notCounted.flatMap((n) => (n.fact.kind === 'therapy' ? [n.fact] : [])),
    ...courses.filter((c) => c.assertion === 'historical'),
  ].filter((c) => c.durationWeeks !== undefined);
  for (let i = courses.length - 1; i >= 0; i--) {
    const course = courses[i];
    if (course?.assertion !== 'affirmed' || course.start !== undefined || course.durationWeeks === undefined) continue;
    const told = earlier.find((e) => e.modality === course.modality && e.durationWeeks === course.durationWeeks);
    if (told === undefined) continue;
    courses.splice(i, 1);
    const u = unstated.indexOf(course);
    if (u >= 0) unstated.splice(u, 1);
    const when = told.start ?? told.date;
    notCounted.push({
      fact: course,
      why: `the same ${String(told.durationWeeks)} weeks told again${when ? ` (${when})` : ''}`,
    });
  }
}

/**
 * A visit of the episode as the evaluations it stands for: a follow-up before the trial began is a plain visit; a
 * visit for this complaint four weeks or more into the trial is also its re-evaluation. `why` says what it is not.
 */
function asReEvaluation(
  visit: EvaluationFact,
  episode: Episode,
  trialStart: string | undefined,
  complaintDays: ReadonlySet<string>,
): { evaluations: EvaluationFact[]; why?: string } {
  const date = visit.date;
  if (trialStart === undefined || date === undefined) return { evaluations: [visit] };
  if (visit.type === 're_evaluation') {
    if (date >= trialStart) return { evaluations: [visit] };
    const why = `a follow-up before this episode's trial began (${trialStart})`;
    return { evaluations: [{ ...visit, type: 'in_person_visit' }], why };
  }
  if (date < addDays(trialStart, MIN_TRIAL_DAYS) || visit.assertion !== 'affirmed') return { evaluations: [visit] };
  const forComplaint = (visit.reasons ?? []).some((r) => isForEpisode(episode, r)) || complaintDays.has(date);
  if (!forComplaint) {
    return { evaluations: [visit], why: 'no stated reason, and no note of that visit names the complaint' };
  }
  const text = `${visit.source.text} — after the trial began ${trialStart}`;
  return { evaluations: [visit, { ...visit, type: 're_evaluation', source: { ...visit.source, text } }] };
}
