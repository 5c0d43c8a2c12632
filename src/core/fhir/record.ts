// A patient's clinical record as the domain core sees it: the resources of one intake bundle, indexed by
// reference, with clinical notes decoded to plain text once so that every extractor quotes the same offsets.
import type {
  Attachment,
  Bundle,
  Composition,
  CompositionSection,
  DiagnosticReport,
  DocumentReference,
  Patient,
  Resource,
} from '@medplum/fhirtypes';
import { decodeNote, htmlToText, MAX_NOTE_BYTES } from './notes.ts';
import { setAsideReason } from './request-forms.ts';

export interface ClinicalNote {
  /** `DocumentReference/id` (or `Composition/id`, or `DiagnosticReport/id` for a report's full text). */
  reference: string;
  /** Date the note was written (YYYY-MM-DD): relative dates in the text resolve against it. */
  date?: string;
  contentType: string;
  title?: string;
  /** The decoded text; for HTML, the text content with tags removed. Fact offsets index into this string. */
  text: string;
}

/** Something in the record that could not be read and was skipped. Recorded on the case, never fatal. */
export interface IntakeWarning {
  reference: string;
  message: string;
}

export interface ClinicalRecord {
  patient: Patient;
  resources: Resource[];
  byReference: ReadonlyMap<string, Resource>;
  notes: ClinicalNote[];
  warnings: IntakeWarning[];
}

export function referenceOf(resource: Resource): string {
  return `${resource.resourceType}/${resource.id ?? ''}`;
}

/**
 * Indexes a bundle's resources under `Type/id` and under their `fullUrl`, so that both literal references
 * (`Patient/p1`) and transaction-style ones (`urn:uuid:…`) resolve.
 */
export function buildRecord(bundle: Bundle, patient: Patient): ClinicalRecord {
  const resources: Resource[] = [];
  const byReference = new Map<string, Resource>();
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource;
    if (!resource) continue;
    resources.push(resource);
    if (resource.id) byReference.set(referenceOf(resource), resource);
    if (entry.fullUrl) byReference.set(entry.fullUrl, resource);
  }
  const notes: ClinicalNote[] = [];
  const warnings: IntakeWarning[] = [];
  const retired = retiredNotes(resources, byReference);
  for (const resource of resources) {
    const why = retired.get(resource);
    if (why !== undefined) warnings.push({ reference: referenceOf(resource), message: `note skipped: ${why}` });
    else if (resource.resourceType === 'DocumentReference') readNotes(resource, notes, warnings);
    else if (resource.resourceType === 'Composition') readComposition(resource, notes, warnings);
    else if (resource.resourceType === 'DiagnosticReport') readReportForms(resource, notes, warnings);
  }
  return { patient, resources, byReference, notes, warnings };
}

/**
 * Notes the record itself withdraws: entered in error, or replaced by a corrected version in the bundle
 * (`relatesTo.code` `replaces`). An EHR keeps them in an export for audit; what they said is no longer the chart's
 * word, and reading them beside their correction would cite a retracted statement. A status of `superseded` alone
 * retires nothing: Synthea, like some EHRs, marks every older visit note so, and those notes are the history.
 */
function retiredNotes(
  resources: readonly Resource[],
  byReference: ReadonlyMap<string, Resource>,
): Map<Resource, string> {
  const retired = new Map<Resource, string>();
  for (const resource of resources) {
    if (resource.resourceType !== 'DocumentReference' && resource.resourceType !== 'Composition') continue;
    const status =
      resource.resourceType === 'DocumentReference' ? [resource.status, resource.docStatus] : [resource.status];
    if (status.includes('entered-in-error')) retired.set(resource, 'entered in error');
    if (resource.resourceType !== 'DocumentReference') continue;
    for (const relation of resource.relatesTo ?? []) {
      const target = byReference.get(relation.target.reference ?? '');
      if (relation.code === 'replaces' && target !== undefined && target !== resource && !retired.has(target)) {
        retired.set(target, `replaced by ${referenceOf(resource)}`);
      }
    }
  }
  return retired;
}

/**
 * A Composition is read as one note: each section's title as a heading line, then its narrative as text, nested
 * sections in order, so the note reader's section detection sees "Assessment:", "Plan:" … as in any clinic note.
 */
function readComposition(composition: Composition, notes: ClinicalNote[], warnings: IntakeWarning[]): void {
  const reference = referenceOf(composition);
  const parts: string[] = [];
  const visit = (sections: readonly CompositionSection[] | undefined): void => {
    for (const section of sections ?? []) {
      const title = section.title ?? section.code?.text ?? section.code?.coding?.[0]?.display;
      const text = section.text?.div ? htmlToText(section.text.div) : '';
      if (title) parts.push(`${title}:`);
      if (text) parts.push(text);
      visit(section.section);
    }
  };
  visit(composition.section);
  const text = parts.join('\n').trim();
  if (text === '') {
    warnings.push({ reference, message: 'composition skipped: no section narrative' });
    return;
  }
  if (Buffer.byteLength(text, 'utf8') > MAX_NOTE_BYTES) {
    warnings.push({ reference, message: `composition skipped: larger than ${String(MAX_NOTE_BYTES)} bytes` });
    return;
  }
  const date = composition.date.slice(0, 10);
  notes.push({ reference, ...(date ? { date } : {}), contentType: 'text/html', title: composition.title, text });
}

function readNotes(doc: DocumentReference, notes: ClinicalNote[], warnings: IntakeWarning[]): void {
  const note = {
    reference: referenceOf(doc),
    date: (doc.date ?? doc.context?.period?.start)?.slice(0, 10),
    title: doc.description,
  };
  readAttachments(
    note,
    doc.content.map((c) => c.attachment),
    notes,
    warnings,
    (text) => {
      const form = setAsideReason(doc, text);
      return form === undefined ? undefined : `note skipped: ${form}`;
    },
  );
}

/**
 * A report's full text (`presentedForm`: the pathology report with its microscopic description and comment, the
 * radiologist's report) is read as a note dated by the report: a finding stated only in the comment ("focal perineural
 * invasion is identified") is as much the report's as its conclusion line.
 */
function readReportForms(report: DiagnosticReport, notes: ClinicalNote[], warnings: IntakeWarning[]): void {
  const note = {
    reference: referenceOf(report),
    date: (report.issued ?? report.effectiveDateTime ?? report.effectivePeriod?.start)?.slice(0, 10),
    title: report.code.text,
  };
  const inline = (report.presentedForm ?? []).filter((form) => form.data !== undefined);
  readAttachments(note, inline, notes, warnings);
}

/** Each attachment decoded as one note of its resource; one that cannot be read, or that `skip` sets aside (saying
 * why), is a warning instead. */
function readAttachments(
  source: { reference: string; date: string | undefined; title: string | undefined },
  attachments: readonly Attachment[],
  notes: ClinicalNote[],
  warnings: IntakeWarning[],
  skip: (text: string) => string | undefined = () => undefined,
): void {
  const { reference, date, title } = source;
  for (const attachment of attachments) {
    const decoded = decodeNote(attachment);
    if ('warning' in decoded) {
      warnings.push({ reference, message: decoded.warning });
      continue;
    }
    const why = skip(decoded.text);
    if (why !== undefined) {
      warnings.push({ reference, message: why });
      continue;
    }
    notes.push({
      reference,
      ...(date ? { date } : {}),
      contentType: decoded.contentType,
      ...(title ? { title } : {}),
      text: decoded.text,
    });
  }
}

/** Resolves a reference string against the record; undefined when it points outside the bundle. */
export function resolve(record: ClinicalRecord, reference: string | undefined): Resource | undefined {
  return reference === undefined ? undefined : record.byReference.get(reference);
}
