// The appeal packet as a PDF: the letter (the draft or the person's edit), then the supporting pages: the policy
// with the text of each criterion in dispute, the payer's stated reasons each with the quoted evidence (source and
// date), the guideline behind the criteria, the ordering clinician's attestation, and the index of the attachments.
import type { Content } from 'pdfmake/interfaces.js';
import type { AppealPacket, DisputedCriterion } from '../../core/appeal-documents/index.ts';
import { renderPdf, type RenderedPdf } from './pdf.ts';

const STATUS_WORDS: Record<DisputedCriterion['status'], string> = {
  met: 'met in the record',
  not_met: 'not met in the record as submitted',
  unknown: 'not shown in the record as submitted',
};

const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

function letterPages(text: string): Content[] {
  // One paragraph per line, so the person's line breaks are kept; an empty line is a gap.
  return text.split('\n').map((line) => (line.trim() === '' ? { text: ' ', fontSize: 6 } : { text: line }));
}

function criterionEvidence(criterion: DisputedCriterion): Content[] {
  const heading = `${criterion.exception ? 'Exception: ' : ''}${criterion.text} (${STATUS_WORDS[criterion.status]})`;
  const evidence: Content =
    criterion.evidence.length > 0
      ? {
          ul: criterion.evidence.map((e) => ({
            text: [{ text: `"${e.quote}"`, style: 'quote' }, ` — ${e.source}, ${e.date ?? 'undated'} (${e.reference})`],
          })),
        }
      : { text: 'No evidence is cited in the record for this criterion.', style: 'small' };
  return [
    { text: heading, style: 'subheading' },
    evidence,
    ...(criterion.missing.length > 0
      ? [{ text: `Still to document: ${criterion.missing.join(' ')}`, style: 'small', margin: [0, 2, 0, 0] } as Content]
      : []),
  ];
}

function supportingPages(packet: AppealPacket): Content[] {
  const policy = packet.policy;
  const patient = packet.parties.patient;
  const clinician = packet.parties.clinician;
  return [
    { text: 'Appeal packet — supporting pages', style: 'title', pageBreak: 'before' },
    {
      text: [
        `Service: ${packet.service.display} (${packet.service.code}). Payer: ${packet.payer.name} (${packet.payer.lineOfBusiness}). `,
        `Decision of ${packet.deniedOn}; our reference ${packet.submissionId || packet.caseId}. `,
        `Patient: ${patient.name ?? '[name]'}, born ${patient.birthDate ?? '[date of birth]'}, member ID ${patient.memberId ?? '[member ID]'}.`,
      ],
    },
    { text: 'The policy', style: 'heading' },
    policy
      ? {
          stack: [
            { text: [{ text: policy.sourceName, bold: true }, policy.number ? ` — ${policy.number}` : ''] },
            `Revised ${policy.revised ?? 'date not stated'}; ${policy.url}`,
            `Encoded as policy ${policy.id}, version ${policy.version}: ${policy.title}`,
          ],
        }
      : { text: 'No payer policy governed this request.' },
    { text: 'Criteria in dispute', style: 'subheading' },
    { ol: packet.criteria.map((c) => `${c.exception ? 'Exception: ' : ''}${c.text} — ${STATUS_WORDS[c.status]}`) },
    { text: "The payer's stated reasons and the evidence", style: 'heading' },
    ...packet.reasons.flatMap((reason, index): Content[] => [
      {
        text: `Reason ${String(index + 1)}${reason.itemSequences.length > 0 ? ` (item ${reason.itemSequences.join(', ')})` : ''}: ${reason.text}`,
        bold: true,
        margin: [0, 4, 0, 2],
      },
      ...(index === 0
        ? packet.criteria.flatMap(criterionEvidence)
        : [
            { text: 'The criteria and evidence under reason 1 answer this reason as well.', style: 'small' } as Content,
          ]),
    ]),
    { text: 'The guideline behind the criteria', style: 'heading' },
    ...packet.guidelines.map((g): Content => ({
      stack: [
        {
          text: [
            { text: g.sourceName, bold: true },
            g.number ? ` — ${g.number}` : '',
            `, revised ${g.revised ?? 'date not stated'}`,
          ],
        },
        g.url,
        ...(g.note ? [{ text: g.note, style: 'small' } as Content] : []),
      ],
      margin: [0, 0, 0, 6],
    })),
    { text: 'Attestation of the ordering clinician', style: 'heading' },
    {
      text:
        `I, ${clinician.name ?? '______________________________'}, NPI ${clinician.npi ?? '______________'}, ordered this service. ` +
        'I attest that the clinical information in this packet is drawn from the patient’s medical record and is accurate to the best of my knowledge.',
    },
    {
      columns: [
        { text: 'Signature: ________________________________', margin: [0, 18, 0, 0] },
        { text: 'Date: ____________________', margin: [0, 18, 0, 0] },
      ],
    },
    { text: 'Index of attachments', style: 'heading' },
    packet.attachments.length > 0
      ? {
          table: {
            headerRows: 1,
            widths: [18, '*', 80, 50, 60],
            body: [
              ['#', 'Document', 'Type', 'Size', 'Stored'].map((h) => ({ text: h, bold: true })),
              ...packet.attachments.map((a, i) => [
                String(i + 1),
                `${a.title} (document ${a.documentId})`,
                a.contentType,
                kilobytes(a.bytes),
                a.storedAt.slice(0, 10),
              ]),
            ],
          },
          layout: 'lightHorizontalLines',
          fontSize: 9,
        }
      : { text: 'No documents are attached to this case.' },
  ];
}

/** The packet with `letter` as its letter (the draft, or the edit a person saved). */
export function appealPacketPdf(packet: AppealPacket, letter: string = packet.letter): Promise<RenderedPdf> {
  return renderPdf([...letterPages(letter), ...supportingPages(packet)], {
    title: `Appeal packet ${packet.caseId}`,
    preparedOn: packet.preparedOn,
  });
}
