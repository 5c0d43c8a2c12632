// A deficit that progresses, computed from the grades themselves: the same side's strength graded lower at a later
// examination ("R tibialis anterior 4/5 on 01/27, 3/5 on 02/17") is a progressive neurological deficit, a red flag
// that waives a conservative trial, whether or not any sentence says "progressive".
import { compareIsoDates } from './dates.ts';
import type { Fact, NeuroFindingFact, RedFlagFact } from './fact.ts';

/** MRC grade as a number: "4/5" 4, "4+/5" 4.3, "4-/5" 3.7. */
function gradeValue(grade: string | undefined): number | undefined {
  const m = /^([0-5])([+-]?)\/5$/.exec(grade ?? '');
  if (!m?.[1]) return undefined;
  return Number(m[1]) + (m[2] === '+' ? 0.3 : m[2] === '-' ? -0.3 : 0);
}

export function progressiveDeficits(facts: readonly Fact[]): Fact[] {
  const graded = facts.filter(
    (f): f is NeuroFindingFact =>
      f.kind === 'neuro_finding' &&
      f.finding === 'motor_weakness' &&
      f.assertion === 'affirmed' &&
      f.date !== undefined &&
      gradeValue(f.grade) !== undefined,
  );
  const bySide = new Map<string, NeuroFindingFact[]>();
  for (const f of graded) {
    const key = `${f.side ?? ''}|${f.level ?? ''}`;
    bySide.set(key, [...(bySide.get(key) ?? []), f]);
  }
  for (const group of bySide.values()) {
    const sorted = [...group].sort((a, b) => compareIsoDates(a.date ?? '', b.date ?? ''));
    const first = sorted[0];
    const worse = sorted.find(
      (f) =>
        first !== undefined &&
        (f.date ?? '') > (first.date ?? '') &&
        (gradeValue(f.grade) ?? 5) < (gradeValue(first.grade) ?? 0),
    );
    if (!first || !worse) continue;
    // "Exam normal today, strength 5/5" after the worsening: the deficit has recovered and is no red flag now.
    const recovered = facts.some(
      (f) =>
        f.kind === 'neuro_finding' &&
        f.finding === 'motor_weakness' &&
        (f.date ?? '') > (worse.date ?? '') &&
        (f.side === undefined || f.side === 'bilateral' || f.side === worse.side) &&
        (f.assertion === 'negated' || (gradeValue(f.grade) ?? 0) >= 5),
    );
    if (recovered) continue;
    // One flag says it: the first side found to worsen is cited.
    const flag: RedFlagFact = {
      kind: 'red_flag',
      flag: 'progressive_neurological_deficit',
      assertion: 'affirmed',
      ...(worse.date ? { date: worse.date } : {}),
      source: {
        ...worse.source,
        text: `${worse.source.text} (graded ${first.grade ?? '?'} on ${first.date ?? '?'}, ${worse.grade ?? '?'} on ${worse.date ?? '?'})`,
      },
    };
    return [...facts, flag];
  }
  return [...facts];
}
