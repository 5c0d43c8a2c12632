// Copy-forward text: EHR notes carry sentences forward from the previous visit ("BSA 22 %", "re-evaluated, pain
// persists"), so a sentence a newer note repeats word for word states what was true when it was first written. Its
// facts are dated by the oldest note that holds it, and name that note (`copiedFrom`), so that a stale value or an
// old visit is not read as today's. Short sentences ("No fever.") recur on their own and are left alone, as are the
// kinds whose date is the visit itself (a note heading's specialty) or a course with its own dates (therapies). Text the
// note itself marks as carried forward ("[copied forward from 06/02/2026]") is dated by its marker (copy-marked.ts).
import type { ClinicalNote } from '../fhir/record.ts';
import { markedCopies, mayMarkCopies, type MarkedCopy } from './copy-marked.ts';
import type { Fact, FactKind } from './fact.ts';

const REDATED: ReadonlySet<FactKind> = new Set<FactKind>([
  'measurement',
  'condition',
  'red_flag',
  'neuro_finding',
  'radicular_pain',
  'symptom_course',
  'evaluation',
  'risk_factor',
  'screening_test',
]);

const MIN_WORDS = 5;

const normalise = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9%./]+/g, ' ')
    .trim();

/** The marked copies of each note that has one, by the note's reference. */
function copiesByNote(notes: readonly ClinicalNote[]): Map<string, MarkedCopy[]> {
  const dates = [...new Set(notes.flatMap((n) => (n.date ? [n.date] : [])))].sort();
  const out = new Map<string, MarkedCopy[]>();
  for (const note of notes) {
    if (!mayMarkCopies(note)) continue;
    const at = note.date ? dates.indexOf(note.date) : -1;
    const copies = markedCopies(note, at > 0 ? dates[at - 1] : undefined);
    if (copies.length > 0) out.set(note.reference, copies);
  }
  return out;
}

/** A fact dated by its note that sits in text the note marks as carried forward takes the marker's date. */
function dateMarkedCopies(
  facts: readonly Fact[],
  notes: readonly ClinicalNote[],
  noteDates: ReadonlyMap<string, string>,
): Fact[] {
  const copies = copiesByNote(notes);
  if (copies.size === 0) return [...facts];
  return facts.map((fact) => {
    const at = fact.source.start;
    const noteDate = noteDates.get(fact.source.reference);
    // A therapy statement dated by its note ("continues naproxen") is redated too: the marker says when it was true.
    const marked =
      REDATED.has(fact.kind) || (fact.kind === 'therapy' && fact.start === undefined && fact.end === undefined);
    if (!marked || at === undefined || noteDate === undefined || fact.date !== noteDate) return fact;
    const to = fact.source.end ?? at;
    const copy = copies.get(fact.source.reference)?.find((c) => at < c.end && to > c.start);
    if (copy?.date === undefined || copy.date >= noteDate) return fact;
    return { ...fact, date: copy.date, copiedFrom: { reference: fact.source.reference, text: copy.marker } };
  });
}

/** `noteDates`: each note's date by its reference. */
export function dateCopiedForward(
  read: readonly Fact[],
  noteDates: ReadonlyMap<string, string>,
  notes: readonly ClinicalNote[] = [],
): Fact[] {
  const facts = dateMarkedCopies(read, notes, noteDates);
  // One key per sentence: a sentence carries several facts, and a long record thousands of them.
  const keys = new Map<string, string>();
  const keyOf = (text: string): string => {
    let key = keys.get(text);
    if (key === undefined) keys.set(text, (key = normalise(text)));
    return key;
  };
  const first = new Map<string, { date: string; reference: string; text: string }>();
  for (const fact of facts) {
    const date = noteDates.get(fact.source.reference);
    if (date === undefined) continue;
    const key = keyOf(fact.source.text);
    if (key.split(' ').length < MIN_WORDS) continue;
    const known = first.get(key);
    if (!known || date < known.date) first.set(key, { date, reference: fact.source.reference, text: fact.source.text });
  }
  return facts.map((fact) => {
    if (!REDATED.has(fact.kind)) return fact;
    const noteDate = noteDates.get(fact.source.reference);
    const origin = first.get(keyOf(fact.source.text));
    // Only a fact dated by its note is moved: a date the sentence states is the same in every copy.
    if (!origin || noteDate === undefined || fact.date !== noteDate || origin.date >= noteDate) return fact;
    return { ...fact, date: origin.date, copiedFrom: { reference: origin.reference, text: origin.text } };
  });
}
