// A cancer the coded diagnosis states and the record's own words still hold open. An order and an encounter carry
// C4A.39 (Merkel cell) while the ordering note writes "Ddx: Merkel cell ca vs lymphoma vs pseudolymphoma" and the
// pathology is preliminary: the code runs ahead of the pathology. When the notes and reports that name the cancer only
// weigh it in a differential, and none affirms it, the coded diagnosis is contested too: uncertain, citing the newest
// doubt, so that a criterion resting on "a biopsy-proven or strongly suspected tumour" asks for the final pathology
// instead of meeting on the code. (doubted-history.ts does the same for a cancer history a copied code carries.)
import type { ClinicalNote } from '../fhir/record.ts';
import { DIFFERENTIAL_WORDS } from './codesets.ts';
import type { CancerFact, Fact } from './fact.ts';

const isCancer = (f: Fact): f is CancerFact => f.kind === 'cancer';
const coded = (f: Fact): boolean => f.source.reference.startsWith('Condition/');

/** "Path - final report not yet in our system; prelim in chart", "have requested the final pathology". */
// ("PRAME addendum not yet back": the stain that decides a non-diagnostic read is still to come.)
const FINAL_PENDING =
  /\b(?:final (?:path(?:ology)?|report|diagnosis|read|dermpath)|addendum|(?:immuno)?stains?)\b[^.;]{0,40}\b(?:not (?:yet )?(?:in|available|received|back|signed)|pending|requested|awaited|to follow)\b|\b(?:awaiting|pending|requested?|request(?:ing)?)\b[^.;]{0,25}\b(?:final (?:path(?:ology)?|report|dermpath)|addendum)\b/i;

const fromReport = (f: Fact): boolean => f.source.reference.startsWith('DiagnosticReport/');

/**
 * The only pathology on record is preliminary and weighs the cancer in a differential, and a note written after it says
 * the final report is still to come ("final report not yet in our system; prelim in chart"): the notes that call the
 * cancer biopsy-proven ("per referral biopsy proven Merkel cell carcinoma") run ahead of the pathology as the code does.
 */
function awaitingFinalPathology(
  facts: readonly Fact[],
  notes: readonly ClinicalNote[],
  type: string,
): Fact | undefined {
  const reported = facts.filter((f): f is CancerFact => isCancer(f) && f.cancerType === type && fromReport(f));
  if (reported.length === 0 || reported.some((f) => f.assertion === 'affirmed')) return undefined;
  const preliminary = reported.find(
    (f) =>
      f.assertion === 'uncertain' &&
      (DIFFERENTIAL_WORDS.test(f.source.text) || PRELIMINARY.test(f.source.text) || NOT_DIAGNOSTIC.test(f.source.text)),
  );
  if (!preliminary) return undefined;
  const said = notes.some((n) => (n.date ?? '') >= (preliminary.date ?? '') && FINAL_PENDING.test(n.text));
  return said ? preliminary : undefined;
}
const PRELIMINARY = /\bprelim(?:inary)?\b/i;
/** "Concerning for but not diagnostic of evolving lentigo maligna": a read that names the tumour without making it. */
const NOT_DIAGNOSTIC = /\bnot diagnostic of\b|\bnon-?diagnostic\b/i;

export function contestUnconfirmedDiagnosis(facts: readonly Fact[], notes: readonly ClinicalNote[] = []): Fact[] {
  const contested = new Map<string, CancerFact>();
  const awaiting = new Map<string, Fact>();
  const affirmed = facts.filter((f): f is CancerFact => isCancer(f) && f.assertion === 'affirmed');
  for (const type of new Set(affirmed.map((f) => f.cancerType))) {
    const pending = awaitingFinalPathology(facts, notes, type);
    if (pending) awaiting.set(type, pending);
  }
  const types = new Set(affirmed.filter(coded).map((f) => f.cancerType));
  for (const type of types) {
    if (awaiting.has(type)) continue;
    const told = facts.filter((f): f is CancerFact => isCancer(f) && f.cancerType === type && !coded(f));
    if (told.some((f) => f.assertion === 'affirmed' || f.assertion === 'historical')) continue;
    const doubts = told.filter((f) => f.assertion === 'uncertain' && DIFFERENTIAL_WORDS.test(f.source.text));
    const newest = doubts.reduce<CancerFact | undefined>(
      (a, b) => ((b.date ?? '') >= (a?.date ?? '') ? b : a),
      undefined,
    );
    if (newest) contested.set(type, newest);
  }
  if (contested.size === 0 && awaiting.size === 0) return [...facts];
  return facts.map((f) => {
    if (!isCancer(f) || f.assertion !== 'affirmed') return f;
    const doubt =
      (coded(f) ? contested.get(f.cancerType) : undefined) ?? (fromReport(f) ? undefined : awaiting.get(f.cancerType));
    return doubt ? { ...f, assertion: 'uncertain', contestedBy: doubt.source } : f;
  });
}
