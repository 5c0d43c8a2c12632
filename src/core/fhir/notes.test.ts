import { describe, expect, it } from 'vitest';
import { decodeNote, htmlToText } from './notes.ts';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('decodeNote', () => {
  it('decodes base64 text/plain with a charset parameter', () => {
    expect(decodeNote({ contentType: 'text/plain; charset=utf-8', data: b64('HPI: low back pain x 8 weeks') })).toEqual(
      {
        text: 'HPI: low back pain x 8 weeks',
        contentType: 'text/plain',
      },
    );
  });

  it('reduces HTML to text, keeping block boundaries as line breaks and decoding entities', () => {
    expect(htmlToText('<h2>Assessment</h2><p>Pain &gt; 6&nbsp;weeks<br/>no fever</p>')).toBe(
      'Assessment\n\nPain > 6 weeks\nno fever',
    );
  });

  it.each([
    [{ contentType: 'application/pdf', data: b64('x') }, /content type 'application\/pdf'/],
    [{ contentType: 'text/plain' }, /no data/],
    [{ contentType: 'text/plain', url: 'https://example.org/n' }, /URL, not inline data/],
    [{ contentType: 'text/plain', data: '!!!not base64!!!' }, /not valid base64/],
    [{ contentType: 'text/plain', data: Buffer.from([0xff, 0xfe, 0xfd]).toString('base64') }, /not valid UTF-8/],
    [{ contentType: 'text/plain', data: b64('   ') }, /empty text/],
    [{ contentType: 'text/plain', data: b64('x'.repeat(1_100_000)) }, /larger than/],
  ])('skips an unreadable attachment with a specific warning (%#)', (attachment, message) => {
    const decoded = decodeNote(attachment);
    expect('warning' in decoded && decoded.warning).toMatch(message);
  });
});
