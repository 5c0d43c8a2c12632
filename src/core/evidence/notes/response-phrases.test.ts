// The hedged ways notes state an inadequate response, read through the note extractor (ConText applies).
import { describe, expect, it } from 'vitest';
import type { TherapyFact } from '../fact.ts';
import { extractNoteFacts } from './index.ts';
import { INADEQUATE_RESPONSE } from './response-phrases.ts';

const therapies = (text: string): TherapyFact[] =>
  extractNoteFacts({ reference: 'DocumentReference/n1', date: '2026-02-01', contentType: 'text/plain', text }).filter(
    (f): f is TherapyFact => f.kind === 'therapy',
  );

describe('inadequate response phrases', () => {
  it('matches the hedged phrasings', () => {
    for (const phrase of [
      'no meaningful change',
      'without adequate control',
      'minimal to no response',
      'not adequately controlled',
      'suboptimal response',
      'stopped working',
      'continues to flare',
      'it wasnt doing much',
      'was not doing anything',
      'did nothing',
      "didn't do much",
    ])
      expect(INADEQUATE_RESPONSE.test(phrase), phrase).toBe(true);
    expect(INADEQUATE_RESPONSE.test('meaningful improvement')).toBe(false);
  });

  it('reads "getting worse not better" and a length before a class split over lines', () => {
    expect(
      therapies(
        "I've been using the betamethasone twice a day every day since November and it's getting worse not better.",
      )[0]?.outcome,
    ).toBe('failed');
    expect(
      therapies('Progressing despite >3 mo daily medium\n   potency TCS (betamethasone valerate 0.1% oint).')[0],
    ).toMatchObject({ outcome: 'failed', durationWeeks: 13 });
  });

  it('does not take "no better, still fissuring and bleeding" for a list of side effects denied', () => {
    expect(
      therapies(
        'Mometasone 0.1% ointment daily x 6 wks - trunk slightly better, hands no better, still fissuring and bleeding.',
      )[0]?.outcome,
    ).toBe('failed');
  });

  it('reads no outcome in a question the records are to answer', () => {
    expect(
      therapies('Awaiting records from the prior derm to document which topicals failed and when.')[0]?.outcome,
    ).toBeUndefined();
    expect(therapies('Methotrexate 15 mg weekly in 2024 - unclear whether it failed.')[0]?.outcome).toBeUndefined();
  });

  it('reads "w/o adequate response" as without one', () => {
    expect(therapies('Mometasone ointment for 10 wk w/o adequate response.')[0]?.outcome).toBe('failed');
  });

  it('gives the therapy of the sentence a failed outcome', () => {
    const [fact] = therapies('Assessment: eczema on mometasone ointment for 10 weeks without adequate control.');
    expect(fact).toMatchObject({ agent: 'mometasone', outcome: 'failed', assertion: 'affirmed' });
  });

  it('leaves a hypothetical therapy hypothetical', () => {
    const facts = therapies('Plan: if there is no meaningful change on cyclosporine, consider a biologic.');
    expect(facts.find((f) => f.modality === 'cyclosporine')?.assertion).not.toBe('affirmed');
  });
});

describe('a course that is not getting better', () => {
  it('is a failure, whatever the apostrophe', () => {
    for (const text of [
      "My psoriasis isn't getting better on the methotrexate.",
      'My psoriasis isnt getting better on the methotrexate.',
    ])
      expect(therapies(text)[0]?.outcome).toBe('failed');
  });
});
