// The oncology-imaging family (FDG PET for skin cancer): cancer mentions with their staging (stage, TNM, Breslow,
// ulceration, mitoses, nodes, metastases), imaging studies with dates, counts and strategy, treatment phases and
// statements that a result will change management. The lesion attributes Mohs needs come from mohs.ts.
import type { Assertion, CancerFact, CancerType, ImagingFact, ImagingModality } from '../../fact.ts';
import {
  BODY_SITES,
  CANCER_CASE_SENSITIVE,
  CANCER_REGEX,
  CANCERS,
  IMAGING_GROUP_MODALITY,
  IMAGING_REGEX,
  MANAGEMENT_CHANGE,
  PATIENTS_WORD,
  PET_INITIAL,
  PET_SUBSEQUENT,
  RED_FLAG_CANCERS,
  TREATMENT_PHASES,
} from '../concepts.ts';
import { scanPurposes } from '../../scan-purpose.ts';
import { melanomaStageOf, STAGE, stageGroupOf, stageGroupsIn, tnmIn } from '../../stated-stage.ts';
import { labelIndication, listHeadingIndication, notACancerIn, scanIndicationIn } from '../../scan-indication.ts';
import { measureFacts } from '../concept-facts.ts';
import type { NoteExtraction } from '../extraction.ts';
import { isPlanLike, toAssertion, type NoteExtractor } from '../extraction.ts';
import { anatomicSite, lesionSize, lesionSubtype, pointsBack } from './mohs.ts';

const BRESLOW =
  /\b(?:breslow(?: depth| thickness)?|depth|(?:tumou?r )?thickness)\s*(?:of|is|was|:|=|measur(?:ing|es|ed))?\s*(\d+(?:\.\d+)?)\s*mm\b|\b(\d+(?:\.\d+)?)\s*mm\s+(?:breslow|depth|in depth|thick(?:ness)?|deep)\b/i;
const ULCER_NO =
  /\b(?:non-?ulcerated|without ulceration|no ulceration|ulceration (?:absent|not (?:identified|present|seen))|ulceration:?\s*(?:absent|none|no|not identified))\b/i;
const ULCER_YES =
  /\b(?:ulcerated|with ulceration|ulceration (?:present|identified|noted)|ulceration:?\s*(?:present|yes))\b/i;
const MITOTIC = /\bmitotic (?:rate|index|count)\s*(?:of|:|=|is|was)?\s*<?\s*(\d+(?:\.\d+)?)/i;
const NODE_POS =
  /\b(?:SLNB|sentinel (?:lymph )?nodes?(?: biopsy)?)\s*\(?(?:was |were |is )?(?:[1-9]\d?\s*\/\s*\d+\s*)?(?:positive|\+|involved)|\bpositive (?:SLNB|sentinel)|\bnode[- ]positive\b|\b([1-9]\d?)\s*\/\s*\d+ (?:sentinel )?(?:lymph )?nodes? (?:positive|involved)|\b(?:nodal|lymph node) (?:metastas[ie]s|disease|involvement|recurrence)\b|\bclinically (?:palpable|detected|enlarged|positive)(?: [\w-]+){0,3} (?:nodes?|lymph nodes?|lymphadenopathy)\b|\bN[1-3][a-c]?\b/;
const NODE_NEG =
  /\b(?:SLNB|sentinel (?:lymph )?nodes?(?: biopsy)?)\s*\(?(?:was |were |is )?(?:0\s*\/\s*\d+\s*)?(?:negative|clear|benign)|\bnegative (?:SLNB|sentinel)|\bnode[- ]negative\b|\b0\s*\/\s*\d+ (?:sentinel )?(?:lymph )?nodes?\b|\bN0\b/;
const METS =
  /\b(?:metastas[ie]s|metastatic (?:disease|melanoma|lesions?|(?:cutaneous )?(?:SCC|squamous cell carcinoma)|cSCC|Merkel cell carcinoma|MCC|carcinoma|cancer)|mets)\s+(?:to|in|involving)\s+(?:the\s+)?(?:(?:L|R|left|right)\s+)?((?:lungs?|liver|brain|bones?|spine|adrenals?|lymph nodes|nodes|skin|subcutaneous tissue|soft tissue|axilla|groin|peritoneum|parotid|neck(?: nodes)?)(?:(?:\s*,\s*|\s+and\s+|\s*&\s*|\s*\+\s*)(?:the\s+)?(?:(?:L|R|left|right)\s+)?(?:lungs?|liver|brain|bones?|adrenals?|lymph nodes|skin|soft tissue|parotid|neck(?: nodes)?))*)|\b((?:lung|liver|brain|bone|hepatic|pulmonary|osseous|adrenal|in-transit|subcutaneous|cerebral|distant|nodal)(?:(?:\s*,\s*|\s+and\s+)(?:lung|liver|brain|bone|hepatic|pulmonary|osseous|adrenal|subcutaneous|cerebral))*)\s+(?:metastas[ie]s|mets|lesions?|disease)\b/gi;
const SITE_NORMAL: Readonly<Record<string, string>> = {
  lungs: 'lung',
  pulmonary: 'lung',
  hepatic: 'liver',
  bones: 'bone',
  osseous: 'bone',
  cerebral: 'brain',
  adrenals: 'adrenal',
  nodes: 'lymph nodes',
  nodal: 'lymph nodes',
  // The parotid's and the neck's nodes: where a head and neck skin cancer spreads first.
  parotid: 'lymph nodes',
  neck: 'lymph nodes',
  'neck nodes': 'lymph nodes',
};
// "BCC, nodular, L mid back, 0.7 cm, arising in prior ED&C scar": a tumour in the scar of its treatment has recurred.
const RECURRENT =
  /(?<!non-?)\b(?:recurren(?:t|ce)|recurred|re-?current)\b|\b(?:arising|arises|arose|developing|located) (?:with)?in (?:an? |the |her |his )?(?:prior|previous|old)? ?(?:ED&C|EDC|excision(?:al)?|surgical|Mohs|treatment|curettage|cryo(?:therapy)?)? ?scar\b/i;
// ("her anxiety about recurrence": a recurrence feared, not one that happened.)
const RECURRENCE_RISK =
  /\b(?:risk|rates?|chance|likelihood|odds|probability)s? (?:of|for) (?:\w+ )?recurrence\b|\b(?:anxi\w*|worr\w*|concerns?|concerned|fears?|feared|afraid|nervous|scared)\b[^.;]{0,20}?\b(?:about|of|over|re:?|regarding)\s+(?:\w+\s+)?recurrence\b|\brecurrence (?:risk|rates?)\b|\b(?:risks?|consent)\b[^;]{0,80}\brecurrence\b[^;]{0,30}\b(?:discussed|reviewed|explained|counsell?ed)\b/i;
/** "no evidence of recurrence or nodal disease": a denial reaching along a list of two or three items. */
const NO_EVIDENCE_OF_LIST =
  /\bno (?:clinical |radiographic )?(?:evidence|signs?) of\s+(?:[\w-]+\s+){0,3}(?:or|nor|and)\s+(?:\w+\s+)?$/i;
const NO_EVIDENCE_OF = /\b(?:no (?:clinical |radiographic )?(?:evidence|signs?) of|without|free of)\s+(?:\w+\s+)?$/i;
const PRIMARY =
  /\b(?:primary(?! care)|de novo|previously untreated|new (?:\d+(?:\.\d+)? ?(?:cm|mm) )?(?:lesion|tumou?r|BCC|SCC|primary))\b/i;
const BIOPSY_PROVEN =
  /\b(?:biopsy|bx)[- ](?:proven|confirmed)\b|\bon (?:[a-z]+ )?(?:biopsy|bx|path(?:ology)?)\b|\b(?:shave |punch |excisional |incisional )?(?:biopsy|bx)(?: (?:on |dated )?[\d/.-]+)?\s*:|\b(?:shave |punch |excisional |incisional )?(?:biopsy|bx)\b[^.;]{0,50}?\b(?:showed|shows|demonstrated|demonstrates|revealed|reveals|confirmed|c\/w|consistent with)\b|\bpath(?:ology)?\b[^.;]{0,15}?\b(?:showed|shows|revealed|demonstrated|confirmed|c\/w|consistent with)\b/i;
const IMAGING_PAST =
  /\b(?:showed|shows|revealed|reveals|demonstrated|demonstrates|dated|prior(?! to)|previous|last|reviewed|was (?:done|performed|obtained|negative|unremarkable|normal)|(?:on|from) \d|in \d{4}|in \d{1,2}\/|notable for|conducted|performed)\b/i;
const CURRENT_WORD = /\b(?:now|new|current(?:ly)?|today|presents)\b/i;
const IMAGING_NEXT = new RegExp(IMAGING_REGEX.source, 'gi');
const HISTORY_WORDS =
  /\b(?:history of|h\/o|hx|remote|prior|previous(?:ly)?|in remission|treated for|s\/p|status post)\b/i;
const COUNT_WORDS: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
/** Prior studies stated without a number, or with an uncertain one: the count is unknown, never zero. */
const UNCOUNTED =
  /\b(?:several|a few|a couple|multiple|many|numerous|various|serial|periodic(?:ally)?|every so often|(?:\d|one|two|three|four|five)\s*,?\s*(?:or|to|-)\s*(?:(?:maybe|possibly|perhaps)\s+)?(?:\d|two|three|four|five|six)|(?:records?|reports?) (?:are |were )?(?:pending|requested|not (?:available|included|received)))\b/i;
const PET_COUNT =
  /\b(\d|one|two|three|four|five|six) (?:prior |previous )?(?:FDG[- ])?PET(?:[- /]?CT)?s?(?: scans?)?\b/i;

/** Sentences naming a cancer attribute (Breslow, stage, nodes, metastases, site, size). */
const CANCER_ATTRIBUTE =
  /\bbreslow\b|\brisk (?:group|category)\b|\bstage\s+(?:0|I{1,3}|IV|[1-4])|\bstaging (?:was|is)\s*["“]?\s*(?:0|I{1,3}|IV)|\bSLNB\b|\bsentinel\b|\bmetasta|\bmets\b|\bulcerat|\bmitotic\b|\b[pc]T(?:is|[0-4])|\bnodal\b|\bprimary\b(?! care)|\brecurren|\b(?:lesion |tumou?r )?measur(?:es|ing|ed)\b|\b(?:site|location)\s*:|\bsize\b/i;
const NON_ONCOLOGIC_PET =
  /\b(?:cardiac|myocardial|perfusion|viability|rubidium|ammonia|amyloid|tau|dopamine|DaT|epilepsy|seizure|dementia)\b/i;
const THIS_REQUEST =
  /\b(?:this|the current|the present|the pending) (?:request|order|study|scan)\b|\bthe requested (?:study|scan|PET)/i;
const REQUESTED_NOW =
  /\b(?:requested|requesting|request|ordering|ordered today|now ordering)\s*:?\s*(?:[\w-]+\s+){0,2}$/i;
const BRESLOW_WORD = /\bbreslow\b/i;
// "A high-risk patient: this is his fifth cSCC" groups the patient, not the tumour.
const RISK_GROUP =
  /\b(low|high)[- ]risk\b(?! (?:patient|pt|individual|person|man|woman|host|population|family|group of patients)\b)|\brisk (?:group|category|level)\s*[:=-]?\s*(low|high)\b/i;
const GROUPING_DENIED = /\b(?:not|no|non|without|nor|denies|den(?:y|ied))\b\s*(?:[\w-]+\s+)?$/i;
const UPPER_BOUND = /(?:<|≤|\bless than|\bunder|\bbelow)\s*(?:\w+\s*)?$/i;

// "Dermpath permanent sections - report not yet received": the note's own words on the tumour's histology ("high-risk
// features (perineural invasion)") run ahead of a report nobody has read; they are not its findings.
const REPORT_AWAITED =
  /\b(?:path(?:ology)?|dermpath|dermatopath\w*|permanent sections?|immunostains?|final (?:path\w*|report))\b[^.;]{0,80}?\b(?:pending|not (?:yet )?(?:received|back|available|resulted|finali[sz]ed|signed out)|awaited|outstanding)\b/i;

function cancers(x: NoteExtraction): void {
  cancerMentions(x);
  if (!x.possible.has(REPORT_AWAITED) || !REPORT_AWAITED.test(x.text)) return;
  x.facts.forEach((f, i) => {
    if (f.kind !== 'cancer' || (f.subtype === undefined && f.riskGroup === undefined)) return;
    const read = { ...f };
    delete read.subtype;
    delete read.aggressiveSubtype;
    delete read.riskGroup;
    x.facts[i] = read;
  });
}

function cancerMentions(x: NoteExtraction): void {
  const pending: { si: number; start: number; end: number; type: CancerType; index: number }[] = [];
  x.scan(CANCER_REGEX, (m, si) => {
    let index = -1;
    for (let g = 1; g < m.length; g++) {
      if (m[g] !== undefined) {
        index = g - 1;
        break;
      }
    }
    const concept = CANCERS[index];
    if (!concept) return;
    if (CANCER_CASE_SENSITIVE[index] && m[0] !== m[0].toUpperCase()) return;
    pending.push({ si, start: m.index, end: m.index + m[0].length, type: concept.cancerType, index });
  });
  for (const p of pending) {
    const f = x.flags(p.si, p.start, p.end);
    const skin = p.type !== 'other_solid' && p.type !== 'hematologic';
    const current = x.contextCancer;
    const currentSkin = current !== undefined && current !== 'other_solid' && current !== 'hematologic';
    if (!f.family && !f.negated && !f.hypothetical && (current === undefined || (skin && !currentSkin))) {
      // The note's cancer for sentences that do not name one: its first skin cancer, else its first cancer.
      x.contextCancer = p.type;
    }
    if (!f.family && !f.negated) x.hasCancerContext = true;
  }
  const withType = new Set<number>();
  for (const p of pending) {
    withType.add(p.si);
    const concept = CANCERS[p.index];
    if (!concept) continue;
    const f = x.flags(p.si, p.start, p.end);
    const date = x.dateNear(p.si, p.start);
    if (f.family) {
      x.familyHistory(p.si, p.start, concept.display, concept.icd10, f);
      continue;
    }
    const attributes = cancerAttributes(x, p.si, p.type);
    let assertion = toAssertion(f, 'finding');
    // "Melanoma ..., excised 01/2025": history needs a history word or a date more than a year back.
    if (assertion === 'historical' && !HISTORY_WORDS.test(x.ctx.sentences[p.si]?.text ?? '') && !x.isOld(date)) {
      if (x.ctx.sentences[p.si]?.section !== 'pmh') assertion = 'affirmed';
    }
    // "SCC excised 2023, now with a recurrence": the fact is the current recurrence.
    if (
      assertion === 'historical' &&
      attributes.primary === 'recurrent' &&
      CURRENT_WORD.test(x.ctx.sentences[p.si]?.text ?? '')
    ) {
      assertion = 'affirmed';
    }
    const fact: CancerFact = {
      kind: 'cancer',
      cancerType: p.type,
      assertion,
      source: x.source(p.si),
      ...attributes,
    };
    x.add(x.withDate(fact, date));
    deniedRecurrence(x, p.si, p.type, date);
    if (RED_FLAG_CANCERS.has(p.type)) {
      x.add(
        x.withDate(
          {
            kind: 'red_flag',
            flag: 'cancer_history',
            assertion: toAssertion(f, 'chronic'),
            source: x.source(p.si),
          },
          date,
        ),
      );
    }
  }
  // Sentences that carry cancer attributes (Breslow, stage, nodes, metastases) without naming the cancer.
  if (x.contextCancer === undefined && !x.possible.has(BRESLOW_WORD)) return;
  for (let si = 0; si < x.ctx.sentences.length; si++) {
    const s = x.ctx.sentences[si];
    if (!s || withType.has(si) || !CANCER_ATTRIBUTE.test(s.text) || otherDisease(s.text)) continue;
    const type = x.contextCancer ?? (BRESLOW_WORD.test(s.text) ? 'melanoma' : undefined);
    if (!type) continue;
    if (!x.flags(si, s.start, s.start + 1).family) deniedRecurrence(x, si, type, undefined);
    const attrs = cancerAttributes(x, si, type, false);
    if (!/\b(?:site|location)\s*:/i.test(s.text) && !pointsBack(s.text)) delete attrs.anatomicSite;
    if (Object.keys(attrs).length === 0) continue;
    const at = s.start + (CANCER_ATTRIBUTE.exec(s.text)?.index ?? 0);
    const f = x.flags(si, at, at + 1);
    if (f.family) continue;
    if (f.negated) continue;
    const assertion: Assertion = f.hypothetical ? 'hypothetical' : f.uncertain ? 'uncertain' : 'affirmed';
    x.add(x.withDate({ kind: 'cancer', cancerType: type, assertion, source: x.source(si), ...attrs }, undefined));
  }
}

// "5. CKD stage 3a", "Recurrent major depression", "NYHA class II heart failure, stage C": an item of the problem list
// that names another disease owns its stage and its recurrence.
const OTHER_DISEASE =
  /\b(?:CKD|chronic kidney|kidney|renal|AKI|heart failure|CHF|HF[rp]EF|NYHA|COPD|GOLD|emphysema|asthma|depress\w*|MDD|anxiety|bipolar|UTIs?|urinary tract|pneumonia|cellulitis|gout|pressure (?:injury|ulcer|sore)|decubitus|lymph?edema|hypertension|HTN|hepatitis|cirrhosis|fibrosis|hernia|DVT|VTE|pulmonary embol\w*|a-?fib|atrial fibrillation|stroke|TIA|migraines?|seizures?|epilep\w*|syncope|nephrolithiasis|kidney stones?|diverticulitis|pancreatitis|otitis|sinusitis|zoster|shingles|HSV|herpes|acne|rosacea|eczema|dermatitis|psoriasis|hidradenitis|Tanner|Parkinson\w*|Hoehn|retinopathy|neuropathy|pregnan\w*|labou?r)\b/i;
const CANCER_WORD =
  /\b(?:skin|lesion|tumou?r|nod(?:e|es|al)|SLNB|sentinel|breslow|melanoma|mets|metasta\w*|carcinoma|cancer|malignan\w*|SCC|BCC|MCC|Merkel|primary site|excision|Mohs)\b/i;

function otherDisease(text: string): boolean {
  return OTHER_DISEASE.test(text) && !CANCER_WORD.test(text);
}

function attrNegated(x: NoteExtraction, si: number, start: number, end: number): boolean {
  return x.flags(si, start, end).negated;
}

/** "concerning for nodal metastasis, i.e., at least stage III", "for patients with stage III": not this patient's. */
function attrHedged(x: NoteExtraction, si: number, start: number, end: number): boolean {
  const f = x.flags(si, start, end);
  return f.uncertain || f.hypothetical;
}

/** "Stage III: 1 section, clear", "Stage I: 2.0 x 1.8 cm", "Stage II: deep layer incl. fascia": a layer of Mohs
 * surgery, not a stage group. */
const MOHS_LAYER =
  /^\s*[:-]\s*(?:(?:\d+|one|two|three|four)\s+(?:sections?|blocks?|layers?|tissue blocks?)\b|(?:additional|deep(?:er)?|peripheral|residual|debulk\w*|clear|margins?)\b|\d+(?:\.\d+)?\s*x\s*\d)|^\s*(?:\d+|one|two|three|four)\s+(?:sections?|blocks?|layers?)\b/i;

function attrConditional(x: NoteExtraction, si: number, start: number, end: number): boolean {
  return x.flags(si, start, end).hypothetical;
}

/** '"stage IIB" per patient', 'she recalls it was stage 3': a stage on the patient's word is not the pathology's. */
/** "stage IIA (T3aN0) or stage IIB (T3bN0)", "IIA vs IIB": a stage the sentence leaves between two groups. */
const STAGE_ALTERNATIVES =
  /\b(?:stage|staging (?:was|is)\s*["“]?)\s*(?:0|I{1,3}|IV|[1-4])[A-D]?\b(?:\s*\([^)]{0,20}\))?\s*(?:or|vs\.?|versus)\s*(?:stage\s+)?(?:0|I{1,3}|IV|[1-4])[A-D]?\b|\b(?:0|I{1,3}|IV)[A-D]?\s*(?:\([^)]{0,20}\)\s*)?(?:or|vs\.?|versus)\s*stage\s+(?:0|I{1,3}|IV|[1-4])[A-D]?\b/i;

/** "Substage can't be determined w/o ulceration status", "stage unknown pending outside pathology", "pT2a, pN pending
 * (SLNB result not available to us)": the stage is open. */
const STAGE_UNDETERMINED =
  /\bpN\s*(?:pending|unknown|not (?:yet )?(?:available|known|reported))\b|\b(?:sub)?stag(?:e|ing)\b[^.;]{0,30}?\b(?:can(?:'|no)?t|cannot|could not|unable to)\s+(?:be\s+)?(?:determined|assigned|established|confirmed)\b|\b(?:sub)?stage\s+(?:is\s+|remains\s+)?(?:unknown|undetermined|indeterminate|unclear)\b/i;

function patientsWord(text: string, at: number, length: number): boolean {
  const after = text.slice(at + length, at + length + 30);
  const before = text.slice(Math.max(0, at - 40), at);
  return PATIENT_AFTER.test(after) || PATIENT_BEFORE.test(before);
}
const PATIENT_AFTER =
  /^\W{0,3}\s*(?:per (?:the )?(?:patient|pt)|(?:patient|pt|self)[- ]reported|by (?:patient|pt) report|as (?:the )?(?:patient|pt) (?:recalls|reports|understands))\b/i;
const PATIENT_BEFORE = new RegExp(`\\b${PATIENTS_WORD}\\b[^.;]{0,30}$`, 'i');

/**
 * "No clinical evidence of recurrence today": the note states the cancer has not recurred, which an order's stated
 * reason ("suspected recurrence") must answer to. Not asserted of a recurrence the clinician only fears.
 */
function deniedRecurrence(x: NoteExtraction, si: number, type: CancerType, date: string | undefined): void {
  const s = x.ctx.sentences[si];
  const rec = s ? RECURRENT.exec(s.text) : null;
  if (!s || !rec || !NO_EVIDENCE_OF.test(s.text.slice(Math.max(0, rec.index - 40), rec.index))) return;
  x.add(
    x.withDate(
      { kind: 'cancer', cancerType: type, primary: 'recurrent', assertion: 'negated', source: x.source(si) },
      date,
    ),
  );
}

function cancerAttributes(x: NoteExtraction, si: number, type: CancerType, named = true): Partial<CancerFact> {
  const s = x.ctx.sentences[si];
  if (!s) return {};
  const t = s.text;
  const out: Partial<CancerFact> = {};
  const stage = STAGE.exec(t);
  // A sentence naming the cancer gives its fact the cancer's own assertion: a stage or nodal status it only hedges
  // ("concerning for nodal metastasis, i.e., at least stage III") is not part of it. A sentence that names no cancer
  // takes its assertion from the attributes themselves ("concern for nodal recurrence" is an uncertain fact), but an
  // attribute under a condition is still none of them ("at least IB; if SLN #2 is positive she would be stage IIIA").
  const hedged = (at: number, length: number): boolean =>
    named
      ? attrHedged(x, si, s.start + at, s.start + at + length)
      : attrConditional(x, si, s.start + at, s.start + at + length);
  if (
    stage?.[1] !== undefined &&
    !MOHS_LAYER.test(t.slice(stage.index + stage[0].length, stage.index + stage[0].length + 30)) &&
    !hedged(stage.index, stage[0].length) &&
    !patientsWord(t, stage.index, stage[0].length) &&
    !STAGE_ALTERNATIVES.test(t)
  ) {
    out.stage = stageGroupOf(stage);
  }
  const open = STAGE_ALTERNATIVES.exec(t);
  if (open) out.stageOpen = stageGroupsIn(open[0]);
  else if (STAGE_UNDETERMINED.test(t)) out.stageOpen = [];
  const tnm = tnmIn(t);
  if (tnm) out.tnm = tnm;
  if (out.stage === undefined && type === 'melanoma' && out.tnm !== undefined) {
    const derived = melanomaStageOf(out.tnm);
    if (derived !== undefined) out.stage = derived;
  }
  const breslow = BRESLOW.exec(t);
  const mm = breslow?.[1] ?? breslow?.[2];
  // "< 2 mm thick" states a bound the tumour stays under, not its depth.
  const numberAt = breslow !== null && mm !== undefined ? breslow.index + breslow[0].indexOf(mm) : 0;
  const bound = breslow !== null && UPPER_BOUND.test(t.slice(Math.max(0, numberAt - 12), numberAt));
  if (breslow && mm !== undefined && !bound) {
    out.breslowMm = Number(mm);
    x.add(
      x.withDate(
        {
          kind: 'measurement',
          name: 'breslow_depth_mm',
          value: Number(mm),
          unit: 'mm',
          assertion: 'affirmed',
          source: x.source(si),
        },
        undefined,
      ),
    );
  }
  if (ULCER_NO.test(t)) out.ulceration = false;
  else {
    const u = ULCER_YES.exec(t);
    if (u) out.ulceration = !attrNegated(x, si, s.start + u.index, s.start + u.index + u[0].length);
  }
  const mitotic = MITOTIC.exec(t);
  if (mitotic?.[1] !== undefined) {
    out.mitoticRate = Number(mitotic[1]);
    x.add(
      x.withDate(
        {
          kind: 'measurement',
          name: 'mitotic_rate',
          value: Number(mitotic[1]),
          unit: '/mm2',
          assertion: 'affirmed',
          source: x.source(si),
        },
        undefined,
      ),
    );
  }
  const neg = NODE_NEG.exec(t);
  const pos = NODE_POS.exec(t);
  // "no evidence of recurrence or nodal disease": the pseudo-trigger that keeps the cancer the patient's does not
  // make the nodes positive.
  const deniedNodes = pos !== null && NO_EVIDENCE_OF_LIST.test(t.slice(Math.max(0, pos.index - 60), pos.index));
  if (neg || deniedNodes) out.nodalStatus = 'negative';
  else if (pos && !hedged(pos.index, pos[0].length)) {
    out.nodalStatus = attrNegated(x, si, s.start + pos.index, s.start + pos.index + pos[0].length)
      ? 'negative'
      : 'positive';
  }
  const sites = new Set<string>();
  for (const found of x.findAll(METS, s.start, s.end)) {
    const mf = x.flags(si, found.start, found.end);
    if (NO_EVIDENCE_OF_LIST.test(x.text.slice(Math.max(s.start, found.start - 60), found.start))) continue;
    if (mf.negated || mf.hypothetical || (named && mf.uncertain)) continue;
    for (const part of found.value.split(/\s*,\s*|\s+and\s+|\s*&\s*|\s*\+\s*/)) {
      const w = part.replace(/^(?:the|l|r|left|right)\s+/gi, '').toLowerCase();
      if (w === 'distant') continue;
      if (w !== '') sites.add(SITE_NORMAL[w] ?? w);
    }
  }
  if (sites.size > 0) out.metastaticSites = [...sites];
  lesionSubtype(x, si, type, out);
  const rec = RECURRENT.exec(t);
  // "no evidence of recurrence" is a pseudo-trigger for the cancer (it is still the patient's), not for this word.
  const denied = rec !== null && NO_EVIDENCE_OF.test(t.slice(Math.max(0, rec.index - 40), rec.index));
  const recFlags = rec ? x.flags(si, s.start + rec.index, s.start + rec.index + rec[0].length) : undefined;
  // "excision carries a higher risk of recurrence": a recurrence that may happen is not one that did.
  if (rec && !denied && recFlags && !recFlags.negated && !recFlags.hypothetical && !RECURRENCE_RISK.test(t))
    out.primary = 'recurrent';
  else if (PRIMARY.test(t)) out.primary = 'primary';
  const site = anatomicSite(x, s);
  if (
    type === 'bcc' ||
    type === 'cutaneous_scc' ||
    type === 'scc_in_situ' ||
    type === 'merkel_cell' ||
    type === 'melanoma_in_situ'
  ) {
    const size = lesionSize(x, si, named, site);
    if (size !== undefined) out.sizeCm = size;
  }
  if (site !== undefined) out.anatomicSite = site;
  // "Low-risk cutaneous SCC", "high-risk features": the clinician's own grouping, where the sentence affirms it
  // ("likely high risk" is uncertain; "not high risk" is negated).
  const risk = RISK_GROUP.exec(t);
  const group = risk?.[1] ?? risk?.[2];
  if (risk && group !== undefined) {
    const flags = x.flags(si, s.start + risk.index, s.start + risk.index + risk[0].length);
    // The grouping is the clinician's conclusion: only a negation of the grouping itself denies it ("not high risk",
    // "no high-risk features"), not one of the findings listed before it ("no PNI/LVI - low risk").
    const denied = flags.negated && GROUPING_DENIED.test(t.slice(Math.max(0, risk.index - 30), risk.index));
    if (!denied && !flags.uncertain && !flags.hypothetical)
      out.riskGroup = group.toLowerCase() === 'low' ? 'low' : 'high';
  }
  if (BIOPSY_PROVEN.test(t) || s.section === 'pathology') out.biopsyProven = true;
  return out;
}

const IN_PLACE_OF_SLNB =
  /\b(?:in lieu of|instead of|in place of|as an alternative to|rather than)\s+(?:a\s+)?(?:sentinel (?:lymph )?node(?: biopsy)?|SLNB)\b/i;
const PET_MENTIONS = /\bPET(?:\/CT|-CT)?\b/gi;

const strategyIn = (text: string): 'initial' | 'subsequent' | undefined =>
  PET_INITIAL.test(text) ? 'initial' : PET_SUBSEQUENT.test(text) ? 'subsequent' : undefined;

/** Where a study's own words end: the next imaging study named in the clause, or the clause's end. */
function ownEnd(x: NoteExtraction, m: RegExpExecArray, hi: number): number {
  IMAGING_NEXT.lastIndex = m.index + m[0].length;
  const next = IMAGING_NEXT.exec(x.text);
  return next && next.index < hi ? next.index : hi;
}

const ADMIN_DATE =
  /\b(?:received|rec'?d|faxed|sent|uploaded|scanned(?: in)?|reviewed|requested|obtained|signed)\s*(?:on\s*)?$/i;
const ORDER_ROW_STATUS = /\b(arrived|checked[- ]in|in progress|scheduled|ordered|pending|not performed)\b/i;
const DONE_STATUS = /\b(?:completed?|final(?:ized)?|resulted|signed|read|reported|performed)\b(?<!not performed)/i;

/** "07/31/2026 tumor board: restaging PET/CT, then thoracic surgery eval": what a board or a consultant recommends is
 * still to be done. */
const RECOMMENDED_BY =
  /\b(?:tumou?r board|multidisciplinary (?:board|conference|clinic)|MDT|recommendations?|recommends?|recommended)\b[^.;]{0,12}:?\s*(?:[\w/-]+\s+){0,2}$/i;

function imaging(x: NoteExtraction): void {
  x.scan(IMAGING_REGEX, (m, si) => {
    const s = x.ctx.sentences[si];
    if (!s) return;
    let group = 0;
    for (let g = 1; g < m.length; g++) {
      if (m[g] !== undefined) {
        group = g - 1;
        break;
      }
    }
    let modality: ImagingModality = IMAGING_GROUP_MODALITY[group] ?? 'other';
    if (modality === 'pet' && /CT/i.test(m[0])) modality = 'pet_ct';
    if (modality === 'ct' && !/^CT/.test(m[0]) && !/^CAT/i.test(m[0])) return;
    if (modality === 'mri' && !/^M/.test(m[0]) && !/^magnetic/i.test(m[0])) return;
    const f = x.flags(si, m.index, m.index + m[0].length);
    if (f.family) return;
    const [lo, hi] = x.clauseOf(si, m.index);
    const clause = x.text.slice(lo, hi);
    // "2019 cardiac PET myocardial perfusion": a PET of the heart or brain is not a skin-cancer study.
    if ((modality === 'pet' || modality === 'pet_ct') && NON_ONCOLOGIC_PET.test(clause)) return;
    let assertion = toAssertion(f, 'event');
    // "-> Requested: FDG PET/CT whole body = PS #3", "the denial counts this request as the fourth PET": the study
    // asked for now is no prior one.
    if (REQUESTED_NOW.test(x.text.slice(Math.max(s.start, m.index - 40), m.index)) || THIS_REQUEST.test(clause))
      assertion = 'hypothetical';
    const before = x.text.slice(Math.max(lo, m.index - 25), m.index);
    const resultNegative = /\b(?:negative|unremarkable|normal|clear|NED)\b/i.test(x.text.slice(m.index, hi));
    if (f.negated && resultNegative && !/\b(?:no|not|never|without|denies|w\/o)\b/i.test(before)) {
      // "PET/CT 06/2025 negative": the study was done and its result is negative.
      assertion = toAssertion({ ...f, negated: false }, 'event');
    } else if (
      f.negated &&
      /\b(?:on|by|per|in)\s+(?:the\s+)?(?:prior\s+|recent\s+|a\s+)?(?:\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\s+)?$/i.test(
        x.text.slice(lo, m.index),
      )
    ) {
      // "No evidence of metastases on CT": the negation is about the finding, the study was done.
      assertion = toAssertion({ ...f, negated: false }, 'event');
    }
    if (
      assertion === 'affirmed' &&
      (isPlanLike(s) || RECOMMENDED_BY.test(x.text.slice(s.start, m.index))) &&
      !IMAGING_PAST.test(`${x.ctx.sentences[s.lead ?? -1]?.text ?? ''} ${clause}`)
    ) {
      assertion = 'hypothetical';
    }
    IMAGING_NEXT.lastIndex = m.index + m[0].length;
    const nextImaging = IMAGING_NEXT.exec(x.text);
    const own = nextImaging && nextImaging.index < hi ? nextImaging.index : hi;
    const after = x.text.slice(m.index, Math.min(own, m.index + 60));
    const site = BODY_SITES.find((b) => b.pattern.test(after)) ?? BODY_SITES.find((b) => b.pattern.test(clause));
    let strategy: 'initial' | 'subsequent' | undefined;
    if (modality === 'pet' || modality === 'pet_ct') {
      // The words of this study first ("restaging PET/CT 01/2025", "PET/CT 07/2024 for initial staging"), then, for
      // a sentence about one study only, the sentence's and the one before.
      const own = strategyIn(
        `${x.text.slice(Math.max(lo, m.index - 30), m.index)}${x.text.slice(m.index, ownEnd(x, m, hi))}`,
      );
      const single = (s.text.match(PET_MENTIONS) ?? []).length <= 1;
      const around = `${x.ctx.sentences[si - 1]?.text ?? ''} ${s.text}`;
      strategy =
        own ?? (single ? (strategyIn(s.text) ?? (PET_SUBSEQUENT.test(around) ? 'subsequent' : undefined)) : undefined);
    }
    const pet = modality === 'pet' || modality === 'pet_ct';
    const purposes = pet ? scanPurposes(x.text.slice(m.index, s.end)) : [];
    // A planned scan the sentence puts in place of the sentinel node biopsy ("In lieu of sentinel node biopsy, … I have
    // requested an FDG PET/CT") is the nodal staging.
    if (
      pet &&
      assertion === 'hypothetical' &&
      !purposes.includes('regional_nodes') &&
      IN_PLACE_OF_SLNB.test(x.text.slice(s.start, m.index))
    )
      purposes.push('regional_nodes');
    const indication =
      scanIndicationIn(x.text.slice(m.index, ownEnd(x, m, hi))) ??
      labelIndication(x.text, m.index) ??
      listHeadingIndication(x.text, m.index) ??
      (notACancerIn(s.text) ? 'other_solid' : undefined);
    // An order-history row ("08/27/2026  NM PET/CT … ARRIVED", "SCHEDULED") is a study not known to be done.
    const rowStatus = ORDER_ROW_STATUS.exec(x.text.slice(m.index + m[0].length, own));
    const rowOpen =
      assertion === 'affirmed' && rowStatus !== null && !DONE_STATUS.test(x.text.slice(m.index + m[0].length, own));
    const unconfirmed = rowOpen && /^(?:arrived|checked[- ]in|in progress)$/i.test(rowStatus?.[1] ?? '');
    if (rowOpen) assertion = unconfirmed ? 'uncertain' : 'hypothetical';
    const base = {
      kind: 'imaging' as const,
      modality,
      ...(indication ? { indication } : {}),
      ...(site ? { bodySite: site.site } : {}),
      ...(strategy ? { strategy } : {}),
      ...(purposes.length > 0 ? { purposes } : {}),
      ...(unconfirmed ? { unconfirmed: true as const } : {}),
      assertion,
      source: x.source(si),
    };
    // "PET/CT report dated 10/21/2024 received 01/08/2026": when a report arrived is no study date.
    const dates = x
      .dates(si)
      .filter(
        (d) =>
          d.start >= m.index &&
          d.end <= own &&
          !ADMIN_DATE.test(x.text.slice(Math.max(m.index, d.start - 30), d.start)),
      );

    const countMatch = PET_COUNT.exec(x.text.slice(Math.max(lo, m.index - 20), m.index + m[0].length));
    if ((modality === 'pet' || modality === 'pet_ct') && dates.length > 1) {
      // "PET/CT 01/2024 (staging), 06/2025 and 12/2025 (surveillance)": each date takes the strategy written
      // between it and the next date; the sentence's strategy only when none of them states one.
      const stated = dates.map((d, i) => {
        const segment = x.text.slice(d.end, dates[i + 1]?.start ?? hi);
        return PET_INITIAL.test(segment) ? 'initial' : PET_SUBSEQUENT.test(segment) ? 'subsequent' : undefined;
      });
      const perDate = stated.some((o) => o !== undefined);
      for (const [i, d] of dates.entries()) {
        const dated = stated[i] ?? (perDate ? undefined : strategy);
        const fact: ImagingFact = { ...base, date: d.value, ...(d.precision === 'month' ? { dateByMonth: true } : {}) };
        if (dated) fact.strategy = dated;
        else delete fact.strategy;
        x.add(fact);
      }
      return;
    }
    if (
      (modality === 'pet' || modality === 'pet_ct') &&
      assertion === 'affirmed' &&
      dates.length === 0 &&
      UNCOUNTED.test(s.text)
    ) {
      x.add({ ...base, uncounted: true });
      return;
    }
    if ((modality === 'pet' || modality === 'pet_ct') && countMatch && dates.length === 0) {
      const n = COUNT_WORDS[(countMatch[1] ?? '').toLowerCase()] ?? Number(countMatch[1]);
      for (let i = 0; i < n && i < 10; i++) x.facts.push({ ...base, countedInText: true });
      return;
    }
    const dated = dates[0] ?? x.nearest(x.dates(si), m.index, lo, hi);
    const date = dated?.value;
    if (date !== undefined) x.add({ ...base, date, ...(dated?.precision === 'month' ? { dateByMonth: true } : {}) });
    else if (assertion !== 'affirmed' || /\btoday\b/i.test(clause)) x.add(x.withDate(base, undefined));
    else x.add(base);
  });
}

/** "Had a few scans elsewhere, records pending": prior imaging stated without its modality or number. */
const UNNAMED_SCANS = /\b(?:scans|imaging|studies|images)\b/i;
const UNCOUNTED_ALL = new RegExp(UNCOUNTED.source, 'gi');
const IMAGING_NAMED = new RegExp(IMAGING_REGEX.source, 'i');
const TYPE_UNKNOWN =
  /\b(?:(?:scan|study|imaging) )?(?:type|modality|kind) (?:of (?:scan|study|imaging) )?(?:unknown|not known|unclear|uncertain|not specified)\b|\b(?:unknown|unclear|uncertain|unspecified) (?:type|modality|kind)\b|\bcould have been (?:a |the )?(?:CT|MRI|PET|bone scan)\b|\b(?:not sure|unsure|does not (?:know|remember)|doesn't (?:know|remember)) (?:what type|which (?:type|kind|scan|study)|whether (?:it was )?(?:a )?(?:PET|CT))\b/gi;

function uncountedScans(x: NoteExtraction): void {
  if (!x.hasCancerContext) return;
  x.scan(UNCOUNTED_ALL, (m, si) => {
    const s = x.ctx.sentences[si];
    if (!s || IMAGING_NAMED.test(s.text) || !UNNAMED_SCANS.test(s.text)) return;
    const f = x.flags(si, m.index, m.index + m[0].length);
    if (f.family || f.negated || f.hypothetical || isPlanLike(s)) return;
    // Which study it was is not said: it leaves the count of prior PET scans unknown, and decides nothing else.
    x.add({ kind: 'imaging', modality: 'pet_ct', uncounted: true, assertion: 'affirmed', source: x.source(si) });
  });
  // "Additional imaging at Kettering 12/2025 - type unknown", "he thinks it was the PET but is not sure; could have
  // been CT": a study whose kind the record leaves open may have been a PET (also when a plan says so).
  x.scan(TYPE_UNKNOWN, (m, si) => {
    const f = x.flags(si, m.index, m.index + m[0].length);
    if (f.family || f.negated) return;
    x.add({ kind: 'imaging', modality: 'pet_ct', uncounted: true, assertion: 'affirmed', source: x.source(si) });
  });
}

function phases(x: NoteExtraction): void {
  if (!x.hasCancerContext) return;
  for (const p of TREATMENT_PHASES) {
    x.scan(p.pattern, (m, si) => {
      const f = x.flags(si, m.index, m.index + m[0].length);
      if (f.family) return;
      // "Prior imaging: PET/CT 02/2025 (initial staging)" names a past study's purpose, not today's phase.
      if (f.historical && (p.phase === 'staging' || p.phase === 'diagnosis')) return;
      const assertion: Assertion = f.hypothetical
        ? 'hypothetical'
        : f.negated && p.phase !== 'surveillance'
          ? 'negated'
          : 'affirmed';
      const fact = {
        kind: 'treatment_phase' as const,
        phase: p.phase,
        ...(x.contextCancer ? { cancerType: x.contextCancer } : {}),
        assertion,
        source: x.source(si),
      };
      x.add(x.withDate(fact, undefined));
    });
  }
}

const SCAN_WORD = /\b(?:PET|scan|imaging|metasta\w*)\b/i;

function managementChange(x: NoteExtraction): void {
  // Whether a scan's result changes management is asked of a note about a cancer or a scan.
  if (!x.hasCancerContext && !SCAN_WORD.test(x.text)) return;
  x.scan(MANAGEMENT_CHANGE, (m, si) => {
    const f = x.flags(si, m.index, m.index + m[0].length);
    const [lo, hi] = x.clauseOf(si, m.index);
    x.add(
      x.withDate(
        {
          kind: 'management_change',
          description: x.text.slice(lo, hi).replace(/^[;\s]+|[\s.]+$/g, ''),
          assertion: toAssertion(f, 'statement'),
          source: x.source(si),
        },
        undefined,
      ),
    );
  });
}

export const CANCERS_AND_STAGING: NoteExtractor = {
  family: 'oncology-imaging',
  probes: [CANCER_REGEX, REPORT_AWAITED],
  sliced: [BRESLOW_WORD],
  run: cancers,
};
export const ONCOLOGY_MEASURES = measureFacts('oncology-imaging');
export const IMAGING_STUDIES: NoteExtractor = { family: 'oncology-imaging', probes: [IMAGING_REGEX], run: imaging };
export const UNCOUNTED_SCANS: NoteExtractor = {
  family: 'oncology-imaging',
  probes: [UNCOUNTED_ALL, TYPE_UNKNOWN],
  run: uncountedScans,
};
export const TREATMENT_PHASE: NoteExtractor = {
  family: 'oncology-imaging',
  probes: TREATMENT_PHASES.map((c) => c.pattern),
  run: phases,
};
export const MANAGEMENT_CHANGES: NoteExtractor = {
  family: 'oncology-imaging',
  probes: [MANAGEMENT_CHANGE],
  run: managementChange,
};
