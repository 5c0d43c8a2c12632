// Pathology text read with ConText: a report lists the features it looked for and did not find ("No infiltrative
// component identified", "negative for perineural invasion"), so a histologic word counts only where the report
// affirms it. A negated, uncertain or hypothetical feature ("perineural invasion cannot be excluded") is not a
// finding: the AUC's aggressive classes and the staging risk features need what the pathologist affirmed.
import { NoteContext } from './notes/context.ts';
import { detectSections } from './notes/sections.ts';
import { splitSentences } from './notes/sentences.ts';

/** The matches of `pattern` (a global expression) that the text affirms, in order. */
export function affirmedMatches(text: string, pattern: RegExp): string[] {
  const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
  const ctx = new NoteContext(text, splitSentences(text, detectSections(text)));
  const out: string[] = [];
  for (const m of text.matchAll(global)) {
    const at = m.index ?? 0;
    const index = ctx.sentenceAt(at);
    const flags = index < 0 ? undefined : ctx.flags(index, at, at + m[0].length);
    if (flags && (flags.negated || flags.uncertain || flags.hypothetical)) continue;
    out.push(m[0]);
  }
  return out;
}

/** Whether the text affirms at least one match of `pattern`. */
export function affirms(text: string, pattern: RegExp): boolean {
  return affirmedMatches(text, pattern).length > 0;
}
