// The document a 275 carries in BIN02 when CAT02 is `HL`: an HL7 CDA R2 document whose nonXMLBody holds the
// attachment base64-encoded, so that any file type travels and BIN02 stays plain ASCII. Minimal on purpose: the
// header names the document, its date and the attachment control number it answers; the payer reads the body.

export interface CdaAttachment {
  /** The attachment control number (PWK06 / TRN02), also the document's id extension. */
  controlNumber: string;
  title: string;
  /** LOINC code of the document kind (e.g. 11506-3 progress note); a generic attachment code when unknown. */
  loinc?: string;
  mediaType: string;
  content: Uint8Array;
  createdAt: Date;
}

/** XML text with every non-ASCII character as a numeric reference: BIN01 then counts bytes and characters alike. */
function escapeXml(value: string): string {
  return value.replace(/[&<>"]|[^\x20-\x7E]/gu, (ch) => {
    const named: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
    return named[ch] ?? `&#${String(ch.codePointAt(0))};`;
  });
}

const cdaTime = (at: Date): string => at.toISOString().replace(/[-:T]/g, '').slice(0, 14);

export function cdaDocument(attachment: CdaAttachment): string {
  const code = attachment.loinc ?? '34133-9';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ClinicalDocument xmlns="urn:hl7-org:v3">',
    '<typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>',
    `<id root="2.16.840.1.113883.3.9999" extension="${escapeXml(attachment.controlNumber)}"/>`,
    `<code code="${escapeXml(code)}" codeSystem="2.16.840.1.113883.6.1"/>`,
    `<title>${escapeXml(attachment.title)}</title>`,
    `<effectiveTime value="${cdaTime(attachment.createdAt)}"/>`,
    '<confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>',
    '<component><nonXMLBody>',
    `<text mediaType="${escapeXml(attachment.mediaType)}" representation="B64">${Buffer.from(attachment.content).toString('base64')}</text>`,
    '</nonXMLBody></component>',
    '</ClinicalDocument>',
  ].join('');
}

/** The attachment inside a CDA document built above (or any CDA with a B64 nonXMLBody); undefined when there is none. */
export function cdaContent(document: string): { mediaType: string; content: Buffer } | undefined {
  const match = /<text\s+mediaType="([^"]+)"\s+representation="B64">([A-Za-z0-9+/=\s]*)<\/text>/.exec(document);
  if (!match?.[1] || match[2] === undefined) return undefined;
  return { mediaType: match[1], content: Buffer.from(match[2].replace(/\s+/g, ''), 'base64') };
}
