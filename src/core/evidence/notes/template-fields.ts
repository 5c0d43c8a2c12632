// Template fields: what a check-box or "label: value" line of a templated note asserts. ConText reads prose; an EHR
// template says the same things in another grammar, where the words of a label are a question, not a statement:
// - "[ ] saddle anesthesia" is a box nobody ticked: it asserts nothing, present or absent; "[-] saddle anesthesia" is
//   a review of systems' negative;
// - "[x] primary" in "Primary vs recurrent: [x] primary" answers the label, so "recurrent" is not asserted;
// - "Saddle numbness: no", "HIV [N]", "IV drug use: denies", "Significant trauma: no (lifting strain only)" negate the label, and so
//   does a table row's next cell ("| Phototherapy | never |");
// - "size: ***" or "Onset: ___" is a placeholder nobody filled, and "HIV: see comment" answers elsewhere: the label
//   asserts nothing.
// Offsets are relative to the sentence text given.

export type TemplateReading = 'negated' | 'unasserted';

export interface TemplateMark {
  start: number;
  end: number;
  reading: TemplateReading;
}

const BOX = /\[\s*\]|\[\s*[xX✓✔]\s*\]|\[\s*[-–]\s*\]|\(\s*[xX]?\s*\)|[☐☑☒]/g;
const MINUS = /^\[\s*[-–]\s*\]$/;
const MINUS_BEFORE = /\(\s*[-–]\s*\)/g;
const UNTICKED = /^(?:\[\s*\]|\(\s*\)|☐)$/;
/** What ends a box's label or a field: the next box, a run of spaces or a tab, a bar, a semicolon or a line end. */
const FIELD_END = /\[\s*[xX✓✔+-]?\s*\]|\(\s*[xX+–-]?\s*\)|[☐☑☒]| {2,}|\t|\||;|\n/g;
const NEGATIVE_VALUE =
  /^(?:no|none|never|denies|denied|negative|neg|absent|n|nil|not present|not identified|not seen|not noted|not applicable|not tried|not done)\b\.?(?=\s*(?:\(|$|[,.;|])| {2,}|\t)/i;
const ALTERNATIVES = /\s(?:vs\.?|versus|or)\s|[a-z]{3}\s*\/\s*[a-z]{3}/i;
const ALTERNATIVE_SPLIT = /\s*(?:\/|\s(?:vs\.?|versus|or)\s)\s*/i;

/** "Primary/recurrent: primary", "Primary vs recurrent: [x] primary": the value (or its boxes) picks one of the
 * alternatives the label names. (A label naming one thing is the boxes' subject: "TCI: [ ] tried [X] not tried".) */
function picksAlternative(label: string, value: string): boolean {
  if (!ALTERNATIVES.test(label)) return false;
  if (LEADING_BOX.test(value)) return true;
  const first = value.toLowerCase().split(/[^a-z]+/)[0] ?? '';
  return label
    .toLowerCase()
    .split(ALTERNATIVE_SPLIT)
    .some((option) => first !== '' && option.trim().split(/\s+/).includes(first));
}
const STATUS_CHOICE = /\b(?:primary|new|initial)\s*(?:\/|vs\.?|or|versus)\s*(?:recurrent|recurrence|recurred)\b/gi;
const BRACKETED_NO = /\[\s*(?:N|No|NO|neg)\s*\]/g;
const SPACED_NO = /(?:^|[,;:]\s*)([A-Za-z][\w /-]{1,40}?)\s+(?:N|neg)(?=\s*(?:[,;.]|$))/g;
// A table row ("| Phototherapy | never | - |") is a field too: the cell after a label is its value.
const SEPARATOR = /:| ?(?:\.{3,}|…+|_{4,})| *\| */g;
const LEADING_BOX = /^(?:\[\s*[xX✓✔]?\s*\]|\(\s*[xX]?\s*\)|[☐☑☒])/;
/** Whether a sentence can hold a template field at all: most prose does not, and is skipped in one test. */
const ANY_FIELD = /:|[[(☐☑☒|]|\.\.\.|…|____|\s(?:N|neg)\s*[,;]|recurren/i;
// "Hematologic malignancy: see comment": the answer is elsewhere. ("PT records: pending" does answer: not in yet.)
const PLACEHOLDER = /^(?:\*{2,}|_{3,}|\?{2,}|tbd\b|see (?:the )?(?:comments?|below|above|note|text|hpi|details)\b)/i;

function fieldEnd(text: string, from: number): number {
  FIELD_END.lastIndex = from;
  for (let m = FIELD_END.exec(text); m !== null; m = FIELD_END.exec(text)) {
    // "[ ] Aggressive (infiltrative/morpheaform/⏎micronodular)": a line break inside an open parenthesis wraps the
    // label, it does not end it.
    const span = text.slice(from, m.index);
    const wrap = /^\s+$/.test(m[0]) && (span.match(/\(/g)?.length ?? 0) > (span.match(/\)/g)?.length ?? 0);
    if (!wrap) return m.index;
  }
  return text.length;
}

/** The word after the ticked box of a field's value ("[ ] Yes  [X] No" → "No"), if one is ticked. */
function tickedAnswer(value: string): string | undefined {
  const ticked = /^(?:\[\s*\]|\(\s*\)|☐|[\s\w/-])*?(?:\[\s*[xX✓✔]\s*\]|\(\s*[xX]\s*\)|[☑☒])\s*([A-Za-z/-]+)/.exec(
    value,
  );
  return ticked?.[1];
}

/** Where a field's label begins: after the previous field separator (or a comma) before the colon. */
function labelStart(text: string, colon: number): number {
  let i = colon - 1;
  while (i >= 0) {
    const ch = text.charAt(i);
    if (ch === '\n' || ch === '\t' || ch === '|' || ch === ';' || ch === ',' || ch === ']' || ch === ':') break;
    if (ch === ' ' && text.charAt(i - 1) === ' ') break;
    i--;
  }
  return i + 1;
}

/** The template readings of one sentence: spans that are negated or assert nothing. */
export function templateMarks(text: string): TemplateMark[] {
  if (!ANY_FIELD.test(text)) return [];
  const marks: TemplateMark[] = [];
  BOX.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BOX.exec(text)) !== null) {
    const from = m.index + m[0].length;
    const box = m[0].trim();
    const end = fieldEnd(text, from);
    // "Immune status: immunocompetent [x]  immunosuppressed [ ]": a box with nothing after it in its field answers the
    // label before it.
    const trailing = text.slice(from, end).trim() === '' ? labelStart(text, m.index) : -1;
    const [lo, hi] = trailing >= 0 && text.slice(trailing, m.index).trim() !== '' ? [trailing, m.index] : [from, end];
    // "Neurological: [-] saddle anesthesia [-] leg weakness": a review of systems marks each item it negates.
    if (UNTICKED.test(box)) marks.push({ start: lo, end: hi, reading: 'unasserted' });
    else if (MINUS.test(box)) marks.push({ start: lo, end: hi, reading: 'negated' });
  }
  // "Immunologic: (-) recurrent infections (-) transplant (-) immunosuppressive medication": a "(-)" before an item
  // negates the item after it, up to the next mark ("HIV (-), hepatitis (-)" is read by the lexicon, backward).
  MINUS_BEFORE.lastIndex = 0;
  for (let minus = MINUS_BEFORE.exec(text); minus !== null; minus = MINUS_BEFORE.exec(text)) {
    const from = minus.index + minus[0].length;
    if (!/^\s*[A-Za-z]/.test(text.slice(from, from + 4))) continue;
    const item = /[,.]/.exec(text.slice(from));
    const end = Math.min(fieldEnd(text, from), item ? from + item.index : text.length);
    marks.push({ start: from, end, reading: 'negated' });
  }
  // A field's label ends at a colon or a leader ("History of cancer .......... No").
  SEPARATOR.lastIndex = 0;
  for (let sep = SEPARATOR.exec(text); sep !== null; sep = SEPARATOR.exec(text)) {
    const colon = sep.index;
    const value = text.slice(colon + sep[0].length).replace(/^\s+/, '');
    const start = labelStart(text, colon);
    // "Primary/recurrent: primary": a label naming alternatives is the question its value answers.
    const question = picksAlternative(text.slice(start, colon), value);
    // "Prior radiation to site: [ ] Yes [X] No": the ticked answer is the value.
    const answer = LEADING_BOX.test(value) && !question ? tickedAnswer(value) : undefined;
    // "Organ transplant: [ ] Yes  [ ] No": boxes nobody ticked answer nothing, and the label asserts nothing.
    const unanswered = LEADING_BOX.test(value) && !question && answer === undefined;
    const reading: TemplateReading | undefined =
      NEGATIVE_VALUE.test(value) || (answer !== undefined && NEGATIVE_VALUE.test(answer))
        ? 'negated'
        : PLACEHOLDER.test(value) || question || unanswered
          ? 'unasserted'
          : undefined;
    if (reading) marks.push({ start, end: colon, reading });
  }
  // A column header or a form label that names the choice ("| Primary/Recurrent |") asserts neither.
  STATUS_CHOICE.lastIndex = 0;
  for (let m = STATUS_CHOICE.exec(text); m !== null; m = STATUS_CHOICE.exec(text)) {
    marks.push({ start: m.index, end: m.index + m[0].length, reading: 'unasserted' });
  }
  // "Organ transplant [N]  HIV [N]  Prior radiation to site [N]": an item answered by a bracketed N(o) after it.
  BRACKETED_NO.lastIndex = 0;
  for (let m = BRACKETED_NO.exec(text); m !== null; m = BRACKETED_NO.exec(text)) {
    const start = labelStart(text, m.index);
    const label = text.slice(start, m.index);
    if (label.trim() !== '') marks.push({ start, end: m.index, reading: 'negated' });
  }
  // "Red-flag screen: fever N, weight loss N, cancer hx N": an item answered N(o) after its own words.
  SPACED_NO.lastIndex = 0;
  for (let m = SPACED_NO.exec(text); m !== null; m = SPACED_NO.exec(text)) {
    const label = m[1] ?? '';
    const start = m.index + m[0].indexOf(label);
    marks.push({ start, end: start + label.length, reading: 'negated' });
  }
  return marks.filter(
    (m, i) => marks.findIndex((o) => o.start === m.start && o.end === m.end && o.reading === m.reading) === i,
  );
}
