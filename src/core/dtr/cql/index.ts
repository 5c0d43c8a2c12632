// DTR pre-population with the payer's CQL: the public surface. The CLI (`klivira dtr prefill`) reads the files and
// the clock; everything here computes.
export { prefillQuestionnaire, QR_CONTEXT } from './prefill.ts';
export type { EvaluatedItem, InformationOrigin, PrefillOptions, PrefillResult } from './prefill.ts';
export { CqlExecutionError, PrefillInputError, type PrefillInputSource } from './errors.ts';
