// "Will proceed with PET/CT if the biopsy confirms in-transit disease": the ordering clinician makes the order wait
// on a result. When the newest documentation says so and nothing newer brings the result, a "meets" would approve
// what the ordering clinician has not yet decided: the case waits for that result instead.
import type { Fact, OrderContingencyFact } from '../evidence/fact.ts';
import type { MissingDocumentation } from './determination.ts';

const DOCUMENTS = /^(?:DocumentReference|Composition|DiagnosticReport)\//;

export function awaitedResult(facts: readonly Fact[]): { missing: MissingDocumentation; warning: string } | undefined {
  const newest = facts
    .filter((f) => DOCUMENTS.test(f.source.reference) && f.date !== undefined)
    .reduce((latest, f) => ((f.date ?? '') > latest ? (f.date ?? '') : latest), '');
  const waiting = facts.find(
    (f): f is OrderContingencyFact =>
      f.kind === 'order_contingency' && f.assertion === 'affirmed' && f.date !== undefined && f.date >= newest,
  );
  if (!waiting) return undefined;
  const quote = waiting.source.text.replace(/\s+/g, ' ').trim();
  return {
    missing: {
      id: 'order-contingency',
      text: `Attach the result the order waits for (${waiting.waitsOn}); the ordering note says: "${quote}"`,
    },
    warning: `The newest note makes the order wait on ${waiting.waitsOn}, which is not on record (${waiting.source.reference})`,
  };
}
