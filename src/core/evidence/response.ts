// What a change in a severity measure means for the treatment given in between: computed, never pattern-matched.
// Every measure here is "lower is better", so the relative improvement is (before − after) / before. The thresholds
// are the conventional ones: PASI/EASI-50 is the least response a biologic step counts as adequate (PASI-75 the
// usual goal), a 30 % fall in pain or disability is the smallest change patients notice (IMMPACT), and below a
// quarter's improvement no prescriber calls a skin score "a response".
import type { MeasureName } from './fact.ts';

export interface ResponseThresholds {
  /** Below this relative improvement (%) the course is an inadequate response (a step therapy failed). */
  inadequateBelow: number;
  /** From this relative improvement (%) the course worked (not a failure of the step). */
  respondedAt: number;
  /** The least relative improvement (%) that is a response at all (a renewal's "documented response"). */
  meaningfulAt: number;
}

export const RESPONSE_THRESHOLDS: Readonly<Partial<Record<MeasureName, ResponseThresholds>>> = {
  pasi: { inadequateBelow: 50, respondedAt: 75, meaningfulAt: 25 },
  easi: { inadequateBelow: 50, respondedAt: 75, meaningfulAt: 25 },
  bsa_percent: { inadequateBelow: 50, respondedAt: 75, meaningfulAt: 25 },
  iga: { inadequateBelow: 50, respondedAt: 50, meaningfulAt: 25 },
  dlqi: { inadequateBelow: 25, respondedAt: 50, meaningfulAt: 25 },
  pain_score: { inadequateBelow: 30, respondedAt: 30, meaningfulAt: 30 },
  odi: { inadequateBelow: 30, respondedAt: 30, meaningfulAt: 30 },
};

/** Relative improvement in percent (negative when worse), or undefined when there is no baseline to divide by. */
export function relativeImprovement(before: number, after: number): number | undefined {
  if (!(before > 0)) return undefined;
  return Math.round(((before - after) / before) * 1000) / 10;
}

/** The course's outcome read from the measure: failed (inadequate response), improved, or undecided in between. */
export function judgeChange(name: MeasureName, before: number, after: number): 'failed' | 'improved' | undefined {
  const limits = RESPONSE_THRESHOLDS[name];
  const percent = relativeImprovement(before, after);
  if (!limits || percent === undefined) return undefined;
  if (percent < limits.inadequateBelow) return 'failed';
  if (percent >= limits.respondedAt) return 'improved';
  return undefined;
}
