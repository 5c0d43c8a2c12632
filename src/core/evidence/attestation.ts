// A teaching note's attending attestation ("ATTENDING ATTESTATION: I saw and examined the patient … I disagree with
// the resident on …") is the responsible clinician's word on the visit. Where it speaks of something the resident's
// part of the same note also states (the same red flag, examination finding, drug, cancer, risk factor), the
// attestation's statement stands and the resident's is set aside: "the template exam is unedited default",
// "continue upadacitinib with dupilumab", "suspicion for discitis is low". What the attestation does not mention,
// the resident's note still documents.
import type { ClinicalNote } from '../fhir/record.ts';
import type { Fact } from './fact.ts';

const ATTESTATION =
  /^[ \t]*(?:(?:attending|teaching|preceptor|supervising|staff)(?: physician| surgeon)?(?:'s)? (?:attestation|addendum|statement|note|comment)s?|attestation)\b/im;

/** The words an attestation heading opens on, searched first: most notes have none, and a search anchored at every
 * line start is slower than one for the words. */
const ATTESTED = /attending|teaching|preceptor|supervising|staff|attestation/i;

/** What a fact speaks of, for comparing a resident's statement with the attending's. */
function topic(fact: Fact): string | undefined {
  switch (fact.kind) {
    case 'red_flag':
      return `red_flag:${fact.flag}`;
    case 'neuro_finding':
      return `neuro:${fact.finding}`;
    case 'therapy':
      return fact.agent !== undefined ? `therapy:${fact.agent}` : undefined;
    case 'risk_factor':
      return `risk:${fact.factor}`;
    case 'evaluation':
      return `evaluation:${fact.type}`;
    default:
      return undefined;
  }
}

/** Whether the attestation says something of the topic, rather than naming it in a plan ("would escalate methotrexate
 * to 20 mg if tolerating"): a drug with its result, length, adherence or denial; anything else not merely planned. */
function states(fact: Fact): boolean {
  if (fact.assertion === 'hypothetical' || fact.assertion === 'family') return false;
  if (fact.kind !== 'therapy') return true;
  return (
    fact.assertion === 'negated' ||
    (fact.outcome !== undefined && fact.outcome !== 'ongoing') ||
    fact.durationWeeks !== undefined ||
    fact.start !== undefined ||
    ADHERENCE.test(fact.source.text)
  );
}
/** How regularly the drug was used ("most days although adherence was imperfect"): a word on the trial itself. */
const ADHERENCE =
  /\b(?:adheren\w*|complian\w*|most days|not daily|missed (?:doses|days)|inconsistent\w*|intermittent\w*|sporadic\w*|as needed|prn|irregular\w*)\b/i;

/** The facts without the resident's statements that the same note's attestation restates. */
export function attestationsOutrank(facts: readonly Fact[], notes: readonly ClinicalNote[]): Fact[] {
  const attestedFrom = new Map<string, number>();
  for (const note of notes) {
    const m = ATTESTED.test(note.text) ? ATTESTATION.exec(note.text) : null;
    if (m) attestedFrom.set(note.reference, m.index);
  }
  if (attestedFrom.size === 0) return [...facts];
  const attested = new Set<string>();
  for (const f of facts) {
    const from = attestedFrom.get(f.source.reference);
    const key = topic(f);
    if (from !== undefined && key !== undefined && (f.source.start ?? -1) >= from && states(f))
      attested.add(`${f.source.reference}|${key}`);
  }
  return facts.filter((f) => {
    const from = attestedFrom.get(f.source.reference);
    const key = topic(f);
    if (from === undefined || key === undefined || f.source.start === undefined || f.source.start >= from) return true;
    return !attested.has(`${f.source.reference}|${key}`);
  });
}
