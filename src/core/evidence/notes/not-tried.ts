// A therapy the note says was NOT tried, in the two ways templates and narratives say it: a checkbox whose ticked
// option is the negative one ("TCI: [ ] tried [X] not tried", "Intolerance to TCI: [ ] yes [X] no"), and a patient's
// refusal ("declined", "does not want to use it", "prefers to avoid"). A refusal is a preference: it is neither a
// trial, nor a failure, nor an intolerance.

const BOX = /\[\s*([xX✓✔])?\s*\]\s*([^[\]]{1,40}?)(?=\s*\[|\s*[-–—:;,.]|$)/g;
const NEGATIVE_OPTION = /^(?:no|none|not (?:tried|done|used|applicable)|never(?: tried| used)?|n\/a|declined)\b/i;

/** The ticked option of a checkbox row is a negative one ("[X] no", "[X] not tried"). */
export function negativeChecked(text: string): boolean {
  let ticked: string | undefined;
  let boxes = 0;
  for (const m of text.matchAll(BOX)) {
    boxes++;
    if (m[1] !== undefined) ticked = (m[2] ?? '').trim();
  }
  return boxes >= 2 && ticked !== undefined && NEGATIVE_OPTION.test(ticked);
}

/** A patient's refusal of a therapy; therapies.ts also reads it right before the therapy it governs. */
export const REFUSAL =
  /\b(?:declin(?:e|ed|es|ing)|refus(?:e|ed|es|ing)|would rather|(?:does not|doesn't|did not|didn't|do not|don't) want(?: to)?(?: (?:use|try|take|start|do))?|not interested in|prefers? (?:to avoid|not to)|unwilling to(?: (?:try|take|start|use))?)\b/i;
const AGAIN =
  /^\s*(?:to\s+)?(?:re-?start\w*|resum\w*|re-?tr(?:y|ying|ied)|go(?:ing)? back (?:on|to)|another (?:trial|course))\b/i;
const BUT_TRIED = /\b(?:tried|used|took|after|failed|stopped|discontinued)\b/i;

/** The sentence states the patient declined the therapy (and does not also say it was tried). */
export function declined(text: string): boolean {
  const m = REFUSAL.exec(text);
  if (!m) return false;
  // "Declines restarting methotrexate": what is refused again was taken once.
  if (AGAIN.test(text.slice(m.index + m[0].length, m.index + m[0].length + 30))) return false;
  return !BUT_TRIED.test(text.slice(0, m.index));
}

/** "No contraindication", "no history of intolerance": the sentence denies the very outcome it names. */
export const DENIED_OUTCOME =
  /\b(?:no|denies|without|not)\s+(?:(?:known|documented|history of|prior|other)\s+)*(?:contraindications?|intoleran(?:ce|t)|adverse (?:effects?|reactions?)|side effects?)\b|\bnot contraindicated\b/i;
