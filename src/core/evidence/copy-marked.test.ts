// Text a note marks as carried forward states what was true on the marker's date, up to the line that starts fresh.
import { describe, expect, it } from 'vitest';
import { markedCopies } from './copy-marked.ts';

const note = (text: string) => ({
  reference: 'DocumentReference/n3',
  date: '2026-07-21',
  contentType: 'text/plain',
  text,
});

describe('copy-forward markers', () => {
  it('spans the marked lines up to the line that starts this visit, dated by the marker', () => {
    const text = [
      'EXAM: [copied forward from 06/02/2026] Gait: mild L foot slap. Strength: L EHL 4/5, otherwise 5/5. Reflexes 2+',
      'symmetric. SLR L positive 45 deg.',
      'Today (07/21): Gait normal. Strength 5/5 bilat incl. L EHL.',
    ].join('\n');
    const [copy] = markedCopies(note(text), '2026-06-30');
    expect(copy?.date).toBe('2026-06-02');
    expect(text.slice(copy?.start, copy?.end)).toContain('SLR L positive 45 deg.');
    expect(text.slice(copy?.start, copy?.end)).not.toContain('Today');
  });

  it('reads a short date against the note, a heading or blank line as the end, and an undated marker by the last note', () => {
    const text = 'Skin: [copy forward 3/18] Plaques antecubital fossae, BSA approx 12%.\nASSESSMENT: AD.';
    const [dated] = markedCopies(note(text), undefined);
    expect(dated?.date).toBe('2026-03-18');
    expect(text.slice(dated?.start, dated?.end)).not.toContain('ASSESSMENT');
    const [undated] = markedCopies(
      note('HPI: [copied forward]\nPain 8/10, worse sitting.\n\nInterval: better.'),
      '2026-06-30',
    );
    expect(undated?.date).toBe('2026-06-30');
    const labelled = 'Interval history (copied from 03/03/2026 visit):\nPain 7/10, L EHL 4/5.\n\nToday: pain 2/10.';
    const [copied] = markedCopies(note(labelled), undefined);
    expect(copied?.date).toBe('2026-03-03');
    expect(labelled.slice(copied?.start, copied?.end)).toContain('L EHL 4/5');
    const previous = 'Previous exam (04/02/2025, carried forward): plaques trunk, legs. BSA 14%.\nExam today: BSA <1%.';
    const [carried] = markedCopies(note(previous), undefined);
    expect(carried?.date).toBe('2025-04-02');
    expect(previous.slice(carried?.start, carried?.end)).toContain('BSA 14%');
    expect(previous.slice(carried?.start, carried?.end)).not.toContain('<1%');
    const summary =
      'Tumor summary (carried forward from prior Mohs consult, update as needed):\n  Clinical size: 0.8 x 0.7 cm\n\nExam: healing biopsy site.';
    const [block] = markedCopies(note(summary), '2026-06-05');
    expect(summary.slice(block?.start, block?.end)).toContain('0.8 x 0.7 cm');
    expect(block?.date).toBe('2026-06-05');
    // A marker that ends its line marks the line before it.
    const trailing = "S: Back pain 6/10.\nContinues naproxen 500 BID as rx'd [copied from prior].\nUsing tylenol.";
    const [line] = markedCopies(note(trailing), '2026-03-05');
    expect(trailing.slice(line?.start, line?.end).trim()).toBe("Continues naproxen 500 BID as rx'd");
    expect(line?.date).toBe('2026-03-05');
    expect(markedCopies(note('Moving forward, we will start PT.'), '2026-06-30')).toEqual([]);
  });
});
