// Decoding of clinical note attachments (base64 text/plain or text/html) into plain text.
// HTML is reduced to its text with block elements as line breaks, so that section headings survive and sentence
// offsets stay meaningful; no DOM library is needed for the narrow job of stripping tags from clinical notes.
import type { Attachment } from '@medplum/fhirtypes';

/** Notes above this size (decoded) are skipped with a warning: no real clinic note is a megabyte of text. */
export const MAX_NOTE_BYTES = 1_000_000;

export type DecodedNote = { text: string; contentType: string } | { warning: string };

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

export function decodeNote(attachment: Attachment): DecodedNote {
  const contentType = (attachment.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (contentType !== 'text/plain' && contentType !== 'text/html') {
    return {
      warning: `note skipped: content type '${attachment.contentType ?? '(none)'}' is not text/plain or text/html`,
    };
  }
  if (attachment.data === undefined) {
    return { warning: attachment.url ? 'note skipped: attachment is a URL, not inline data' : 'note skipped: no data' };
  }
  if (attachment.data.length > (MAX_NOTE_BYTES * 4) / 3 + 4) {
    return { warning: `note skipped: larger than ${MAX_NOTE_BYTES} bytes` };
  }
  if (!BASE64.test(attachment.data)) return { warning: 'note skipped: attachment data is not valid base64' };
  const bytes = Buffer.from(attachment.data, 'base64');
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { warning: 'note skipped: attachment is not valid UTF-8 text' };
  }
  if (raw.trim() === '') return { warning: 'note skipped: empty text' };
  return { text: contentType === 'text/html' ? htmlToText(raw) : raw, contentType };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(p|div|li|ul|ol|tr|table|h[1-6]|section|header|footer|article)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
