import { describe, expect, it } from 'vitest';
import { decodeMultipart, encodeMultipart, MultipartError } from './multipart.ts';
import {
  mimeFields,
  buildSoapEnvelope,
  CoreEnvelopeError,
  parseSoapEnvelope,
  PAYLOAD_TYPES,
  readMimeFields,
  type CoreEnvelope,
} from './core-envelope.ts';

const envelope: CoreEnvelope = {
  payloadType: PAYLOAD_TYPES.request278,
  processingMode: 'RealTime',
  payloadId: 'f81d4fae-7dec-41d0-a765-00a0c91e6bf6',
  timestamp: '2026-11-23T10:00:00Z',
  senderId: 'KLIVIRA01',
  receiverId: 'PAYER87726',
  coreRuleVersion: '2.2.0',
  payload: 'ISA*00*          *00*          *ZZ*KLIVIRA01 <&>~',
};

describe('CORE SOAP envelope', () => {
  it('round-trips the fields, the payload (escaped) and the credentials', () => {
    const xml = buildSoapEnvelope('request', envelope, { username: 'user', password: 'p&ss<' });
    expect(xml).toContain('<cor:COREEnvelopeRealTimeRequest>');
    expect(xml).toContain('KLIVIRA01 &lt;&amp;&gt;~');
    expect(parseSoapEnvelope(xml)).toEqual({
      kind: 'request',
      envelope,
      credentials: { username: 'user', password: 'p&ss<' },
    });
  });

  it('carries ErrorCode and ErrorMessage on responses', () => {
    const xml = buildSoapEnvelope('response', {
      ...envelope,
      payloadType: PAYLOAD_TYPES.response278,
      errorCode: 'Success',
    });
    const parsed = parseSoapEnvelope(xml);
    expect(parsed.kind).toBe('response');
    expect(parsed.envelope.errorCode).toBe('Success');
  });

  it.each([
    ['not XML', 'hello <', /not a SOAP envelope|not well-formed/],
    ['no CORE element', '<Envelope><Body><Other/></Body></Envelope>', /no COREEnvelopeRealTimeRequest/],
    [
      'a missing field',
      buildSoapEnvelope('request', envelope).replace(/<PayloadID>.*<\/PayloadID>/, ''),
      /has no PayloadID/,
    ],
    [
      'a bad mode',
      buildSoapEnvelope('request', envelope).replace('>RealTime<', '>Sometimes<'),
      /ProcessingMode must be/,
    ],
    [
      'a fault',
      '<Envelope><Body><Fault><Reason><Text>denied</Text></Reason></Fault></Body></Envelope>',
      /SOAP fault: denied/,
    ],
  ])('rejects %s with a specific error', (_label, xml, message) => {
    expect(() => parseSoapEnvelope(xml)).toThrow(CoreEnvelopeError);
    expect(() => parseSoapEnvelope(xml)).toThrow(message);
  });
});

describe('CORE MIME multipart', () => {
  it('round-trips through a real multipart body', async () => {
    const { body, contentType } = encodeMultipart(mimeFields(envelope, { username: 'user', password: 'secret' }));
    const parsed = readMimeFields(await decodeMultipart(body, contentType));
    expect(parsed).toEqual({ envelope, credentials: { username: 'user', password: 'secret' } });
  });

  it('rejects a body that is not multipart, and one with a file part', async () => {
    await expect(decodeMultipart(Buffer.from('x'), 'text/plain')).rejects.toThrow(MultipartError);
    const file = Buffer.from('--b\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nx\r\n--b--\r\n');
    await expect(decodeMultipart(file, 'multipart/form-data; boundary=b')).rejects.toThrow(/file parts/);
  });
});
