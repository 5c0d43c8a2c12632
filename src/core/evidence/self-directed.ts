// Who directed a course the narrative leaves unsaid. A letter's "NSAIDs since early December" names no prescriber,
// but when the record also holds a self-directed course of that class starting the same week ("OTC ibuprofen from
// 12/02", "took Advil on my own since it started"), the two are one course, and it was the patient's own: conservative
// care that a payer asks to be provider-directed does not count it. With a provider-directed course of the class
// starting that week too, which one the narrative means is open, and it is left as it is.
import { daysBetween } from './dates.ts';
import type { Fact, TherapyFact } from './fact.ts';

const SAME_COURSE_DAYS = 7;
const OVER_THE_COUNTER = /\b(?:OTC|over[- ]the[- ]counter|non-?prescription)\b/i;

/** Self-direction the record states: a note says so, or the coded drug is over the counter. A MedicationStatement
 * is not provider-directed by default, which says nothing about who directed it. */
function statedSelfDirected(fact: TherapyFact): boolean {
  if (fact.providerDirected !== false) return false;
  const type = fact.source.reference.split('/')[0];
  return type === 'DocumentReference' || type === 'Composition' || OVER_THE_COUNTER.test(fact.source.text);
}

export function inheritSelfDirection(facts: readonly Fact[]): Fact[] {
  const dated = facts.filter(
    (f): f is TherapyFact & { start: string } =>
      f.kind === 'therapy' && f.assertion === 'affirmed' && f.start !== undefined && f.providerDirected !== undefined,
  );
  if (!dated.some(statedSelfDirected)) return [...facts];
  return facts.map((fact) => {
    if (fact.kind !== 'therapy' || fact.assertion !== 'affirmed' || fact.start === undefined) return fact;
    if (fact.providerDirected !== undefined) return fact;
    const start = fact.start;
    const sameWeek = dated.filter(
      (d) =>
        d !== fact &&
        d.modality === fact.modality &&
        (fact.agent === undefined || d.agent === undefined || d.agent === fact.agent) &&
        Math.abs(daysBetween(d.start, start)) <= SAME_COURSE_DAYS,
    );
    return sameWeek.length > 0 && sameWeek.every(statedSelfDirected) ? { ...fact, providerDirected: false } : fact;
  });
}
