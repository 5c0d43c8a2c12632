// multipart/form-data for the CORE MIME envelope: written by hand (a few text fields), read with @fastify/busboy
// (boundary handling, limits). Both the channel and the payer simulator use it.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { Busboy, type BusboyInstance } from '@fastify/busboy';

export function encodeMultipart(fields: Readonly<Record<string, string>>): { body: Buffer; contentType: string } {
  const boundary = `----klivira${randomBytes(12).toString('hex')}`;
  const parts = Object.entries(fields).map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${value}\r\n`,
  );
  return {
    body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`, 'utf8'),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

/** Reads the text fields of a multipart/form-data body; files are refused, sizes are bounded. */
export function decodeMultipart(
  body: Buffer,
  contentType: string,
  maxFieldBytes = 10_000_000,
): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let parser: BusboyInstance;
    try {
      parser = new Busboy({ headers: { 'content-type': contentType }, limits: { fieldSize: maxFieldBytes, files: 0 } });
    } catch (error) {
      reject(
        new MultipartError(`not a multipart/form-data body: ${error instanceof Error ? error.message : 'bad header'}`),
      );
      return;
    }
    const fields: Record<string, string> = {};
    parser.on('field', (name: string, value: string, _nameTruncated: boolean, valueTruncated: boolean) => {
      if (valueTruncated) reject(new MultipartError(`field ${name} is larger than ${String(maxFieldBytes)} bytes`));
      fields[name] = value;
    });
    parser.on('filesLimit', () => {
      reject(new MultipartError('file parts are not accepted'));
    });
    parser.on('error', (error: unknown) => {
      reject(new MultipartError(error instanceof Error ? error.message : 'malformed multipart body'));
    });
    parser.on('finish', () => {
      resolve(fields);
    });
    Readable.from([body]).pipe(parser);
  });
}
