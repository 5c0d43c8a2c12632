// Candidacy settled by refusal. A surgery or injection the clinician discusses ("referral for S1 TFESI and/or a
// surgical consultation") reads as candidacy, but when the patient then refuses it ("firmly declines any injection",
// "would not have spine surgery under any circumstances") the MRI has nothing left to plan: the discussion was an
// option offered, not a plan. A refusal outranks the candidacy it follows, in the same note or a later one; a
// candidacy stated after the refusal (the patient changed their mind) stands.
import type { EvaluationFact, Fact } from './fact.ts';

const CANDIDACY = new Set<EvaluationFact['type']>(['surgical_candidate', 'injection_candidate']);

export function settleCandidacy(facts: readonly Fact[]): Fact[] {
  const refusals = facts.filter((f): f is EvaluationFact => f.kind === 'evaluation' && f.refused === true);
  if (refusals.length === 0) return [...facts];
  return facts.map((fact) =>
    fact.kind === 'evaluation' &&
    fact.assertion === 'affirmed' &&
    CANDIDACY.has(fact.type) &&
    refusals.some((refusal) => refusal.type === fact.type && refusedAfter(refusal, fact))
      ? { ...fact, assertion: 'hypothetical' }
      : fact,
  );
}

/** The refusal is the later word: a later day, or the same day and further on in the same note (or another note). */
function refusedAfter(refusal: Fact, candidacy: Fact): boolean {
  const [r, c] = [refusal.date ?? '', candidacy.date ?? ''];
  if (r !== c) return r > c;
  if (refusal.source.reference !== candidacy.source.reference) return true;
  return (refusal.source.start ?? 0) >= (candidacy.source.start ?? 0);
}
