// Submission: the parties of a request, the practice identity, readiness to send, and the X12 278 input.
export { NPI_SYSTEM, requesterOf, SubmissionInputError } from './parties.ts';
export type { PracticeIdentity } from './practice.ts';
export { submissionBlockers, SubmissionRefusedError } from './readiness.ts';
export type { SubmissionOverride } from './readiness.ts';
export { x12Input } from './x12-input.ts';
export type { ControlNumbers, X12Addressing } from './x12-input.ts';
