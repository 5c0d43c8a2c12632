// A prior-authorization request form kept in the chart (the office's PA worksheet, a payer portal's or ePA
// questionnaire answers, a precertification intake sheet) is the request itself, not documentation for it: its
// answers are what the office claims, typed by staff from the chart, and a reviewer checks them against the notes
// rather than the other way round. Read as evidence, "BSA >= 10 %: YES" would outrank the dermatologist's "BSA ~2 %"
// measured the same day. So is the payer's decision letter on a request, scanned into the chart. A letter of medical
// necessity, and the clinician's addendum answering a denial, are the clinician's own account and stay notes.
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

/** The first non-blank lines of a note (within its first 600 characters), trimmed. */
function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  const head = text.slice(0, 600);
  let at = 0;
  while (lines.length < count && at <= head.length) {
    const nl = head.indexOf('\n', at);
    const line = head.slice(at, nl === -1 ? head.length : nl).trim();
    if (line !== '') lines.push(line);
    if (nl === -1) break;
    at = nl + 1;
  }
  return lines;
}

/** A payer's (or benefit manager's) decision on a request, kept in the chart: its reasons restate the policy and
 * what the reviewer found, and are no documentation of the patient ("covered when there are objective findings of
 * motor or reflex changes" is the policy's sentence, not the patient's exam). */
const PAYER_DECISION =
  /\b(?:(?:coverage|prior[ -]?auth(?:orization)?|PA|authorization|pre-?certification|utilization review)(?: review)?\s+(?:determination|decision)|determination notice|^(?:subject|status|decision|determination|outcome)\s*:[^\n]{0,100}\b(?:denied|not approved)\b|^from:\s*[^\n]{0,40}\b(?:pre-?certification|prior[ -]?auth\w*|utilization (?:review|management)|pharmacy (?:benefit )?management)\b|notice of (?:denial|adverse|non-?coverage|action|decision)|adverse (?:benefit )?determination|(?:final |initial )?determination\s*[-:]\s*(?:not approved|denied|adverse|approved)|denial (?:letter|notice)|notice of (?:medical )?(?:denial|coverage decision))\b/im;

/** A clinician's answer to that decision opens with what it answers; it is documentation. */
const ANSWER = /\b(?:addendum|response to|in response|re:|appeal|reconsideration request)\b/i;

/** Why the note is not clinical documentation (for the intake warning): a PA request form or a payer's decision. */
export function setAsideReason(doc: DocumentReference, text: string): string | undefined {
  const title = [doc.type?.text, doc.type?.coding?.[0]?.display, doc.description].filter(Boolean).join('\n');
  const lines = firstLines(text, 4);
  const opening = lines.slice(0, 2).join('\n');
  if (CLINICAL_DOCUMENT.test(opening)) return undefined;
  const form = FORM_TITLE.test(opening) || FORM_TITLE.test(title);
  const staffRequest = REQUEST.test(`${title}\n${opening}`) && (STAFF_ENTRY.test(opening) || STAFF_ENTRY.test(title));
  if (form || staffRequest)
    return "a prior-authorization request form (the office's answers to the payer, not clinical documentation)";
  const letterhead = lines.join('\n');
  if (PAYER_DECISION.test(letterhead) && !ANSWER.test(letterhead) && !CLINICAL_DOCUMENT.test(letterhead))
    return "a payer's decision letter (its reasons restate the policy, not clinical documentation)";
  return undefined;
}
