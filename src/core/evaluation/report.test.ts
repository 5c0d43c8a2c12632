import { describe, expect, it } from 'vitest';
import type { Determination } from '../determination/determination.ts';
import { evaluationReport, type CaseRun } from './report.ts';

const determination = (outcome: Determination['determination'], criteria: Determination['criteria'] = []) =>
  ({ determination: outcome, criteria }) as Determination;

describe('evaluation report', () => {
  const runs: CaseRun[] = [
    { expected: { id: 'a', determination: 'meets', family: 'spine' }, determination: determination('meets') },
    {
      expected: { id: 'b', determination: 'does_not_meet', family: 'spine', reasons: ['PT 2 weeks only'] },
      determination: determination('meets'),
    },
    {
      expected: { id: 'c', determination: 'meets', family: 'mohs' },
      determination: determination('insufficient_documentation', [
        { id: 'size', text: 'Lesion size', status: 'unknown', evidence: [], reason: 'no size documented' },
        { id: 'area', text: 'Area H', status: 'not_met', evidence: [], reason: 'trunk' },
        { id: 'dx', text: 'Diagnosis', status: 'met', evidence: [] },
      ]),
    },
    { expected: { id: 'd', determination: 'insufficient_documentation', family: 'mohs' }, error: 'no order' },
  ];
  const report = evaluationReport(runs);

  it('counts accuracy overall and per family, and errors as misses', () => {
    expect(report).toMatchObject({ total: 4, correct: 1, accuracy: 0.25, errors: 1 });
    expect(report.byFamily).toEqual({
      spine: { total: 2, correct: 1, accuracy: 0.5 },
      mohs: { total: 2, correct: 0, accuracy: 0 },
    });
  });

  it('fills the confusion matrix and names the false meets', () => {
    expect(report.confusion).toEqual({
      meets: { meets: 1, insufficient_documentation: 1 },
      does_not_meet: { meets: 1 },
      insufficient_documentation: { error: 1 },
    });
    expect(report.falseMeets).toEqual(['b']);
  });

  it('shows for each miss the criteria that decided it, not met first, beside the expected reasons', () => {
    const c = report.disagreements.find((d) => d.id === 'c');
    expect(c?.criteria).toEqual([
      { text: 'Area H', status: 'not_met', reason: 'trunk' },
      { text: 'Lesion size', status: 'unknown', reason: 'no size documented' },
    ]);
    expect(report.disagreements.find((d) => d.id === 'b')?.expectedReasons).toEqual(['PT 2 weeks only']);
    expect(report.disagreements.find((d) => d.id === 'd')?.error).toBe('no order');
  });
});
