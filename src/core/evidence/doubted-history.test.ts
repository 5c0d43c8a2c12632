// A cancer history the newest word doubts is contested, not settled by an older problem-list code.
import { describe, expect, it } from 'vitest';
import { contestDoubtedHistory } from './doubted-history.ts';
import type { Fact } from './fact.ts';

const history = (assertion: Fact['assertion'], date: string, reference: string, text: string): Fact => ({
  kind: 'red_flag',
  flag: 'cancer_history',
  assertion,
  date,
  source: { reference, text },
});

describe('a doubted cancer history', () => {
  const coded = history('affirmed', '2025-01-14', 'Condition/z85', 'Personal history of malignant melanoma (Z85.820)');

  it('makes an older affirmation uncertain when the newest note calls the history unconfirmed', () => {
    const doubt = history('uncertain', '2026-09-15', 'DocumentReference/n', 'Possible hx of melanoma - unconfirmed.');
    const [contested] = contestDoubtedHistory([coded, doubt]);
    expect(contested).toMatchObject({ assertion: 'uncertain', contestedBy: { reference: 'DocumentReference/n' } });
    const unsure = history(
      'uncertain',
      '2026-09-15',
      'DocumentReference/n',
      'He is not sure whether it was a melanoma.',
    );
    expect(contestDoubtedHistory([coded, unsure])[0]?.assertion).toBe('uncertain');
  });

  it('leaves it when the doubt is of spread, not of the history, or an affirmation is newer', () => {
    const spread = history('uncertain', '2026-09-15', 'DocumentReference/n', 'Concern for osseous metastatic disease.');
    expect(contestDoubtedHistory([coded, spread])[0]?.assertion).toBe('affirmed');
    const old = history('uncertain', '2024-01-01', 'DocumentReference/o', 'Possible hx of melanoma - unconfirmed.');
    expect(contestDoubtedHistory([coded, old])[0]?.assertion).toBe('affirmed');
  });
});
