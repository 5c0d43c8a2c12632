// A cancer history the newest word doubts. A problem list carries "Hx of malignant melanoma (Z85.820)" forward from
// another practice; the ordering clinician, asking, writes "possible hx of melanoma - unconfirmed; pathology
// requested". The older affirmations do not settle what the clinician now calls open: when the newest statements of
// the history are uncertain (or the patient is unsure), and no affirmation is newer, each affirmation becomes
// `uncertain`, contested by the newest doubt, so that a criterion resting on the history (a cancer red flag) stays
// unknown and asks for the records instead of meeting on a copied code.
import type { Fact, RedFlagFact } from './fact.ts';

const HISTORY_DOUBTED =
  /\b(?:hx|history|prior|previous|past)\b[^.;]{0,60}\b(?:unconfirmed|unverified|not (?:confirmed|verified)|type unknown|unclear|uncertain)\b|\b(?:possible|questionable|unconfirmed|unverified|reported|\?)\s*(?:\(\w+\)\s*)?(?:\w+\s+)?(?:hx|history)\b|\b(?:not sure|unsure|does not know|doesn't know) (?:whether|if) (?:it|this|that) was\b/i;

const isHistory = (f: Fact): f is RedFlagFact => f.kind === 'red_flag' && f.flag === 'cancer_history';

export function contestDoubtedHistory(facts: readonly Fact[]): Fact[] {
  const history = facts.filter(isHistory);
  // A doubt of the history itself ("possible hx of melanoma - unconfirmed"), not a suspicion of spread from it.
  const doubts = history.filter(
    (f) =>
      f.assertion === 'uncertain' &&
      f.source.reference.startsWith('DocumentReference/') &&
      f.date !== undefined &&
      HISTORY_DOUBTED.test(f.source.text),
  );
  if (doubts.length === 0) return [...facts];
  const lastDoubt = doubts.reduce((a, b) => ((b.date ?? '') > (a.date ?? '') ? b : a));
  const lastAffirmed = history
    .filter((f) => f.assertion === 'affirmed')
    .reduce((max, f) => ((f.date ?? '') > max ? (f.date ?? '') : max), '');
  if (lastAffirmed === '' || lastAffirmed > (lastDoubt.date ?? '')) return [...facts];
  return facts.map((f) =>
    isHistory(f) && f.assertion === 'affirmed' ? { ...f, assertion: 'uncertain', contestedBy: lastDoubt.source } : f,
  );
}
