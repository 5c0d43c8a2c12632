// A ConText implementation (Harkema, Chapman et al. 2009, extending NegEx), written here because no npm package does
// clinical ConText. The lexicon (lexicon.ts) is data; this file compiles it once into a single regular expression,
// finds trigger, pseudo-trigger and terminator spans in a note in one pass, and answers, for a concept span inside
// a sentence, which context types (negated, hypothetical, historical, family, uncertain) reach it.
//
// Scope rules: a forward trigger reaches from its end to the first terminator, trigger of another type, or sentence
// end (for `clause` triggers also the first comma); a backward trigger reaches back to the previous terminator,
// trigger of another type or sentence start; a trigger whose own span contains the concept ("should saddle
// anaesthesia develop") applies too. Pseudo-triggers ("no increase", "not only", "gram negative") are matched first
// and block the trigger words they contain. Bullet items inherit the forward triggers of their lead line
// ("Denies:" over a list). Section context: everything in Family History is `family`; Past Medical and Surgical
// History items are `historical` unless the sentence says current.
import { firstChars, wordKeys } from './first-chars.ts';
import { LEXICON, type LexiconEntry, type TriggerType } from './lexicon.ts';
import { wrapTolerant } from './wrap-tolerant.ts';
import type { Sentence } from './sentences.ts';
import { templateMarks, type TemplateMark } from './template-fields.ts';

const END = '(?!(?<=[A-Za-z0-9])[A-Za-z0-9])';

interface CompiledLexicon {
  regex: RegExp;
  entries: readonly LexiconEntry[];
}

/** Entries that start with a word (most) are filed by the characters they can begin with (first-chars.ts), and at
 * each word of a note only the phrases filed under its first character are tried, as one sticky alternation: the
 * whole lexicon as one alternation (about 230 phrases) was tried at every word and took a quarter of note reading.
 * Punctuation entries (";", "?", "+") go in a second, small expression scanned over the text. Either way the result
 * is the one alternation's: the leftmost match, and at one position the entry listed first. */
function ordered(lexicon: readonly LexiconEntry[], wordStart: boolean): LexiconEntry[] {
  // Pseudo-triggers first, then the lexicon's own order (longer phrases are listed before their prefixes).
  return [...lexicon.filter((e) => e.kind === 'pseudo'), ...lexicon.filter((e) => e.kind !== 'pseudo')].filter(
    (e) => isWordStart(e.pattern) === wordStart,
  );
}

function compile(entries: readonly LexiconEntry[], flags: string): CompiledLexicon {
  const body = entries.map((e) => `((?:${wrapTolerant(e.pattern)})${END})`).join('|');
  return { regex: new RegExp(body, flags), entries };
}

function compileByFirstChar(entries: readonly LexiconEntry[]): ReadonlyMap<string, CompiledLexicon> {
  const filed = new Map<string, LexiconEntry[]>();
  for (const entry of entries) {
    for (const key of wordKeys(firstChars(entry.pattern))) {
      const list = filed.get(key) ?? [];
      list.push(entry);
      filed.set(key, list);
    }
  }
  return new Map([...filed].map(([key, list]) => [key, compile(list, 'iy')]));
}

/** The same filing indexed by the lower-case character code, for the scan's per-word lookup. */
function byCharCode(filed: ReadonlyMap<string, CompiledLexicon>): readonly (CompiledLexicon | undefined)[] {
  const table: (CompiledLexicon | undefined)[] = [];
  for (const [key, part] of filed) table[key.charCodeAt(0)] = part;
  return table;
}

function isWordStart(pattern: string): boolean {
  return !pattern.startsWith('\\') && !pattern.startsWith(';');
}

const WORD = byCharCode(compileByFirstChar(ordered(LEXICON, true)));
const PUNCT = compile(ordered(LEXICON, false), 'gi');

export interface TriggerSpan {
  start: number;
  end: number;
  entry: LexiconEntry;
}

function spanOf(text: string, m: RegExpExecArray, entries: readonly LexiconEntry[]): TriggerSpan | undefined {
  for (let g = 1; g < m.length; g++) {
    if (m[g] !== undefined) {
      const entry = entries[g - 1];
      return entry ? { start: reachBack(text, m.index, entry), end: m.index + m[0].length, entry } : undefined;
    }
  }
  return undefined;
}

function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function scanWords(text: string, from: number, to: number, out: TriggerSpan[]): void {
  let previousAlnum = from > 0 && isAlnum(text.charCodeAt(from - 1));
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at);
    const alnum = isAlnum(code);
    const wordStart = alnum && !previousAlnum;
    previousAlnum = alnum;
    if (!wordStart) continue;
    const part = WORD[code >= 65 ? code | 0x20 : code];
    if (!part) continue;
    part.regex.lastIndex = at;
    const m = part.regex.exec(text);
    if (!m || m[0] === '') continue;
    const span = spanOf(text, m, part.entries);
    if (span) out.push(span);
    at = m.index + m[0].length - 1;
    previousAlnum = isAlnum(text.charCodeAt(at));
  }
}

function scanPunctuation(text: string, from: number, to: number, out: TriggerSpan[]): void {
  const { regex, entries } = PUNCT;
  const next = (at: number): RegExpExecArray | null => {
    regex.lastIndex = at;
    let m = regex.exec(text);
    while (m !== null && m[0] === '') {
      regex.lastIndex = m.index + 1;
      m = regex.exec(text);
    }
    return m;
  };
  let m = next(from);
  while (m !== null && m.index < to) {
    const span = spanOf(text, m, entries);
    if (span) out.push(span);
    m = next(m.index + m[0].length);
  }
}

/** Where a trigger that reaches back over the words before it begins ("infiltrative component suspected"). */
function reachBack(text: string, start: number, entry: LexiconEntry): number {
  const words = entry.kind === 'trigger' ? (entry.reachBack ?? 0) : 0;
  let at = start;
  for (let n = 0; n < words; n++) {
    const m = /([\w/'-]+)\s+$/.exec(text.slice(Math.max(0, at - 40), at));
    if (!m) break;
    at -= m[0].length;
  }
  return at;
}

/** All lexicon matches that begin in `text` between `from` and `to`, left to right, non-overlapping. */
export function scanTriggers(text: string, from = 0, to = text.length): TriggerSpan[] {
  const found: TriggerSpan[] = [];
  scanWords(text, from, to, found);
  scanPunctuation(text, from, to, found);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TriggerSpan[] = [];
  let reach = -1;
  for (const t of found) {
    if (t.start < reach) continue;
    out.push(t);
    reach = t.end;
  }
  return out;
}

export interface ContextFlags {
  negated: boolean;
  hypothetical: boolean;
  historical: boolean;
  /** The historical trigger marks remote history ("remote", "years ago"), not a recent prior event. */
  remote: boolean;
  family: boolean;
  uncertain: boolean;
}

/** Words that make a Past Medical History item current (a dosing frequency means a medication being taken). */
const CURRENT =
  /\b(?:current(?:ly)?|active|ongoing|now|present|today|daily|nightly|weekly|bid|tid|qd|qhs|b\.i\.d|t\.i\.d)\b/i;

/**
 * Trigger spans already read, shared by the notes of one record: an EHR export repeats its sentences from visit to
 * visit (a templated history, a copied plan), and a sentence's triggers depend only on its own text and the few
 * characters before it (a lookbehind, a word the trigger reaches back over). Kept per record, never across records.
 */
export type TriggerCache = Map<string, readonly TriggerSpan[]>;

/** Characters before a sentence that its trigger reading may look at. */
const TRIGGER_LOOKBEHIND = 40;

/** The context layer for one note: sentences with the trigger spans that fall in each. */
export class NoteContext {
  readonly sentences: readonly Sentence[];
  private readonly text: string;
  /** Each sentence's trigger spans, scanned when first asked for: most sentences of a note hold no concept. */
  private readonly bySentence: (readonly TriggerSpan[] | undefined)[];
  private readonly marks = new Map<number, readonly TemplateMark[]>();

  constructor(
    text: string,
    sentences: readonly Sentence[],
    private readonly cache?: TriggerCache,
  ) {
    this.text = text;
    this.sentences = sentences;
    this.bySentence = sentences.map(() => undefined);
  }

  /** Sentence index containing offset `at` (binary search). */
  sentenceAt(at: number): number {
    let lo = 0;
    let hi = this.sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.sentences[mid];
      if (!s) break;
      if (at < s.start) hi = mid - 1;
      else if (at >= s.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** The trigger spans that lie wholly inside sentence `index` (read within the sentence: none runs past its end). */
  triggersOf(index: number): readonly TriggerSpan[] {
    const known = this.bySentence[index];
    if (known) return known;
    const s = this.sentences[index];
    if (!s) return [];
    const lead = Math.min(TRIGGER_LOOKBEHIND, s.start);
    const key = this.cache ? `${String(lead)}|${this.text.slice(s.start - lead, s.end)}` : '';
    const relative = this.cache?.get(key);
    const spans = relative
      ? relative.map((t) => ({ start: t.start + s.start, end: t.end + s.start, entry: t.entry }))
      : scanTriggers(this.text.slice(0, s.end), s.start, s.end).filter((t) => t.start >= s.start);
    if (this.cache && !relative) {
      this.cache.set(
        key,
        spans.map((t) => ({ start: t.start - s.start, end: t.end - s.start, entry: t.entry })),
      );
    }
    this.bySentence[index] = spans;
    return spans;
  }

  /** Context of the span [start, end) in sentence `index`. */
  flags(index: number, start: number, end: number): ContextFlags {
    const flags: ContextFlags = {
      negated: false,
      hypothetical: false,
      historical: false,
      remote: false,
      family: false,
      uncertain: false,
    };
    const sentence = this.sentences[index];
    if (!sentence) return flags;
    applyTriggers(flags, sentence, this.triggersOf(index), start, end);
    if (sentence.lead !== undefined) {
      const lead = this.sentences[sentence.lead];
      if (lead) {
        // The lead's forward triggers that reach its end govern the whole item.
        applyTriggers(flags, lead, this.triggersOf(sentence.lead), lead.end, lead.end, true);
      }
    }
    applySection(flags, sentence, start);
    this.applyTemplate(flags, index, sentence, start, end);
    if (!flags.hypothetical && !flags.uncertain && conditionalConsequent(sentence, start)) flags.hypothetical = true;
    return flags;
  }

  /** A check-box or "label: value" field: a negative value negates its label; an unticked box or an unfilled
   * placeholder asserts nothing, which reads like a hypothetical mention (neither present nor absent). */
  private applyTemplate(flags: ContextFlags, index: number, sentence: Sentence, start: number, end: number): void {
    let marks = this.marks.get(index);
    if (!marks) {
      marks = templateMarks(sentence.text);
      this.marks.set(index, marks);
    }
    for (const mark of marks) {
      if (start < sentence.start + mark.start || end > sentence.start + mark.end) continue;
      if (mark.reading === 'negated') flags.negated = true;
      else flags.hypothetical = true;
    }
  }
}

function setType(flags: ContextFlags, type: TriggerType, remote: boolean): void {
  switch (type) {
    case 'negated':
      flags.negated = true;
      break;
    case 'hypothetical':
      flags.hypothetical = true;
      break;
    case 'historical':
      flags.historical = true;
      if (remote) flags.remote = true;
      break;
    case 'family':
      flags.family = true;
      break;
    case 'uncertain':
      flags.uncertain = true;
      break;
  }
}

/**
 * "His mother was diagnosed with colon cancer … and she died of metastatic disease": a pronoun of the other sex than
 * the patient's ("his", "her" before the relative) is the relative's, and goes on with the family scope.
 */
function relativesPronoun(sentence: Sentence, t: TriggerSpan, u: TriggerSpan): boolean {
  if (t.entry.kind !== 'trigger' || t.entry.type !== 'family' || u.entry.kind !== 'terminate') return false;
  const trigger = sentence.text.slice(t.start - sentence.start, t.end - sentence.start).toLowerCase();
  const pronoun = sentence.text.slice(u.start - sentence.start, u.end - sentence.start).toLowerCase();
  if (/^his\b/.test(trigger)) return pronoun === 'she' || pronoun === 'herself';
  if (/^her\b/.test(trigger)) return pronoun === 'he' || pronoun === 'himself';
  return false;
}

/** Whether `t` ends the scope of a trigger of `type` while scanning in direction `towards` (forward: `t` comes
 * after the trigger, and ends its scope when `t` itself looks forward). */
function terminates(t: TriggerSpan, type: TriggerType, towards: 'forward' | 'backward'): boolean {
  if (t.entry.kind === 'terminate') return t.entry.types === undefined || t.entry.types.includes(type);
  if (t.entry.kind !== 'trigger' || t.entry.type === type) return false;
  // History is a time frame that coexists with the other types: a historical trigger does not end another
  // scope ("denies fever, h/o cancer, trauma"), and only explicit terminators end a historical scope ("history
  // of sinusitis, suspected covid-19, fever").
  if (t.entry.type === 'historical' || type === 'historical') return false;
  // A trigger that looks the other way ("... is normal") does not cut a scope passing over it.
  return t.entry.direction === 'bidirectional' || t.entry.direction === towards;
}

function applyTriggers(
  flags: ContextFlags,
  sentence: Sentence,
  triggers: readonly TriggerSpan[],
  start: number,
  end: number,
  forwardOnly = false,
): void {
  for (let i = 0; i < triggers.length; i++) {
    const t = triggers[i];
    if (t?.entry.kind !== 'trigger') continue;
    const entry = t.entry;
    if (t.start <= start && end <= t.end && !forwardOnly) {
      setType(flags, entry.type, entry.remote === true);
      continue;
    }
    // A concept that starts inside the trigger ("No new numbness": trigger "No new") is in its forward scope.
    if (entry.direction === 'inside') continue;
    if (entry.direction !== 'backward' && start > t.start) {
      let scopeEnd = sentence.end;
      for (let j = i + 1; j < triggers.length && entry.heading !== true; j++) {
        const u = triggers[j];
        // A trigger close after this one with no comma between ("denies history of", "no lesions suspicious
        // for") chains with it instead of ending its scope.
        const chained =
          u?.entry.kind === 'trigger' &&
          u.start - t.end <= 25 &&
          !/[,;]/.test(sentence.text.slice(t.end - sentence.start, u.start - sentence.start));
        if (u && terminates(u, entry.type, 'forward') && !chained && !relativesPronoun(sentence, t, u)) {
          scopeEnd = u.start;
          break;
        }
      }
      if (entry.clause) {
        const comma = clauseComma(sentence.text, t.end - sentence.start);
        if (comma !== -1) scopeEnd = Math.min(scopeEnd, sentence.start + comma);
      }
      if (start < scopeEnd || (forwardOnly && scopeEnd === sentence.end)) {
        setType(flags, entry.type, entry.remote === true);
        continue;
      }
    }
    if (forwardOnly) continue;
    if (entry.direction !== 'forward' && end < t.end && start < t.start) {
      let scopeStart = sentence.start;
      for (let j = i - 1; j >= 0; j--) {
        const u = triggers[j];
        if (u && terminates(u, entry.type, 'backward')) {
          scopeStart = u.end;
          break;
        }
      }
      if (entry.clause) {
        // The comma that sets a hedge off ("methotrexate, I think") does not end the clause it doubts; before a
        // negation it separates list items ("3/5 dorsiflexion, absent ankle reflexes") and does.
        let comma = sentence.text.lastIndexOf(',', t.start - sentence.start - 1);
        if (
          entry.type === 'uncertain' &&
          comma !== -1 &&
          sentence.text.slice(comma + 1, t.start - sentence.start).trim() === ''
        )
          comma = sentence.text.lastIndexOf(',', comma - 1);
        if (comma !== -1) scopeStart = Math.max(scopeStart, sentence.start + comma + 1);
      }
      if (start >= scopeStart) setType(flags, entry.type, entry.remote === true);
    }
  }
}

// "If the axillary node is real and FNA +, this is stage III -> changes plan": a sentence that opens on a condition
// is conditional to its end (or its first semicolon); the consequent is no more established than the condition.
const CONDITIONAL_OPENING = /^\W*(?:\d+[.)]\s*)?(?:if|should|in case|in the event|assuming|provided that|unless)\b/i;

/** The sentence opens on a condition ("If EMG confirms L5 radiculopathy, then refer …"). */
export function opensOnCondition(text: string): boolean {
  return CONDITIONAL_OPENING.test(text);
}

function conditionalConsequent(sentence: Sentence, at: number): boolean {
  if (!opensOnCondition(sentence.text)) return false;
  return !sentence.text.slice(0, Math.max(0, at - sentence.start)).includes(';');
}

// "concerning for nodal metastasis, i.e., at least clinical stage III": a restatement carries the hedge on.
const RESTATEMENT = /^\s*(?:i\.?e\.?|that is|in other words|namely)(?![A-Za-z])/i;

/** The comma that ends a clause-scoped trigger's reach from `from`: the first one that does not open a restatement. */
function clauseComma(text: string, from: number): number {
  let at = from;
  for (;;) {
    const comma = text.indexOf(',', at);
    if (comma === -1) return -1;
    const restated = RESTATEMENT.exec(text.slice(comma + 1));
    if (!restated) return comma;
    at = comma + 1 + restated[0].length;
    if (text[at] === ',') at++;
  }
}

function applySection(flags: ContextFlags, sentence: Sentence, at: number): void {
  if (sentence.section === 'fh') flags.family = true;
  else if (sentence.section === 'pmh' || sentence.section === 'psh') {
    // The list item around the concept decides: "RA on prednisone daily, breast cancer 2012" keeps the cancer past.
    const rel = at - sentence.start;
    const from = Math.max(sentence.text.lastIndexOf(',', rel - 1), sentence.text.lastIndexOf(';', rel - 1)) + 1;
    const stops = [sentence.text.indexOf(',', rel), sentence.text.indexOf(';', rel)].filter((i) => i !== -1);
    const item = sentence.text.slice(from, stops.length > 0 ? Math.min(...stops) : sentence.text.length);
    if (!CURRENT.test(item)) flags.historical = true;
  }
}
