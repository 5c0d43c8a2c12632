// A note that claims a motor deficit in its history or assessment while its own examination records normal
// strength establishes neither: both become uncertain, and each names the other.
import { describe, expect, it } from 'vitest';
import { contestDeficits } from './contested-findings.ts';
import type { Fact } from './fact.ts';
import { extractNoteFacts } from './notes/index.ts';

function facts(text: string): Fact[] {
  return contestDeficits(
    extractNoteFacts({ reference: 'DocumentReference/n1', date: '2026-04-10', contentType: 'text/plain', text }),
  );
}

const motor = (all: Fact[]) =>
  all.filter(
    (f) =>
      (f.kind === 'neuro_finding' && f.finding === 'motor_weakness') ||
      (f.kind === 'red_flag' && f.flag === 'progressive_neurological_deficit'),
  );

describe('contested deficits', () => {
  it('a history of new weakness against a normal examination of the same note: both uncertain', () => {
    const all = facts(
      'HPI: for a week his left foot drags and he catches his toes; worsening weakness of the left ankle.\n' +
        'Exam:\nMotor: strength 5/5 throughout both lower extremities.\n' +
        'Assessment: left L5 radiculopathy with progressive weakness.',
    );
    const found = motor(all);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.assertion === 'uncertain')).toBe(true);
    expect(found.every((f) => f.contestedBy?.reference === 'DocumentReference/n1')).toBe(true);
  });

  it('an examination that records the deficit settles it', () => {
    const all = facts(
      'HPI: left foot drop for a week.\nExam:\nMotor: left EHL 3/5, left ankle dorsiflexion 3/5; right side 5/5.\n' +
        'Assessment: left L5 radiculopathy with progressive weakness.',
    );
    expect(motor(all).some((f) => f.assertion === 'affirmed')).toBe(true);
    expect(motor(all).some((f) => f.contestedBy !== undefined)).toBe(false);
  });

  it('normal strength on the other side does not contest a one-sided deficit', () => {
    const contested = contestDeficits([
      {
        kind: 'neuro_finding',
        finding: 'motor_weakness',
        side: 'right',
        assertion: 'affirmed',
        source: { reference: 'DocumentReference/n2', text: 'right foot weakness', section: 'hpi' },
      },
      {
        kind: 'neuro_finding',
        finding: 'motor_weakness',
        side: 'left',
        assertion: 'negated',
        source: { reference: 'DocumentReference/n2', text: 'left leg strength normal', section: 'exam' },
      },
    ]);
    expect(contested.map((f) => f.assertion)).toEqual(['affirmed', 'negated']);
  });
});
