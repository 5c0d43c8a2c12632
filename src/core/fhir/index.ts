// FHIR: the clinical record, OperationOutcome errors and structural validation against the R4 definitions.
export { formatIssues, InvalidInputError, toOperationOutcome } from './outcome.ts';
export type { Issue, IssueCode } from './outcome.ts';
export { buildRecord, referenceOf } from './record.ts';
export type { ClinicalNote, IntakeWarning } from './record.ts';
export { validateStructure } from './validate.ts';
export { isInstant } from './validator/primitives.ts';
export { definitions } from './validator/schema.ts';
export { validateCompiled } from './validator/validator.ts';
