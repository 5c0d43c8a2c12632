// A literal prefilter for the concept patterns. Most note text (a Synthea note's lists of findings and medications)
// contains nothing any extractor looks for, yet every pattern used to be run over all of it. This file reads each
// pattern's source and derives *factors*: short literal strings of which every match must contain one (or, per
// branch, one from each of up to two such sets). One pass of an Aho–Corasick automaton over a note then tells
// which patterns can match at all; the others are not run, and a note where nothing matches needs no sections,
// sentences or ConText.
//
// Soundness (the output must not change): a factor is only taken from a part of the pattern that every match of
// that branch must contain, and it is searched case-insensitively, so a pattern whose factors are absent cannot
// match. Whatever the reader does not understand (a wide class, `.`, `\d`, `*`, a back-reference, a non-ASCII
// character) ends a factor and is never guessed; a pattern with a branch that has no usable factor is always run.
// Factors only ever get weaker on the way: cut to a prefix, an inner or trailing `\b` dropped. A leading `\b` is
// kept, since it holds in the note wherever the pattern matched in the note (patterns also tested on a slice of
// the note, where it might not, are registered as `sliced` and lose it).

/** Word-boundary marker inside an exact string. */
const WB = '\u0000';
/** Largest set of alternative strings one sub-pattern may stand for before the reader gives up on it. */
const LIMIT = 256;
/** Factors are cut to this many characters (a prefix of a necessary string is necessary too). */
const FACTOR_LENGTH = 16;
/** A branch keeps its best clause, and a second one when that is long: a second clause rules a branch out where
 * its first factor is a common word ("chronic "), but short ones ("of", "no ") would only slow the search. The
 * second may come from a lookaround, whose text is in the note too ("transplant(?<=\bno transplant)" needs both). */
const SECOND_CLAUSE_WEIGHT = 6;

/** A set of factors one of which occurs in every match. */
interface Clause {
  factors: string[];
  /** From a lookaround: true of the text around the match, less telling than the match itself. */
  aside: boolean;
  /** The factors occur at the very start of the match. */
  start: boolean;
}

interface Info {
  /** Every string the sub-pattern can match (lower case, WB for `\b`), when that set is small and known. */
  exact?: string[];
  /** Clauses that every match satisfies (all of them). */
  clauses: Clause[];
  /** Zero-width (a lookaround): its clauses hold, it consumes nothing. */
  aside?: boolean;
}

const ANY: Info = { clauses: [] };
const EMPTY: Info = { exact: [''], clauses: [] };

/** Weakens a factor to its searchable form: inner and trailing `\b` dropped, cut to FACTOR_LENGTH, and a leading
 * space before a word character replaced by the `\b` it implies (" complaints" → "\bcomplaints": `\b`-led factors
 * are only tried where a word starts; "/10" stays as it is, "\b10" would be found in every "10 mg"). */
function normalise(factor: string): string {
  let text = factor.replaceAll(WB, '');
  let lead = factor.startsWith(WB);
  if (/^\s\w/.test(text)) {
    text = text.slice(1);
    lead = true;
  }
  text = text.slice(0, FACTOR_LENGTH);
  return lead && text !== '' ? WB + text : text;
}

/** How telling a factor is: its characters other than edge spaces, one more for a leading `\b`. */
function weight(factor: string): number {
  return factor.replaceAll(WB, '').trim().length + (factor.startsWith(WB) ? 1 : 0);
}

/** A clause worth searching for: no factor shorter than three characters (two after a `\b`). */
function clauseOf(strings: readonly string[] | undefined, aside: boolean, start: boolean): Clause | undefined {
  if (!strings || strings.length === 0) return undefined;
  const factors = [...new Set(strings.map(normalise))];
  if (factors.some((f) => weight(f) < 3)) return undefined;
  // A factor implied by another of the clause adds nothing: "cauda equina" covers "cauda equina syndrome".
  const covers = (g: string, f: string): boolean => {
    const gt = g.replace(WB, '');
    const ft = f.replace(WB, '');
    if (g === f || !ft.includes(gt)) return false;
    return !g.startsWith(WB) || (f.startsWith(WB) && ft.startsWith(gt));
  };
  const kept = factors.filter((f) => !factors.some((g) => covers(g, f)));
  // A factor kept for one found inside another ("iga" for "investigator") is no longer where every match starts, so
  // a `\b` before the clause may not be joined to it.
  const atStart =
    start &&
    factors.every(
      (f) => kept.includes(f) || kept.some((g) => covers(g, f) && f.replace(WB, '').startsWith(g.replace(WB, ''))),
    );
  return { factors: kept, aside, start: atStart };
}

/** Consumed text before lookaround text, then longer factors (text at the start counts two characters more: a
 * preceding `\b` can join it), then fewer of them. */
function score(clause: Clause): number {
  const length = Math.min(...clause.factors.map(weight)) + (clause.start ? 2 : 0);
  return (clause.aside ? 0 : 1_000_000) + length * 1000 - clause.factors.length;
}

function ranked(info: Info): Clause[] {
  const exact = clauseOf(info.exact, info.aside === true, true);
  return [...(exact ? [exact] : []), ...info.clauses].sort((a, b) => score(b) - score(a));
}

function cross(a: readonly string[], b: readonly string[]): string[] | undefined {
  if (a.length * b.length > LIMIT) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x.endsWith(WB) && y.startsWith(WB) ? x + y.slice(1) : x + y);
  return [...out];
}

function isPrintableAscii(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return ch.length === 1 && code >= 0x20 && code < 0x7f;
}

/** Recursive-descent reader of the regular-expression syntax the lexicons use (no `u` or `v` flag). */
class Reader {
  private pos = 0;
  constructor(private readonly src: string) {}

  /** The clauses of each top-level branch, or undefined when the source is not understood. */
  branches(): Clause[][] | undefined {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    if (this.pos !== this.src.length) return undefined;
    return branches.map((b) => {
      const [first, second] = ranked(b);
      if (!first) return [];
      const strong = second && Math.min(...second.factors.map(weight)) >= SECOND_CLAUSE_WEIGHT;
      return strong ? [first, second] : [first];
    });
  }

  private peek(offset = 0): string {
    return this.src.charAt(this.pos + offset);
  }

  private next(): string {
    return this.src.charAt(this.pos++);
  }

  private alternation(): Info {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0] ?? ANY;
    let exact: string[] | undefined = [];
    const factors: string[] = [];
    let known = true;
    let aside = false;
    let start = true;
    for (const b of branches) {
      exact = exact && b.exact && exact.length + b.exact.length <= LIMIT ? [...exact, ...b.exact] : undefined;
      const best = ranked(b)[0];
      if (!best) known = false;
      else {
        factors.push(...best.factors);
        aside ||= best.aside;
        start &&= best.start;
      }
    }
    const clause = known ? clauseOf(factors, aside, start) : undefined;
    return { ...(exact ? { exact } : {}), clauses: clause ? [clause] : [] };
  }

  private sequence(): Info {
    const clauses: Clause[] = [];
    const keep = (c: Clause | undefined): void => {
      if (c) clauses.push(c);
    };
    let run: string[] = [''];
    let atStart = true;
    let whole = true;
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const item = this.quantified(this.atom());
      if (item.aside) {
        clauses.push(...item.clauses);
        continue;
      }
      const joined = item.exact ? cross(run, item.exact) : undefined;
      if (joined) {
        run = joined;
        continue;
      }
      // The literal run ends here. When the item's best clause sits at its start, the run joins it ("\b" before
      // an alternation of drug names gives "\bnaproxen", ...); otherwise each is a clause of its own.
      const own = ranked(item);
      const lead = own.find((c) => c.start && !c.aside);
      const merged = lead ? cross(run, lead.factors) : undefined;
      keep(clauseOf(merged ?? run, false, atStart));
      const zeroWidth = run.every((r) => r.replaceAll(WB, '') === '');
      for (const c of own) keep({ ...c, start: c.start && atStart && zeroWidth });
      whole = false;
      atStart = false;
      run = item.exact ?? [''];
    }
    if (!whole) keep(clauseOf(run, false, atStart));
    return { ...(whole ? { exact: run } : {}), clauses };
  }

  private quantified(atom: Info): Info {
    const q = /^(?:([?*+])|\{(\d+)(,(\d*))?\})\??/.exec(this.src.slice(this.pos));
    if (!q) return atom;
    this.pos += q[0].length;
    const min = q[1] === '?' || q[1] === '*' ? 0 : q[1] === '+' ? 1 : Number(q[2]);
    const max =
      q[1] === '?' ? 1 : q[1] !== undefined ? Infinity : q[3] === undefined ? min : q[4] ? Number(q[4]) : Infinity;
    if (atom.aside) return min === 0 ? EMPTY : atom;
    if (min === 0) return max === 1 && atom.exact ? { exact: [...atom.exact, ''], clauses: [] } : ANY;
    if (min === max && atom.exact) {
      let exact: string[] | undefined = [''];
      for (let i = 0; i < min && exact; i++) exact = cross(exact, atom.exact);
      if (exact) return { exact, clauses: atom.clauses };
    }
    // At least one repetition: the first one's clauses hold, and it starts the match.
    return { clauses: ranked(atom) };
  }

  private atom(): Info {
    const ch = this.next();
    switch (ch) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '\\':
        return this.escape();
      case '.':
        return ANY;
      case '^':
      case '$':
        return EMPTY;
      default:
        return this.literal(ch);
    }
  }

  private literal(ch: string): Info {
    return isPrintableAscii(ch) ? { exact: [ch.toLowerCase()], clauses: [] } : ANY;
  }

  private group(): Info {
    const head = /^\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>)?/.exec(this.src.slice(this.pos))?.[0] ?? '';
    this.pos += head.length;
    const inner = this.alternation();
    if (this.next() !== ')') throw new Error(`prefilter: cannot read /${this.src}/`);
    if (head === '?=' || head === '?<=') {
      return { clauses: ranked(inner).map((c) => ({ ...c, aside: true, start: false })), aside: true };
    }
    if (head === '?!' || head === '?<!') return EMPTY;
    return inner;
  }

  private escape(): Info {
    const ch = this.next();
    if (ch === 'b') return { exact: [WB], clauses: [] };
    if (ch === 'B') return EMPTY;
    // Classes (\d \s \w ...), control and code-point escapes, back-references: not literal text.
    if (this.skipOperands(ch)) return ANY;
    return this.literal(ch);
  }

  /** After a backslash and `ch`: true (and past its operands) for an escape that is not the character itself. */
  private skipOperands(ch: string): boolean {
    if (!/[A-Za-z0-9]/.test(ch) && ch !== '') return false;
    const operands: Readonly<Record<string, RegExp>> = {
      x: /^[0-9A-Fa-f]{2}/,
      u: /^[0-9A-Fa-f]{4}/,
      c: /^[A-Za-z]/,
      k: /^<[^>]*>/,
    };
    const operand = /[0-9]/.test(ch) ? /^[0-9]*/ : operands[ch];
    if (operand) this.pos += operand.exec(this.src.slice(this.pos))?.[0].length ?? 0;
    return true;
  }

  /** A class of a few literal characters (`[- ]`, `[ck]`, `[LS]`) is a small set of strings; others break. */
  private charClass(): Info {
    const chars = new Set<string>();
    let known = this.peek() !== '^';
    const member = (): string => {
      const ch = this.next();
      if (ch !== '\\') return ch;
      const escaped = this.next();
      if (this.skipOperands(escaped)) known = false;
      return escaped;
    };
    // As in JavaScript, `]` always closes the class (`[]` is the empty class).
    while (this.pos < this.src.length && this.peek() !== ']') {
      const from = member();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        this.pos++;
        const to = member();
        if (to.charCodeAt(0) - from.charCodeAt(0) > 16) known = false;
        for (let c = from.charCodeAt(0); c <= to.charCodeAt(0) && known; c++) chars.add(String.fromCharCode(c));
      } else chars.add(from);
    }
    this.pos++;
    if (!known || [...chars].some((c) => !isPrintableAscii(c))) return ANY;
    const lowered = [...new Set([...chars].map((c) => c.toLowerCase()))];
    return lowered.length > 0 && lowered.length <= 8 ? { exact: lowered, clauses: [] } : ANY;
  }
}

/** What any match of the pattern source contains: per top-level branch, clauses of factors (lower case; a leading
 * "\0" stands for `\b`). Undefined when some branch has no clause (the pattern must always be run). */
export function requirementOf(source: string): string[][][] | undefined {
  const branches = new Reader(source).branches();
  if (!branches || branches.some((b) => b.length === 0)) return undefined;
  return branches.map((b) => b.map((c) => c.factors));
}

/** A pattern, or a literal that the code looks for with `includes`. */
export type Probe = RegExp | string;

/** A printable ASCII literal is its own factor (case-insensitive search is then plain ASCII case folding). */
function literalRequirement(literal: string): string[][][] | undefined {
  return /^[\x20-\x7e]+$/.test(literal) ? [[[literal.toLowerCase()]]] : undefined;
}

/** A word character of `\b` (no `u` flag: ASCII letters, digits and underscore only). */
function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/**
 * Aho–Corasick automaton over the factors: one table step per character finds every factor at every position.
 * (A regular expression of the factor trie, tried at every position, cost four times as much.) The factors are
 * printable ASCII in lower case; the search folds A–Z only, as a case-insensitive expression without the `u` flag
 * does (such an expression never matches a non-ASCII character to an ASCII one).
 */
class FactorAutomaton {
  /** Character code → column (0: a character no factor contains, which returns to the root). */
  private readonly column = new Uint8Array(128);
  private readonly width: number;
  /**
   * Next state for (row + column), where a state's row is state × width: the next state's row, so a step needs no
   * multiplication, and its bitwise complement when factors end in that state, so a step needs no second lookup.
   */
  private readonly next: Int32Array;
  /** Per state, the factors ending there (its own and its suffixes'), as indices into `texts`. */
  private readonly outputs: (readonly number[] | undefined)[];

  /** `bounded[i]`: factor i only counts where `\b` holds before it. */
  constructor(
    readonly texts: readonly string[],
    private readonly bounded: readonly boolean[],
  ) {
    let columns = 1;
    for (const text of texts) {
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (this.column[code] === 0) this.column[code] = columns++;
      }
    }
    for (let code = 65; code <= 90; code++) this.column[code] = this.column[code + 32] ?? 0;
    this.width = columns;
    // The trie, then the failure links breadth first, folded into a complete transition table.
    const children: number[][] = [[]];
    const own: number[][] = [[]];
    texts.forEach((text, index) => {
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const c = this.column[text.charCodeAt(i)] ?? 0;
        const row = children[state] ?? [];
        let child = row[c];
        if (child === undefined) {
          child = children.length;
          row[c] = child;
          children.push([]);
          own.push([]);
        }
        state = child;
      }
      own[state]?.push(index);
    });
    const next = new Int32Array(children.length * columns);
    const outputs: (number[] | undefined)[] = new Array<number[] | undefined>(children.length);
    const fail = new Int32Array(children.length);
    const queue: number[] = [0];
    for (let q = 0; q < queue.length; q++) {
      const state = queue[q] ?? 0;
      const failed = fail[state] ?? 0;
      const found = [...(own[state] ?? []), ...(state === 0 ? [] : (outputs[failed] ?? []))];
      outputs[state] = found.length > 0 ? found : undefined;
      for (let c = 1; c < columns; c++) {
        const child = children[state]?.[c];
        const viaFail = state === 0 ? 0 : (next[failed * columns + c] ?? 0);
        if (child === undefined) next[state * columns + c] = viaFail;
        else {
          next[state * columns + c] = child;
          fail[child] = viaFail;
          queue.push(child);
        }
      }
    }
    for (let i = 0; i < next.length; i++) {
      const target = next[i] ?? 0;
      next[i] = outputs[target] === undefined ? target * columns : ~(target * columns);
    }
    this.next = next;
    this.outputs = outputs;
  }

  /** Marks in `present` the factors that occur in `text` (by index), listing each in `found` once. */
  scan(text: string, present: Uint8Array, found: number[]): void {
    const { column, width, next, outputs, texts, bounded } = this;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const step = code < 128 ? (next[row + (column[code] ?? 0)] ?? 0) : 0;
      if (step >= 0) {
        row = step;
        continue;
      }
      row = ~step;
      for (const index of outputs[row / width] ?? []) {
        if (present[index] === 1) continue;
        if (bounded[index] === true) {
          const at = i - (texts[index]?.length ?? 0) + 1;
          if (at > 0 && isWordCode(text.charCodeAt(at - 1)) === isWordCode(text.charCodeAt(at))) continue;
          if (at === 0 && !isWordCode(text.charCodeAt(0))) continue;
        }
        present[index] = 1;
        found.push(index);
      }
    }
  }
}

/** The probes that may match in one note: a superset of those that do. Unregistered probes always may. */
export interface Possible {
  has(probe: Probe): boolean;
}

export class Prefilter {
  private readonly registered = new Set<Probe>();
  private readonly always: Probe[] = [];
  /** Factor index → the probes with a clause naming it; each probe with its branches of clauses of factor indices. */
  private readonly byFactor: { probe: Probe; branches: number[][][] }[][];
  private readonly factors: FactorAutomaton;
  /** Scratch marks of the factors found in the note being scanned (cleared after each scan). */
  private readonly present: Uint8Array;

  /** `sliced`: probes that the extractors also test on a sentence or clause; their factors lose a leading `\b`. */
  constructor(probes: readonly Probe[], sliced: readonly Probe[] = []) {
    const bounded = new Set<string>();
    const free = new Set<string>();
    const requirements: { probe: Probe; branches: string[][][] }[] = [];
    for (const probe of [...probes, ...sliced]) {
      this.registered.add(probe);
      const requirement = typeof probe === 'string' ? literalRequirement(probe) : requirementOf(probe.source);
      if (!requirement) {
        this.always.push(probe);
        continue;
      }
      const edgeFree = sliced.includes(probe);
      for (const f of requirement.flat(2)) {
        if (f.startsWith(WB) && !edgeFree) bounded.add(f.slice(1));
        else free.add(f.replace(WB, ''));
      }
      requirements.push({ probe, branches: requirement.map((b) => b.map((c) => c.map((f) => f.replace(WB, '')))) });
    }
    // A text both free and bounded counts anywhere.
    const texts = [...new Set([...bounded, ...free])];
    const indexOf = new Map(texts.map((t, i) => [t, i]));
    this.factors = new FactorAutomaton(
      texts,
      texts.map((t) => !free.has(t)),
    );
    this.present = new Uint8Array(texts.length);
    this.byFactor = texts.map(() => []);
    for (const { probe, branches } of requirements) {
      const tested = { probe, branches: branches.map((b) => b.map((c) => c.map((f) => indexOf.get(f) ?? 0))) };
      for (const index of new Set(tested.branches.flat(2))) this.byFactor[index]?.push(tested);
    }
  }

  scan(text: string): Possible {
    const { present } = this;
    const hits: number[] = [];
    this.factors.scan(text, present, hits);
    const found = new Set<Probe>(this.always);
    for (const index of hits) {
      for (const { probe, branches } of this.byFactor[index] ?? []) {
        if (found.has(probe)) continue;
        if (branches.some((clauses) => clauses.every((clause) => clause.some((f) => present[f] === 1))))
          found.add(probe);
      }
    }
    for (const index of hits) present[index] = 0;
    return { has: (probe) => found.has(probe) || !this.registered.has(probe) };
  }
}
