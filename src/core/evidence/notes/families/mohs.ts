// The Mohs family: a skin cancer's lesion attributes (histologic subtype, size, anatomic site) read with its
// cancer mention, and the risk modifiers (immunosuppression, prior radiation, genetic syndromes) that make Mohs
// appropriate regardless of area and size.
import type { CancerFact, CancerType } from '../../fact.ts';
import type { Sentence } from '../sentences.ts';
import { aggressiveSubtype, ANATOMIC_SITE, RISK_FACTORS, SUBTYPE_REGEX } from '../concepts.ts';
import { SPECIMEN } from '../../codesets.ts';
import { LENGTH, lengthInCm, notLesionSize } from '../../lesion-size.ts';
import type { NoteExtraction } from '../extraction.ts';
import { toAssertion, type NoteExtractor } from '../extraction.ts';

const LESION_CONTEXT =
  /\b(?:lesion|tumou?r|papule|plaque|nodule|macule|patch|BCC|SCC|carcinoma|melanoma|measur(?:es|ing|ed)|size|diameter)\b/i;
const SUBTYPED: ReadonlySet<CancerType> = new Set(['bcc', 'cutaneous_scc', 'scc_in_situ', 'merkel_cell']);

/** The histologic subtype of a subtyped skin cancer and whether it is aggressive. (An SCC 2 mm or deeper is aggressive
 * for the Mohs AUC, which reads the depth itself: depth is no histologic subtype, and a PET criterion's "deep
 * invasion" means more.) */
export function lesionSubtype(x: NoteExtraction, si: number, type: CancerType, out: Partial<CancerFact>): void {
  const s = x.ctx.sentences[si];
  if (!s) return;
  const subtypes = x.findAll(SUBTYPE_REGEX, s.start, s.end).filter((f) => {
    // Only a subtype the note affirms: "possible infiltrative component" is not an infiltrative BCC.
    const flags = x.flags(si, f.start, f.end);
    return !flags.negated && !flags.uncertain && !flags.hypothetical && !/^in[- ]situ$/i.test(f.value);
  });
  if (subtypes.length > 0 && SUBTYPED.has(type)) {
    out.subtype = subtypes.map((f) => f.value.toLowerCase()).join(', ');
    out.aggressiveSubtype = subtypes.some((f) => aggressiveSubtype(type, f.value));
  }
}

/** "… a basal cell carcinoma on the right mid back last year. That one measured 2.4 cm": a sentence that points back
 * at the previous one's tumour. */
const POINTS_BACK = /^\W*(?:that|this) (?:one|lesion|tumou?r|cancer|carcinoma|spot)\b/i;
export const pointsBack = (text: string): boolean => POINTS_BACK.test(text);

/** The lesion's anatomic site named in the sentence, with its side ("left temple"); for a sentence that points back
 * at the previous one's lesion, that sentence's site. */
export function anatomicSite(x: NoteExtraction, s: Sentence): string | undefined {
  const own = siteIn(x, s);
  if (own !== undefined || !pointsBack(s.text)) return own;
  const previous = x.ctx.sentences[x.ctx.sentences.indexOf(s) - 1];
  return previous ? siteIn(x, previous) : undefined;
}

function siteIn(x: NoteExtraction, s: Sentence): string | undefined {
  const site = x.findAll(ANATOMIC_SITE, s.start, s.end, 0)[0];
  if (!site) return undefined;
  const m = /^(?:(left|right|L|R|lt|rt)\.?\s+)?(.*)$/i.exec(site.value);
  const sideWord = m?.[1]?.toLowerCase();
  const sideName = sideWord === undefined ? '' : sideWord.startsWith('l') ? 'left ' : 'right ';
  return `${sideName}${(m?.[2] ?? site.value).toLowerCase()}`;
}

/** The lesion's largest dimension in cm, also recorded as a measurement with `site`, where the lesion is; `named`: the
 * sentence names the cancer. */
export function lesionSize(
  x: NoteExtraction,
  si: number,
  named: boolean,
  site: string | undefined,
): number | undefined {
  const s = x.ctx.sentences[si];
  if (!s || (!named && !LESION_CONTEXT.test(s.text)) || SPECIMEN.test(s.text)) return undefined;
  let found: number | undefined;
  for (const f of x.findAll(LENGTH, s.start, s.end, 0)) {
    const before = x.text.slice(Math.max(s.start, f.start - 20), f.start);
    if (notLesionSize(f.value, before, x.text.slice(f.end, f.end + 40))) continue;
    // "[ ] <=0.5 cm  [X] 1.1-2.0 cm": an option nobody ticked, or a size only hedged or planned, is no measurement (a
    // negation is not checked: "(no aggressive features), forearm, 1.4 cm" would reach the size).
    const flags = x.flags(si, f.start, f.end);
    if (flags.hypothetical || flags.uncertain) continue;
    const cm = lengthInCm(f.value);
    if (cm === undefined) continue;
    // "the 0.9 cm in the EHR size field is from the 6/2 visit; lesion has grown": an older visit's size, told as such.
    if (EARLIER_VISIT_AFTER.test(x.text.slice(f.end, Math.min(s.end, f.end + 60)))) continue;
    // "estimated at 0.8 cm by PCP in 12/2025 and now measures 1.3 cm", "1.3 cm today (0.9 cm on 9/15)": the size the
    // sentence calls current wins.
    const current = NOW_BEFORE.test(before) || NOW_AFTER.test(x.text.slice(f.end, f.end + 16));
    if (found !== undefined && !current) continue;
    found = cm;
    if (current) break;
  }
  if (found !== undefined) {
    x.add(
      x.withDate(
        {
          kind: 'measurement',
          name: 'lesion_size_cm',
          value: found,
          unit: 'cm',
          ...(site !== undefined ? { site } : {}),
          assertion: 'affirmed',
          source: x.source(si),
        },
        undefined,
      ),
    );
  }
  return found;
}

const NOW_BEFORE = /\b(?:now|currently|today|presently|at present)\b[^.;,]{0,14}$/i;
const EARLIER_VISIT_AFTER =
  /^[^.;]{0,40}?\b(?:is|was|were)\s+from\s+(?:the\s+|an?\s+|her\s+|his\s+)?(?:prior|previous|earlier|last|old|first|initial|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)\b/i;
const NOW_AFTER = /^\s*(?:today|now|currently|presently|at present|at this visit|on exam today)\b/i;

/** "Immune status: undetermined - pending rheumatology records": an open question, not an answer either way. */
const IMMUNE_STATUS_OPEN =
  /\bimmune status\b[^.\n]{0,25}?\b(?:undetermined|unknown|unclear|uncertain|unsure|not (?:yet )?(?:known|established|clear|confirmed)|pending|under (?:evaluation|work-?up)|being (?:evaluated|worked up)|to be (?:clarified|determined|confirmed))\b|\b(?:immuno-?(?:suppress|compromis)\w*(?: status)?|immune status)\s*:\s*(?:unknown|undetermined|unclear|uncertain|\?+)/gi;

/** "Whether this site lay inside the spinal radiation field is NOT yet established": irradiated skin at the tumour
 * is an open question, whatever the history of radiation. */
const FIELD_OPEN =
  /\bwhether (?:this|the) (?:site|lesion|tumou?r|area|spot)\b[^.\n]{0,60}?\b(?:radiat\w*|irradiat\w*|(?:treated|treatment) field)\b/gi;
const OPEN_WORDS =
  /\b(?:not (?:yet )?(?:been )?(?:established|known|clear|documented|confirmed|determined)|unknown|unclear|to know|uncertain|need)\b/i;

const OUTSIDE_FIELD =
  /\b(?:well |far |completely |entirely )?outside (?:of )?(?:the |his |her |any )?(?:prior |previous |old |former )?(?:radiation|radiotherapy|XRT|RT|treatment|treated) (?:field|port|area|zone)s?\b|\b(?:not|never) (?:in|within|inside) (?:the |a |any )?(?:prior |previous )?(?:radiation|radiotherapy|XRT|RT) (?:field|port)s?\b/i;

function riskFactors(x: NoteExtraction): void {
  x.scan(FIELD_OPEN, (m, si) => {
    if (!OPEN_WORDS.test(x.ctx.sentences[si]?.text ?? '')) return;
    x.add(
      x.withDate(
        {
          kind: 'risk_factor',
          factor: 'prior_radiation',
          detail: 'site within the radiation field not established',
          assertion: 'uncertain',
          source: x.source(si),
        },
        undefined,
      ),
    );
  });
  x.scan(IMMUNE_STATUS_OPEN, (m, si) => {
    x.add(
      x.withDate(
        {
          kind: 'risk_factor',
          factor: 'immunocompromised',
          detail: 'immune status undetermined',
          assertion: 'uncertain',
          source: x.source(si),
        },
        undefined,
      ),
    );
  });
  for (const r of RISK_FACTORS) {
    x.scan(r.pattern, (m, si) => {
      if (r.factor === 'genetic_syndrome' && m[0] === 'xp') return;
      const f = x.flags(si, m.index, m.index + m[0].length);
      if (f.family) return;
      // "This thigh lesion is well outside the prior radiation field": the radiation did not reach the lesion.
      const outside = r.factor === 'prior_radiation' && OUTSIDE_FIELD.test(x.ctx.sentences[si]?.text ?? '');
      x.add(
        x.withDate(
          {
            kind: 'risk_factor',
            factor: r.factor,
            detail: m[0].toLowerCase(),
            assertion: outside || (r.absent === true && !f.negated) ? 'negated' : toAssertion(f, 'chronic'),
            source: x.source(si),
          },
          undefined,
        ),
      );
    });
  }
}

// Features a report states as findings of the tumour; architecture words ("infiltrative nests and keratin pearls")
// describe what the microscope saw and are read only beside the diagnosis they qualify.
const STANDALONE_FEATURE =
  /\b(?:perineural|perivascular|desmoplastic|poorly[- ]differentiated|undifferentiated|sarcomatoid|spindle[- ]cell)\b/i;

// Such a sentence affirms the feature in its own words ("is identified", "present"); one about whether it could be
// assessed ("final assessment for perineural invasion requires the excision", "not yet known") leaves it open.
const FEATURE_FOUND = /\b(?:identified|present|seen|noted|demonstrated|observed|positive|confirmed)\b/i;
const FEATURE_OPEN =
  /\b(?:not|cannot|can ?not|unknown|undetermined|requires?|required|pending|possible|possibly|equivocal|indeterminate|suspicious|unable|deferred|assessment)\b/i;

/**
 * "COMMENT: Focal perineural invasion is identified, involving a single dermal nerve": a pathology report states a
 * high-risk feature in a sentence of its own, away from its diagnosis line. It belongs to the report's tumour when the
 * report names one subtyped skin cancer; a note's pathology section is read the same way.
 */
function reportFeatures(x: NoteExtraction): void {
  const report = x.note.reference.startsWith('DiagnosticReport/');
  const named = x.facts.filter(
    (f): f is CancerFact => f.kind === 'cancer' && f.assertion === 'affirmed' && SUBTYPED.has(f.cancerType),
  );
  const types = new Set(named.map((f) => f.cancerType));
  const [type] = types;
  if (type === undefined || types.size > 1) return;
  const naming = new Set(named.map((f) => f.source.start));
  x.ctx.sentences.forEach((s, si) => {
    if ((!report && s.section !== 'pathology') || naming.has(s.start)) return;
    const found: Partial<CancerFact> = {};
    lesionSubtype(x, si, type, found);
    if (found.aggressiveSubtype !== true || !STANDALONE_FEATURE.test(found.subtype ?? '')) return;
    if (!FEATURE_FOUND.test(s.text) || FEATURE_OPEN.test(s.text)) return;
    x.add(
      x.withDate(
        { kind: 'cancer', cancerType: type, assertion: 'affirmed', biopsyProven: true, ...found, source: x.source(si) },
        undefined,
      ),
    );
  });
}

/** A lesion examined: its morphology word, with a length somewhere in the sentence. */
const EXAMINED_LESION = /\b(?:pearly|papules?|nodules?|papulonodules?|plaques?|lesions?|tumou?rs?|ulcerated)\b/gi;
const SCAR_BEFORE = /\bscar\b[^.;,]{0,15}$/i;

/**
 * "L anterior thigh (mid): 0.8 x 0.7 cm pearly papule w/ rolled border": an examination sizes the lesion at a named
 * site without naming the cancer it is. The size is the lesion's at that site; the rules keep it only for the site the
 * order treats. A scar's length is not a lesion's.
 */
function examinedSizes(x: NoteExtraction): void {
  if (!x.possible.has(EXAMINED_LESION)) return;
  const done = new Set<number>();
  x.scan(EXAMINED_LESION, (m, si) => {
    if (done.has(si)) return;
    done.add(si);
    const s = x.ctx.sentences[si];
    if (!s) return;
    const site = anatomicSite(x, s);
    if (site === undefined) return;
    const f = x.flags(si, m.index, m.index + m[0].length);
    if (f.negated || f.hypothetical || f.family) return;
    const lengths = x.findAll(LENGTH, s.start, s.end, 0);
    if (lengths.length === 0 || lengths.some((l) => SCAR_BEFORE.test(x.text.slice(s.start, l.start)))) return;
    lesionSize(x, si, false, site);
  });
}

export const EXAMINED_SIZES: NoteExtractor = { family: 'mohs', probes: [EXAMINED_LESION], run: examinedSizes };

export const REPORT_FEATURES: NoteExtractor = {
  family: 'mohs',
  probes: [SUBTYPE_REGEX],
  run: reportFeatures,
};

export const RISK_MODIFIERS: NoteExtractor = {
  family: 'mohs',
  probes: [...RISK_FACTORS.map((c) => c.pattern), IMMUNE_STATUS_OPEN, FIELD_OPEN],
  run: riskFactors,
};
