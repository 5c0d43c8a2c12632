// The lexicon is tried, at each word, only for the phrases filed under its first character. This checks that the
// filing loses nothing: on every note of the annotated corpus, the scan finds exactly what one alternation of the
// whole lexicon, tried at every word start, finds.
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../../../../fixtures/notes-corpus/index.ts';
import { scanTriggers } from './context.ts';
import { LEXICON } from './lexicon.ts';
import { wrapTolerant } from './wrap-tolerant.ts';

const END = '(?!(?<=[A-Za-z0-9])[A-Za-z0-9])';
const ordered = [...LEXICON.filter((e) => e.kind === 'pseudo'), ...LEXICON.filter((e) => e.kind !== 'pseudo')];

function oracle(text: string): string[] {
  const spans: { start: number; end: number; pattern: string }[] = [];
  for (const wordStart of [true, false]) {
    const entries = ordered.filter((e) => (!e.pattern.startsWith('\\') && !e.pattern.startsWith(';')) === wordStart);
    const body = entries.map((e) => `((?:${wrapTolerant(e.pattern)})${END})`).join('|');
    const regex = new RegExp(wordStart ? `(?<![A-Za-z0-9])(?=[A-Za-z0-9])(?:${body})` : body, 'gi');
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      if (m[0] === '') {
        regex.lastIndex++;
        continue;
      }
      const g = m.findIndex((v, i) => i > 0 && v !== undefined);
      const entry = entries[g - 1];
      // A trigger that reaches back over words before it starts there (and so may overlap the one before).
      const back = entry?.kind === 'trigger' ? (entry.reachBack ?? 0) : 0;
      const before = new RegExp(`(?:[\\w/'-]+\\s+){0,${String(back)}}$`).exec(text.slice(0, m.index));
      const start = m.index - (before?.[0].length ?? 0);
      spans.push({ start, end: m.index + m[0].length, pattern: entry?.pattern ?? '' });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let reach = -1;
  return spans
    .filter((s) => (s.start < reach ? false : ((reach = s.end), true)))
    .map((s) => `${String(s.end)} ${s.pattern}`);
}

describe('scanTriggers', () => {
  it('finds, on every corpus note, what one alternation of the whole lexicon finds', () => {
    for (const note of CORPUS) {
      const found = scanTriggers(note.text).map((t) => `${String(t.end)} ${t.entry.pattern}`);
      expect(found, note.id).toEqual(oracle(note.text));
    }
  });

  it('scans only the range it is given, reading the word boundary before it', () => {
    const text = 'Pain is not radiating. Denies fever.';
    expect(scanTriggers(text, 23).map((t) => t.entry.pattern)).toEqual(
      scanTriggers('Denies fever.').map((t) => t.entry.pattern),
    );
    expect(scanTriggers('xnot', 1)).toEqual([]);
  });
});

describe("a record's shared trigger cache", () => {
  it('gives every note the facts it gives without the cache, in any order of reading', async () => {
    const { extractNoteFacts } = await import('./index.ts');
    const notes = CORPUS.map((c, i) => ({
      reference: `DocumentReference/c${String(i)}`,
      date: c.date,
      contentType: 'text/plain',
      text: c.text,
    }));
    const cache = new Map();
    // Each note twice, so that the second reading takes every sentence from the cache.
    for (const note of [...notes, ...notes]) {
      expect(extractNoteFacts(note, cache)).toEqual(extractNoteFacts(note));
    }
    expect(cache.size).toBeGreaterThan(0);
  });
});
