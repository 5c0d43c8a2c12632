// An order the patient never took. A MedicationRequest is an order: coded, it reads as a course (one fill assumed).
// When a note says the drug was never filled or used ("never picked it up, so he has NOT used it"), that order held
// no course: it is set aside as a plan, so that neither its length nor an outcome stated about it counts as a trial.
// So is a note's bare mention before it ("referred for NB-UVB 3x/wk", then "never started phototherapy").
import type { Fact, TherapyFact } from './fact.ts';

/** The statement is about this drug: the same agent, or for a therapy named by its kind (phototherapy), the kind. */
const sameTherapy = (untaken: TherapyFact, fact: TherapyFact): boolean =>
  untaken.agent !== undefined ? fact.agent === untaken.agent : fact.modality === untaken.modality;

/** A note's mention that tells no length, dates or result ("referred for NB-UVB 3x/wk"): a plan as much as a course. */
const bareMention = (fact: TherapyFact): boolean =>
  fact.source.start !== undefined &&
  fact.outcome === undefined &&
  fact.durationWeeks === undefined &&
  fact.start === undefined;

export function setAsideUntakenOrders(facts: readonly Fact[]): Fact[] {
  const untaken = facts.filter((f): f is TherapyFact => f.kind === 'therapy' && f.neverTaken === true);
  if (untaken.length === 0) return [...facts];
  return facts.map((fact) =>
    fact.kind === 'therapy' &&
    fact.assertion === 'affirmed' &&
    (fact.source.reference.startsWith('MedicationRequest/') || bareMention(fact)) &&
    untaken.some((u) => sameTherapy(u, fact) && (fact.start ?? fact.date ?? '') <= (u.date ?? '9999'))
      ? { ...fact, assertion: 'hypothetical' }
      : fact,
  );
}
