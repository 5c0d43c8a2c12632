// Screening tests a drug policy asks for before a biologic, read from coded Observations and from note sentences:
// tuberculosis screening (an interferon-gamma release assay such as QuantiFERON or T-SPOT, or a tuberculin skin
// test). Each fact carries its result and the date it was taken; a test ordered or drawn without a result is
// `pending`, never negative. Payers ask for one "within 12 months", which the policy's fact rule dates.
import type { Observation } from '@medplum/fhirtypes';
import type { ClinicalRecord } from '../fhir/record.ts';
import { referenceOf } from '../fhir/record.ts';
import type { Fact, ScreeningTestFact } from './fact.ts';

/** The test's names as records write them. */
export const TB_TEST =
  /\b(?:quanti-?feron(?:[- ]tb)?(?: gold)?(?: plus)?|QFT(?:-?(?:GIT|Plus))?|T-?SPOT(?:\.?TB)?|interferon[- ]gamma release assay|IGRA|tuberculin skin test|TB skin test|PPD|mantoux|TST|TB (?:screen(?:ing)?|test(?:ing)?|blood test)|tuberculosis (?:screen(?:ing)?|test(?:ing)?))\b/i;

const RESULTS: readonly [RegExp, ScreeningTestFact['result']][] = [
  [
    /\b(?:pending|awaiting|in progress|not (?:yet )?(?:resulted|back|received)|ordered|drawn|sent|to be (?:drawn|done|obtained)|will (?:draw|obtain|check|order))\b/i,
    'pending',
  ],
  [/\bindeterminate\b|\bequivocal\b/i, 'indeterminate'],
  [/\b(?:negative|non-?reactive|neg\b|\(-\)|not detected|0 ?mm)/i, 'negative'],
  // "latent TB", but not "latent TB screening in progress" or "screen for latent TB": the test's purpose, no result.
  [
    /\b(?:positive|reactive|pos\b|\(\+\)|detected|(?<!\b(?:for|r\/o|rule out|exclude)\s)latent TB(?!\s+(?:screen|test|evaluation|work-?up|risk)))/i,
    'positive',
  ],
];

/** The result a sentence or value states; a result word outranks "ordered" only when both are not in the text. */
export function tbResult(text: string): ScreeningTestFact['result'] | undefined {
  const stated = RESULTS.filter(([re]) => re.test(text)).map(([, r]) => r);
  // "QuantiFERON negative 01/2023; repeat ordered" states an old result and a pending repeat: the caller splits
  // clauses, so one clause with both words reads as the result (the repeat is usually its own clause).
  return stated.find((r) => r !== 'pending') ?? stated[0];
}

function observationResult(o: Observation): ScreeningTestFact['result'] | undefined {
  if (o.status === 'registered' || o.status === 'preliminary') return 'pending';
  const words = [
    o.valueString,
    o.valueCodeableConcept?.text,
    ...(o.valueCodeableConcept?.coding ?? []).map((c) => c.display ?? c.code),
    ...(o.interpretation ?? []).flatMap((i) => [i.text, ...(i.coding ?? []).map((c) => c.display ?? c.code)]),
  ]
    .filter(Boolean)
    .join(' ');
  if (/^\s*(?:N|NEG)\s*$/i.test(words)) return 'negative';
  if (/^\s*(?:POS|A|H)\s*$/i.test(words)) return 'positive';
  return words ? tbResult(words) : undefined;
}

/** Tuberculosis screening from the record's Observations (by the test's name in the code's text or display). */
export function codedScreeningTests(record: ClinicalRecord): ScreeningTestFact[] {
  const facts: ScreeningTestFact[] = [];
  // A record repeats a few test names over many Observations (vital signs, panels): each name is read once.
  const tbNames = new Map<string, boolean>();
  for (const r of record.resources) {
    if (r.resourceType !== 'Observation' || r.status === 'entered-in-error' || r.status === 'cancelled') continue;
    const name = [r.code.text, ...(r.code.coding ?? []).map((c) => c.display)].filter(Boolean).join(' ');
    let tb = tbNames.get(name);
    if (tb === undefined) {
      tb = TB_TEST.test(name);
      tbNames.set(name, tb);
    }
    if (!tb) continue;
    const result = observationResult(r);
    if (!result) continue;
    const date = (r.effectiveDateTime ?? r.effectivePeriod?.start ?? r.issued)?.slice(0, 10);
    facts.push({
      kind: 'screening_test',
      test: 'tuberculosis',
      result,
      assertion: 'affirmed',
      ...(date ? { date } : {}),
      source: { reference: referenceOf(r), text: `Observation: ${name} — ${result}${date ? ` (${date})` : ''}` },
    });
  }
  return facts;
}

/** A result a note states without a date ("problem list: latent TB screening negative") is the dated test of the
 * same result on record before it, when there is one: it does not renew an old test to the note's date. */
export function dateUndatedScreens(facts: readonly Fact[]): Fact[] {
  const dated = facts.filter((f): f is ScreeningTestFact => f.kind === 'screening_test' && !f.undated && !!f.date);
  return facts.map((f) => {
    if (f.kind !== 'screening_test' || !f.undated || f.date === undefined) return f;
    const on = f.date;
    const same = dated
      .filter((d) => d.test === f.test && d.result === f.result && (d.date ?? '') <= on)
      .map((d) => d.date ?? '')
      .sort()
      .at(-1);
    return same !== undefined ? { ...f, date: same } : f;
  });
}
