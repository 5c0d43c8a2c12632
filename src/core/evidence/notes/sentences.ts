// Sentence splitting for clinical notes, with character offsets into the note text.
// Lines are first joined into units (a wrapped line continues its sentence when the next line starts in lower case;
// a bullet, a blank line or a heading starts a new unit), then units are split at . ! ? followed by white space and
// an upper-case letter or digit, except after abbreviations (Dr., e.g., vs.), list markers ("1. PT") and decimals
// ("1.2 mm" has no space). Sentence-final abbreviations ("x 6 wks.", "b.i.d.") do end a sentence when the next word
// is capitalised. Bullet items under a line ending in ":" keep a link to that lead line, so that "Denies:" governs
// the list below it.
import type { NoteSection } from '../fact.ts';
import type { SectionSpan } from './sections.ts';

export interface Sentence {
  start: number;
  end: number;
  text: string;
  section: NoteSection;
  /** Index of the list lead sentence ("Denies:", "Tried the following:") for a bullet item. */
  lead?: number;
}

/** Abbreviations after which a period never ends a sentence. */
const NEVER_BREAK = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'st',
  'e.g',
  'i.e',
  'eg',
  'ie',
  'vs',
  'approx',
  'cf',
  'no',
  'fig',
  'pt',
  'pts',
  'hx',
  'h/o',
  'sx',
  'dx',
  'tx',
  'rx',
  'appt',
  'inj',
  'apx',
  'ca',
]);

const BULLET = /^[ \t]*(?:[-*•·]|\d{1,2}[.)]|[a-z][.)])[ \t]+/;
const LIST_MARKER_ONLY = /^[ \t]*(?:\d{1,2}|[a-zA-Z])$/;
const WORD_BEFORE = /([A-Za-z][A-Za-z./]*)$/;

interface Unit {
  start: number;
  end: number;
  bullet: boolean;
}

const LEADER = /\S\s*\.{4,}\s*\S/;

function lineUnits(text: string, from: number, to: number): Unit[] {
  const units: Unit[] = [];
  let pos = from;
  let current: Unit | undefined;
  while (pos < to) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > to) nl = to;
    const line = text.slice(pos, nl);
    const trimmed = line.trim();
    if (trimmed === '') {
      if (current) units.push(current);
      current = undefined;
    } else {
      const bullet = BULLET.test(line);
      const first = trimmed.charCodeAt(0);
      // A wrapped line may also go on with a date ("applied triamcinolone to body\n8/25-10/20 (8 weeks)").
      // …but a line of a dated list ("01/28/2025  PET/CT - baseline", "08/12/2025  PET/CT - surveillance") is an
      // item of its own when the line before began with a date too.
      const dateLed = /^\d{1,2}\/\d{1,4}\b/.test(trimmed);
      const listOfDates =
        dateLed &&
        current !== undefined &&
        /^\s*\d{1,2}\/\d{1,4}\b/.test(text.slice(current.start, current.start + 16));
      // So may a short bracket that qualifies the line before ("Used consistently through 09/15/2026\n(~11 wks) -
      // failed"); a longer one is a remark of its own ("(08/2022 PET/CT was for an unrelated nodule)").
      // A bracket that closes the sentence the line before left open ("since wife Margit passed\n(03/2024, metastatic
      // breast cancer).") is its end, however long.
      const qualifier = /^\([^)\n]{1,24}\)/.test(trimmed) || /^\([^)\n]{1,100}\)\.(?:\s|$)/.test(trimmed);
      const lower = (first >= 97 && first <= 122) || qualifier || (dateLed && !listOfDates);
      const prevClosed =
        current !== undefined && /[.:;!?]\s*$/.test(text.slice(Math.max(current.start, current.end - 8), current.end));
      // A line that ends on an arrow, an open bracket or a word no sentence ends on goes on in the next ("(BSA 8%
      // ->\n 2%)", "This is therefore stage\nIIA (T3aN0) or stage IIB").
      const prevOpen =
        current !== undefined &&
        /(?:->|→|=>|\(|\b(?:to|from|of|the|an?|and|or|with|is|was|are|were|stage|at|in|on|for|by|than|about|into|per))\s*$/i.test(
          text.slice(Math.max(current.start, current.end - 8), current.end),
        );
      // A row of a column-aligned table ("08/28/2023  FDG PET/CT    Initial staging (PI)    NED") is a line of its own.
      // So is a row that opens on its date and a column gap ("04/10/2025  PET/CT skull base-thigh .... NED"), even
      // under a heading line that is no row.
      const tableRow = / {2,}\S[^\n]* {2,}\S/.test(trimmed) || (dateLed && /^\S+ {2,}\S/.test(trimmed));
      // So is the next row of a list whose rows run to their values on leader dots ("folic acid 1 mg daily ......
      // start 09/12/2025   ACTIVE" after "… weekly ...... start 09/12/2025   ACTIVE").
      const leaderRow =
        current !== undefined && LEADER.test(trimmed) && LEADER.test(text.slice(current.start, current.end));
      if (current && !bullet && !tableRow && !leaderRow && (lower || prevOpen) && !prevClosed) {
        current.end = nl;
      } else {
        if (current) units.push(current);
        current = { start: pos, end: nl, bullet };
      }
    }
    pos = nl + 1;
  }
  if (current) units.push(current);
  return units;
}

function pushTrimmed(
  out: Sentence[],
  text: string,
  start: number,
  end: number,
  section: NoteSection,
  lead?: number,
): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  const bullet = /^(?:[-*•·])[ \t]+/.exec(text.slice(s, Math.min(e, s + 4)));
  if (bullet) s += bullet[0].length;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  if (e <= s) return;
  out.push({ start: s, end: e, text: text.slice(s, e), section, ...(lead !== undefined ? { lead } : {}) });
}

const CANDIDATE = /[.!?](?=\s|$)/g;
const CONTINUING_FIELD = /^(?:outcome|result|response|reason(?: stopped)?|stopped because)\s*:/i;

function splitUnit(text: string, unit: Unit, section: NoteSection, out: Sentence[], lead?: number): void {
  let sentStart = unit.start;
  CANDIDATE.lastIndex = unit.start;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(text)) !== null && m.index < unit.end) {
    const i = m.index;
    const ch = m[0];
    // A leader of dots ("History of cancer .......... No") joins a label to its value; it ends no sentence.
    if (ch === '.' && text.charAt(i - 1) === '.' && text.charAt(i - 2) === '.') continue;
    // Skip white space to the next visible character.
    let j = i + 1;
    while (j < unit.end && /\s/.test(text.charAt(j))) j++;
    const nextVisible = j < unit.end ? text.charAt(j) : '';
    if (nextVisible !== '' && !/[A-Z0-9(#*+-]/.test(nextVisible)) continue;
    // "mometasone BID: 11/03 -> 01/12 (10 weeks). Outcome: FAILED": the field on the same line belongs to it.
    if (CONTINUING_FIELD.test(text.slice(j, j + 24)) && !text.slice(i, j).includes('\n')) continue;
    // Only the tail before the mark matters (keeps long run-on text linear).
    const before = text.slice(Math.max(sentStart, i - 40), i);
    if (i - sentStart <= 40 && before.trim() === '') continue;
    if (ch === '.') {
      if (i - sentStart <= 6 && LIST_MARKER_ONLY.test(before)) continue;
      const word = WORD_BEFORE.exec(before);
      if (word?.[1] !== undefined) {
        const w = word[1].toLowerCase();
        if (NEVER_BREAK.has(w)) continue;
        if (w.length === 1 && /[A-Z]/.test(word[1]) && /[A-Z]/.test(nextVisible)) continue; // initials "J. Smith"
      }
    }
    pushTrimmed(out, text, sentStart, i + 1, section, lead);
    sentStart = i + 1;
  }
  pushTrimmed(out, text, sentStart, unit.end, section, lead);
}

/** Splits every section into sentences; offsets index into `text`. */
export function splitSentences(text: string, sections: readonly SectionSpan[]): Sentence[] {
  const out: Sentence[] = [];
  for (const span of sections) {
    let lead: number | undefined;
    // "2. Axillary node, uncertain significance. Differential diagnosis:\n   a) nodal metastasis …": an item that ends
    // on a colon leads the items nested under it (indented further, or lettered under a number).
    let nested: { lead: number; indent: number; marker: string } | undefined;
    for (const unit of lineUnits(text, span.start, span.end)) {
      const before = out.length;
      const { indent, marker } = itemShape(text, unit.start);
      let itemLead: number | undefined;
      if (unit.bullet) {
        if (nested && (indent > nested.indent || (indent === nested.indent && marker !== nested.marker)))
          itemLead = nested.lead;
        else {
          nested = undefined;
          itemLead = lead;
        }
      }
      splitUnit(text, unit, span.section, out, itemLead);
      const last = out[out.length - 1];
      const leads = out.length > before && last?.text.endsWith(':') === true;
      if (!unit.bullet) {
        lead = leads ? out.length - 1 : undefined;
        nested = undefined;
      } else if (leads) nested = { lead: out.length - 1, indent, marker };
    }
  }
  return out;
}

/** A list line's indentation and the kind of its marker (a number, a letter, a symbol). */
function itemShape(text: string, at: number): { indent: number; marker: string } {
  const m = /^([ \t]*)(\d|[a-z](?=[.)])|.)/.exec(text.slice(at, at + 12));
  const first = m?.[2] ?? '';
  return {
    indent: m?.[1]?.length ?? 0,
    marker: /\d/.test(first) ? 'number' : /[a-z]/.test(first) ? 'letter' : 'symbol',
  };
}
