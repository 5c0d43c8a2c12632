// CAQH CORE real-time connectivity envelopes (Phase II rule vC2.2.0) for the X12 278: SOAP 1.2 with
// COREEnvelopeRealTimeRequest/Response and a WS-Security UsernameToken, and the HTTP MIME multipart form with the
// same field names. Pure: builds and reads envelopes; the HTTP exchange lives in the channel adapter. XML is read with
// fast-xml-parser; the envelope is small and fixed, so it is written from a template with every value escaped.
import { XMLParser } from 'fast-xml-parser';

export const CORE_NAMESPACE = 'http://www.caqh.org/SOAP/WSDL/CORERule2.2.0.xsd';
export const CORE_RULE_VERSION = '2.2.0';
/** As seen in public client code; the rule's PayloadType table itself is unverified (see reference §8). */
export const PAYLOAD_TYPES = {
  request278: 'X12_278_Request_005010X217E1_2',
  response278: 'X12_278_Response_005010X217E1_2',
  ack999: 'X12_999_Response_005010X231A1',
  ta1: 'X12_TA1_Response_00501X231A1',
} as const;

export interface CoreEnvelope {
  payloadType: string;
  processingMode: 'RealTime' | 'Batch';
  payloadId: string;
  timestamp: string;
  senderId: string;
  receiverId: string;
  coreRuleVersion: string;
  payload: string;
  /** Responses only. */
  errorCode?: string;
  errorMessage?: string;
}

export interface CoreCredentials {
  username: string;
  password: string;
}

export class CoreEnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoreEnvelopeError';
  }
}

const escapeXml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

const FIELDS = [
  'PayloadType',
  'ProcessingMode',
  'PayloadID',
  'TimeStamp',
  'SenderID',
  'ReceiverID',
  'CORERuleVersion',
] as const;

function fieldValues(envelope: CoreEnvelope): Record<(typeof FIELDS)[number], string> {
  return {
    PayloadType: envelope.payloadType,
    ProcessingMode: envelope.processingMode,
    PayloadID: envelope.payloadId,
    TimeStamp: envelope.timestamp,
    SenderID: envelope.senderId,
    ReceiverID: envelope.receiverId,
    CORERuleVersion: envelope.coreRuleVersion,
  };
}

export function buildSoapEnvelope(
  kind: 'request' | 'response',
  envelope: CoreEnvelope,
  credentials?: CoreCredentials,
): string {
  const element = kind === 'request' ? 'COREEnvelopeRealTimeRequest' : 'COREEnvelopeRealTimeResponse';
  const values = fieldValues(envelope);
  const fields = FIELDS.map((name) => `<${name}>${escapeXml(values[name])}</${name}>`).join('');
  const errors =
    kind === 'response'
      ? `<ErrorCode>${escapeXml(envelope.errorCode ?? 'Success')}</ErrorCode><ErrorMessage>${escapeXml(envelope.errorMessage ?? '')}</ErrorMessage>`
      : '';
  const security = credentials
    ? '<soapenv:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">' +
      `<wsse:UsernameToken><wsse:Username>${escapeXml(credentials.username)}</wsse:Username>` +
      '<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">' +
      `${escapeXml(credentials.password)}</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header>`
    : '<soapenv:Header/>';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope" xmlns:cor="${CORE_NAMESPACE}">` +
    security +
    `<soapenv:Body><cor:${element}>${fields}<Payload>${escapeXml(envelope.payload)}</Payload>${errors}</cor:${element}></soapenv:Body>` +
    '</soapenv:Envelope>'
  );
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
});

export interface ParsedSoap {
  kind: 'request' | 'response';
  envelope: CoreEnvelope;
  credentials?: CoreCredentials;
}

type XmlNode = Record<string, unknown>;
const child = (node: unknown, name: string): unknown =>
  node !== null && typeof node === 'object' ? (node as XmlNode)[name] : undefined;
const text = (node: unknown): string | undefined =>
  typeof node === 'string' ? node : typeof node === 'number' ? String(node) : undefined;

/** Reads a CORE SOAP envelope; throws CoreEnvelopeError naming what is missing. */
export function parseSoapEnvelope(xml: string): ParsedSoap {
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch (error) {
    throw new CoreEnvelopeError(`not well-formed XML: ${error instanceof Error ? error.message : 'parse error'}`);
  }
  const body = child(child(document, 'Envelope'), 'Body');
  if (body === undefined) throw new CoreEnvelopeError('not a SOAP envelope (no Envelope/Body)');
  const request = child(body, 'COREEnvelopeRealTimeRequest');
  const response = child(body, 'COREEnvelopeRealTimeResponse');
  const fault = child(body, 'Fault');
  if (fault !== undefined) {
    const reason = text(child(child(fault, 'Reason'), 'Text')) ?? text(child(fault, 'faultstring')) ?? 'SOAP fault';
    throw new CoreEnvelopeError(`SOAP fault: ${reason}`);
  }
  const node = request ?? response;
  if (node === undefined) throw new CoreEnvelopeError('the SOAP body holds no COREEnvelopeRealTimeRequest or Response');
  const envelope = readFields((name) => text(child(node, name)));
  const header = child(child(document, 'Envelope'), 'Header');
  const token = child(child(header, 'Security'), 'UsernameToken');
  const username = text(child(token, 'Username'));
  const password = text(child(token, 'Password'));
  return {
    kind: request !== undefined ? 'request' : 'response',
    envelope,
    ...(username !== undefined && password !== undefined ? { credentials: { username, password } } : {}),
  };
}

/** The MIME multipart form of the same envelope, as named fields (the transport writes them as form-data). */
export function mimeFields(envelope: CoreEnvelope, credentials?: CoreCredentials): Record<string, string> {
  return {
    ...fieldValues(envelope),
    Payload: envelope.payload,
    ...(envelope.errorCode !== undefined ? { ErrorCode: envelope.errorCode } : {}),
    ...(envelope.errorMessage !== undefined ? { ErrorMessage: envelope.errorMessage } : {}),
    ...(credentials ? { UserName: credentials.username, Password: credentials.password } : {}),
  };
}

export function readMimeFields(fields: Readonly<Record<string, string>>): {
  envelope: CoreEnvelope;
  credentials?: CoreCredentials;
} {
  const envelope = readFields((name) => fields[name]);
  const username = fields.UserName;
  const password = fields.Password;
  return {
    envelope,
    ...(username !== undefined && password !== undefined ? { credentials: { username, password } } : {}),
  };
}

function readFields(get: (name: string) => string | undefined): CoreEnvelope {
  const required = (name: string): string => {
    const value = get(name);
    if (value === undefined || value === '') throw new CoreEnvelopeError(`the CORE envelope has no ${name}`);
    return value;
  };
  const mode = required('ProcessingMode');
  if (mode !== 'RealTime' && mode !== 'Batch') {
    throw new CoreEnvelopeError(`ProcessingMode must be RealTime or Batch (got '${mode}')`);
  }
  const errorCode = get('ErrorCode');
  const errorMessage = get('ErrorMessage');
  return {
    payloadType: required('PayloadType'),
    processingMode: mode,
    payloadId: required('PayloadID'),
    timestamp: required('TimeStamp'),
    senderId: required('SenderID'),
    receiverId: required('ReceiverID'),
    coreRuleVersion: required('CORERuleVersion'),
    payload: get('Payload') ?? '',
    ...(errorCode !== undefined ? { errorCode } : {}),
    ...(errorMessage !== undefined ? { errorMessage } : {}),
  };
}
