// A "meets" never stands while the newest note makes the order wait on a result (order-contingency.ts).
import { describe, expect, it } from 'vitest';
import type { Fact } from '../evidence/fact.ts';
import { awaitedResult } from './order-contingency.ts';

const waiting = (date: string): Fact => ({
  kind: 'order_contingency',
  waitsOn: 'biopsy',
  assertion: 'affirmed',
  date,
  source: { reference: 'DocumentReference/plan', text: 'PET/CT only if the biopsy confirms in-transit disease.' },
});
const pathology = (date: string): Fact => ({
  kind: 'cancer',
  cancerType: 'melanoma',
  assertion: 'affirmed',
  date,
  source: { reference: 'DiagnosticReport/path', text: 'In-transit metastatic melanoma.' },
});

describe('the result an order waits on', () => {
  it('holds the case when the newest documentation says the order waits on it', () => {
    const held = awaitedResult([pathology('2026-05-01'), waiting('2026-06-01')]);
    expect(held?.missing.text).toContain('biopsy');
    expect(held?.missing.text).toContain('PET/CT only if the biopsy confirms');
  });

  it('lets go once a newer document brings the result', () => {
    expect(awaitedResult([waiting('2026-06-01'), pathology('2026-06-04')])).toBeUndefined();
  });
});
