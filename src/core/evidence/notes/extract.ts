// The note-extraction pipeline: a literal prefilter (prefilter.ts), built from what every extractor searches for,
// first rules out the patterns that cannot match in the note; then each family's extractors (families/index.ts)
// read the note over the shared core (extraction.ts): sections, sentences and ConText, built only once a match
// needs them. Every fact quotes its sentence with offsets.
import type { Fact } from '../fact.ts';
import type { ClinicalNote } from '../../fhir/record.ts';
import type { TriggerCache } from './context.ts';
import { NoteExtraction } from './extraction.ts';
import { NOTE_EXTRACTORS } from './families/index.ts';
import { Prefilter } from './prefilter.ts';

const PREFILTER = new Prefilter(
  NOTE_EXTRACTORS.flatMap((e) => e.probes ?? []),
  NOTE_EXTRACTORS.flatMap((e) => e.sliced ?? []),
);

/** All facts stated in one clinical note's text. Pure: no I/O, no clock (dates resolve against `note.date`).
 * `triggers`: the record's trigger cache, shared by its notes (the facts are the same with or without it). */
export function extractFromNote(note: ClinicalNote, triggers?: TriggerCache): Fact[] {
  if (note.text.trim() === '') return [];
  const x = new NoteExtraction(note, PREFILTER.scan(note.text), triggers);
  for (const extractor of NOTE_EXTRACTORS) extractor.run(x);
  return x.facts;
}
