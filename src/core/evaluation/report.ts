// Scoring a folder of cases with expected determinations (`klivira eval`): accuracy, the confusion matrix, the false
// meets (the error a practice cannot afford: Klivira says a request meets a policy it does not meet, or that cannot
// be judged on the record) and, for each miss, the criteria that decided Klivira's answer beside the expected reasons.
import type { Determination, DeterminationOutcome } from '../determination/determination.ts';

export const OUTCOMES = ['meets', 'does_not_meet', 'insufficient_documentation', 'not_required', 'no_policy'] as const;

/** What a case file says the answer should be. */
export interface ExpectedOutcome {
  id: string;
  determination: DeterminationOutcome;
  /** A grouping to report by (a clinical family, a payer). */
  family?: string;
  reasons?: string[];
}

export type CaseRun =
  | { expected: ExpectedOutcome; determination: Determination }
  /** The case could not be determined (invalid bundle, no order): counted as a miss. */
  | { expected: ExpectedOutcome; error: string };

export interface Disagreement {
  id: string;
  family?: string;
  expected: DeterminationOutcome;
  actual: DeterminationOutcome | 'error';
  expectedReasons: string[];
  /** The criteria behind Klivira's answer: those not met, then those unknown, with the reason each gave. */
  criteria: { text: string; status: 'not_met' | 'unknown'; reason: string }[];
  error?: string;
}

export interface Tally {
  total: number;
  correct: number;
  accuracy: number;
}

export interface EvaluationReport extends Tally {
  errors: number;
  /** Cases Klivira called `meets` whose expected answer is anything else. */
  falseMeets: string[];
  /** expected → actual → count. */
  confusion: Record<string, Record<string, number>>;
  byFamily: Record<string, Tally>;
  disagreements: Disagreement[];
}

const tally = (total: number, correct: number): Tally => ({
  total,
  correct,
  accuracy: total === 0 ? 0 : correct / total,
});

/** The decisive criteria of a determination: leaves not met first, then unknown (nested groups flattened). */
function decisive(determination: Determination): Disagreement['criteria'] {
  const found: Disagreement['criteria'] = [];
  for (const status of ['not_met', 'unknown'] as const) {
    for (const criterion of determination.criteria) {
      if (criterion.status === status) found.push({ text: criterion.text, status, reason: criterion.reason ?? '' });
    }
  }
  return found;
}

export function evaluationReport(runs: readonly CaseRun[]): EvaluationReport {
  const confusion: Record<string, Record<string, number>> = {};
  const families = new Map<string, { total: number; correct: number }>();
  const disagreements: Disagreement[] = [];
  const falseMeets: string[] = [];
  let correct = 0;
  let errors = 0;
  for (const run of runs) {
    const { expected } = run;
    const actual = 'error' in run ? 'error' : run.determination.determination;
    const row = (confusion[expected.determination] ??= {});
    row[actual] = (row[actual] ?? 0) + 1;
    const right = actual === expected.determination;
    if (right) correct += 1;
    if ('error' in run) errors += 1;
    if (actual === 'meets' && !right) falseMeets.push(expected.id);
    const family = families.get(expected.family ?? '') ?? { total: 0, correct: 0 };
    family.total += 1;
    if (right) family.correct += 1;
    families.set(expected.family ?? '', family);
    if (!right) {
      disagreements.push({
        id: expected.id,
        ...(expected.family ? { family: expected.family } : {}),
        expected: expected.determination,
        actual,
        expectedReasons: expected.reasons ?? [],
        criteria: 'error' in run ? [] : decisive(run.determination),
        ...('error' in run ? { error: run.error } : {}),
      });
    }
  }
  return {
    ...tally(runs.length, correct),
    errors,
    falseMeets,
    confusion,
    byFamily: Object.fromEntries(
      [...families].filter(([name]) => name !== '').map(([name, t]) => [name, tally(t.total, t.correct)]),
    ),
    disagreements,
  };
}
