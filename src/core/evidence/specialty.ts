// Who the clinicians of the record are, by specialty, with the source that says so: a PractitionerRole's specialty or
// code, a Practitioner's qualification, an Encounter's type or serviceType ("Dermatology office visit"), and a note's
// heading ("DERMATOLOGY VISIT", "Rheumatology consult") or its author. A payer that asks for a specialist prescriber
// (or a consultation with one) is answered from these, each cited like any other evidence.
import type { CodeableConcept, DocumentReference, Encounter, Resource } from '@medplum/fhirtypes';
import type { ClinicalRecord } from '../fhir/record.ts';
import { referenceOf } from '../fhir/record.ts';
import { specialtyOfCode, SPECIALTY_WORDS } from './codesets.ts';
import type { SpecialtyFact } from './fact.ts';

/** The specialty words' stems: most encounter types and note openings name none, and are skipped cheaply. */
const ANY_SPECIALTY = /derm|allerg|immun|rheum/i;

/** Specialties named by concepts: NUCC taxonomy codes first, then the words of their text and displays. */
export function specialtiesOfConcepts(concepts: readonly CodeableConcept[]): string[] {
  let found: Set<string> | undefined;
  for (const concept of concepts) {
    let named = ANY_SPECIALTY.test(concept.text ?? '');
    for (const c of concept.coding ?? []) {
      const key = c.code ? specialtyOfCode(c.code) : undefined;
      if (key) (found ??= new Set()).add(key);
      named ||= ANY_SPECIALTY.test(c.display ?? '');
    }
    if (!named) continue;
    const words = [concept.text, ...(concept.coding ?? []).map((c) => c.display)].join(' ');
    for (const w of SPECIALTY_WORDS) if (w.pattern.test(words)) (found ??= new Set()).add(w.specialty);
  }
  return found ? [...found] : [];
}

/** Specialties a Practitioner (qualification) or PractitionerRole (specialty, code) states. */
export function specialtiesOfResources(resources: readonly Resource[]): string[] {
  const found = new Set<string>();
  for (const r of resources) {
    const concepts =
      r.resourceType === 'PractitionerRole'
        ? [...(r.specialty ?? []), ...(r.code ?? [])]
        : r.resourceType === 'Practitioner'
          ? (r.qualification ?? []).map((q) => q.code)
          : [];
    for (const s of specialtiesOfConcepts(concepts)) found.add(s);
  }
  return [...found];
}

// A heading names a service, not a passing mention: the specialty next to a visit word ("DERMATOLOGY
// INTERPROFESSIONAL E-CONSULT"), in the note's first lines.
const HEADING =
  /\b(?:tele-?)?(dermatolog\w*|allerg\w*|immunolog\w*|rheumatolog\w*)\b(?:[\s/&,-]*(?:and |clinical |pediatric )*(?:allerg\w*|immunolog\w*|asthma|dermatolog\w*)\b)*[\s/&,-]*(?:and \w+ )?(?:(?:interprofessional|inter-professional|electronic|outpatient|office|virtual|video|telehealth|telemedicine|telephone|initial|return|new)[\s-]+)?(?:visit|(?:e-?)?consult(?:ation)?|P\.?\s?A|P\.?\s?C|LLC|group|practice|cent(?:er|re)|institute|specialists|partners|clinic|office|progress note|follow[- ]?up|new patient|evaluation|department|associates|note)\b|\b(?:department|division|clinic) of (dermatolog\w*|allerg\w*|immunolog\w*|rheumatolog\w*)/i;
const CONSULT = /\b(?:e-?)?consult(?:ation)?\b/i;

function headingSpecialty(heading: string): string | undefined {
  if (!ANY_SPECIALTY.test(heading)) return undefined;
  const m = HEADING.exec(heading);
  const word = m?.[1] ?? m?.[2];
  return word ? SPECIALTY_WORDS.find((w) => w.pattern.test(word))?.specialty : undefined;
}

/**
 * The practitioners a resource's people point to (note authors, encounter participants), as `Type/id`: an export
 * may write `urn:uuid:…` for the same practitioner that the order names by `Practitioner/id`.
 */
function people(record: ClinicalRecord, resource: DocumentReference | Encounter): string[] {
  const refs =
    resource.resourceType === 'DocumentReference'
      ? (resource.author ?? []).map((a) => a.reference)
      : (resource.participant ?? []).map((p) => p.individual?.reference);
  return refs.flatMap((r) => {
    if (r === undefined) return [];
    const target = record.byReference.get(r);
    return [target ? referenceOf(target) : r];
  });
}

const SIGNATURE_TITLE =
  /\b(dermatologist|allergist|immunologist|rheumatologist)\b|\b(FAAD|FAAAAI|FACAAI|FACR)\b|\b(?:Diplomate|board[- ]certified)\b[^\n]{0,40}?\b(Dermatology|Allergy (?:and|&) Immunology|Rheumatology)\b/i;
const CREDENTIAL_WORDS = '(?:MD|DO|PA-C|NP|FNP(?:-C)?|DNP)';
const SERVICE_WORDS = '(dermatology|allergy(?:\\s*(?:and|&|\\/)\\s*immunology)?|immunology|rheumatology)';
const SIGNATURE_SERVICE = new RegExp(
  `\\b${CREDENTIAL_WORDS}\\b[\\s,;:-]+(?:board[- ]certified\\s+)?${SERVICE_WORDS}\\b`,
  'i',
);
const SERVICE_LINE = new RegExp(`^\\s*${SERVICE_WORDS}\\s*$`, 'i');
const CREDENTIAL = new RegExp(`\\b${CREDENTIAL_WORDS}\\b`);
/** A signature naming a specialty names one of its stems or fellowships; most notes' tails name none. */
const ANY_SIGNATURE_SPECIALTY = /dermatolog|allergist|allergy\b|immunolog|rheumatolog|\bFA(?:AD|AAAI|CAAI|CR)\b/i;
const FELLOWSHIP: Readonly<Record<string, string>> = {
  FAAD: 'dermatology',
  FAAAAI: 'allergy_immunology',
  FACAAI: 'allergy_immunology',
  FACR: 'rheumatology',
};

/** The signature block ("Kenji Albrecht, MD / Board-certified Dermatologist", "…, MD, FAAD"): the specialty its
 * title or fellowship names, and the record's practitioners whose family name the block gives. */
function signatureSpecialty(
  record: ClinicalRecord,
  text: string,
): { specialty: string; signers: string[]; text: string; start: number } | undefined {
  const tailStart = Math.max(0, text.length - 400);
  const tail = text.slice(tailStart);
  if (!ANY_SIGNATURE_SPECIALTY.test(tail)) return undefined;
  const lines = tail.split('\n');
  let offset = tailStart;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const title = SIGNATURE_TITLE.exec(line);
    // "Owen Castellanos, MD - Dermatology": a credential and a service on the signer's own line, or the service alone
    // on the line under it ("Howard J. Beecham, MD" / "Dermatology").
    const service = title
      ? null
      : (SIGNATURE_SERVICE.exec(line) ?? (CREDENTIAL.test(lines[i - 1] ?? '') ? SERVICE_LINE.exec(line) : null));
    if (title || service) {
      const word = title?.[1] ?? title?.[3] ?? service?.[1] ?? '';
      const specialty = title?.[2]
        ? FELLOWSHIP[title[2].toUpperCase()]
        : SPECIALTY_WORDS.find((w) => w.pattern.test(word))?.specialty;
      const block = [lines[i - 2] ?? '', lines[i - 1] ?? '', line].join(' ');
      const words = new Set(block.toLowerCase().split(/[^a-z'-]+/));
      const signers = record.resources.flatMap((r) =>
        r.resourceType === 'Practitioner' &&
        (r.name ?? []).some(
          (n) =>
            n.family
              ?.toLowerCase()
              .split(/\s+/)
              .every((part) => words.has(part)) === true,
        )
          ? [referenceOf(r)]
          : [],
      );
      // A service named beside a credential signs only when the line names one of the record's practitioners.
      const signs = service === null || signers.length > 0;
      if (specialty && signs)
        return { specialty, signers, text: line.trim(), start: offset + line.indexOf(line.trim()) };
    }
    offset += line.length + 1;
  }
  return undefined;
}

/** Every statement of a clinician's specialty in the record, from encounters and notes. */
export function specialtyFacts(record: ClinicalRecord): SpecialtyFact[] {
  const facts: SpecialtyFact[] = [];
  for (const resource of record.resources) {
    if (resource.resourceType !== 'Encounter') continue;
    const concepts = resource.serviceType ? [...(resource.type ?? []), resource.serviceType] : (resource.type ?? []);
    const specialties = specialtiesOfConcepts(concepts);
    if (specialties.length === 0) continue;
    const date = resource.period?.start?.slice(0, 10);
    const label = concepts.map((c) => c.text ?? c.coding?.[0]?.display ?? '').join('; ');
    for (const specialty of specialties) {
      facts.push({
        kind: 'specialty',
        specialty,
        via: 'encounter',
        practitioners: people(record, resource),
        consult: CONSULT.test(label),
        assertion: 'affirmed',
        ...(date ? { date } : {}),
        source: { reference: referenceOf(resource), text: `Encounter: ${label}` },
      });
    }
  }
  const byAuthors = new Map<string, string[]>();
  for (const note of record.notes) {
    const doc = record.byReference.get(note.reference);
    const authors = doc?.resourceType === 'DocumentReference' ? people(record, doc) : [];
    // The title and the first lines carry the heading; a specialty named further down is a mention, not a heading.
    const opening = note.text.slice(0, 240);
    const title = note.title ?? '';
    const named = ANY_SPECIALTY.test(opening) || ANY_SPECIALTY.test(title);
    const heading = named ? [title, opening.split('\n', 4).join('\n')].join('\n') : '';
    const fromHeading = headingSpecialty(heading);
    if (fromHeading) {
      const line = heading.split('\n').find((l) => headingSpecialty(l) !== undefined) ?? heading;
      const start = note.text.indexOf(line);
      facts.push({
        kind: 'specialty',
        specialty: fromHeading,
        via: 'note_heading',
        practitioners: authors,
        consult: CONSULT.test(line),
        assertion: 'affirmed',
        ...(note.date ? { date: note.date } : {}),
        source: {
          reference: note.reference,
          text: line.trim(),
          ...(start >= 0 ? { start, end: start + line.length } : {}),
        },
      });
    }
    const signed = signatureSpecialty(record, note.text);
    if (signed) {
      facts.push({
        kind: 'specialty',
        specialty: signed.specialty,
        via: 'note_signature',
        practitioners: signed.signers.length > 0 ? signed.signers : authors,
        consult: false,
        assertion: 'affirmed',
        ...(note.date ? { date: note.date } : {}),
        source: {
          reference: note.reference,
          text: signed.text,
          start: signed.start,
          end: signed.start + signed.text.length,
        },
      });
    }
    if (authors.length === 0) continue;
    // A record's notes have few authors: each author set is read once.
    const key = authors.join('|');
    let authorSpecialties = byAuthors.get(key);
    if (authorSpecialties === undefined) {
      authorSpecialties = specialtiesOfResources(
        authors.flatMap((a) => {
          const r = record.byReference.get(a);
          return r ? [r] : [];
        }),
      );
      byAuthors.set(key, authorSpecialties);
    }
    for (const specialty of authorSpecialties) {
      facts.push({
        kind: 'specialty',
        specialty,
        via: 'note_author',
        practitioners: authors,
        consult: false,
        assertion: 'affirmed',
        ...(note.date ? { date: note.date } : {}),
        source: { reference: note.reference, text: `Note author: ${specialty.replace('_', '/')}` },
      });
    }
  }
  return facts;
}
