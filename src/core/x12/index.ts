// X12 278 (005010X217) codec for Klivira: a pure module, no I/O (the stream reader takes any async source).
// Written by hand on purpose: no well-kept npm library does the 278 — node-x12 is 4010-era with broken streaming,
// x12-parser only splits segments and mis-reads BOM input (../shared/reference/x12-278.md §10). The 275 (005010X210)
// attachments are ours for the same reason, and more: no maintained library reads or writes X210 at all, and its BIN
// segment (binary data whose end is counted from BIN01, delimiters allowed inside) breaks every segment splitter.
//
// Layers: tokenizer/delimiters → envelope (ISA/GS/ST) → 278 model (parse, build, serialize) → validation →
// response decisions and 999/TA1 acknowledgments. Control numbers are the caller's (the database keeps them).
export { X12Error, DEFAULT_LIMITS, type X12ErrorCode, type X12Limits, type X12Location } from './errors.ts';
export { DEFAULT_DELIMITERS, type Delimiters } from './delimiters.ts';
export { componentsOf, elementAt, makeSegment, repetitionsOf, type Segment } from './segments.ts';
export { parseX12, type ParseOptions, type X12Document } from './parse.ts';
export type { FunctionalGroup, Interchange, TransactionSet } from './envelope.ts';
export { serializeDocument, serializeSegments } from './serializer.ts';
export {
  streamSegments,
  streamTransactions,
  type StreamedSegment,
  type StreamedTransaction,
  type X12Source,
} from './stream.ts';
export * from './codes.ts';
export type * from './x278-model.ts';
export type * from './x278-segments.ts';
export { parse278, type MisplacedSegment, type Parsed278 } from './x278-parse.ts';
export { transaction278Segments } from './x278-serialize.ts';
export { buildInterchange, x12DateTime, type InterchangeHeader } from './interchange-build.ts';
export {
  build278Request,
  request278Model,
  type X12Attachment,
  type X12DateRange,
  type X12PersonName,
  type X12RequestInput,
  type X12ServiceLine,
} from './x278-build.ts';
export {
  validateX12,
  validateX12Stream,
  validateX12Text,
  X12Validator,
  type ValidateOptions,
  type ValidationReport,
} from './validate.ts';
export { formatIssue, type X12Issue, type X12Rule } from './issues.ts';
export {
  summarise278Response,
  type DecisionAction,
  type Rejection,
  type ResponseSummary,
  type ServiceDecision,
} from './decisions.ts';
export {
  parse999,
  parseTa1,
  readAcknowledgments,
  TA1_NOTE_CODES,
  type Acknowledgments,
  type ImplementationAcknowledgment,
  type Ta1Acknowledgment,
  type TransactionAcknowledgment,
} from './acks.ts';
export { readInbound, type InboundReading } from './inbound.ts';
// 275 (005010X210): documents answering a payer's request for more information, tied to it by PWK06 / TRN02.
export type * from './x275-model.ts';
export { parse275, binaryOf, type Parsed275 } from './x275-parse.ts';
export { build275, request275Model, PAYLOAD_TYPE_275, type X275Document, type X275Input } from './x275-build.ts';
export { cdaContent } from './x275-cda.ts';
