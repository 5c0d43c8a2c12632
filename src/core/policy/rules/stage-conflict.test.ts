// A stage the record leaves open after stating it: the check the fact kind runs on a matched cancer stage.
import { describe, expect, it } from 'vitest';
import type { CancerFact, Fact } from '../../evidence/fact.ts';
import { stageConflict } from './stage-conflict.ts';

const melanoma = (date: string, extra: Partial<CancerFact>): CancerFact => ({
  kind: 'cancer',
  cancerType: 'melanoma',
  assertion: 'affirmed',
  date,
  source: { reference: `DocumentReference/${date}`, text: 'melanoma' },
  ...extra,
});

describe('a stage the record leaves open', () => {
  const stated = melanoma('2026-04-01', { stage: 'IIB' });
  const met = { status: 'met' as const, evidence: [] };

  it('is unknown when a note as new as the stage leaves it open, even one awaiting a report', () => {
    const awaited = melanoma('2026-10-05', { stageOpen: ['IIA', 'IIB'], assertion: 'hypothetical' });
    const facts: Fact[] = [stated, awaited];
    expect(stageConflict(met, [stated], facts)?.status).toBe('unknown');
  });

  it('stands when the open question came before the stage was settled', () => {
    const earlier = melanoma('2026-03-01', { stageOpen: ['IIA', 'IIB'], assertion: 'uncertain' });
    expect(stageConflict(met, [stated], [stated, earlier])).toBeUndefined();
  });
});
