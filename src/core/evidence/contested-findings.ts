// A note that contradicts itself on a neurological deficit establishes neither side. When the history or the
// assessment claims a motor deficit ("new foot drop") and the examination of the same note records normal strength
// on that side ("strength 5/5 bilateral lower extremities", often copied forward from an earlier visit), and no
// finding of that examination confirms the deficit, the deficit is contested: both statements become `uncertain`,
// so that a criterion decided on the deficit (a progressive-deficit red flag, an objective motor finding) stays
// unknown and asks for a documented current examination instead of reading either sentence as settled.
import type { Fact, NeuroFindingFact, Provenance } from './fact.ts';

type Side = NeuroFindingFact['side'];

/** The motor deficit a fact claims, and on which side, if it claims one. */
function claimedDeficit(f: Fact): { side: Side } | undefined {
  if (f.assertion !== 'affirmed') return undefined;
  if (f.kind === 'neuro_finding' && f.finding === 'motor_weakness') return { side: f.side };
  if (f.kind === 'red_flag' && f.flag === 'progressive_neurological_deficit') return { side: undefined };
  return undefined;
}

/** Whether a normal-strength statement on `normal` covers the side of the claimed deficit. */
function covers(normal: Side, claimed: Side): boolean {
  return normal === undefined || normal === 'bilateral' || claimed === undefined || normal === claimed;
}

const isExam = (f: Fact): boolean => f.source.section === 'exam';

export function contestDeficits(facts: readonly Fact[]): Fact[] {
  const byDocument = new Map<string, Fact[]>();
  for (const f of facts) {
    const list = byDocument.get(f.source.reference) ?? [];
    list.push(f);
    byDocument.set(f.source.reference, list);
  }
  const contested = new Map<Fact, Provenance>();
  for (const doc of byDocument.values()) {
    const normals = doc.filter(
      (f): f is NeuroFindingFact =>
        f.kind === 'neuro_finding' && f.finding === 'motor_weakness' && f.assertion === 'negated' && isExam(f),
    );
    if (normals.length === 0) continue;
    // An examination that records the deficit itself settles it.
    if (doc.some((f) => isExam(f) && claimedDeficit(f) !== undefined)) continue;
    for (const f of doc) {
      const claim = claimedDeficit(f);
      if (!claim || isExam(f)) continue;
      const normal = normals.find((n) => covers(n.side, claim.side));
      if (!normal) continue;
      contested.set(f, normal.source);
      contested.set(normal, f.source);
    }
  }
  if (contested.size === 0) return [...facts];
  return facts.map((f) => {
    const other = contested.get(f);
    return other ? { ...f, assertion: 'uncertain' as const, contestedBy: other } : f;
  });
}
