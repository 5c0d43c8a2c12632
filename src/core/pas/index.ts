// Da Vinci PAS: building request, inquiry and cancel Bundles, checking them, and reading the payer's responses.
export { checkPasBundle } from './check.ts';
export { overallOutcome } from './decision.ts';
export type { BusinessError, ItemDecision, PasDecision } from './decision.ts';
export { pasRequestInputFromIntake } from './from-intake.ts';
export type { PasRequestOptions } from './from-intake.ts';
export { classifyHttpFailure } from './http-failure.ts';
export { buildPasInquiry } from './inquiry.ts';
export { buildPasRequest } from './request.ts';
export type { PasRequestInput, TransmissionIdentifiers } from './request.ts';
export { PasResponseError, readPasInquiryResult, readPasResponse } from './response.ts';
export { buildPasCancel } from './update.ts';
export { evidenceSummaryText } from './documents.ts';
export { readRequestedInformation } from './information-request.ts';
export { buildPasInformationAnswer } from './information-answer.ts';
export { CERTIFICATION, EXTENSIONS, SYSTEMS, x12Concept } from './vocabulary.ts';
