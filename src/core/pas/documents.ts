// Supporting documentation as PAS DocumentReferences: each clinical note, and a generated plain-text summary of the
// evidence the determination cites. PAS forbids attachment URLs, so the text travels inline as base64.
import type { DocumentReference, Patient, Reference, Resource } from '@medplum/fhirtypes';
import type { Determination } from '../determination/determination.ts';
import { isInstant } from '../fhir/index.ts';
import type { ClinicalNote } from '../fhir/record.ts';
import { toFhirId } from './assemble.ts';
import { withProfile } from './profiles.ts';
import { SYSTEMS, concept } from './vocabulary.ts';

/** A document and how the Claim's supportingInfo describes it (X12 PWK01 report type, free-text description). */
export interface SupportingDocument {
  document: DocumentReference;
  /** X12 755 report type code: `M1` medical record attachment for notes, `OZ` support data for the summary. */
  reportType: string;
  description: string;
}

const PLAIN_TEXT = 'text/plain; charset=utf-8';

/**
 * One DocumentReference per source note (a note with several renditions keeps them as several contents). When the
 * note came from a DocumentReference of the intake, its identifiers, type, category, date and author carry over; the
 * content is always the decoded text, inline, since the original may point at a URL.
 */
export function noteDocuments(
  notes: readonly ClinicalNote[],
  patient: Reference<Patient>,
  originals: ReadonlyMap<string, Resource>,
): SupportingDocument[] {
  const bySource = new Map<string, ClinicalNote[]>();
  for (const note of notes) bySource.set(note.reference, [...(bySource.get(note.reference) ?? []), note]);
  const taken = new Set<string>();
  return [...bySource].map(([source, parts]) => {
    const first = parts[0];
    const found = originals.get(source);
    const original = found?.resourceType === 'DocumentReference' ? found : undefined;
    const document: DocumentReference = {
      resourceType: 'DocumentReference',
      id: uniqueId(noteDocumentId(source), taken),
      ...(original?.identifier ? { identifier: original.identifier } : {}),
      status: 'current',
      type: original?.type ?? concept(SYSTEMS.loinc, '34109-9', 'Note'),
      category: original?.category ?? [concept(SYSTEMS.documentCategory, 'clinical-note', 'Clinical Note')],
      subject: patient,
      // A day the intake tolerated in this instant field stays out: the context period carries the day.
      ...(original?.date && isInstant(original.date) ? { date: original.date } : {}),
      ...(original?.author ? { author: original.author } : {}),
      ...(first?.title ? { description: first.title } : {}),
      ...(first?.date ? { context: { period: { start: first.date } } } : {}),
      content: parts.map((note) => ({
        attachment: { contentType: PLAIN_TEXT, data: base64(note.text), ...(note.title ? { title: note.title } : {}) },
      })),
    };
    const description = [first?.title ?? 'Clinical note', first?.date].filter(Boolean).join(', ');
    return { document: withProfile(document, 'documentreference'), reportType: 'M1', description };
  });
}

/** Sources whose ids differ only in characters FHIR ids cannot hold would collide; later ones get a suffix. */
function uniqueId(id: string, taken: Set<string>): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id.slice(0, 60)}-${n}`;
  taken.add(candidate);
  return candidate;
}

/** The note's own id when it came from a DocumentReference, so a rebuild or an update names the same resource. */
function noteDocumentId(source: string): string {
  const slash = source.indexOf('/');
  const type = source.slice(0, Math.max(slash, 0));
  const id = source.slice(slash + 1);
  return toFhirId(type === 'DocumentReference' ? id : `${type.toLowerCase() || 'note'}-${id}`);
}

export function evidenceSummaryDocument(
  determination: Determination,
  id: string,
  patient: Reference<Patient>,
  timestamp: string,
): SupportingDocument {
  const document: DocumentReference = {
    resourceType: 'DocumentReference',
    id,
    status: 'current',
    type: concept(SYSTEMS.loinc, '34133-9', 'Summary of episode note'),
    category: [concept(SYSTEMS.documentCategory, 'clinical-note', 'Clinical Note')],
    subject: patient,
    date: timestamp,
    description: 'Evidence summary for the prior authorization request',
    content: [{ attachment: { contentType: PLAIN_TEXT, data: base64(evidenceSummaryText(determination)) } }],
  };
  return {
    document: withProfile(document, 'documentreference'),
    reportType: 'OZ',
    description: 'Summary of the clinical evidence for each coverage criterion, with quotations from the record',
  };
}

/** Criteria, their status and reason, and each cited span quoted with the reference it comes from. */
export function evidenceSummaryText(determination: Determination): string {
  const { order, payer, policy } = determination;
  const lines = [
    `Requested: ${order.display} (${order.code})`,
    `Payer: ${payer.name}`,
    policy ? `Policy: ${policy.title} (${policy.id}, version ${policy.version})` : 'Policy: none identified',
    `Assessment as of ${determination.asOf}: ${determination.determination.replaceAll('_', ' ')}`,
  ];
  for (const criterion of determination.criteria) {
    lines.push('', `[${criterion.status.replace('_', ' ')}] ${criterion.text}`);
    if (criterion.reason) lines.push(`  Reason: ${criterion.reason}`);
    for (const citation of criterion.evidence) lines.push(`  Evidence (${citation.reference}): "${citation.text}"`);
  }
  if (determination.missingDocumentation.length > 0) {
    lines.push('', 'Documentation still to be provided:');
    for (const missing of determination.missingDocumentation) lines.push(`- ${missing.text}`);
  }
  return `${lines.join('\n')}\n`;
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
