// All the facts of a record: from coded resources and from clinical note text, each with its provenance, plus the
// facts that follow from them (derive.ts).
import type { ClinicalRecord } from '../fhir/record.ts';
import { extractCodedFacts } from './coded.ts';
import { deriveFacts } from './derive.ts';
import type { Fact } from './fact.ts';
import { extractNoteFacts } from './notes/index.ts';

export function extractFacts(record: ClinicalRecord, asOf: string): Fact[] {
  const facts = [...extractCodedFacts(record, asOf), ...record.notes.flatMap((note) => extractNoteFacts(note))];
  return [...facts, ...deriveFacts(facts)];
}
