// A finding told on another clinician's word, checked against that clinician's own note. Letters between clinicians
// quote each other ("Summary: per Dr. Koenig, … 4/5 left EHL weakness and an absent left ankle jerk"), and a quote
// can say more than its source. When the clinician named is the author of a note in the record, and that note's
// examination records neurological findings but not the one quoted, the quote is contested: it becomes `uncertain`,
// citing the source note, and so does a conclusion the quoting note draws from it without an examination of its own
// ("with an objective motor deficit …, MRI is indicated").
import type { ClinicalNote } from '../fhir/record.ts';
import type { Fact, NeuroFindingFact } from './fact.ts';

/** "per Dr. Koenig", "per Dr Koenig's note", "Dr. Koenig documented/found/notes …". */
const ATTRIBUTED =
  /\bper (?:Dr\.?|Doctor) ([A-Z][A-Za-z'-]+)|\b(?:Dr\.?|Doctor) ([A-Z][A-Za-z'-]+) (?:notes|noted|found|finds|documents|documented|describes|described|reports|reported|records|recorded)\b/;
const CREDENTIAL = /^[^\n]{0,30}?\b(?:MD|DO|NP|PA(?:-C)?|FNP(?:-C)?|APRN)\b/;
const DEFICITS: ReadonlySet<string> = new Set(['motor_weakness', 'reflex_change']);

/** The notes a clinician signed or sent: the name with a credential in the note's first or last lines. */
function notesBy(name: string, notes: readonly ClinicalNote[]): ClinicalNote[] {
  return notes.filter((n) => {
    const ends = `${n.text.slice(0, 400)}\n${n.text.slice(-400)}`;
    let at = ends.indexOf(name);
    while (at !== -1) {
      if (CREDENTIAL.test(ends.slice(at + name.length))) return true;
      at = ends.indexOf(name, at + 1);
    }
    return false;
  });
}

const isDeficit = (f: Fact): f is NeuroFindingFact =>
  f.kind === 'neuro_finding' && DEFICITS.has(f.finding) && f.assertion === 'affirmed';

export function checkQuotedFindings(facts: readonly Fact[], notes: readonly ClinicalNote[]): Fact[] {
  const contested = new Map<Fact, Fact['source']>();
  for (const f of facts) {
    if (!isDeficit(f)) continue;
    const m = ATTRIBUTED.exec(f.source.text);
    const name = m?.[1] ?? m?.[2];
    if (name === undefined) continue;
    const sources = notesBy(name, notes).filter((n) => n.reference !== f.source.reference);
    for (const source of sources) {
      const examined = facts.filter((o) => o.kind === 'neuro_finding' && o.source.reference === source.reference);
      if (examined.length === 0) continue;
      if (examined.some((o) => isDeficit(o) && o.finding === f.finding)) continue;
      contested.set(f, examined[0]?.source ?? f.source);
      break;
    }
  }
  if (contested.size === 0) return [...facts];
  // A conclusion in the quoting note that names no side, level or grade stands on the contested quote.
  const quoting = new Set([...contested.keys()].map((f) => f.source.reference));
  for (const f of facts) {
    if (!isDeficit(f) || contested.has(f) || !quoting.has(f.source.reference)) continue;
    if (f.side !== undefined || f.level !== undefined || f.grade !== undefined || f.source.section === 'exam') continue;
    const basis = [...contested.entries()].find(([q]) => q.source.reference === f.source.reference);
    if (basis) contested.set(f, basis[0].source);
  }
  return facts.map((f) => {
    const other = contested.get(f);
    return other ? { ...f, assertion: 'uncertain' as const, contestedBy: other } : f;
  });
}
