// Which characters a regular-expression source can begin a match with, read from the source itself. ConText
// (context.ts) uses it to try, at each word of a note, only the lexicon phrases that can start with that word's
// first letter, instead of the whole lexicon. No library answers this for JavaScript regular expressions; the
// reading below covers the syntax the lexicon uses and answers "any" wherever it is unsure, which is always safe
// (the phrase is then tried everywhere).

/** Lower-case first characters, or `null` for "could be any". */
export type FirstChars = ReadonlySet<string> | null;

interface Reading {
  chars: Set<string> | null;
  /** The part can match the empty string, so what follows it can begin the match too. */
  nullable: boolean;
  end: number;
}

const DIGITS = '0123456789'.split('');
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');

/** First characters of matches of `source` (read case-insensitively). */
export function firstChars(source: string): FirstChars {
  try {
    const r = alternatives(source, 0);
    if (r.end !== source.length || r.nullable) return null;
    return r.chars;
  } catch {
    return null;
  }
}

function union(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (a === null || b === null) return null;
  for (const c of b) a.add(c);
  return a;
}

/** `a|b|c` up to an unmatched `)` or the end. */
function alternatives(s: string, at: number): Reading {
  let chars: Set<string> | null = new Set();
  let nullable = false;
  let i = at;
  for (;;) {
    const seq = sequence(s, i);
    chars = union(chars, seq.chars);
    nullable ||= seq.nullable;
    i = seq.end;
    if (s[i] !== '|') return { chars, nullable, end: i };
    i++;
  }
}

/** A run of atoms: its first characters are the first atom's, and the next one's while the atoms so far can be
 * empty. Atoms after the first that cannot be empty are only skipped over. */
function sequence(s: string, at: number): Reading {
  let chars: Set<string> | null = new Set();
  let open = true;
  let i = at;
  while (i < s.length && s[i] !== '|' && s[i] !== ')') {
    const atom = quantified(s, i);
    if (open) {
      chars = union(chars, atom.chars);
      open = atom.nullable;
    }
    i = atom.end;
  }
  return { chars, nullable: open, end: i };
}

function quantified(s: string, at: number): Reading {
  const atom = single(s, at);
  let i = atom.end;
  let nullable = atom.nullable;
  const q = s[i];
  if (q === '?' || q === '*') {
    nullable = true;
    i++;
  } else if (q === '+') {
    i++;
  } else if (q === '{') {
    const m = /^\{(\d+)(?:,\d*)?\}/.exec(s.slice(i));
    if (!m) throw new Error('unread quantifier');
    if (Number(m[1]) === 0) nullable = true;
    i += m[0].length;
  } else {
    return atom;
  }
  if (s[i] === '?') i++; // lazy
  return { chars: atom.chars, nullable, end: i };
}

function single(s: string, at: number): Reading {
  const ch = s[at] ?? '';
  if (ch === '(') {
    if (s.startsWith('(?=', at) || s.startsWith('(?!', at) || s.startsWith('(?<=', at) || s.startsWith('(?<!', at)) {
      // A look-around consumes nothing: it narrows, never widens, what can come first.
      const inner = alternatives(s, at + (s[at + 2] === '<' ? 4 : 3));
      return closeGroup(s, { chars: new Set(), nullable: true, end: inner.end });
    }
    if (s.startsWith('(?:', at)) return closeGroup(s, alternatives(s, at + 3));
    if (s[at + 1] === '?') throw new Error('unread group');
    return closeGroup(s, alternatives(s, at + 1));
  }
  if (ch === '[') return charClass(s, at);
  if (ch === '\\') return escape(s, at);
  if (ch === '.') return { chars: null, nullable: false, end: at + 1 };
  if (ch === '^' || ch === '$') return { chars: new Set(), nullable: true, end: at + 1 };
  return { chars: new Set([ch.toLowerCase()]), nullable: false, end: at + 1 };
}

function closeGroup(s: string, inner: Reading): Reading {
  if (s[inner.end] !== ')') throw new Error('unclosed group');
  return { ...inner, end: inner.end + 1 };
}

function escape(s: string, at: number): Reading {
  const e = s[at + 1] ?? '';
  const end = at + 2;
  if (e === 'b' || e === 'B') return { chars: new Set(), nullable: true, end };
  if (e === 'd') return { chars: new Set(DIGITS), nullable: false, end };
  if (e === 's') return { chars: new Set([' ']), nullable: false, end };
  if (/[wWDSpPuxc0-9kn]/.test(e)) return { chars: null, nullable: false, end };
  return { chars: new Set([e.toLowerCase()]), nullable: false, end };
}

function charClass(s: string, at: number): Reading {
  let i = at + 1;
  // A negated or wide class ("[^.]", "[\w-]") can begin with anything.
  let wide = s[i] === '^';
  if (wide) i++;
  const chars = new Set<string>();
  let prev = '';
  while (i < s.length && s[i] !== ']') {
    const c = s[i] ?? '';
    if (c === '\\') {
      const e = s[i + 1] ?? '';
      if (e === 'd') for (let d = 0; d <= 9; d++) chars.add(String(d));
      else if (e === 's') chars.add(' ');
      else if (/[wWDSpPux]/.test(e)) wide = true;
      else chars.add(e.toLowerCase());
      prev = '';
      i += 2;
      continue;
    }
    if (c === '-' && prev !== '' && s[i + 1] !== ']') {
      const to = s[i + 1] ?? '';
      for (let code = prev.charCodeAt(0); code <= to.charCodeAt(0); code++) {
        chars.add(String.fromCharCode(code).toLowerCase());
      }
      prev = '';
      i += 2;
      continue;
    }
    chars.add(c.toLowerCase());
    prev = c;
    i++;
  }
  if (s[i] !== ']') throw new Error('unclosed class');
  return { chars: wide ? null : chars, nullable: false, end: i + 1 };
}

/** The word-start keys an entry is filed under: its first characters that can begin a word. */
export function wordKeys(chars: FirstChars): readonly string[] {
  if (chars === null) return ALNUM;
  return ALNUM.filter((c) => chars.has(c));
}
