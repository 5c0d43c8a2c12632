// A cutaneous SCC is low risk by its features when its pathology says so item by item, even where nobody writes
// "low risk": "well differentiated, 1.3 cm, depth 2.1 mm, PNI not identified, LVI not identified, margins negative".
// The items are the ones the stage logic names for imaging (perineural invasion, deep invasion, bone, nodes) plus
// what makes an excision complete (clear margins) and the grade. Any item left unsaid leaves the risk open.
import type { CancerFact } from '../../fact.ts';
import type { NoteExtraction, NoteExtractor } from '../extraction.ts';

/** Perineural invasion denied: "no PNI", "without perineural invasion", "Perineural invasion: not identified". */
const PNI_ABSENT =
  /\b(?:no|without|negative for|absence of)\s+(?:(?:evidence of|definite|focal)\s+)?(?:perineural|PNI)\b|\b(?:perineural(?: invasion| involvement| spread)?|PNI)\s*(?:[:=-]\s*|is\s+|was\s+)?(?:not (?:identified|seen|present|detected|demonstrated)|absent|negative|none(?: seen| identified)?)\b/i;
/** What every such reading names: a cheap test of the whole note first (most notes name no perineural invasion). */
const PNI_WORD = /\b(?:perineural|PNI)\b/i;

const GRADE_LOW = /\b(?:well|moderately)[- ]?diff(?:erentiated|\.)?(?![a-z])/i;
const GRADE_HIGH = /\b(?:poorly|un)[- ]?diff(?:erentiated)?\b/i;
const MARGINS_CLEAR =
  /\bmargins?\b[^.;]{0,40}?\b(?:negative|clear(?:ed)?|free|uninvolved|not involved)\b|\b(?:clear|negative|free|uninvolved|tumou?r-free) (?:\w+ )?margins?\b|\bcompletely (?:excised|removed|cleared)\b|\btumou?r[- ]free\b|\bclear(?:ed)? (?:after|in|at) (?:\d|one|two|three|four)\b/i;
/** Features that make it high risk whatever else is said, unless denied in their own words. */
const HIGH_FEATURE =
  /\b(?:invasion|extension|extends?|extending|invades|invading) (?:beyond|into|through) (?:the )?(?:subcutaneous fat|subcutis|fascia|muscle|bone|cartilage)\b|\bbone (?:invasion|involvement|erosion)\b|\b(?:lymphovascular|angiolymphatic) invasion (?:is )?(?:present|identified|seen)\b|\bmargins?\b[^.;]{0,30}?\b(?:positive|involved|transected)\b/i;
const DENIED_BEFORE = /\b(?:no|without|not|negative for|absence of)\b[^.;,]{0,25}$/i;
/** Beyond this depth (NCCN's "deep invasion", > 6 mm) a tumour is not low risk. */
const DEEP_MM = 6;

/** Sentences of a note read together with the one denying perineural invasion, within its section: an operative
 * note gives grade, depth, invasion and margins a line each. */
const NEIGHBOURS = 2;

/** The text a reading covers: a whole pathology report, or a few sentences of a note's section. */
interface Span {
  from: number;
  to: number;
  si: number;
}

function spans(x: NoteExtraction): Span[] {
  const sentences = x.ctx.sentences;
  if (x.note.reference.startsWith('DiagnosticReport/')) {
    const si = sentences.findIndex((s) => PNI_ABSENT.test(s.text));
    return si < 0 ? [] : [{ from: 0, to: x.text.length, si }];
  }
  const out: Span[] = [];
  sentences.forEach((s, si) => {
    if (!PNI_ABSENT.test(s.text)) return;
    let first = si;
    let last = si;
    while (first > 0 && si - first < NEIGHBOURS && sentences[first - 1]?.section === s.section) first--;
    while (last < sentences.length - 1 && last - si < NEIGHBOURS && sentences[last + 1]?.section === s.section) last++;
    out.push({ from: sentences[first]?.start ?? s.start, to: sentences[last]?.end ?? s.end, si });
  });
  return out;
}

function lowRiskFeatures(x: NoteExtraction): void {
  if (!x.possible.has(PNI_WORD) || !PNI_WORD.test(x.text)) return;
  for (const span of spans(x)) {
    const text = x.text.slice(span.from, span.to);
    if (!GRADE_LOW.test(text) || GRADE_HIGH.test(text) || !MARGINS_CLEAR.test(text)) continue;
    const high = HIGH_FEATURE.exec(text);
    if (high && !DENIED_BEFORE.test(text.slice(0, high.index))) continue;
    const named = x.facts.filter(
      (f): f is CancerFact =>
        f.kind === 'cancer' &&
        f.assertion === 'affirmed' &&
        f.source.reference === x.note.reference &&
        (f.source.start ?? 0) >= span.from &&
        (f.source.start ?? 0) < span.to,
    );
    const types = new Set(named.map((f) => f.cancerType));
    if (types.size !== 1 || !types.has('cutaneous_scc')) continue;
    if (named.some((f) => (f.sizeCm ?? 0) >= 2 || (f.breslowMm ?? 0) > DEEP_MM || f.aggressiveSubtype === true))
      continue;
    if (named.some((f) => f.nodalStatus === 'positive' || (f.metastaticSites?.length ?? 0) > 0)) continue;
    const sentence = x.ctx.sentences[span.si];
    if (!sentence) continue;
    const flags = x.flags(span.si, sentence.start, sentence.end);
    if (flags.hypothetical || flags.family || flags.uncertain) continue;
    x.add(
      x.withDate(
        {
          kind: 'cancer',
          cancerType: 'cutaneous_scc',
          assertion: 'affirmed',
          biopsyProven: true,
          riskGroup: 'low',
          source: x.source(span.si),
        },
        undefined,
      ),
    );
  }
}

export const SCC_RISK_FEATURES: NoteExtractor = {
  family: 'oncology-imaging',
  probes: [PNI_WORD],
  run: lowRiskFeatures,
};
