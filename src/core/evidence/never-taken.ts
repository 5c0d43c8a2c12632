// An order the patient never took. A MedicationRequest is an order: coded, it reads as a course (one fill assumed).
// When a note says the drug was never filled or used ("never picked it up, so he has NOT used it"), that order held
// no course: it is set aside as a plan, so that neither its length nor an outcome stated about it counts as a trial.
import type { Fact, TherapyFact } from './fact.ts';

export function setAsideUntakenOrders(facts: readonly Fact[]): Fact[] {
  const untaken = facts.filter(
    (f): f is TherapyFact & { agent: string } => f.kind === 'therapy' && f.neverTaken === true && f.agent !== undefined,
  );
  if (untaken.length === 0) return [...facts];
  return facts.map((fact) =>
    fact.kind === 'therapy' &&
    fact.assertion === 'affirmed' &&
    fact.source.reference.startsWith('MedicationRequest/') &&
    untaken.some((u) => u.agent === fact.agent && (fact.start ?? '') <= (u.date ?? '9999'))
      ? { ...fact, assertion: 'hypothetical' }
      : fact,
  );
}
