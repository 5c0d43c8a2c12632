// CAQH CORE real-time connectivity: SOAP and MIME multipart envelopes for the X12 278.
export {
  buildSoapEnvelope,
  CORE_RULE_VERSION,
  CoreEnvelopeError,
  mimeFields,
  parseSoapEnvelope,
  PAYLOAD_TYPES,
  readMimeFields,
} from './core-envelope.ts';
export type { CoreCredentials, CoreEnvelope } from './core-envelope.ts';
export { decodeMultipart, encodeMultipart, MultipartError } from './multipart.ts';
