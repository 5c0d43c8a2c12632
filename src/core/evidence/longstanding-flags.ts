// A ticked box the same note explains as longstanding: "GU: [x] urinary incontinence" and, below it, "urinary
// incontinence = leakage w/ cough/sneeze since 2nd delivery (2001), unchanged for years". The red flag is new bowel or
// bladder dysfunction; a symptom the note itself dates back years and calls unchanged is the patient's baseline, so
// the note's bare mention of it is that history too.
import type { Fact, RedFlagFact } from './fact.ts';

/** Flags whose weight is that they are new (a chronic one, such as osteoporosis, counts whenever it is stated). */
const NEW_ONLY: ReadonlySet<RedFlagFact['flag']> = new Set(['bowel_bladder_dysfunction', 'saddle_anesthesia']);

const LONGSTANDING =
  /\b(?:since (?:\d{4}|(?:her|his) (?:\w+ )?(?:delivery|pregnancy|childbirth|surgery|prostatectomy|hysterectomy))|for (?:many |several )?years|unchanged|long-?standing|chronic|baseline|stress incontinence)\b/i;
const NEW_WORD = /\b(?:new|new-onset|recent(?:ly)?|worse|worsening|acute|sudden)\b/i;

export function longstandingFlags(facts: readonly Fact[]): Fact[] {
  const explained = new Set<string>();
  for (const f of facts) {
    if (
      f.kind === 'red_flag' &&
      NEW_ONLY.has(f.flag) &&
      f.assertion === 'historical' &&
      LONGSTANDING.test(f.source.text)
    )
      explained.add(`${f.source.reference}|${f.flag}`);
  }
  if (explained.size === 0) return [...facts];
  return facts.map((f) =>
    f.kind === 'red_flag' &&
    f.assertion === 'affirmed' &&
    explained.has(`${f.source.reference}|${f.flag}`) &&
    !NEW_WORD.test(f.source.text)
      ? { ...f, assertion: 'historical' }
      : f,
  );
}
