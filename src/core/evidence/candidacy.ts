// Candidacy settled by refusal. A surgery or injection the clinician discusses ("referral for S1 TFESI and/or a
// surgical consultation") reads as candidacy, but when the patient then refuses it ("firmly declines any injection",
// "would not have spine surgery under any circumstances") the MRI has nothing left to plan: the discussion was an
// option offered, not a plan. A refusal outranks the candidacy it follows, in the same note or a later one, and so
// does a later visit's "not a surgical candidate" (a consultant's word after the PCP's referral); a candidacy stated
// after the denial (the patient changed their mind) stands.
import type { EvaluationFact, Fact } from './fact.ts';

const CANDIDACY = new Set<EvaluationFact['type']>(['surgical_candidate', 'injection_candidate']);

export function settleCandidacy(facts: readonly Fact[]): Fact[] {
  const denials = facts.filter(
    (f): f is EvaluationFact => f.kind === 'evaluation' && f.assertion === 'negated' && CANDIDACY.has(f.type),
  );
  if (denials.length === 0) return [...facts];
  return facts.map((fact) =>
    fact.kind === 'evaluation' &&
    fact.assertion === 'affirmed' &&
    CANDIDACY.has(fact.type) &&
    denials.some((denial) => denial.type === fact.type && deniedAfter(denial, fact))
      ? { ...fact, assertion: 'hypothetical' }
      : fact,
  );
}

/** The denial is the later word: a later day; on the same day, only the patient's own refusal, when it follows in the
 * same note (or stands in another). */
function deniedAfter(denial: EvaluationFact, candidacy: Fact): boolean {
  const [d, c] = [denial.date ?? '', candidacy.date ?? ''];
  if (d !== c) return d > c;
  if (denial.refused !== true) return false;
  if (denial.source.reference !== candidacy.source.reference) return true;
  return (denial.source.start ?? 0) >= (candidacy.source.start ?? 0);
}
