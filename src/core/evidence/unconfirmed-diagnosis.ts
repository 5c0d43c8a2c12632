// A cancer the coded diagnosis states and the record's own words still hold open. An order and an encounter carry
// C4A.39 (Merkel cell) while the ordering note writes "Ddx: Merkel cell ca vs lymphoma vs pseudolymphoma" and the
// pathology is preliminary: the code runs ahead of the pathology. When the notes and reports that name the cancer only
// weigh it in a differential, and none affirms it, the coded diagnosis is contested too: uncertain, citing the newest
// doubt, so that a criterion resting on "a biopsy-proven or strongly suspected tumour" asks for the final pathology
// instead of meeting on the code. (doubted-history.ts does the same for a cancer history a copied code carries.)
import type { CancerFact, Fact } from './fact.ts';

const DIFFERENTIAL = /\b(?:ddx|d\/dx|differential|vs\.?|versus|r\/o|rule out)\b/i;

const isCancer = (f: Fact): f is CancerFact => f.kind === 'cancer';
const coded = (f: Fact): boolean => f.source.reference.startsWith('Condition/');

export function contestUnconfirmedDiagnosis(facts: readonly Fact[]): Fact[] {
  const contested = new Map<string, CancerFact>();
  const types = new Set(
    facts.filter((f) => isCancer(f) && coded(f) && f.assertion === 'affirmed').map((f) => (f as CancerFact).cancerType),
  );
  for (const type of types) {
    const told = facts.filter((f): f is CancerFact => isCancer(f) && f.cancerType === type && !coded(f));
    if (told.some((f) => f.assertion === 'affirmed' || f.assertion === 'historical')) continue;
    const doubts = told.filter((f) => f.assertion === 'uncertain' && DIFFERENTIAL.test(f.source.text));
    const newest = doubts.reduce<CancerFact | undefined>(
      (a, b) => ((b.date ?? '') >= (a?.date ?? '') ? b : a),
      undefined,
    );
    if (newest) contested.set(type, newest);
  }
  if (contested.size === 0) return [...facts];
  return facts.map((f) => {
    const doubt = isCancer(f) && coded(f) && f.assertion === 'affirmed' ? contested.get(f.cancerType) : undefined;
    return doubt ? { ...f, assertion: 'uncertain', contestedBy: doubt.source } : f;
  });
}
