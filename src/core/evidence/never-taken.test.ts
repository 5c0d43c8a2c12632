import { describe, expect, it } from 'vitest';
import type { TherapyFact } from './fact.ts';
import { setAsideUntakenOrders } from './never-taken.ts';
import { extractNoteFacts } from './notes/index.ts';

const order = (agent: string, start: string): TherapyFact => ({
  kind: 'therapy',
  modality: 'topical_pde4_inhibitor',
  agent,
  start,
  end: '2026-04-15',
  outcome: 'completed',
  assertion: 'affirmed',
  date: start,
  source: { reference: 'MedicationRequest/rx1', text: `MedicationRequest: ${agent}` },
});
const noteSays = (text: string) =>
  extractNoteFacts({ reference: 'DocumentReference/n1', date: '2026-04-27', contentType: 'text/plain', text });

describe('orders never taken', () => {
  it('reads "never filled", "never picked it up" and "has NOT used it" as no course taken', () => {
    for (const text of [
      'Crisaborole 2% ointment - never filled; discontinued today.',
      'He was told crisaborole would cost $700 and never picked it up, so he has NOT used it.',
      'Patient confirms she never picked up or applied crisaborole: too expensive.',
      'Pt reports she did not pick up the crisaborole - pharmacy told her $85 under her plan.',
    ]) {
      const therapy = noteSays(text).find((f) => f.kind === 'therapy');
      expect(therapy).toMatchObject({ agent: 'crisaborole', assertion: 'negated', neverTaken: true });
    }
    expect(noteSays('Crisaborole BID, used it for 6 weeks without benefit.')[0]).not.toHaveProperty('neverTaken');
    // A denial of use after words that the prescription was never picked up is that order never taken.
    const denied = noteSays(
      'She states she never actually picked it up from the pharmacy because of the cost. So she has not used the crisaborole.',
    );
    expect(denied.find((f) => f.kind === 'therapy')).toMatchObject({ assertion: 'negated', neverTaken: true });
    // A refill never picked up ends a course that was taken; it does not void it.
    const refill = noteSays(
      'Mometasone 0.1% cream: she used it about 10 days, then ran out and never picked up the refill.',
    );
    expect(refill.find((f) => f.kind === 'therapy')).toMatchObject({ agent: 'mometasone', assertion: 'affirmed' });
  });

  it("sets the coded order aside as a plan when a later note says it was never taken, and only that drug's", () => {
    const note = noteSays('Crisaborole 2% ointment - never filled.')[0];
    if (note === undefined) throw new Error('the note states the drug');
    const facts = setAsideUntakenOrders([order('crisaborole', '2026-03-16'), order('tacrolimus', '2026-03-16'), note]);
    expect(facts.map((f) => f.assertion)).toEqual(['hypothetical', 'affirmed', 'negated']);
    // An order written after the note is another order.
    expect(setAsideUntakenOrders([order('crisaborole', '2026-05-20'), note])[0]?.assertion).toBe('affirmed');
  });
});

describe('a referral never taken up', () => {
  it('sets aside a bare mention ("referred for NB-UVB") that a later note says never started', () => {
    const referral = noteSays('Plan: referred for NB-UVB (phototherapy center) 3x/wk.');
    const never = noteSays('Never started phototherapy - the center is 45 min each way.');
    const courses = setAsideUntakenOrders([...referral, ...never]).filter(
      (f) => f.kind === 'therapy' && f.modality === 'phototherapy',
    );
    expect(courses.map((f) => f.assertion)).toEqual(['hypothetical', 'negated']);
  });
});
