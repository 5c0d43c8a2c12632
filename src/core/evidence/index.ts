// Evidence: facts from coded resources and note text, their code tables and date arithmetic.
export { extractCodedFacts } from './coded.ts';
export { DRUG_INGREDIENTS, NEURO_FINDING_SNOMED, SYSTEMS, THERAPY_PROCEDURES } from './codesets.ts';
export { addDays, daysBetween, isIsoDate, weeksBetween } from './dates.ts';
export type { Assertion, Fact, FactKind } from './fact.ts';
export { LIBRARY_DRUGS, type LibraryDrug } from './library-drugs.ts';
export { extractNoteFacts } from './notes/index.ts';
