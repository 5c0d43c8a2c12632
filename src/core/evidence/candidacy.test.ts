import { describe, expect, it } from 'vitest';
import { settleCandidacy } from './candidacy.ts';
import type { EvaluationFact, Fact } from './fact.ts';

const evaluation = (
  type: EvaluationFact['type'],
  assertion: EvaluationFact['assertion'],
  date: string,
  start: number,
  refused = false,
  reference = 'DocumentReference/n1',
): EvaluationFact => ({
  kind: 'evaluation',
  type,
  assertion,
  date,
  ...(refused ? { refused } : {}),
  source: { reference, text: 'x', start, end: start + 1 },
});
const assertions = (facts: readonly Fact[]) => facts.map((f) => f.assertion);

describe('settleCandidacy', () => {
  it('a refusal after the discussion of a procedure makes that discussion an option, not candidacy', () => {
    const facts = settleCandidacy([
      evaluation('injection_candidate', 'affirmed', '2026-01-20', 10),
      evaluation('surgical_candidate', 'affirmed', '2026-01-20', 10),
      evaluation('injection_candidate', 'negated', '2026-01-20', 80, true),
    ]);
    expect(assertions(facts)).toEqual(['hypothetical', 'affirmed', 'negated']);
  });

  it('a refusal on an earlier day, or earlier in the same note, leaves the later candidacy standing', () => {
    expect(
      assertions(
        settleCandidacy([
          evaluation('surgical_candidate', 'negated', '2025-11-03', 5, true),
          evaluation('surgical_candidate', 'affirmed', '2026-01-20', 10),
        ]),
      ),
    ).toEqual(['negated', 'affirmed']);
    expect(
      assertions(
        settleCandidacy([
          evaluation('surgical_candidate', 'negated', '2026-01-20', 5, true),
          evaluation('surgical_candidate', 'affirmed', '2026-01-20', 90),
        ]),
      ),
    ).toEqual(['negated', 'affirmed']);
  });

  it("a clinician's 'not a candidate' outranks an earlier visit's candidacy; on the same day both stand", () => {
    const sameDay = [
      evaluation('surgical_candidate', 'affirmed', '2026-01-20', 10),
      evaluation('surgical_candidate', 'negated', '2026-01-20', 80),
    ];
    expect(assertions(settleCandidacy(sameDay))).toEqual(['affirmed', 'negated']);
    const laterConsult = [
      evaluation('injection_candidate', 'affirmed', '2026-05-05', 10),
      evaluation('injection_candidate', 'negated', '2026-06-17', 10, false, 'DocumentReference/consult'),
    ];
    expect(assertions(settleCandidacy(laterConsult))).toEqual(['hypothetical', 'negated']);
  });
});
