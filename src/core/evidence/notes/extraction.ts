// The shared core of note extraction: one note's text, its sections, sentences and ConText (built on first use),
// the clauses and dates of a sentence, and the fact-building helpers every clinical family uses (one fact per
// statement, its source sentence, its date, family history). What is particular to one family lives in families/.
import type { Assertion, CancerType, Fact } from '../fact.ts';
import type { ClinicalNote } from '../../fhir/record.ts';
import { daysBetween, isIsoDate } from '../dates.ts';
import { ICD10_SYSTEM, type NoteFamily } from './concepts.ts';
import { NoteContext, type ContextFlags, type TriggerCache } from './context.ts';
import { datedParts, partDateAt, type DatedPart } from './dated-parts.ts';
import { detectSections } from './sections.ts';
import { splitSentences, type Sentence } from './sentences.ts';
import type { Possible, Probe } from './prefilter.ts';
import { findDates, findDurations, findStarts, type Found } from './when.ts';

/** How a concept's history reads: a finding (history is historical), chronic (history is the fact itself), an
 * event (a prior event happened: affirmed unless remote), or a statement (only negation matters). */
type Mode = 'finding' | 'chronic' | 'event' | 'statement';

const LEAD_WHEN =
  /^\W*(?:when|at (?:the|her|his|that|your|our) (?:visit|appointment|exam\w*|consult\w*)|on|during|back in|as of)\b/i;

export function toAssertion(f: ContextFlags, mode: Mode): Assertion {
  if (mode === 'statement') return f.negated ? 'negated' : 'affirmed';
  if (f.hypothetical) return 'hypothetical';
  if (f.negated) return 'negated';
  if (f.family) return 'family';
  if (f.uncertain) return 'uncertain';
  if (f.historical) {
    if (mode === 'chronic') return 'affirmed';
    if (mode === 'event' && !f.remote) return 'affirmed';
    return 'historical';
  }
  return 'affirmed';
}

const CLAUSE_SPLIT =
  /;|\b(?:but|however|although|whereas|though|which)\b|\band (?=(?:takes|is taking|uses|using|tried|has tried|was given)\b)/gi;
const RELATIVE =
  /\b(mother|father|mom|dad|sister|brother|sibling|aunt|uncle|grandmother|grandfather|cousin|son|daughter|parent|niece|nephew|MGM|MGF|PGM|PGF)s?\b/i;

const PATIENT_REPORT =
  /\b(?:(?:she|he|they|patient|pt|mother|father|parent)\s+(?:says|said|reports?|reported|states?|stated|feels|felt|describes?|described|complains?|notes?|endorses?|thinks)|c\/o|complains? of|feels?)\b/i;
/** Words of an examination: a statement carrying them is an observed finding even when it begins with a report. */
const EXAMINED =
  /\b(?:on (?:exam|examination)|exam(?:ination)? (?:shows|showed|reveals?|revealed|demonstrates?)|[0-5]\/5|to (?:light touch|pinprick)|dermatom|myotom|reflex(?:es)?\b|straight[- ]leg)/i;

/** A plan or assessment sentence, including an inline "Plan: ..." inside another section. */
export function isPlanLike(s: Sentence): boolean {
  return (
    s.section === 'plan' ||
    s.section === 'assessment' ||
    /^(?:plan|p|recommendations?|disposition|a\s*\/\s*p|(?:assessment|impression)\s*(?:and|&|\/)\s*plan)\s*:/i.test(
      s.text,
    )
  );
}

/** One extractor of a clinical family (or shared by all): what it searches a note for, so that the prefilter can
 * rule it out, and how it reads the note into facts. The pipeline runs the extractors in families/index.ts. */
export interface NoteExtractor {
  readonly family: NoteFamily | 'shared';
  /** Patterns searched over the whole note (a pattern not listed here is simply always run). */
  readonly probes?: readonly Probe[];
  /** Patterns also tested on a sentence or clause. */
  readonly sliced?: readonly Probe[];
  run(x: NoteExtraction): void;
}

interface SentenceInfo {
  clauses: [number, number][];
  dates?: Found<string>[];
  durations?: Found<number>[];
  starts?: Found<string>[];
}

/** One note being read: its text, lazily built sentences and ConText, and the facts found so far. */
export class NoteExtraction {
  readonly facts: Fact[] = [];
  private readonly seen = new Set<string>();
  private readonly info = new Map<number, SentenceInfo>();
  /** Therapy mentions per sentence (from the therapy extractor), so that a symptom course tells them apart. */
  readonly therapySpans = new Map<number, [number, number][]>();
  /** Durations that belong to a therapy, so that a symptom course does not take them. */
  readonly claimed = new Set<number>();
  /** The note's cancer for sentences that name none (set by the cancer extractor, read by later ones). */
  contextCancer: CancerType | undefined;
  hasCancerContext = false;
  readonly text: string;
  readonly noteDate: string | undefined;
  private context: NoteContext | undefined;
  private parts: DatedPart[] | undefined;

  /** `possible`: what the note can match at all (the prefilter's answer); the rest is not searched. */
  constructor(
    readonly note: ClinicalNote,
    readonly possible: Possible,
    private readonly triggers?: TriggerCache,
  ) {
    this.text = note.text;
    this.noteDate = note.date !== undefined && isIsoDate(note.date) ? note.date : undefined;
  }

  /** Sections, sentences and triggers, built on first use: a note where nothing can match never needs them. */
  get ctx(): NoteContext {
    this.context ??= new NoteContext(this.text, splitSentences(this.text, detectSections(this.text)), this.triggers);
    return this.context;
  }

  sentenceInfo(si: number): SentenceInfo {
    let info = this.info.get(si);
    if (!info) {
      const s = this.ctx.sentences[si];
      const clauses: [number, number][] = [];
      if (s) {
        let from = s.start;
        CLAUSE_SPLIT.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = CLAUSE_SPLIT.exec(s.text)) !== null) {
          clauses.push([from, s.start + m.index]);
          from = s.start + m.index;
        }
        clauses.push([from, s.end]);
      }
      info = { clauses };
      this.info.set(si, info);
    }
    return info;
  }

  dates(si: number): Found<string>[] {
    const info = this.sentenceInfo(si);
    const s = this.ctx.sentences[si];
    info.dates ??= s ? findDates(s.text).map((d) => ({ ...d, start: d.start + s.start, end: d.end + s.start })) : [];
    return info.dates;
  }

  durations(si: number): Found<number>[] {
    const info = this.sentenceInfo(si);
    const s = this.ctx.sentences[si];
    info.durations ??= s
      ? findDurations(s.text).map((d) => ({ ...d, start: d.start + s.start, end: d.end + s.start }))
      : [];
    return info.durations;
  }

  starts(si: number): Found<string>[] {
    const info = this.sentenceInfo(si);
    const s = this.ctx.sentences[si];
    info.starts ??= s
      ? findStarts(s.text, this.noteDate).map((d) => ({ ...d, start: d.start + s.start, end: d.end + s.start }))
      : [];
    return info.starts;
  }

  clauseOf(si: number, at: number): [number, number] {
    for (const c of this.sentenceInfo(si).clauses) if (at >= c[0] && at < c[1]) return c;
    const s = this.ctx.sentences[si];
    return s ? [s.start, s.end] : [at, at];
  }

  source(si: number): Fact['source'] {
    const s = this.ctx.sentences[si];
    if (!s) return { reference: this.note.reference, text: '' };
    return { reference: this.note.reference, text: s.text, start: s.start, end: s.end, section: s.section };
  }

  /** Runs a global regex over the note; calls back with the sentence index for each match inside a sentence. */
  scan(re: RegExp, each: (m: RegExpExecArray, si: number) => void): void {
    if (!this.possible.has(re)) return;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(this.text)) !== null) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      const si = this.ctx.sentenceAt(m.index);
      if (si >= 0) each(m, si);
    }
  }

  /** A symptom in the patient's words ("she says the leg 'feels weak at times'"), outside an examination: what
   * the patient reports, not a finding a clinician observed. */
  reportedByPatient(si: number, start: number, end: number): boolean {
    const s = this.ctx.sentences[si];
    if (!s || s.section === 'exam') return false;
    const before = this.text.slice(s.start, start);
    if ((before.match(/["“”]/g)?.length ?? 0) % 2 === 1 && /^[^"“”]*["“”]/.test(this.text.slice(end, s.end)))
      return true;
    if (EXAMINED.test(this.text.slice(s.start, s.end))) return false;
    // "Weakness: when asked, pt states 'my leg just feels heavy'": a template label answered in the patient's words.
    const after = this.text.slice(end, s.end);
    return PATIENT_REPORT.test(before) || (/^\s*:/.test(after) && PATIENT_REPORT.test(after));
  }

  flags(si: number, start: number, end: number): ContextFlags {
    return this.ctx.flags(si, start, end);
  }

  add(fact: Fact): void {
    const key =
      fact.kind === 'red_flag'
        ? `${fact.flag}|${fact.assertion}|${fact.suspected === true ? 'suspected' : ''}`
        : JSON.stringify(fact, (k, v: unknown) => (k === 'source' ? undefined : v));
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.facts.push(fact);
  }

  nearest<T>(items: readonly Found<T>[], at: number, lo: number, hi: number): Found<T> | undefined {
    let best: Found<T> | undefined;
    let bestDist = Infinity;
    for (const it of items) {
      if (it.start < lo || it.end > hi) continue;
      const dist = it.start >= at ? it.start - at : at - it.end;
      if (dist < bestDist) {
        best = it;
        bestDist = dist;
      }
    }
    return best;
  }

  findAll(re: RegExp, lo: number, hi: number, group = 1): Found<string>[] {
    const out: Found<string>[] = [];
    const slice = this.text.slice(lo, hi);
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(slice)) !== null) {
      let value: string | undefined;
      for (let g = group; g < m.length && value === undefined; g++) value = m[g];
      out.push({ value: value ?? m[0], start: lo + m.index, end: lo + m.index + m[0].length });
      if (!re.global) break;
    }
    return out;
  }

  dateNear(si: number, at: number): string | undefined {
    const [lo, hi] = this.clauseOf(si, at);
    // A date belongs to a mention only when it is near it (not to everything else in a long clause).
    const found = this.nearest(this.dates(si), at, Math.max(lo, at - 50), Math.min(hi, at + 50));
    if (!found) return this.leadDate(si, at);
    // "s/p surgery 03/2024 ..., now with worsening weakness": a "now" between them separates the two; so does an
    // arrow ("baseline BSA 14% in 03/2024 -> BSA 1%": what follows the arrow is today's).
    const between = this.text.slice(Math.min(found.end, at), Math.max(found.start, at));
    return /\b(?:now|currently|today|presently)\b|->|-->|=>|→/i.test(between) ? undefined : found.value;
  }

  /** "Last examination in my office 04/16/2024 (full skin exam): plaques …; BSA 6%", "When you saw her on 03/27 she
   * had 8/10 pain, mild EHL weakness": a dated lead (before the sentence's colon, or a leading "when"/"on" clause)
   * dates all that follows it. */
  private leadDate(si: number, at: number): string | undefined {
    const s = this.ctx.sentences[si];
    if (!s) return undefined;
    const colon = s.text.slice(0, 160).search(/:\s/);
    const lead = colon >= 0 ? colon : LEAD_WHEN.test(s.text) ? 60 : -1;
    if (lead < 0 || (at > s.start && at < s.start + lead)) return undefined;
    return this.dates(si).find((d) => d.end <= s.start + lead)?.value;
  }

  /** Dated more than a year before the note: a finding stated with such a date is history. */
  isOld(date: string | undefined, days = 365): boolean {
    const nd = this.noteDate;
    return date !== undefined && nd !== undefined && daysBetween(date, nd) > days;
  }

  withDate<T extends Fact>(fact: T, date: string | undefined): T {
    this.parts ??= datedParts(this.text, this.noteDate);
    const at = fact.source.start ?? 0;
    const d = date ?? this.leadDate(this.ctx.sentenceAt(at), at) ?? partDateAt(this.parts, at) ?? this.noteDate;
    return d !== undefined ? { ...fact, date: d } : fact;
  }

  familyHistory(si: number, at: number, display: string, icd10: string, f: ContextFlags): void {
    const s = this.ctx.sentences[si];
    if (!s) return;
    const before = this.text.slice(s.start, at);
    const after = this.text.slice(at, s.end);
    const rel =
      RELATIVE.exec(before.split(/[,;]/).pop() ?? '') ??
      RELATIVE.exec(after.split(/[,;]/)[0] ?? '') ??
      RELATIVE.exec(s.text);
    const assertion: Assertion = f.negated
      ? 'negated'
      : f.hypothetical
        ? 'hypothetical'
        : f.uncertain
          ? 'uncertain'
          : 'family';
    this.add(
      this.withDate(
        {
          kind: 'family_history',
          relationship: rel?.[1]?.toLowerCase() ?? 'family member',
          coding: [{ system: ICD10_SYSTEM, code: icd10, display }],
          display,
          assertion,
          source: this.source(si),
        },
        undefined,
      ),
    );
  }
}
