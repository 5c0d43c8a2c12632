// Matching extracted facts against the corpus annotations, and precision/recall per fact kind and per assertion.
import type { Fact } from '../../fact.ts';
import type { CorpusNote, Expected } from './types.ts';

function same(actual: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(actual) || actual.length !== wanted.length) return false;
    const a = [...(actual as unknown[])].map(String).sort();
    const w = [...(wanted as unknown[])].map(String).sort();
    return a.every((v, i) => v === w[i]);
  }
  if (typeof wanted === 'object' && wanted !== null) {
    if (typeof actual !== 'object' || actual === null) return false;
    return Object.entries(wanted).every(([k, v]) => same((actual as Record<string, unknown>)[k], v));
  }
  return actual === wanted;
}

/** True when `fact` has every field the annotation gives, with the same value. */
export function matches(fact: Fact, expected: Expected): boolean {
  for (const [key, value] of Object.entries(expected)) {
    if (key === 'todo') continue;
    if (!same((fact as unknown as Record<string, unknown>)[key], value)) return false;
  }
  return true;
}

export interface NoteResult {
  note: CorpusNote;
  /** Expected facts, each with the fact matched to it (or undefined: a miss). */
  pairs: { expected: Expected; fact: Fact | undefined }[];
  /** Extracted facts no annotation accounts for. */
  extra: Fact[];
  /** `absent` annotations that an extracted fact matched. */
  forbidden: { expected: Expected; fact: Fact }[];
}

/** Greedy one-to-one alignment: the most specific annotations (most fields) pick first. */
export function align(note: CorpusNote, facts: readonly Fact[]): NoteResult {
  const free = new Set(facts.map((_, i) => i));
  const order = note.expect.map((e, i) => ({ e, i })).sort((a, b) => Object.keys(b.e).length - Object.keys(a.e).length);
  const found = new Map<number, Fact>();
  for (const { e, i } of order) {
    for (const j of free) {
      const fact = facts[j];
      if (fact && matches(fact, e)) {
        found.set(i, fact);
        free.delete(j);
        break;
      }
    }
  }
  const pairs = note.expect.map((expected, i) => ({ expected, fact: found.get(i) }));
  const extra = [...free].map((j) => facts[j]).filter((f): f is Fact => f !== undefined);
  const forbidden: { expected: Expected; fact: Fact }[] = [];
  for (const a of note.absent ?? []) {
    const fact = facts.find((f) => matches(f, a));
    if (fact) forbidden.push({ expected: a, fact });
  }
  return { note, pairs, extra, forbidden };
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores {
  byKind: Map<string, Counts>;
  byAssertion: Map<string, Counts>;
  redFlagsByAssertion: Map<string, Counts>;
  total: Counts;
}

function bump(map: Map<string, Counts>, key: string, field: keyof Counts): void {
  const c = map.get(key) ?? { tp: 0, fp: 0, fn: 0 };
  c[field]++;
  map.set(key, c);
}

/** Precision/recall counts: a matched pair is a true positive (under its kind and assertion), a miss a false
 * negative, an unaccounted extracted fact or a forbidden match a false positive. */
export function score(results: readonly NoteResult[]): Scores {
  const s: Scores = {
    byKind: new Map(),
    byAssertion: new Map(),
    redFlagsByAssertion: new Map(),
    total: { tp: 0, fp: 0, fn: 0 },
  };
  const count = (kind: string, assertion: string, field: keyof Counts): void => {
    bump(s.byKind, kind, field);
    bump(s.byAssertion, assertion, field);
    if (kind === 'red_flag') bump(s.redFlagsByAssertion, assertion, field);
    s.total[field]++;
  };
  for (const r of results) {
    for (const p of r.pairs) count(p.expected.kind, p.expected.assertion, p.fact ? 'tp' : 'fn');
    for (const f of r.extra) count(f.kind, f.assertion, 'fp');
  }
  return s;
}

export function precision(c: Counts): number {
  return c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
}
export function recall(c: Counts): number {
  return c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
}
