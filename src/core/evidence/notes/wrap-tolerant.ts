// Phrases a note wraps across a line end ("are\nrecognized modifiers", "to\n  determine whether"): a pattern's spaces
// outside character classes match any run of whitespace (" ?" and " *" may match none). The ConText lexicon and the
// concept patterns that need it share this one rewrite.

/** `source` with each literal space outside a character class widened to whitespace. */
export function wrapTolerant(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] ?? '';
    if (ch === '\\') {
      out += ch + (source[i + 1] ?? '');
      i++;
    } else if (ch === ' ' && !inClass) {
      const q = source[i + 1];
      if (q === '?' || q === '*') {
        out += '\\s*';
        i++;
      } else if (q === '+') {
        out += '\\s+';
        i++;
      } else out += '\\s+';
    } else {
      if (ch === '[') inClass = true;
      else if (ch === ']') inClass = false;
      out += ch;
    }
  }
  return out;
}
