// Facts from clinical note text: section detection, sentence splitting, a ConText layer (written here; no npm
// package does clinical ConText) and extractors for spine, skin-cancer PET, Mohs and biologic criteria.
// `extractNoteFacts` is pure: the same note always yields the same facts, each quoting its sentence with offsets.
import type { Fact } from '../fact.ts';
import type { ClinicalNote } from '../../fhir/record.ts';
import type { TriggerCache } from './context.ts';
import { extractFromNote } from './extract.ts';

export { detectSections, type SectionSpan } from './sections.ts';
export { splitSentences, type Sentence } from './sentences.ts';
export { NoteContext, scanTriggers, type ContextFlags, type TriggerCache } from './context.ts';

export function extractNoteFacts(note: ClinicalNote, triggers?: TriggerCache): Fact[] {
  return extractFromNote(note, triggers);
}
