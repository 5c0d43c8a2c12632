// Before/after statements of a measure in one sentence, in the ways notes write them.
import { describe, expect, it } from 'vitest';
import { measureChanges, outcomeOfChanges } from './measure-change.ts';

describe('measure changes in a sentence', () => {
  it('reads "from A to B" and arrows, with the baseline first', () => {
    const [pasi] = measureChanges('On cyclosporine her PASI went from 18.4 to 15.0 over twelve weeks.');
    expect(pasi).toMatchObject({ name: 'pasi', before: 18.4, after: 15, outcome: 'failed' });
    const [easi] = measureChanges('EASI 31 -> 7 since the loading dose.');
    expect(easi).toMatchObject({ name: 'easi', before: 31, after: 7, outcome: 'improved' });
    expect(measureChanges('BSA 22% → 20%')[0]).toMatchObject({ name: 'bsa_percent', before: 22, after: 20 });
  });

  it('reads "now B, down from A" and "B (A at baseline)" with the baseline second', () => {
    expect(measureChanges('PASI 11.2, down from 12.0 in March.')[0]).toMatchObject({ before: 12, after: 11.2 });
    expect(measureChanges('EASI 9 (27 at baseline).')[0]).toMatchObject({ before: 27, after: 9 });
  });

  it('reads pain scores out of ten', () => {
    expect(measureChanges('Pain 9/10 to 8/10 after six weeks of therapy.')[0]).toMatchObject({
      name: 'pain_score',
      before: 9,
      after: 8,
      outcome: 'failed',
    });
  });

  it('finds nothing in a sentence with one number or none', () => {
    expect(measureChanges('PASI 14 today.')).toEqual([]);
    expect(measureChanges('Follow up in 4 to 6 weeks.')).toEqual([]);
  });

  it('gives one outcome only when every change agrees', () => {
    expect(outcomeOfChanges(measureChanges('PASI 20 to 18 and BSA 10% to 9%'))).toBe('failed');
    expect(outcomeOfChanges(measureChanges('PASI 20 to 18 and BSA 10% to 1%'))).toBeUndefined();
  });
});
