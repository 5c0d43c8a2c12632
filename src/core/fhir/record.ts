// A patient's clinical record as the domain core sees it: the resources of one intake bundle, indexed by
// reference, with clinical notes decoded to plain text once so that every extractor quotes the same offsets.
import type { Bundle, DocumentReference, Patient, Resource } from '@medplum/fhirtypes';
import { decodeNote } from './notes.ts';

export interface ClinicalNote {
  /** `DocumentReference/id` (or `Composition/id`). */
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
  for (const resource of resources) {
    if (resource.resourceType === 'DocumentReference') readNotes(resource, notes, warnings);
  }
  return { patient, resources, byReference, notes, warnings };
}

function readNotes(doc: DocumentReference, notes: ClinicalNote[], warnings: IntakeWarning[]): void {
  const reference = referenceOf(doc);
  const date = (doc.date ?? doc.context?.period?.start)?.slice(0, 10);
  for (const content of doc.content) {
    const decoded = decodeNote(content.attachment);
    if ('warning' in decoded) {
      warnings.push({ reference, message: decoded.warning });
      continue;
    }
    notes.push({
      reference,
      ...(date ? { date } : {}),
      contentType: decoded.contentType,
      ...(doc.description ? { title: doc.description } : {}),
      text: decoded.text,
    });
  }
}

/** Resolves a reference string against the record; undefined when it points outside the bundle. */
export function resolve(record: ClinicalRecord, reference: string | undefined): Resource | undefined {
  return reference === undefined ? undefined : record.byReference.get(reference);
}
