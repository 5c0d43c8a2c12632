// Runs the annotated corpus: every expected fact is found (except `todo`), no forbidden fact appears, and every
// fact quotes its sentence with offsets that slice back to it.
import { describe, expect, it } from 'vitest';
import { extractNoteFacts } from './index.ts';
import { CORPUS } from '../../../../fixtures/notes-corpus/index.ts';
import { align } from '../../../../fixtures/notes-corpus/match.ts';

describe('note corpus', () => {
  it('has at least 60 notes across the four service lines', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CORPUS.map((n) => n.domain))).toEqual(new Set(['spine', 'pet', 'mohs', 'biologic']));
    expect(new Set(CORPUS.map((n) => n.id)).size).toBe(CORPUS.length);
  });

  for (const note of CORPUS) {
    it(note.id, () => {
      const reference = `DocumentReference/${note.id}`;
      const facts = extractNoteFacts({ reference, date: note.date, contentType: 'text/plain', text: note.text });
      const result = align(note, facts);
      const missing = result.pairs.filter((p) => !p.fact && p.expected.todo !== true).map((p) => p.expected);
      expect(missing).toEqual([]);
      expect(result.forbidden.map((f) => f.expected)).toEqual([]);
      for (const fact of facts) {
        expect(fact.source.reference).toBe(reference);
        expect(note.text.slice(fact.source.start, fact.source.end)).toBe(fact.source.text);
        expect(fact.source.section).toBeDefined();
      }
    });
  }
});
