// A value restated from another record: the assessment of a June 2026 visit says "Outside BSA 12%.", and the outside
// summary dates that 12 % to February 2025. A measurement the sentence attributes to outside records, the referral or an
// earlier visit, with no date of its own, is the earlier measurement of that value, dated as it was taken, so that a
// severity threshold is not met on a figure from another flare.
import type { Fact, MeasurementFact } from './fact.ts';

const ATTRIBUTED =
  /\b(?:outside|per (?:the )?(?:outside |prior |previous )?(?:records?|referral|referring (?:provider|physician|note)|derm(?:atologist)?)|from (?:the )?(?:referral|outside records?)|previously|prior (?:visit|exam|note))\b/i;

export function restatedMeasures(facts: readonly Fact[]): Fact[] {
  const measured = facts.filter((f): f is MeasurementFact => f.kind === 'measurement' && f.date !== undefined);
  return facts.map((f) => {
    if (
      f.kind !== 'measurement' ||
      f.date === undefined ||
      !f.source.reference.startsWith('DocumentReference/') ||
      !ATTRIBUTED.test(f.source.text)
    )
      return f;
    const earlier = measured
      .filter((m) => m !== f && m.name === f.name && m.value === f.value && (m.date ?? '') < (f.date ?? ''))
      .map((m) => m.date ?? '')
      .sort()
      .at(-1);
    return earlier === undefined ? f : { ...f, date: earlier };
  });
}
