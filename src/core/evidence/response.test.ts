// The before/after arithmetic of a severity measure and what it means for the course given in between.
import { describe, expect, it } from 'vitest';
import { judgeChange, relativeImprovement } from './response.ts';

describe('measure response', () => {
  it('computes the relative improvement, negative when worse, none without a baseline', () => {
    expect(relativeImprovement(20, 5)).toBe(75);
    expect(relativeImprovement(10, 12)).toBe(-20);
    expect(relativeImprovement(0, 3)).toBeUndefined();
  });

  it('reads a PASI or EASI fall under 50 % as an inadequate response, 75 % or more as a response', () => {
    expect(judgeChange('pasi', 20, 17)).toBe('failed');
    expect(judgeChange('easi', 30, 6)).toBe('improved');
    // Between PASI-50 and PASI-75 the numbers alone do not decide.
    expect(judgeChange('pasi', 20, 8)).toBeUndefined();
  });

  it('reads pain by the 30 % change patients notice', () => {
    expect(judgeChange('pain_score', 8, 7)).toBe('failed');
    expect(judgeChange('pain_score', 8, 4)).toBe('improved');
  });

  it('gives no verdict for a measure without thresholds', () => {
    expect(judgeChange('ldh', 400, 200)).toBeUndefined();
  });
});
