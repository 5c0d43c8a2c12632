// A report's sentences share its specimen. A pathology report read in full (its presentedForm) names the site once,
// in the specimen line or the conclusion ("R dorsal forearm: hypertrophic AK with focal SCC in situ"), and states its
// diagnosis again in a sentence of its own ("HYPERTROPHIC ACTINIC KERATOSIS WITH FOCAL SQUAMOUS CELL CARCINOMA IN
// SITU."). That sentence is about the same lesion: it takes the site the report names, when the report names one.
import type { CancerFact, Fact } from './fact.ts';

const isReportCancer = (f: Fact): f is CancerFact =>
  f.kind === 'cancer' && f.source.reference.startsWith('DiagnosticReport/');

export function inheritReportSite(facts: readonly Fact[]): Fact[] {
  const sites = new Map<string, Set<string>>();
  for (const f of facts) {
    if (!isReportCancer(f) || f.anatomicSite === undefined) continue;
    const known = sites.get(f.source.reference) ?? new Set<string>();
    known.add(f.anatomicSite);
    sites.set(f.source.reference, known);
  }
  if (sites.size === 0) return [...facts];
  return facts.map((f) => {
    if (!isReportCancer(f) || f.anatomicSite !== undefined) return f;
    const named = sites.get(f.source.reference);
    const [site] = named ?? [];
    return named?.size === 1 && site !== undefined ? { ...f, anatomicSite: site } : f;
  });
}
