// The extractor list reads every concept row: a row whose family has no extractor would silently yield nothing.
import { describe, expect, it, vi } from 'vitest';
import { CONDITIONS, MEASURES } from '../concepts.ts';
import { NoteExtraction } from '../extraction.ts';
import { extractNoteFacts } from '../index.ts';
import { NOTE_EXTRACTORS } from './index.ts';

describe('NOTE_EXTRACTORS', () => {
  const probes = new Set(NOTE_EXTRACTORS.flatMap((e) => e.probes ?? []));

  it('searches every condition and measure row, once', () => {
    for (const row of [...CONDITIONS, ...MEASURES]) expect(probes.has(row.pattern), row.pattern.source).toBe(true);
    const listed = NOTE_EXTRACTORS.flatMap((e) => e.probes ?? []).filter((p) =>
      [...CONDITIONS, ...MEASURES].some((row) => row.pattern === p),
    );
    expect(listed).toHaveLength(CONDITIONS.length + MEASURES.length);
  });

  it('reads the concept tables in their order, whatever the family split', () => {
    const rows = new Map<unknown, number>([...CONDITIONS, ...MEASURES].map((row, i) => [row.pattern, i]));
    const order = NOTE_EXTRACTORS.flatMap((e) => e.probes ?? []).flatMap((p) => rows.get(p) ?? []);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('registers every pattern it scans a whole note with, so that the prefilter can rule it out', () => {
    const registered = new Set([...probes, ...NOTE_EXTRACTORS.flatMap((e) => e.sliced ?? [])]);
    const scanned = new Set<RegExp>();
    const scan = vi.spyOn(NoteExtraction.prototype, 'scan').mockImplementation((re) => void scanned.add(re));
    extractNoteFacts({
      reference: 'DocumentReference/n',
      date: '2026-05-01',
      contentType: 'text/plain',
      text: 'Seen.',
    });
    scan.mockRestore();
    expect(scanned.size).toBeGreaterThan(20);
    expect([...scanned].filter((re) => !registered.has(re)).map((re) => re.source)).toEqual([]);
  });
});
