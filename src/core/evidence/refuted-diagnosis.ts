// A cancer the newest clinician word denies for the patient's whole life, correcting the record. A problem list carries
// "Melanoma of trunk (C43.59)" entered from an intake checkbox; the dermatologist, reviewing it, writes "PT HAS NEVER HAD
// MELANOMA - this reflects family hx (sister)". A lifetime denial ("has never had", "never been diagnosed with") that
// says where the record went wrong (the problem list, the intake form, a relative's cancer), newer than every
// affirmation of that cancer, refutes them: they are read as negated, so that the request is judged on the history as
// the clinician now states it. "She has never had melanoma before" (this one is her first) and a specimen's "no
// residual melanoma" correct nothing and are not read here.
import type { CancerFact, Fact, RedFlagFact } from './fact.ts';

const LIFETIME_DENIAL =
  /\b(?:(?:has|have|had) never (?:had|been diagnosed (?:with|w\/)|been told (?:she|he|they) had)|never (?:had|been diagnosed (?:with|w\/))|no (?:personal )?(?:history|hx|h\/o) of|denies (?:any )?(?:personal )?(?:history|hx) of)(?!\w)/i;

/** The denial names the record's error: the entry it corrects, or the relative whose cancer it was. */
const CORRECTION =
  /\b(?:problem list|intake|check ?box|entered (?:in error|from)|in error|erroneous(?:ly)?|mistaken(?:ly)?|data error|(?:family|fam) (?:hx|history)|(?:mother|father|mom|dad|sister|brother|aunt|uncle|grandmother|grandfather|relative|cousin)'?s\b|reflects)/i;
const FIRST_TIME = /\b(?:before|previously|prior to (?:this|now))\b/i;

const isCancer = (f: Fact): f is CancerFact => f.kind === 'cancer';
/** A cancer the record holds as the patient's, now or in the past ("Hx melanoma (per intake)"). */
const held = (f: CancerFact): boolean => f.assertion === 'affirmed' || f.assertion === 'historical';

export function refuteDeniedDiagnoses(facts: readonly Fact[]): Fact[] {
  const denials = facts.filter(
    (f): f is CancerFact =>
      isCancer(f) &&
      f.assertion === 'negated' &&
      f.date !== undefined &&
      f.source.reference.startsWith('DocumentReference/') &&
      LIFETIME_DENIAL.test(f.source.text) &&
      CORRECTION.test(f.source.text) &&
      !FIRST_TIME.test(f.source.text),
  );
  if (denials.length === 0) return [...facts];
  const lastDenial = new Map<CancerFact['cancerType'], CancerFact>();
  for (const d of denials) {
    const seen = lastDenial.get(d.cancerType);
    if (!seen || (d.date ?? '') > (seen.date ?? '')) lastDenial.set(d.cancerType, d);
  }
  const refuted = new Set(
    [...lastDenial.entries()]
      .filter(([type, denial]) =>
        facts.every(
          (f) =>
            !isCancer(f) ||
            f.cancerType !== type ||
            f.assertion !== 'affirmed' ||
            (f.date ?? '') <= (denial.date ?? ''),
        ),
      )
      .map(([type]) => type),
  );
  if (refuted.size === 0) return [...facts];
  return facts.map((f) => {
    if (!isCancer(f) || !held(f) || !refuted.has(f.cancerType)) return f;
    return { ...f, assertion: 'negated' };
  });
}

/** The correction of a coded entry: "the problem list says long term steroid use, that is not correct"; "Osteopenia
 * (not osteoporosis) on outside DEXA". */
const ENTRY_CORRECTED =
  /\b(?:problem list|med(?:ication)? list|code[ds]?|entry|entered)\b[^.;]{0,80}\b(?:not correct|incorrect|wrong|inaccurate|in error|erroneous)\b|\w\s*\(not [^()]{1,40}\)/i;

/**
 * A coded red flag the newest note corrects: the Condition "Long term (current) use of systemic steroids (Z79.52)"
 * against "the problem list says long term steroid use, that is not correct, that was put on for a 6-day taper". The
 * code, and every earlier statement of the flag, is read as the note now states it: absent.
 */
export function refuteCorrectedFlags(facts: readonly Fact[]): Fact[] {
  const corrections = facts.filter(
    (f): f is RedFlagFact =>
      f.kind === 'red_flag' &&
      f.assertion === 'negated' &&
      f.date !== undefined &&
      f.source.reference.startsWith('DocumentReference/') &&
      ENTRY_CORRECTED.test(f.source.text),
  );
  if (corrections.length === 0) return [...facts];
  return facts.map((f) => {
    if (f.kind !== 'red_flag' || f.assertion !== 'affirmed') return f;
    const corrected = corrections.some((c) => c.flag === f.flag && (f.date ?? '') <= (c.date ?? ''));
    return corrected ? { ...f, assertion: 'negated' } : f;
  });
}
