// Dated parts of a note. Outside records pasted or faxed into a chart carry their own visits under headers
// ("*** NEW PATIENT CONSULTATION - 08/12/2025 - V. Lindahl, MD ***", "=== Dermatology 03/14/2026 ==="): a statement
// under such a header was made on the header's day, not the day the records arrived. Without this, a pre-operative
// "symptoms progressive for 18 months" reads as the chart's newest word.
import { findDates } from './when.ts';

export interface DatedPart {
  /** Offset in the note where the part begins (its header line). */
  start: number;
  date: string;
  /** Where a bracketed aside ends: after it, the date before it holds again. */
  end?: number;
}

// A header line, set off by its decoration (***, ===, ---, ### or brackets) and holding a full date. A plain label
// with a date ("LABS (07/30/2026): CBC normal") dates its own line, not the rest of the note.
const HEADER = /^[ \t]*(?:\*{2,}|={2,}|-{2,}|#{2,}|\[)[^\n]{0,120}$/gm;
// An addendum or late entry opens a part of its own day, which may follow the note's ("Addendum 06/04/2024: PT
// discharge received"), so that what it corrects or adds is the chart's later word.
const ADDENDUM = /^[ \t]*[-*[(]*[ \t]*(?:addendum|late entry|correction|corrected entry)\b[^\n]{0,40}/gim;

const VISIT_LINE =
  /^[ \t]*(?:(?:office|clinic|follow[- ]?up|telehealth|new patient|return|return patient)\s+)?(?:visit|encounter|progress note)(?:\s+date)?\s*[:-]?\s*[^\n]{0,12}?\d{1,2}\/\d{1,2}\/\d{2,4}[^\n]{0,40}$|^[ \t]*(?:date of (?:service|visit)|DOS|visit date)\s*:\s*\d{1,2}\/\d{1,2}\/\d{2,4}[^\n]{0,40}$/gim;
// A bracketed aside that opens on a dated label ("(Prior visit 3/10/25: … BSA 4%. IGA 2.)"): all of it, not only its
// first sentence, is that day's.
const ASIDE = /\(([^():\n]{0,40}):\s[^()]{0,800}\)/g;
const CARRIED = /(?:carried|copied|brought|pulled) (?:forward|from)/i;
const MARKER_ANY = new RegExp(
  String.raw`[[(]\s*(?:exam |note |text |hpi )?(?:carried|copied|brought|pulled)(?: forward)? (?:from|of) [^\])\n]{4,30}[\])]`,
  'gi',
);
// A chronology's line that opens on its date ("- 06/12/2025 (Chesapeake, Dr. Ndiaye): New diagnosis … Exam: plaques
// trunk, arms. BSA 12%."): every sentence of the line is that day's.
const DATED_LINE =
  /^[ \t]*(?:[-*•]|\d{1,2}[.)])?[ \t]*(\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}-\d{2}-\d{2})\b[^\n:]{0,60}:[^\n]*$/gm;
const SLASHED = /\d\/\d/;
const AMENDED = /addendum|late entry|correct/i;
const FULL_DAY = /\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}-\d{2}-\d{2}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}/;
const BANNER = /\b(?:DOB|D\.O\.B\.?|born|birth|MRN|acct|account|SSN|member|policy|phone|fax|page)\b/i;

/** The note's dated parts in order; empty when it has no dated headers or addenda (the note's own date then holds). */
export function datedParts(text: string, noteDate: string | undefined): DatedPart[] {
  const parts: DatedPart[] = [];
  HEADER.lastIndex = 0;
  for (let m = HEADER.exec(text); m !== null; m = HEADER.exec(text)) {
    // A demographic banner ("PATIENT: DOE, JANE  DOB 04/11/1960") dates no visit.
    if (BANNER.test(m[0])) continue;
    // A full date only (a day): a header naming a month ("Summer 2024") does not date a visit.
    const header = m[0];
    const date = findDates(header).find((d) => FULL_DAY.test(header.slice(d.start, d.end)))?.value;
    if (date !== undefined && (noteDate === undefined || date <= noteDate)) parts.push({ start: m.index, date });
  }
  // A visit line in pasted records ("Office Visit 06/30/2025", "Date of service: 06/30/2025") opens that visit's
  // part; the note's own date of service (the note's date) changes nothing.
  // Both need what most notes lack (a slashed date, the word "addendum" or "correction"): tested first, cheaply.
  VISIT_LINE.lastIndex = 0;
  for (let m = SLASHED.test(text) ? VISIT_LINE.exec(text) : null; m !== null; m = VISIT_LINE.exec(text)) {
    const line = m[0];
    const date = findDates(line).find((d) => FULL_DAY.test(line.slice(d.start, d.end)))?.value;
    if (date !== undefined && noteDate !== undefined && date < noteDate && !BANNER.test(line))
      parts.push({ start: m.index, date });
  }
  DATED_LINE.lastIndex = 0;
  for (let m = SLASHED.test(text) ? DATED_LINE.exec(text) : null; m !== null; m = DATED_LINE.exec(text)) {
    const date = findDates(m[1] ?? '')[0]?.value;
    if (date !== undefined && noteDate !== undefined && date < noteDate)
      parts.push({ start: m.index, date, end: m.index + m[0].length });
  }
  ASIDE.lastIndex = 0;
  for (let m = ASIDE.exec(text); m !== null; m = ASIDE.exec(text)) {
    const label = m[1] ?? '';
    const date = findDates(label).find((d) => FULL_DAY.test(label.slice(d.start, d.end)))?.value;
    if (date !== undefined && (noteDate === undefined || date <= noteDate) && !BANNER.test(label))
      parts.push({ start: m.index, date, end: m.index + m[0].length });
  }
  // "HPI: … Pain 8/10, worse sitting. Numbness lateral R foot. [carried forward from 05/20/2026]": a copy-forward
  // marker at a line's end dates all of the line before it (and so does one at its start, all of the line after);
  // one inside a line ("… scalp itching (copied from 06/2025 note). Scalp has stayed clear …") dates its sentence.
  // A month is enough here: the marker says the words are older than the note.
  const copied = (marker: string): string | undefined => {
    const date = findDates(marker)[0]?.value;
    return date !== undefined && (noteDate === undefined || date < noteDate) ? date : undefined;
  };
  for (let m = CARRIED.test(text) ? MARKER_ANY.exec(text) : null; m !== null; m = MARKER_ANY.exec(text)) {
    const date = copied(m[0]);
    if (date === undefined) continue;
    const at = m.index;
    const end = at + m[0].length;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const newline = text.indexOf('\n', end);
    const lineEnd = newline === -1 ? text.length : newline;
    const before = text.slice(lineStart, at);
    if (/^[ \t.;,]*$/.test(text.slice(end, lineEnd)) || /^[ \t]*$/.test(before)) {
      parts.push({ start: lineStart, date, end: lineEnd });
      continue;
    }
    const boundary = Math.max(before.lastIndexOf('. '), before.lastIndexOf('? '), before.lastIndexOf('! '));
    parts.push({ start: lineStart + (boundary >= 0 ? boundary + 2 : 0), date, end });
  }
  ADDENDUM.lastIndex = 0;
  for (let m = AMENDED.test(text) ? ADDENDUM.exec(text) : null; m !== null; m = ADDENDUM.exec(text)) {
    const line = m[0];
    const date = findDates(line).find((d) => FULL_DAY.test(line.slice(d.start, d.end)))?.value;
    if (date !== undefined && (noteDate === undefined || date >= noteDate)) parts.push({ start: m.index, date });
  }
  return parts.sort((a, b) => a.start - b.start);
}

/** The date of the part holding `at`, if it lies under a dated header. */
export function partDateAt(parts: readonly DatedPart[], at: number): string | undefined {
  let date: string | undefined;
  for (const part of parts) {
    if (part.start > at) break;
    if (part.end === undefined || at < part.end) date = part.date;
  }
  return date;
}
