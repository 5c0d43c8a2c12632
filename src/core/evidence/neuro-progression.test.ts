// A progressive deficit computed from graded strength at successive examinations.
import { describe, expect, it } from 'vitest';
import type { Fact } from './fact.ts';
import { progressiveDeficits, settledProgressions } from './neuro-progression.ts';

const graded = (grade: string, date: string): Fact => ({
  kind: 'neuro_finding',
  finding: 'motor_weakness',
  side: 'right',
  grade,
  assertion: 'affirmed',
  date,
  source: { reference: `Observation/${date}`, text: `Right ankle dorsiflexion strength: ${grade}` },
});
const flags = (facts: Fact[]) => progressiveDeficits(facts).filter((f) => f.kind === 'red_flag');

describe('progressive deficit from grades', () => {
  it('flags the same side graded lower at a later examination, citing both grades', () => {
    const [flag] = flags([graded('4/5', '2026-01-27'), graded('3/5', '2026-02-17')]);
    expect(flag).toMatchObject({ flag: 'progressive_neurological_deficit', assertion: 'affirmed', date: '2026-02-17' });
    expect(flag?.source.text).toMatch(/graded 4\/5 on 2026-01-27, 3\/5 on 2026-02-17/);
  });

  it('does not flag a stable or improving grade', () => {
    expect(flags([graded('4/5', '2026-01-27'), graded('4/5', '2026-02-17')])).toEqual([]);
    expect(flags([graded('3/5', '2026-01-27'), graded('4+/5', '2026-02-17')])).toEqual([]);
  });

  it('does not flag a worsening a later examination finds recovered', () => {
    const normal: Fact = { ...graded('5/5', '2026-04-28'), assertion: 'negated' };
    expect(flags([graded('4/5', '2025-11-04'), graded('3/5', '2025-11-12'), normal])).toEqual([]);
    expect(flags([graded('4/5', '2025-11-04'), graded('3/5', '2025-11-12'), graded('5/5', '2026-04-28')])).toEqual([]);
  });
});

describe('a progression the newest course says has stopped', () => {
  const progression = (date: string): Fact => ({
    kind: 'red_flag',
    flag: 'progressive_neurological_deficit',
    assertion: 'affirmed',
    date,
    source: {
      reference: 'DocumentReference/n1',
      text: 'Since spring 2025 progressive L leg numbness and new weakness.',
    },
  });
  const course = (trend: 'unchanged' | 'progressive', date: string): Fact => ({
    kind: 'symptom_course',
    trend,
    assertion: 'affirmed',
    date,
    source: { reference: 'DocumentReference/n2', text: 'Back/leg about the same as last year.' },
  });
  const flagOf = (facts: Fact[]) => settledProgressions(facts).find((f) => f.kind === 'red_flag')?.assertion;

  it('is history when a newer note says the course is unchanged, and stands otherwise', () => {
    expect(flagOf([progression('2025-06-11'), course('unchanged', '2026-04-28')])).toBe('historical');
    expect(flagOf([progression('2025-06-11'), course('progressive', '2026-04-28')])).toBe('affirmed');
    expect(flagOf([course('unchanged', '2025-01-10'), progression('2025-06-11')])).toBe('affirmed');
  });
});
