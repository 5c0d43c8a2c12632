// All the facts of a record: from coded resources and from clinical note text, each with its provenance. Facts that
// depend on the order's episode (the re-evaluation after its trial) are drawn when a policy is evaluated
// (episode-evidence.ts).
import type { ClinicalRecord } from '../fhir/record.ts';
import { extractCodedFacts } from './coded.ts';
import type { Fact } from './fact.ts';
import { extractNoteFacts } from './notes/index.ts';

export function extractFacts(record: ClinicalRecord, asOf: string): Fact[] {
  return [...extractCodedFacts(record, asOf), ...record.notes.flatMap((note) => extractNoteFacts(note))];
}
