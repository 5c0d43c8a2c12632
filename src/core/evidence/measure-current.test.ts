// A measure stated as a change is read at its current value.
import { describe, expect, it } from 'vitest';
import type { MeasurementFact } from './fact.ts';
import { currentMeasures } from './measure-current.ts';

const measured = (name: MeasurementFact['name'], value: number, text: string): MeasurementFact => ({
  kind: 'measurement',
  name,
  value,
  unit: '{score}',
  assertion: 'affirmed',
  date: '2026-03-01',
  source: { reference: 'DocumentReference/n', text, start: 0, end: text.length },
});

describe('current measures', () => {
  it('takes the value after the change', () => {
    const [fact] = currentMeasures([measured('easi', 31, 'EASI improved from 31 to 5.5 on therapy.')]);
    expect(fact).toMatchObject({ value: 5.5 });
  });

  it('leaves a plain value and a coded one alone', () => {
    const plain = measured('pasi', 12, 'PASI 12 today.');
    const coded: MeasurementFact = {
      ...measured('pasi', 12, 'PASI 12 to 3'),
      source: { reference: 'Observation/o', text: 'PASI 12 to 3' },
    };
    expect(currentMeasures([plain, coded])).toEqual([plain, coded]);
  });
});
