// Copy-forward text: a sentence a newer note repeats word for word is dated by the oldest note holding it.
import { describe, expect, it } from 'vitest';
import type { Fact } from './fact.ts';
import { dateCopiedForward } from './copy-forward.ts';

const bsa = (reference: string, date: string, text: string): Fact => ({
  kind: 'measurement',
  name: 'bsa_percent',
  value: 22,
  unit: '%',
  assertion: 'affirmed',
  date,
  source: { reference, text },
});
const notes = new Map([
  ['DocumentReference/old', '2023-10-02'],
  ['DocumentReference/new', '2026-03-02'],
]);

describe('copy-forward text', () => {
  it('dates a repeated sentence by the note that first wrote it, and names that note', () => {
    const sentence = 'Skin: eczematous plaques, BSA 22% trunk and arms.';
    const [old, copied] = dateCopiedForward(
      [bsa('DocumentReference/old', '2023-10-02', sentence), bsa('DocumentReference/new', '2026-03-02', sentence)],
      notes,
    );
    expect(old?.date).toBe('2023-10-02');
    expect(copied).toMatchObject({ date: '2023-10-02', copiedFrom: { reference: 'DocumentReference/old' } });
  });

  it('leaves short sentences, new wording and dates the sentence states alone', () => {
    const facts = dateCopiedForward(
      [
        bsa('DocumentReference/old', '2023-10-02', 'BSA 22%.'),
        bsa('DocumentReference/new', '2026-03-02', 'BSA 22%.'),
        bsa('DocumentReference/new', '2026-03-02', 'Today BSA 22% on trunk, arms and legs.'),
        bsa('DocumentReference/new', '2024-01-05', 'Skin: eczematous plaques, BSA 22% trunk and arms.'),
        bsa('DocumentReference/old', '2023-10-02', 'Skin: eczematous plaques, BSA 22% trunk and arms.'),
      ],
      notes,
    );
    expect(facts.map((f) => f.date)).toEqual(['2023-10-02', '2026-03-02', '2026-03-02', '2024-01-05', '2023-10-02']);
    expect(facts.some((f, i) => i > 0 && f.copiedFrom)).toBe(false);
  });

  it('dates a fact in text the note marks as carried forward by the marker, however short its sentence', () => {
    const text = 'Skin: [copy forward 10/02/2023] BSA 22%.\nToday: BSA 4%.';
    const fact = (start: number, end: number): Fact => ({
      ...bsa('DocumentReference/new', '2026-03-02', text.slice(start, end)),
      source: { reference: 'DocumentReference/new', text: text.slice(start, end), start, end },
    });
    const [copied, today] = dateCopiedForward([fact(0, 40), fact(41, text.length)], notes, [
      { reference: 'DocumentReference/new', date: '2026-03-02', contentType: 'text/plain', text },
    ]);
    expect(copied).toMatchObject({ date: '2023-10-02', copiedFrom: { text: '[copy forward 10/02/2023]' } });
    expect(today?.date).toBe('2026-03-02');
  });
});
