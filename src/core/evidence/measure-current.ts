// The current value of a measure stated as a change: "EASI improved from 26 to 6" is an EASI of 6 today, not 26. The
// note extractor reads the first number after the measure's name; a sentence's before/after statement
// (notes/measure-change.ts) corrects it, so that a severity threshold is never met on a value the patient no longer has.
import type { Fact, MeasurementFact } from './fact.ts';
import { measureChanges } from './notes/measure-change.ts';

export function currentMeasures(facts: readonly Fact[]): Fact[] {
  return facts.map((f) => {
    if (f.kind !== 'measurement' || f.source.start === undefined) return f;
    const change = measureChanges(f.source.text).find((c) => c.name === f.name && c.before === f.value);
    if (!change || change.after === change.before) return f;
    const current: MeasurementFact = { ...f, value: change.after };
    return current;
  });
}
