// A prior-authorization request form kept in the chart (the office's PA worksheet, a payer portal's or ePA
// questionnaire answers, a precertification intake sheet) is the request itself, not documentation for it: its
// answers are what the office claims, typed by staff from the chart, and a reviewer checks them against the notes
// rather than the other way round. Read as evidence, "BSA >= 10 %: YES" would outrank the dermatologist's "BSA ~2 %"
// measured the same day. A letter of medical necessity is the clinician's own account and stays a note.
import type { DocumentReference } from '@medplum/fhirtypes';

/** What a form calls itself in its title or first heading line. */
const FORM_TITLE =
  /\b(?:(?:prior[ -]?auth(?:orization)?|pre-?cert(?:ification)?|pre-?service|e-?PA|PA|auth(?:orization)?)\b[^\n]{0,80}?\b(?:work ?sheet|questionnaire|question set|intake (?:sheet|worksheet)|prep sheet|request form|form|portal entry|entry log|answers|cover sheet)|(?:work ?sheet|questionnaire|question set)\b[^\n]{0,40}?\b(?:prior[ -]?auth(?:orization)?|pre-?cert(?:ification)?|PA|auth(?:orization)?))\b/i;

/** A request for authorization, which is a form when office staff typed it. */
const REQUEST =
  /\b(?:prior[ -]?auth(?:orization)?|pre-?cert(?:ification)?|PA|auth(?:orization)?)\b[^\n]{0,40}?\brequest\b/i;

/** Who fills a form in: office staff, not the clinician. */
const STAFF_ENTRY =
  /\b(?:typed|entered|completed|keyed|filled(?: out| in)?|submitted)\s+by\b[^\n]{0,60}?\b(?:staff|front (?:office|desk)|office|coordinator|scheduler|referrals?|specialist|MA|LPN|biller|clerk)\b|\b(?:office|staff) use\b|\bstaff (?:worksheet|entry|intake)\b/i;

/** Words a clinical author's document opens with; such a document is read even when it names a PA form. */
const CLINICAL_DOCUMENT =
  /\b(?:letter of medical necessity|medical necessity letter|progress note|office (?:visit|note)|consult(?:ation)?|history and physical|H&P|discharge summary|operative note|clinic note)\b/i;

function heading(text: string): string {
  const lines = text
    .slice(0, 600)
    .split('\n')
    .map((line) => line.trim());
  return lines
    .filter((line) => line !== '')
    .slice(0, 2)
    .join('\n');
}

/** Why the note is a PA request form (for the intake warning), or undefined when it is clinical documentation. */
export function requestFormReason(doc: DocumentReference, text: string): string | undefined {
  const title = [doc.type?.text, doc.type?.coding?.[0]?.display, doc.description].filter(Boolean).join('\n');
  const opening = heading(text);
  if (CLINICAL_DOCUMENT.test(opening)) return undefined;
  const form = FORM_TITLE.test(opening) || FORM_TITLE.test(title);
  const staffRequest = REQUEST.test(`${title}\n${opening}`) && (STAFF_ENTRY.test(opening) || STAFF_ENTRY.test(title));
  return form || staffRequest
    ? "a prior-authorization request form (the office's answers to the payer, not clinical documentation)"
    : undefined;
}
