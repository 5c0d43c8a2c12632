// A cancer on the record that the newest clinician word denies for the patient's whole life, naming the error.
import { describe, expect, it } from 'vitest';
import type { CancerFact, Fact } from './fact.ts';
import { refuteCorrectedFlags, refuteDeniedDiagnoses } from './refuted-diagnosis.ts';

const melanoma = (
  assertion: Fact['assertion'],
  date: string,
  text: string,
  reference = 'DocumentReference/n',
): CancerFact => ({
  kind: 'cancer',
  cancerType: 'melanoma',
  assertion,
  date,
  source: { reference, text },
});
const coded = melanoma('affirmed', '2025-11-12', 'Condition: Melanoma of trunk (C43.59)', 'Condition/c1');

describe('a cancer the newest word refutes', () => {
  it('is negated when a later note denies it and names the record’s error', () => {
    const denial = melanoma(
      'negated',
      '2026-02-26',
      'Problem list review: Melanoma of trunk (C43.59) - entered from intake form; PT HAS NEVER HAD MELANOMA - this reflects family hx (sister).',
    );
    const read = refuteDeniedDiagnoses([coded, denial]);
    expect(read.filter((f) => f.kind === 'cancer').map((f) => f.assertion)).toEqual(['negated', 'negated']);
  });

  it('stands against a first-time remark, a denial naming no error, or a later affirmation', () => {
    const first = melanoma('negated', '2026-06-23', 'She has never had melanoma before.');
    expect(refuteDeniedDiagnoses([coded, first])[0]?.assertion).toBe('affirmed');
    const bare = melanoma('negated', '2026-06-23', 'She has never had melanoma.');
    expect(refuteDeniedDiagnoses([coded, bare])[0]?.assertion).toBe('affirmed');
    const earlier = melanoma(
      'negated',
      '2025-10-01',
      'Never diagnosed w/ melanoma - the intake checkbox was her mother’s.',
    );
    expect(refuteDeniedDiagnoses([coded, earlier])[0]?.assertion).toBe('affirmed');
  });
});

describe('a coded red flag the newest note corrects', () => {
  const flag = (assertion: Fact['assertion'], date: string, text: string, reference: string): Fact => ({
    kind: 'red_flag',
    flag: 'chronic_steroid_use',
    assertion,
    date,
    source: { reference, text },
  });
  const coded = flag(
    'affirmed',
    '2026-06-20',
    'Long term (current) use of systemic steroids (Z79.52)',
    'Condition/z79',
  );

  it('is absent when the note says the entry is not correct, or names what it really is', () => {
    const corrections = [
      'Regarding steroids, the problem list says long term steroid use, that is not correct.',
      'Osteopenia (not osteoporosis) on outside DEXA.',
    ];
    for (const text of corrections) {
      const corrected = flag('negated', '2026-08-29', text, 'DocumentReference/n');
      expect(refuteCorrectedFlags([coded, corrected])[0]?.assertion).toBe('negated');
    }
  });

  it('stands against a plain denial that corrects no entry', () => {
    const denied = flag('negated', '2026-08-29', 'Not on chronic steroids.', 'DocumentReference/n');
    expect(refuteCorrectedFlags([coded, denied])[0]?.assertion).toBe('affirmed');
  });
});
