// Copy-forward text the EHR marks as such: "EXAM: [copied forward from 06/02/2026] Gait: mild L foot slap …",
// "Skin: [copy forward 03/18/2025] … BSA approx 12%", "Previous exam (04/02/2025, carried forward): … BSA 14%". What
// follows the marker, up to the line that starts fresh content ("Today: …", "Interval 07/21: …"), a blank line or a
// heading, states what was true on the marker's date, however short its sentences (word-for-word matching,
// copy-forward.ts, leaves those alone). A marker that ends its line ("… as rx'd [copied from prior].") marks that line.
import type { ClinicalNote } from '../fhir/record.ts';
import { findDates } from './notes/when.ts';

export interface MarkedCopy {
  start: number;
  end: number;
  /** The date the marker names, or the previous note's when it names none; undefined when neither is known. */
  date: string | undefined;
  marker: string;
}

const MARKER =
  /[[(][^\])\n]{0,25}?\b(?:(?:copied|copy|carried|pulled|brought)[ -]?forward|(?:copied|carried over|pulled) from)\b[^\])\n]{0,60}[\])]|\b(?:previous|prior|last) (?:exam|visit|note|assessment)\s*\((?:from |of |on |dated )?\d{1,2}\/\d{1,2}\/\d{2,4}[^)\n]{0,30}\)|\b(?:copied|carried) forward from (?:the )?(?:note|visit) (?:of|dated|on) [\d/-]{6,10}:?/gi;
const SHORT_DATE = /\b(\d{1,2})\/(\d{1,2})\b/;
// A line that starts what this visit found, or a new part of the note.
const FRESH_LINE =
  /^\s*(?:today|tdy|interval|now|current(?:ly)?|update[ds]?|addendum|this visit|at this visit|new|(?:on )?(?:exam|examination|PE)(?: today| now| this visit))\b|^\s*[[(]/i;
const HEADING = /^\s*[A-Z][A-Z&/ ]{2,}:/;

function markerDate(marker: string, noteDate: string | undefined, previous: string | undefined): string | undefined {
  const full = findDates(marker).find((d) => d.precision === undefined);
  if (full) return full.value;
  const short = SHORT_DATE.exec(marker);
  if (short && noteDate) {
    const year = Number(noteDate.slice(0, 4));
    const pad = (n: string): string => n.padStart(2, '0');
    let value = `${String(year)}-${pad(short[1] ?? '')}-${pad(short[2] ?? '')}`;
    if (value > noteDate) value = `${String(year - 1)}-${pad(short[1] ?? '')}-${pad(short[2] ?? '')}`;
    return value;
  }
  return previous;
}

// What every marker holds, in one case-sensitive pattern of word stems in either case (a case-insensitive one cost
// twice as much over every note): most notes hold none.
const CUE = /orward|ORWARD|opied|OPIED|arried [oO]ver|ARRIED OVER|ulled|ULLED|\(\d{1,2}\/\d/;

/** Whether the note can hold a marker at all: a cheap test before the marker pattern. */
export function mayMarkCopies(note: ClinicalNote): boolean {
  return CUE.test(note.text);
}

/** The spans of a note its writer marks as carried forward, each with the date it was first true. */
export function markedCopies(note: ClinicalNote, previousNoteDate: string | undefined): MarkedCopy[] {
  const text = note.text;
  const out: MarkedCopy[] = [];
  MARKER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MARKER.exec(text)) !== null) {
    const date = markerDate(m[0], note.date, previousNoteDate);
    const after = m.index + m[0].length;
    // "Continues naproxen 500 BID as rx'd [copied from prior].": a marker that ends its line marks the line before it.
    const lineEnd = text.indexOf('\n', after);
    if (/^[\s.;]*$/.test(text.slice(after, lineEnd === -1 ? text.length : lineEnd))) {
      out.push({ start: text.lastIndexOf('\n', m.index) + 1, end: m.index, date, marker: m[0] });
      continue;
    }
    const start = after;
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    while (end < text.length) {
      const next = text.indexOf('\n', end + 1);
      const line = text.slice(end + 1, next === -1 ? text.length : next);
      if (line.trim() === '' || FRESH_LINE.test(line) || HEADING.test(line)) break;
      end = next === -1 ? text.length : next;
    }
    out.push({ start, end, date, marker: m[0] });
  }
  return out;
}
