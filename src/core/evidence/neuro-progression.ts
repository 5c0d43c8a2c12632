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

/**
 * "Since spring 2025 progressive L leg numbness" (a 2025 note, carried into today's) and today's "about the same as
 * last year, maybe a little better": a progression the newest course says has stopped is the earlier course. Its red
 * flag is history, not a deficit progressing now.
 */
export function settledProgressions(facts: readonly Fact[]): Fact[] {
  const progressing = new Set(
    facts.filter(
      (f): f is RedFlagFact =>
        f.kind === 'red_flag' && f.flag === 'progressive_neurological_deficit' && f.assertion === 'affirmed',
    ),
  );
  const lastProgression = [...progressing].reduce((d, f) => ((f.date ?? '') > d ? (f.date ?? '') : d), '');
  if (lastProgression === '') return [...facts];
  const settled = facts.some(
    (f) =>
      f.kind === 'symptom_course' &&
      f.assertion === 'affirmed' &&
      f.copiedFrom === undefined &&
      (f.trend === 'unchanged' || f.trend === 'improving' || f.trend === 'resolved') &&
      (f.date ?? '') > lastProgression,
  );
  if (!settled) return [...facts];
  return facts.map((f) => (progressing.has(f as RedFlagFact) ? { ...f, assertion: 'historical' } : f));
}
