// Fact extractors over one note: each concept pattern runs once over the whole note text, its matches are placed in
// their sentence (binary search), the ConText layer gives the assertion, and attributes (side, level, grade,
// duration, outcome, dates) are read from the match's clause. Every fact quotes its sentence with offsets.
// A literal prefilter (prefilter.ts) first rules out the patterns that cannot match in the note, and the sections,
// sentences and ConText triggers are only built once a match needs them.
import type {
  Assertion,
  CancerFact,
  CancerType,
  Fact,
  ImagingModality,
  NeuroFindingFact,
  RadicularPainFact,
  TherapyFact,
  TherapyModality,
  TherapyOutcome,
} from '../fact.ts';
import type { ClinicalNote } from '../../fhir/record.ts';
import { bodyPartOf } from '../body-part.ts';
import { addDays, daysBetween, isIsoDate } from '../dates.ts';
import {
  aggressiveSubtype,
  ANATOMIC_SITE,
  BODY_SITES,
  CANCER_CASE_SENSITIVE,
  CANCER_REGEX,
  CANCERS,
  CONDITIONS,
  CONSERVATIVE,
  DRUG_REGEX,
  drugOf,
  EVALUATIONS,
  GENERIC_CANCER,
  ICD10_SYSTEM,
  IMAGING_GROUP_MODALITY,
  IMAGING_REGEX,
  MANAGEMENT_CHANGE,
  MEASURES,
  OUTCOMES,
  PET_INITIAL,
  PET_SUBSEQUENT,
  PRESCRIPTION_MODALITIES,
  PRESCRIPTION_NSAIDS,
  PROVIDER_DIRECTED,
  RED_FLAG_CANCERS,
  RED_FLAGS,
  RISK_FACTORS,
  SELF_DIRECTED,
  SUBTYPE_REGEX,
  THERAPIES,
  TREATMENT_PHASES,
} from './concepts.ts';
import { NoteContext, type ContextFlags } from './context.ts';
import { detectSections } from './sections.ts';
import { splitSentences, type Sentence } from './sentences.ts';
import { Prefilter, type Possible } from './prefilter.ts';
import { findDates, findDurations, findStarts, type Found } from './when.ts';

/** How a concept's history reads: a finding (history is historical), chronic (history is the fact itself), an
 * event (a prior event happened: affirmed unless remote), or a statement (only negation matters). */
type Mode = 'finding' | 'chronic' | 'event' | 'statement';

function toAssertion(f: ContextFlags, mode: Mode): Assertion {
  if (mode === 'statement') return f.negated ? 'negated' : 'affirmed';
  if (f.hypothetical) return 'hypothetical';
  if (f.negated) return 'negated';
  if (f.family) return 'family';
  if (f.uncertain) return 'uncertain';
  if (f.historical) {
    if (mode === 'chronic') return 'affirmed';
    if (mode === 'event' && !f.remote) return 'affirmed';
    return 'historical';
  }
  return 'affirmed';
}

// Attribute patterns, compiled once.
const CLAUSE_SPLIT =
  /;|\b(?:but|however|although|whereas|though|which)\b|\band (?=(?:takes|is taking|uses|using|tried|has tried|was given)\b)/gi;
const SIDE =
  /\b(left|right|bilateral(?:ly)?|bilat|b\/l|both (?:legs|sides|lower extremities))\b|\b(L|R|Lt|Rt)-sided\b|\((L|R)\)|(?<![A-Za-z0-9-])(L|R|Lt|Rt)(?=\.? (?:[A-Za-z]{2,}|[LS]\d)\b)/gi;
const LEVEL = /\b([LS][1-5])\b(?![-/]\s*[LS]?\d)/g;
const RELATIVE =
  /\b(mother|father|mom|dad|sister|brother|sibling|aunt|uncle|grandmother|grandfather|cousin|son|daughter|parent|niece|nephew|MGM|MGF|PGM|PGF)s?\b/i;
const DISTRIBUTION_LEVEL: readonly { pattern: RegExp; level: string }[] = [
  {
    pattern:
      /\b(?:dorsum (?:of (?:the )?)?(?:(?:left|right|L|R) )?foot|dorsal foot|first web space|great toe|lateral (?:(?:left|right) )?(?:leg|calf|shin))\b/i,
    level: 'L5',
  },
  {
    pattern:
      /\b(?:lateral (?:(?:left|right) )?(?:foot|ankle)|sole|plantar foot|little toe|small toe|fifth toe|posterior (?:(?:left|right) )?calf|heel)\b/i,
    level: 'S1',
  },
  { pattern: /\b(?:medial (?:(?:left|right) )?(?:leg|shin|calf|ankle|foot)|anterior knee)\b/i, level: 'L4' },
  { pattern: /\banterior thigh\b/i, level: 'L3' },
];
const MUSCLE_LEVEL: readonly { pattern: RegExp; level: string }[] = [
  {
    pattern:
      /\b(?:EHL|extensor hallucis(?: longus)?|great toe (?:extension|extensors?|dorsiflexion)|hip abduct(?:ion|ors?))\b/gi,
    level: 'L5',
  },
  {
    pattern:
      /\b(?:(?:ankle )?dorsiflex(?:ion|ors?)|tibialis anterior|TA|DF|knee extens(?:ion|ors?)|quadriceps|quads?)\b/gi,
    level: 'L4',
  },
  {
    pattern:
      /\b(?:PF|plantar ?flex(?:ion|ors?)|gastroc(?:nemius|soleus|s)?|toe walking|(?:foot |ankle )?eversion|peroneals?)\b/gi,
    level: 'S1',
  },
  { pattern: /\b(?:hip flex(?:ion|ors?)|iliopsoas)\b/gi, level: 'L2' },
];
const GRADE = /(?<![\d/])([0-5][+-]?)\s*\/\s*5\b/g;
const WEAKNESS_WORD = /\b(?:weakness|weak|foot drop|motor deficits?|paresis)\b/gi;
const NORMAL_STRENGTH =
  /\b(?:(?:full|normal|intact) (?:motor )?strength|strength (?:is )?(?:full|normal|intact|symmetric)|motor (?:exam |strength )?(?:is )?(?:normal|(?:grossly )?intact))\b/gi;
const SENSORY =
  /\b(?:(?:decreased|diminished|reduced|absent|loss of|altered|impaired|abnormal)\s+(?:[a-z]+\s+)?(?:sensation|sensory|light touch|pinprick|vibratory sense|vibration)|(?:sensation|sensory exam|light touch|pinprick)\s+(?:is\s+)?(?:decreased|diminished|reduced|absent|altered|impaired)|hypo-?a?esthesia|(?<!(?:saddle|perineal|perianal|groin) )numbness|(?<!(?:saddle|perineal|perianal|groin) )numb)\b/gi;
const SENSORY_NORMAL =
  /\b(?:sensation|sensory(?: exam)?|light touch(?: sensation)?)\s+(?:is\s+)?(?:grossly\s+)?(?:intact|normal)\b|\bSILT\b/gi;
const REFLEX_ANCHOR = /\b(?:reflex(?:es)?|DTRs?|jerks?|achilles|patellar)\b/gi;
const REFLEX_ABNORMAL =
  /\b(?:diminished|decreased|reduced|absent|hypoactive|depressed|trace|asymmetric|0\/4|1\/4)\b|(?<![\d/])[01]\+?(?![\d/+])/i;
const REFLEX_NORMAL = /\b(?:2\+|normal|symmetric(?:al)?|intact|brisk)\b|2\+/i;
const REFLEX_GRADE = /(?<![\d/])([0-4]\+?)(?![\d/])|\b(trace)\b/i;
const SLR = /\b(?:crossed |contralateral )?(?:straight[- ]leg[- ]rais(?:e|ing)(?: test)?|SLR)\b/gi;
const SLR_POS =
  /\b(?:positive|pos|reproduces|reproducing|elicits|eliciting)\b|\(\+\)|\+(?=\s|$)|\+ ?(?:on|at|L|R|left|right)\b/i;
const SLR_NEG = /\b(?:negative|neg)\b|\(-\)/i;
const RADICULAR =
  /\b(?:radiculopathy|radicular (?:pain|symptoms|leg pain)|radiculitis|sciatica|sciatic pain|radiating (?:leg )?pain|(?:pain|symptoms)(?: that)? radiat(?:es|ing|e) (?:down|into|to)|radiat(?:es|ing) (?:down|into|to) (?:the )?(?:(?:left|right|bilateral|both|L|R) )?(?:(?:lateral|medial|posterior|anterior|back of the|front of the) )?(?:leg|legs|buttock|thigh|calf|foot|lower extremit(?:y|ies)|LE)|shooting pain down|dermatomal pain)\b/gi;
const STAGE = /\bstage\s+(0|I{1,3}|IV|[1-4])([A-D])?\b/i;
const TNM = /\b[pcy]?T(is|[0-4][a-d]?|x)\b(?:[\s,]*[pcy]?N([0-3][a-c]?|x)\b)?(?:[\s,]*[pcy]?M([01][a-d]?)\b)?/;
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
  /\b(?:metastas[ie]s|metastatic (?:disease|melanoma|lesions?)|mets)\s+(?:to|in|involving)\s+(?:the\s+)?((?:lungs?|liver|brain|bones?|spine|adrenals?|lymph nodes|nodes|skin|subcutaneous tissue|soft tissue|axilla|groin|peritoneum)(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)(?:the\s+)?(?:lungs?|liver|brain|bones?|adrenals?|lymph nodes|skin|soft tissue))*)|\b((?:lung|liver|brain|bone|hepatic|pulmonary|osseous|adrenal|in-transit|subcutaneous|cerebral|distant|nodal)(?:(?:\s*,\s*|\s+and\s+)(?:lung|liver|brain|bone|hepatic|pulmonary|osseous|adrenal|subcutaneous|cerebral))*)\s+(?:metastas[ie]s|mets|lesions?|disease)\b/gi;
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
};
const RECURRENT = /(?<!non-?)\b(?:recurren(?:t|ce)|recurred|re-?current)\b/i;
const PRIMARY =
  /\b(?:primary(?! care)|de novo|previously untreated|new (?:\d+(?:\.\d+)? ?(?:cm|mm) )?(?:lesion|tumou?r|BCC|SCC|primary))\b/i;
const BIOPSY_PROVEN =
  /\b(?:biopsy|bx)[- ](?:proven|confirmed)\b|\bon (?:[a-z]+ )?(?:biopsy|bx|path(?:ology)?)\b|\b(?:shave |punch |excisional |incisional )?(?:biopsy|bx)(?: (?:on |dated )?[\d/.-]+)?\s*:|\b(?:shave |punch |excisional |incisional )?(?:biopsy|bx)\b[^.;]{0,50}?\b(?:showed|shows|demonstrated|demonstrates|revealed|reveals|confirmed|c\/w|consistent with)\b|\bpath(?:ology)?\b[^.;]{0,15}?\b(?:showed|shows|revealed|demonstrated|confirmed|c\/w|consistent with)\b/i;
const SIZE = /(?<![\d.])(\d+(?:\.\d+)?)\s*(?:x\s*(\d+(?:\.\d+)?)\s*)?(cm|mm)\b/gi;
const SIZE_EXCLUDE_BEFORE = /(?:margins?|depth|breslow|thick(?:ness)?|deep|clearance|of|invasion)\s*(?:of|is|:)?\s*$/i;
const LESION_CONTEXT =
  /\b(?:lesion|tumou?r|papule|plaque|nodule|macule|patch|BCC|SCC|carcinoma|melanoma|measur(?:es|ing|ed)|size|diameter)\b/i;
const SYMPTOM =
  /\b(?:(?:low(?:er)? )?back pain|LBP|lumbago|sciatica|leg pain|radicular (?:pain|symptoms)|radiculopathy|pain|symptoms|sx|numbness|weakness|lesion|nodule|pruritus|itch(?:ing)?|rash|eczema|atopic dermatitis|psoriasis|plaques|flares?)\b/gi;
const TREND: readonly { trend: 'progressive' | 'resolved' | 'persistent' | 'improving'; pattern: RegExp }[] = [
  {
    trend: 'progressive',
    pattern:
      /\b(?:progressive(?:ly)?|progressing|progressed|worsening|worsened|worse|getting worse|enlarging|growing|increasing(?:ly)?|escalating)\b/gi,
  },
  { trend: 'resolved', pattern: /\b(?:resolved|no longer present|completely gone)\b/gi },
  {
    trend: 'persistent',
    pattern:
      /\b(?:persistent|persists|persisting|persisted|ongoing|continues|continued|continuing|unchanged|no (?:significant )?improvement|not improved|without improvement|despite|refractory|unrelenting|constant|chronic)\b/gi,
  },
  { trend: 'improving', pattern: /\b(?:improving|improved|improvement|better|resolving|lessening)\b/gi },
];
const SYMPTOM_SECTIONS = new Set(['hpi', 'chief_complaint', 'assessment', 'plan', 'other']);
const IMAGING_PAST =
  /\b(?:showed|shows|revealed|reveals|demonstrated|demonstrates|dated|prior(?! to)|previous|last|reviewed|was (?:done|performed|obtained|negative|unremarkable|normal)|(?:on|from) \d|in \d{4}|in \d{1,2}\/|notable for|conducted|performed)\b/i;
const FUTURE_EVAL = /\bin \d+\s*(?:weeks?|wks?|months?|mos?|days?)\b|\bwill\b|\bplan\b/i;
const PRIOR_RADIATION = RISK_FACTORS.find((r) => r.factor === 'prior_radiation')?.pattern.source;
const PRIOR_RADIATION_RE = new RegExp(PRIOR_RADIATION ?? '(?!)', 'i');
const OWN_GAP_BREAK =
  /\b(?:presents?|presenting|reports?|complains?|c\/o|has had|back pain|LBP|pain|symptoms|numbness|weakness|and|with|now)\b|;/i;
const PROCEDURES: ReadonlySet<TherapyModality> = new Set([
  'cancer_surgery',
  'spinal_surgery',
  'epidural_steroid_injection',
  'radiation_therapy',
]);
const PROCEDURE_DONE =
  /\b(?:s\/p|status post|completed|underwent|had|prior(?! to)|previous(?:ly)?|performed|done|received|conducted|\d{4})\b/i;
const CURRENT_WORD = /\b(?:now|new|current(?:ly)?|today|presents)\b/i;
function outcomeOf(parts: readonly string[]): TherapyOutcome | undefined {
  for (const o of OUTCOMES) if (parts.some((part) => o.pattern.test(part))) return o.outcome;
  return undefined;
}
const SUBTYPED: ReadonlySet<CancerType> = new Set(['bcc', 'cutaneous_scc', 'scc_in_situ', 'merkel_cell']);
/** A plan or assessment sentence, including an inline "Plan: ..." inside another section. */
function isPlanLike(s: Sentence): boolean {
  return (
    s.section === 'plan' || s.section === 'assessment' || /^(?:plan|p|recommendations?|disposition)\s*:/i.test(s.text)
  );
}
const IMAGING_NEXT = new RegExp(IMAGING_REGEX.source, 'gi');
/** Therapies a plan requests (biologics and other systemics needing authorization): named in the plan without a
 * word that they are already taken, they are planned, not tried. */
const REQUESTED: ReadonlySet<TherapyModality> = new Set([
  'biologic',
  'jak_inhibitor',
  'apremilast',
  'methotrexate',
  'cyclosporine',
  'systemic_anticancer_therapy',
]);
/** Started on samples or a manufacturer programme (not established therapy for some payers). */
const SAMPLES =
  /\b(?:samples?(?: pack)?|sample dose|manufacturer (?:program|programme|assistance)|patient assistance program|free drug program|bridge program|starter pack)\b/i;
const PLAN_ONGOING =
  /\b(?:continue[sd]?|cont\.?|current(?:ly)?|remains? on|resume[sd]?|refill(?:ed)?|prescribed|was given|were conducted|increase|decrease|taper|stop|hold|already)\b/i;
const HISTORY_WORDS =
  /\b(?:history of|h\/o|hx|remote|prior|previous(?:ly)?|in remission|treated for|s\/p|status post)\b/i;
const COUNT_WORDS: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
const PET_COUNT =
  /\b(\d|one|two|three|four|five|six) (?:prior |previous )?(?:FDG[- ])?PET(?:[- /]?CT)?s?(?: scans?)?\b/i;

/** Sentences naming a cancer attribute (Breslow, stage, nodes, metastases, site, size). */
const CANCER_ATTRIBUTE =
  /\bbreslow\b|\bstage\s+(?:0|I{1,3}|IV|[1-4])|\bSLNB\b|\bsentinel\b|\bmetasta|\bmets\b|\bulcerat|\bmitotic\b|\b[pc]T(?:is|[0-4])|\bnodal\b|\bprimary\b(?! care)|\brecurren|\b(?:lesion |tumou?r )?measur(?:es|ing)\b|\b(?:site|location)\s*:|\bsize\b/i;
const BRESLOW_WORD = /\bbreslow\b/i;
/** Sentences worth reading for reflexes, and for motor grades. */
const REFLEX_HINT = /reflex|DTR|jerk|achilles|patellar/i;
const MOTOR_GRADE_HINT = '/5';

/** Everything the extractors search a note for (a pattern not listed here is simply always run). Patterns also
 * tested on a sentence are listed as sliced. */
const PREFILTER = new Prefilter(
  [
    CANCER_REGEX,
    GENERIC_CANCER,
    ...RED_FLAGS.map((c) => c.pattern),
    ...THERAPIES.map((c) => c.pattern),
    DRUG_REGEX,
    CONSERVATIVE,
    NORMAL_STRENGTH,
    WEAKNESS_WORD,
    SENSORY_NORMAL,
    SENSORY,
    SLR,
    RADICULAR,
    ...CONDITIONS.map((c) => c.pattern),
    ...MEASURES.map((c) => c.pattern),
    IMAGING_REGEX,
    ...TREATMENT_PHASES.map((c) => c.pattern),
    MANAGEMENT_CHANGE,
    ...EVALUATIONS.map((c) => c.pattern),
    ...RISK_FACTORS.map((c) => c.pattern),
    MOTOR_GRADE_HINT,
  ],
  [BRESLOW_WORD, REFLEX_HINT, SYMPTOM],
);

interface SentenceInfo {
  clauses: [number, number][];
  dates?: Found<string>[];
  durations?: Found<number>[];
  starts?: Found<string>[];
}

class NoteExtraction {
  readonly facts: Fact[] = [];
  private readonly seen = new Set<string>();
  private readonly info = new Map<number, SentenceInfo>();
  private readonly therapySpans = new Map<number, [number, number][]>();
  /** Durations that belong to a therapy, so that a symptom course does not take them. */
  private readonly claimed = new Set<number>();
  private contextCancer: CancerType | undefined;
  private hasCancerContext = false;
  private readonly text: string;
  private readonly noteDate: string | undefined;
  /** What the note can match at all; the rest is not searched. */
  private readonly possible: Possible;
  private context: NoteContext | undefined;

  constructor(private readonly note: ClinicalNote) {
    this.text = note.text;
    this.noteDate = note.date !== undefined && isIsoDate(note.date) ? note.date : undefined;
    this.possible = PREFILTER.scan(note.text);
  }

  /** Sections, sentences and triggers, built on first use: a note where nothing can match never needs them. */
  private get ctx(): NoteContext {
    this.context ??= new NoteContext(this.text, splitSentences(this.text, detectSections(this.text)));
    return this.context;
  }

  run(): void {
    this.cancers();
    this.redFlags();
    this.therapies();
    this.neuro();
    this.radicular();
    this.conditions();
    this.measures();
    this.imaging();
    this.phases();
    this.managementChange();
    this.evaluations();
    this.riskFactors();
    this.symptomCourse();
  }

  // ---- plumbing ----

  private sentenceInfo(si: number): SentenceInfo {
    let info = this.info.get(si);
    if (!info) {
      const s = this.ctx.sentences[si];
      const clauses: [number, number][] = [];
      if (s) {
        let from = s.start;
        CLAUSE_SPLIT.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = CLAUSE_SPLIT.exec(s.text)) !== null) {
          clauses.push([from, s.start + m.index]);
          from = s.start + m.index;
        }
        clauses.push([from, s.end]);
      }
      info = { clauses };
      this.info.set(si, info);
    }
    return info;
  }

  private dates(si: number): Found<string>[] {
    const info = this.sentenceInfo(si);
    const s = this.ctx.sentences[si];
    info.dates ??= s ? findDates(s.text).map((d) => ({ ...d, start: d.start + s.start, end: d.end + s.start })) : [];
    return info.dates;
  }

  private durations(si: number): Found<number>[] {
    const info = this.sentenceInfo(si);
    const s = this.ctx.sentences[si];
    info.durations ??= s
      ? findDurations(s.text).map((d) => ({ ...d, start: d.start + s.start, end: d.end + s.start }))
      : [];
    return info.durations;
  }

  private starts(si: number): Found<string>[] {
    const info = this.sentenceInfo(si);
    const s = this.ctx.sentences[si];
    info.starts ??= s
      ? findStarts(s.text, this.noteDate).map((d) => ({ ...d, start: d.start + s.start, end: d.end + s.start }))
      : [];
    return info.starts;
  }

  private clauseOf(si: number, at: number): [number, number] {
    for (const c of this.sentenceInfo(si).clauses) if (at >= c[0] && at < c[1]) return c;
    const s = this.ctx.sentences[si];
    return s ? [s.start, s.end] : [at, at];
  }

  private source(si: number): Fact['source'] {
    const s = this.ctx.sentences[si];
    if (!s) return { reference: this.note.reference, text: '' };
    return { reference: this.note.reference, text: s.text, start: s.start, end: s.end, section: s.section };
  }

  /** Runs a global regex over the note; calls back with the sentence index for each match inside a sentence. */
  private scan(re: RegExp, each: (m: RegExpExecArray, si: number) => void): void {
    if (!this.possible.has(re)) return;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(this.text)) !== null) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      const si = this.ctx.sentenceAt(m.index);
      if (si >= 0) each(m, si);
    }
  }

  private flags(si: number, start: number, end: number): ContextFlags {
    return this.ctx.flags(si, start, end);
  }

  private add(fact: Fact): void {
    const key =
      fact.kind === 'red_flag'
        ? `${fact.flag}|${fact.assertion}`
        : JSON.stringify(fact, (k, v: unknown) => (k === 'source' ? undefined : v));
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.facts.push(fact);
  }

  private nearest<T>(items: readonly Found<T>[], at: number, lo: number, hi: number): Found<T> | undefined {
    let best: Found<T> | undefined;
    let bestDist = Infinity;
    for (const it of items) {
      if (it.start < lo || it.end > hi) continue;
      const dist = it.start >= at ? it.start - at : at - it.end;
      if (dist < bestDist) {
        best = it;
        bestDist = dist;
      }
    }
    return best;
  }

  private findAll(re: RegExp, lo: number, hi: number, group = 1): Found<string>[] {
    const out: Found<string>[] = [];
    const slice = this.text.slice(lo, hi);
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(slice)) !== null) {
      let value: string | undefined;
      for (let g = group; g < m.length && value === undefined; g++) value = m[g];
      out.push({ value: value ?? m[0], start: lo + m.index, end: lo + m.index + m[0].length });
      if (!re.global) break;
    }
    return out;
  }

  private side(at: number, lo: number, hi: number): 'left' | 'right' | 'bilateral' | undefined {
    const found = this.nearest(this.findAll(SIDE, lo, hi), at, lo, hi);
    if (!found) return undefined;
    const v = found.value.toLowerCase();
    if (v.startsWith('l')) return 'left';
    if (v.startsWith('r')) return 'right';
    return 'bilateral';
  }

  private level(at: number, lo: number, hi: number): string | undefined {
    const found = this.nearest(this.findAll(LEVEL, lo, hi), at, lo, hi);
    if (found) return found.value.toUpperCase();
    const window = this.text.slice(lo, hi);
    for (const d of DISTRIBUTION_LEVEL) if (d.pattern.test(window)) return d.level;
    return undefined;
  }

  private dateNear(si: number, at: number): string | undefined {
    const [lo, hi] = this.clauseOf(si, at);
    // A date belongs to a mention only when it is near it (not to everything else in a long clause).
    const found = this.nearest(this.dates(si), at, Math.max(lo, at - 50), Math.min(hi, at + 50));
    if (!found) return undefined;
    // "s/p surgery 03/2024 ..., now with worsening weakness": a "now" between them separates the two.
    const between = this.text.slice(Math.min(found.end, at), Math.max(found.start, at));
    return /\b(?:now|currently|today|presently)\b/i.test(between) ? undefined : found.value;
  }

  /** Dated more than a year before the note: a finding stated with such a date is history. */
  private isOld(date: string | undefined, days = 365): boolean {
    const nd = this.noteDate;
    return date !== undefined && nd !== undefined && daysBetween(date, nd) > days;
  }

  private withDate<T extends Fact>(fact: T, date: string | undefined): T {
    const d = date ?? this.noteDate;
    return d !== undefined ? { ...fact, date: d } : fact;
  }

  // ---- cancers ----

  private cancers(): void {
    const pending: { si: number; start: number; end: number; type: CancerType; index: number }[] = [];
    this.scan(CANCER_REGEX, (m, si) => {
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
      const f = this.flags(p.si, p.start, p.end);
      const skin = p.type !== 'other_solid' && p.type !== 'hematologic';
      const current = this.contextCancer;
      const currentSkin = current !== undefined && current !== 'other_solid' && current !== 'hematologic';
      if (!f.family && !f.negated && !f.hypothetical && (current === undefined || (skin && !currentSkin))) {
        // The note's cancer for sentences that do not name one: its first skin cancer, else its first cancer.
        this.contextCancer = p.type;
      }
      if (!f.family && !f.negated) this.hasCancerContext = true;
    }
    const withType = new Set<number>();
    for (const p of pending) {
      withType.add(p.si);
      const concept = CANCERS[p.index];
      if (!concept) continue;
      const f = this.flags(p.si, p.start, p.end);
      const date = this.dateNear(p.si, p.start);
      if (f.family) {
        this.familyHistory(p.si, p.start, concept.display, concept.icd10, f);
        continue;
      }
      const attributes = this.cancerAttributes(p.si, p.type);
      let assertion = toAssertion(f, 'finding');
      // "Melanoma ..., excised 01/2025": history needs a history word or a date more than a year back.
      if (
        assertion === 'historical' &&
        !HISTORY_WORDS.test(this.ctx.sentences[p.si]?.text ?? '') &&
        !this.isOld(date)
      ) {
        if (this.ctx.sentences[p.si]?.section !== 'pmh') assertion = 'affirmed';
      }
      // "SCC excised 2023, now with a recurrence": the fact is the current recurrence.
      if (
        assertion === 'historical' &&
        attributes.primary === 'recurrent' &&
        CURRENT_WORD.test(this.ctx.sentences[p.si]?.text ?? '')
      ) {
        assertion = 'affirmed';
      }
      const fact: CancerFact = {
        kind: 'cancer',
        cancerType: p.type,
        assertion,
        source: this.source(p.si),
        ...attributes,
      };
      this.add(this.withDate(fact, date));
      if (RED_FLAG_CANCERS.has(p.type)) {
        this.add(
          this.withDate(
            {
              kind: 'red_flag',
              flag: 'cancer_history',
              assertion: toAssertion(f, 'chronic'),
              source: this.source(p.si),
            },
            date,
          ),
        );
      }
    }
    // Sentences that carry cancer attributes (Breslow, stage, nodes, metastases) without naming the cancer.
    if (this.contextCancer === undefined && !this.possible.has(BRESLOW_WORD)) return;
    for (let si = 0; si < this.ctx.sentences.length; si++) {
      const s = this.ctx.sentences[si];
      if (!s || withType.has(si) || !CANCER_ATTRIBUTE.test(s.text)) continue;
      const type = this.contextCancer ?? (BRESLOW_WORD.test(s.text) ? 'melanoma' : undefined);
      if (!type) continue;
      const attrs = this.cancerAttributes(si, type, false);
      if (!/\b(?:site|location)\s*:/i.test(s.text)) delete attrs.anatomicSite;
      if (Object.keys(attrs).length === 0) continue;
      const at = s.start + (CANCER_ATTRIBUTE.exec(s.text)?.index ?? 0);
      const f = this.flags(si, at, at + 1);
      if (f.family) continue;
      if (f.negated) continue;
      const assertion: Assertion = f.hypothetical ? 'hypothetical' : f.uncertain ? 'uncertain' : 'affirmed';
      this.add(
        this.withDate({ kind: 'cancer', cancerType: type, assertion, source: this.source(si), ...attrs }, undefined),
      );
    }
  }

  private attrNegated(si: number, start: number, end: number): boolean {
    return this.flags(si, start, end).negated;
  }

  private cancerAttributes(si: number, type: CancerType, named = true): Partial<CancerFact> {
    const s = this.ctx.sentences[si];
    if (!s) return {};
    const t = s.text;
    const out: Partial<CancerFact> = {};
    const stage = STAGE.exec(t);
    if (stage?.[1] !== undefined) {
      const roman: Readonly<Record<string, string>> = { '1': 'I', '2': 'II', '3': 'III', '4': 'IV' };
      out.stage = (roman[stage[1]] ?? stage[1]) + (stage[2] ?? '').toUpperCase();
    }
    const tnm = TNM.exec(t);
    if (tnm?.[1] !== undefined) {
      out.tnm = {
        t: `T${tnm[1]}`,
        ...(tnm[2] !== undefined ? { n: `N${tnm[2]}` } : {}),
        ...(tnm[3] !== undefined ? { m: `M${tnm[3]}` } : {}),
      };
    }
    const breslow = BRESLOW.exec(t);
    const mm = breslow?.[1] ?? breslow?.[2];
    if (breslow && mm !== undefined) {
      out.breslowMm = Number(mm);
      this.add(
        this.withDate(
          {
            kind: 'measurement',
            name: 'breslow_depth_mm',
            value: Number(mm),
            unit: 'mm',
            assertion: 'affirmed',
            source: this.source(si),
          },
          undefined,
        ),
      );
    }
    if (ULCER_NO.test(t)) out.ulceration = false;
    else {
      const u = ULCER_YES.exec(t);
      if (u) out.ulceration = !this.attrNegated(si, s.start + u.index, s.start + u.index + u[0].length);
    }
    const mitotic = MITOTIC.exec(t);
    if (mitotic?.[1] !== undefined) {
      out.mitoticRate = Number(mitotic[1]);
      this.add(
        this.withDate(
          {
            kind: 'measurement',
            name: 'mitotic_rate',
            value: Number(mitotic[1]),
            unit: '/mm2',
            assertion: 'affirmed',
            source: this.source(si),
          },
          undefined,
        ),
      );
    }
    const neg = NODE_NEG.exec(t);
    const pos = NODE_POS.exec(t);
    if (neg) out.nodalStatus = 'negative';
    else if (pos) {
      out.nodalStatus = this.attrNegated(si, s.start + pos.index, s.start + pos.index + pos[0].length)
        ? 'negative'
        : 'positive';
    }
    const sites = new Set<string>();
    for (const found of this.findAll(METS, s.start, s.end)) {
      const mf = this.flags(si, found.start, found.end);
      if (mf.negated || mf.hypothetical) continue;
      for (const part of found.value.split(/\s*,\s*|\s+and\s+|\s*&\s*/)) {
        const w = part.replace(/^the\s+/gi, '').toLowerCase();
        if (w === 'distant') continue;
        if (w !== '') sites.add(SITE_NORMAL[w] ?? w);
      }
    }
    if (sites.size > 0) out.metastaticSites = [...sites];
    const subtypes = this.findAll(SUBTYPE_REGEX, s.start, s.end).filter(
      (f) => !this.attrNegated(si, f.start, f.end) && !/^in[- ]situ$/i.test(f.value),
    );
    if (subtypes.length > 0 && SUBTYPED.has(type)) {
      out.subtype = subtypes.map((f) => f.value.toLowerCase()).join(', ');
      out.aggressiveSubtype = subtypes.some((f) => aggressiveSubtype(type, f.value));
    }
    if ((type === 'cutaneous_scc' || type === 'scc_in_situ') && out.breslowMm !== undefined && out.breslowMm >= 2) {
      out.aggressiveSubtype = true;
    }
    const rec = RECURRENT.exec(t);
    if (rec && !this.attrNegated(si, s.start + rec.index, s.start + rec.index + rec[0].length))
      out.primary = 'recurrent';
    else if (PRIMARY.test(t)) out.primary = 'primary';
    if (
      type === 'bcc' ||
      type === 'cutaneous_scc' ||
      type === 'scc_in_situ' ||
      type === 'merkel_cell' ||
      type === 'melanoma_in_situ'
    ) {
      const size = this.lesionSize(si, named);
      if (size !== undefined) out.sizeCm = size;
    }
    const site = this.findAll(ANATOMIC_SITE, s.start, s.end, 0)[0];
    if (site) {
      const m = /^(?:(left|right|L|R|lt|rt)\.?\s+)?(.*)$/i.exec(site.value);
      const sideWord = m?.[1]?.toLowerCase();
      const sideName = sideWord === undefined ? '' : sideWord.startsWith('l') ? 'left ' : 'right ';
      out.anatomicSite = `${sideName}${(m?.[2] ?? site.value).toLowerCase()}`;
    }
    if (BIOPSY_PROVEN.test(t) || s.section === 'pathology') out.biopsyProven = true;
    return out;
  }

  private lesionSize(si: number, named: boolean): number | undefined {
    const s = this.ctx.sentences[si];
    if (!s || (!named && !LESION_CONTEXT.test(s.text))) return undefined;
    for (const f of this.findAll(SIZE, s.start, s.end, 0)) {
      const before = this.text.slice(Math.max(s.start, f.start - 20), f.start);
      if (SIZE_EXCLUDE_BEFORE.test(before)) continue;
      const after = this.text.slice(f.end, f.end + 12);
      if (/^\s*(?:margins?|depth|deep|thick|in depth|breslow)/i.test(after)) continue;
      if (/^\s*(?:[\w-]+\s+){0,3}(?:lymph\s+)?(?:nodes?|lymphadenopathy)\b/i.test(this.text.slice(f.end, f.end + 40)))
        continue;
      const m = /(\d+(?:\.\d+)?)\s*(?:x\s*(\d+(?:\.\d+)?)\s*)?(cm|mm)/i.exec(f.value);
      if (!m) continue;
      const a = Number(m[1]);
      const b = m[2] !== undefined ? Number(m[2]) : 0;
      let cm = Math.max(a, b);
      if ((m[3] ?? '').toLowerCase() === 'mm') cm = cm / 10;
      cm = Math.round(cm * 100) / 100;
      this.add(
        this.withDate(
          {
            kind: 'measurement',
            name: 'lesion_size_cm',
            value: cm,
            unit: 'cm',
            assertion: 'affirmed',
            source: this.source(si),
          },
          undefined,
        ),
      );
      return cm;
    }
    return undefined;
  }

  private familyHistory(si: number, at: number, display: string, icd10: string, f: ContextFlags): void {
    const s = this.ctx.sentences[si];
    if (!s) return;
    const before = this.text.slice(s.start, at);
    const after = this.text.slice(at, s.end);
    const rel =
      RELATIVE.exec(before.split(/[,;]/).pop() ?? '') ??
      RELATIVE.exec(after.split(/[,;]/)[0] ?? '') ??
      RELATIVE.exec(s.text);
    const assertion: Assertion = f.negated
      ? 'negated'
      : f.hypothetical
        ? 'hypothetical'
        : f.uncertain
          ? 'uncertain'
          : 'family';
    this.add(
      this.withDate(
        {
          kind: 'family_history',
          relationship: rel?.[1]?.toLowerCase() ?? 'family member',
          coding: [{ system: ICD10_SYSTEM, code: icd10, display }],
          display,
          assertion,
          source: this.source(si),
        },
        undefined,
      ),
    );
  }

  // ---- spine ----

  private redFlags(): void {
    for (const concept of RED_FLAGS) {
      this.scan(concept.pattern, (m, si) => {
        const s = this.ctx.sentences[si];
        if (!s || concept.unless?.test(s.text)) return;
        const f = this.flags(si, m.index, m.index + m[0].length);
        if (f.family) return;
        const date = this.dateNear(si, m.index);
        let assertion = toAssertion(f, concept.chronic ? 'chronic' : 'finding');
        if (concept.absent === true && (assertion === 'affirmed' || assertion === 'historical')) assertion = 'negated';
        if (assertion === 'affirmed' && !concept.chronic && this.isOld(date)) assertion = 'historical';
        const sited = concept.mechanism !== undefined && !concept.mechanism.test(m[0]);
        const part = sited ? bodyPartOf(this.text.slice(...this.clauseOf(si, m.index))) : undefined;
        const fact = { kind: 'red_flag' as const, flag: concept.flag, assertion, source: this.source(si) };
        this.add(this.withDate(part ? { ...fact, bodySite: part } : fact, date));
      });
    }
    this.scan(GENERIC_CANCER, (m, si) => {
      const f = this.flags(si, m.index, m.index + m[0].length);
      if (f.family) {
        this.familyHistory(si, m.index, 'Malignant neoplasm', 'C80.1', f);
        return;
      }
      this.add(
        this.withDate(
          { kind: 'red_flag', flag: 'cancer_history', assertion: toAssertion(f, 'chronic'), source: this.source(si) },
          this.dateNear(si, m.index),
        ),
      );
    });
  }

  private therapies(): void {
    const mentions: {
      si: number;
      start: number;
      end: number;
      modality: TherapyModality;
      agent?: string;
      pd?: boolean;
    }[] = [];
    for (const concept of THERAPIES) {
      this.scan(concept.pattern, (m, si) => {
        if (concept.modality === 'physical_therapy' && m[0].startsWith('P') && m[0] !== m[0].toUpperCase()) return;
        if (/^(?:pt|Pt)$/.test(m[0])) return;
        if (concept.modality === 'radiation_therapy' && PRIOR_RADIATION_RE.test(this.ctx.sentences[si]?.text ?? ''))
          return;
        const first = m[0].split(/\s+/)[0]?.toLowerCase() ?? '';
        const topicalAgent =
          concept.modality === 'topical_corticosteroid' || concept.modality === 'topical_calcineurin_inhibitor';
        const agent =
          topicalAgent &&
          /^[a-z]{6,}$/.test(first) &&
          !/^(?:topical|topicals|medium|potency|calcineurin|protopic|elidel)$/.test(first)
            ? first
            : undefined;
        mentions.push({
          si,
          start: m.index,
          end: m.index + m[0].length,
          modality: concept.modality,
          ...(agent !== undefined
            ? { agent }
            : first === 'protopic'
              ? { agent: 'tacrolimus' }
              : first === 'elidel'
                ? { agent: 'pimecrolimus' }
                : {}),
          ...(concept.providerDirected ? { pd: true } : {}),
        });
      });
    }
    this.scan(DRUG_REGEX, (m, si) => {
      const drug = drugOf(m[0]);
      if (!drug) return;
      mentions.push({ si, start: m.index, end: m.index + m[0].length, modality: drug.modality, agent: drug.agent });
    });
    mentions.sort((a, b) => a.start - b.start);
    // Merge a class mention into a named agent of the same modality in the same sentence; drop overlaps.
    const kept: typeof mentions = [];
    const bySentence = new Map<number, typeof mentions>();
    for (const mention of mentions) {
      const same = bySentence.get(mention.si) ?? [];
      const dup = same.find(
        (k) =>
          (k.start < mention.end && mention.start < k.end) ||
          (k.modality === mention.modality &&
            (k.agent === undefined || mention.agent === undefined || k.agent === mention.agent)),
      );
      if (dup) {
        if (dup.agent === undefined && mention.agent !== undefined && dup.modality === mention.modality)
          dup.agent = mention.agent;
        continue;
      }
      kept.push(mention);
      same.push(mention);
      bySentence.set(mention.si, same);
    }
    this.scan(CONSERVATIVE, (m, si) => {
      const spans = this.therapySpans.get(si) ?? [];
      spans.push([m.index, m.index + m[0].length]);
      this.therapySpans.set(si, spans);
      const [lo, hi] = this.clauseOf(si, m.index);
      this.ownDuration(si, m.index, m.index + m[0].length, lo, hi);
    });
    for (const mention of kept) {
      const spans = this.therapySpans.get(mention.si) ?? [];
      spans.push([mention.start, mention.end]);
      this.therapySpans.set(mention.si, spans);
    }
    for (const mention of kept) this.therapyFact(mention, bySentence.get(mention.si) ?? []);
  }

  /** A duration or date that follows a therapy mention closely, with no new subject in between. */
  private follows(end: number, d: Found<unknown>, limit: number): boolean {
    if (d.start < end || d.end > limit || d.start - end > 40) return false;
    return !OWN_GAP_BREAK.test(this.text.slice(end, d.start));
  }

  /** The duration of a therapy mention: just after it ("PT x 6 wks") or just before it ("6 weeks of PT"). */
  private ownDuration(si: number, start: number, end: number, lo: number, limit: number): Found<number> | undefined {
    const durations = this.durations(si);
    const found =
      durations.find((d) => this.follows(end, d, limit)) ??
      durations.find(
        (d) =>
          d.end <= start &&
          d.start >= lo &&
          /^\s*(?:course |trial )?(?:of )?(?:formal |failed |conservative |adjuvant |maintenance |daily |topical |oral |supervised |outpatient |home )?$/i.test(
            this.text.slice(d.end, start),
          ),
      );
    if (found) this.claimed.add(found.start);
    return found;
  }

  private therapyFact(
    mention: { si: number; start: number; end: number; modality: TherapyModality; agent?: string; pd?: boolean },
    all: readonly { si: number; start: number; end: number }[],
  ): void {
    const s = this.ctx.sentences[mention.si];
    if (!s) return;
    const f = this.flags(mention.si, mention.start, mention.end);
    if (f.family) return;
    const [lo, hi] = this.clauseOf(mention.si, mention.start);
    const others = all.filter((o) => o.si === mention.si && o !== mention && o.start >= lo && o.start < hi);
    const after = others.filter((o) => o.start > mention.start).sort((a, b) => a.start - b.start);
    // "calcipotriene/betamethasone foam x 3 months": a combination product shares its duration.
    const combined = after[0] !== undefined && /^\s*\/\s*$/.test(this.text.slice(mention.end, after[0].start));
    const nextStart = Math.min(hi, ...(combined ? after.slice(1) : after).map((o) => o.start));
    // Duration: after the mention up to the next therapy, or just before it ("6 weeks of PT").
    const duration = this.ownDuration(mention.si, mention.start, mention.end, lo, nextStart);
    const start = this.starts(mention.si).find((d) => this.follows(mention.end, d, nextStart));
    let durationWeeks = duration?.value;
    const nd = this.noteDate;
    if (durationWeeks === undefined && start && nd)
      durationWeeks = Math.round((daysBetween(start.value, nd) / 7) * 10) / 10;
    // Outcome: the mention's own stretch of the clause; else a shared lead ("Failed X and Y"); else a shared tail
    // when only the last therapy of the clause carries one ("PT and naproxen without relief"); else the following
    // clauses that name no therapy.
    const siblings = all
      .filter((o) => o.si === mention.si && o.start >= lo && o.start < hi)
      .sort((a, b) => a.start - b.start);
    const segmentOf = (i: number): string => {
      const cur = siblings[i];
      if (!cur) return '';
      const next = siblings[i + 1];
      return this.text.slice(cur.start, next ? next.start : hi);
    };
    const own = siblings.map((_, i) => outcomeOf([segmentOf(i)]));
    const idx = siblings.indexOf(mention);
    let outcome: TherapyOutcome | undefined = own[idx];
    // A weak "ongoing" (e.g. "prescribed by PT") gives way to a stated result from the lead or the shared tail.
    if (outcome === undefined || outcome === 'ongoing') {
      const lead = outcomeOf([this.text.slice(lo, siblings[0]?.start ?? lo)]);
      const tail = own.filter((o) => o !== undefined).length <= 2 ? own[own.length - 1] : undefined;
      outcome = (lead !== 'ongoing' ? lead : undefined) ?? (tail !== 'ongoing' ? tail : undefined) ?? outcome ?? lead;
    }
    if (outcome === undefined || outcome === 'ongoing') {
      const following: string[] = [];
      for (const c of this.sentenceInfo(mention.si).clauses) {
        if (c[0] < hi) continue;
        if (all.some((o) => o.si === mention.si && o.start >= c[0] && o.start < c[1])) break;
        following.push(this.text.slice(c[0], c[1]));
      }
      outcome = outcomeOf(following) ?? outcome;
    }
    if (outcome === undefined && s.section === 'medications') outcome = 'ongoing';
    // A medication named in the plan with no word that it is already taken ("Plan: dupilumab 300 mg q2w") is
    // being started: planned, not yet tried.
    const newInPlan =
      outcome === undefined &&
      isPlanLike(s) &&
      REQUESTED.has(mention.modality) &&
      !PLAN_ONGOING.test(`${s.lead !== undefined ? (this.ctx.sentences[s.lead]?.text ?? '') : ''} ${s.text}`);
    const date = this.dateNear(mention.si, mention.start);
    const leadText = s.lead !== undefined ? (this.ctx.sentences[s.lead]?.text ?? '') : '';
    let assertion = toAssertion(f, 'event');
    if (newInPlan && assertion === 'affirmed') assertion = 'hypothetical';
    if (assertion === 'uncertain' && PROCEDURES.has(mention.modality) && isPlanLike(s)) {
      assertion = 'hypothetical';
    }
    if (
      assertion === 'affirmed' &&
      PROCEDURES.has(mention.modality) &&
      isPlanLike(s) &&
      !PROCEDURE_DONE.test(`${leadText} ${s.text}`)
    ) {
      assertion = 'hypothetical';
    }
    if (outcome === 'completed' && assertion === 'historical' && !f.remote) assertion = 'affirmed';
    if (outcome === 'contraindicated' && (assertion === 'hypothetical' || assertion === 'negated'))
      assertion = 'affirmed';
    const stated = date !== undefined && date !== start?.value ? date : undefined;
    const onNow = /\b(?:on|taking|currently|still)\b[^.;]{0,25}$/i.test(
      this.text.slice(Math.max(lo, mention.start - 30), mention.start),
    );
    if (assertion === 'affirmed' && !onNow && this.isOld(stated, 730)) assertion = 'historical';
    let providerDirected: boolean | undefined;
    const clauseText = `${leadText} ${this.text.slice(lo, hi)}`;
    if (SELF_DIRECTED.test(clauseText)) providerDirected = false;
    else if (
      mention.pd === true ||
      PRESCRIPTION_MODALITIES.has(mention.modality) ||
      (mention.agent !== undefined && PRESCRIPTION_NSAIDS.has(mention.agent)) ||
      PROVIDER_DIRECTED.test(clauseText)
    ) {
      providerDirected = true;
    }
    const startDate = start?.value;
    const fact: TherapyFact = {
      kind: 'therapy',
      modality: mention.modality,
      ...(mention.agent !== undefined ? { agent: mention.agent } : {}),
      ...(startDate !== undefined ? { start: startDate } : {}),
      ...(durationWeeks !== undefined ? { durationWeeks } : {}),
      ...(outcome !== undefined ? { outcome } : {}),
      ...(providerDirected !== undefined ? { providerDirected } : {}),
      ...(SAMPLES.test(clauseText) ? { sample: true } : {}),
      assertion,
      source: this.source(mention.si),
    };
    if (
      startDate !== undefined &&
      durationWeeks !== undefined &&
      (outcome === 'completed' || outcome === 'failed' || outcome === 'intolerance')
    ) {
      const end = addDays(startDate, Math.round(durationWeeks * 7));
      if (nd === undefined || end <= nd) fact.end = end;
    }
    this.add(this.withDate(fact, date ?? startDate));
  }

  private neuro(): void {
    // Motor grades: each grade's window runs from the previous grade to the next.
    for (let si = 0; this.possible.has(MOTOR_GRADE_HINT) && si < this.ctx.sentences.length; si++) {
      const s = this.ctx.sentences[si];
      if (!s) continue;
      if (s.text.includes(MOTOR_GRADE_HINT)) this.motorGrades(si);
    }
    const graded = new Set(
      this.facts.filter((f) => f.kind === 'neuro_finding' && f.finding === 'motor_weakness').map((f) => f.source.start),
    );
    this.scan(NORMAL_STRENGTH, (m, si) => {
      this.neuroFact(si, m.index, m.index + m[0].length, 'motor_weakness', true);
    });
    this.scan(WEAKNESS_WORD, (m, si) => {
      if (graded.has(this.ctx.sentences[si]?.start)) return;
      this.neuroFact(si, m.index, m.index + m[0].length, 'motor_weakness', false);
    });
    this.scan(SENSORY_NORMAL, (m, si) => {
      this.neuroFact(si, m.index, m.index + m[0].length, 'sensory_loss', true);
    });
    this.scan(SENSORY, (m, si) => {
      this.neuroFact(si, m.index, m.index + m[0].length, 'sensory_loss', false);
    });
    this.reflexes();
    this.scan(SLR, (m, si) => {
      const s = this.ctx.sentences[si];
      if (!s) return;
      const [lo, hi] = this.clauseOf(si, m.index);
      const nextSlr = this.text.slice(m.index + m[0].length, hi).search(SLR);
      const wEnd = nextSlr === -1 ? hi : m.index + m[0].length + nextSlr;
      const window = this.text.slice(Math.max(lo, m.index - 15), wEnd);
      const positive = SLR_POS.test(window);
      const negative = SLR_NEG.test(window);
      if (!positive && !negative) return;
      const f = this.flags(si, m.index, m.index + m[0].length);
      if (f.family) return;
      let assertion = toAssertion(f, 'finding');
      if (negative && !positive) assertion = assertion === 'affirmed' ? 'negated' : assertion;
      if (positive && !negative && assertion === 'negated') assertion = 'affirmed';
      const side = this.side(m.index, Math.max(lo, m.index - 25), wEnd);
      const fact: NeuroFindingFact = {
        kind: 'neuro_finding',
        finding: 'positive_straight_leg_raise',
        ...(side ? { side } : {}),
        assertion,
        source: this.source(si),
      };
      this.add(this.withDate(fact, undefined));
    });
  }

  private motorGrades(si: number): void {
    const s = this.ctx.sentences[si];
    if (!s) return;
    const grades = this.findAll(GRADE, s.start, s.end);
    for (let i = 0; i < grades.length; i++) {
      const g = grades[i];
      if (!g) continue;
      const [clo, chi] = this.clauseOf(si, g.start);
      const lo = Math.max(clo, grades[i - 1]?.end ?? s.start);
      const comma = this.text.indexOf(',', g.end);
      const hi = Math.min(chi, grades[i + 1]?.start ?? s.end, comma !== -1 ? comma : s.end);
      let level = this.nearest(this.findAll(LEVEL, lo, hi), g.start, lo, hi)?.value;
      if (level === undefined) {
        let best = Infinity;
        for (const ml of MUSCLE_LEVEL) {
          const found = this.nearest(this.findAll(ml.pattern, lo, hi, 0), g.start, lo, hi);
          if (found) {
            const dist = Math.abs(found.start - g.start);
            if (dist < best) {
              best = dist;
              level = ml.level;
            }
          }
        }
      }
      const side = this.side(g.start, lo, hi);
      const normal = g.value === '5';
      const f = this.flags(si, g.start, g.end);
      if (f.family) continue;
      let assertion = toAssertion(f, 'finding');
      if (normal && assertion === 'affirmed') assertion = 'negated';
      const fact: NeuroFindingFact = {
        kind: 'neuro_finding',
        finding: 'motor_weakness',
        ...(level !== undefined ? { level } : {}),
        ...(side ? { side } : {}),
        ...(normal ? {} : { grade: `${g.value}/5` }),
        assertion,
        source: this.source(si),
      };
      if (normal) {
        delete fact.level;
        delete fact.side;
      }
      this.add(this.withDate(fact, undefined));
    }
  }

  private neuroFact(
    si: number,
    start: number,
    end: number,
    finding: 'motor_weakness' | 'sensory_loss',
    normal: boolean,
  ): void {
    const s = this.ctx.sentences[si];
    if (!s) return;
    const f = this.flags(si, start, end);
    if (f.family) return;
    let assertion = toAssertion(f, 'finding');
    if (normal) assertion = assertion === 'affirmed' ? 'negated' : assertion;
    const [lo, hi] = this.clauseOf(si, start);
    const level = normal ? undefined : this.level(start, lo, hi);
    const side = normal ? undefined : this.side(start, lo, hi);
    const fact: NeuroFindingFact = {
      kind: 'neuro_finding',
      finding,
      ...(level !== undefined ? { level } : {}),
      ...(side ? { side } : {}),
      assertion,
      source: this.source(si),
    };
    this.add(this.withDate(fact, undefined));
  }

  private reflexes(): void {
    if (!this.possible.has(REFLEX_HINT)) return;
    for (let si = 0; si < this.ctx.sentences.length; si++) {
      const s = this.ctx.sentences[si];
      if (!s || !REFLEX_HINT.test(s.text)) continue;
      const anchors = this.findAll(REFLEX_ANCHOR, s.start, s.end, 0);
      for (let i = 0; i < anchors.length; i++) {
        const a = anchors[i];
        if (!a) continue;
        const [clo, chi] = this.clauseOf(si, a.start);
        const prev = anchors[i - 1];
        const next = anchors[i + 1];
        let lo = Math.max(clo, prev ? prev.end : a.start - 30, s.start);
        const comma = this.text.lastIndexOf(',', a.start);
        if (comma >= lo) lo = comma + 1;
        const hi = Math.min(chi, next ? next.start : s.end);
        const window = this.text.slice(lo, hi);
        const abnormal = REFLEX_ABNORMAL.test(window.replace(/\b[LS][1-5]\b/g, ''));
        const normal = !abnormal && REFLEX_NORMAL.test(window);
        if (!abnormal && !normal) continue;
        const f = this.flags(si, a.start, a.end);
        if (f.family) continue;
        let assertion = toAssertion(f, 'finding');
        if (normal && assertion === 'affirmed') assertion = 'negated';
        if (abnormal && assertion === 'negated' && /\b(?:absent|diminished|decreased|reduced)\b/i.test(window))
          assertion = 'affirmed';
        const anchorWord = a.value.toLowerCase();
        const nearWords = this.text.slice(lo, hi).toLowerCase();
        const level =
          /achilles|ankle/.test(nearWords) || anchorWord === 'achilles'
            ? 'S1'
            : /patellar|knee/.test(nearWords)
              ? 'L4'
              : undefined;
        const side = this.side(a.start, lo, hi);
        const gm = abnormal ? REFLEX_GRADE.exec(window.replace(/\b[LS][1-5]\b/g, '')) : null;
        const grade = gm?.[1] ?? gm?.[2];
        const fact: NeuroFindingFact = {
          kind: 'neuro_finding',
          finding: 'reflex_change',
          ...(level !== undefined && abnormal ? { level } : {}),
          ...(side && abnormal ? { side } : {}),
          ...(grade !== undefined ? { grade: grade.toLowerCase() } : {}),
          assertion,
          source: this.source(si),
        };
        this.add(this.withDate(fact, undefined));
      }
    }
  }

  private radicular(): void {
    this.scan(RADICULAR, (m, si) => {
      const f = this.flags(si, m.index, m.index + m[0].length);
      if (f.family) return;
      const s = this.ctx.sentences[si];
      if (!s) return;
      const level = this.level(m.index, s.start, s.end);
      const [lo, hi] = this.clauseOf(si, m.index);
      const side = this.side(m.index, lo, hi);
      const fact: RadicularPainFact = {
        kind: 'radicular_pain',
        ...(level !== undefined ? { level } : {}),
        ...(side ? { side } : {}),
        assertion: toAssertion(f, 'finding'),
        source: this.source(si),
      };
      this.add(this.withDate(fact, undefined));
    });
  }

  private conditions(): void {
    for (const c of CONDITIONS) {
      this.scan(c.pattern, (m, si) => {
        const f = this.flags(si, m.index, m.index + m[0].length);
        if (f.family) {
          this.familyHistory(si, m.index, c.display, c.icd10, f);
          return;
        }
        this.add(
          this.withDate(
            {
              kind: 'condition',
              coding: [{ system: ICD10_SYSTEM, code: c.icd10, display: c.display }],
              icd10: [c.icd10],
              display: c.display,
              assertion: toAssertion(f, 'finding'),
              source: this.source(si),
            },
            this.dateNear(si, m.index),
          ),
        );
      });
    }
  }

  private measures(): void {
    for (const c of MEASURES) {
      this.scan(c.pattern, (m, si) => {
        let raw: string | undefined;
        for (let g = 1; g < m.length && raw === undefined; g++) raw = m[g];
        if (raw === undefined) return;
        const value = Number(raw);
        if (!Number.isFinite(value) || value > c.max) return;
        const f = this.flags(si, m.index, m.index + m[0].length);
        if (f.family) return;
        const assertion: Assertion = f.hypothetical
          ? 'hypothetical'
          : f.negated
            ? 'negated'
            : f.historical
              ? 'historical'
              : 'affirmed';
        this.add(
          this.withDate(
            { kind: 'measurement', name: c.name, value, unit: c.unit, assertion, source: this.source(si) },
            this.dateNear(si, m.index),
          ),
        );
      });
    }
  }

  private imaging(): void {
    this.scan(IMAGING_REGEX, (m, si) => {
      const s = this.ctx.sentences[si];
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
      const f = this.flags(si, m.index, m.index + m[0].length);
      if (f.family) return;
      const [lo, hi] = this.clauseOf(si, m.index);
      const clause = this.text.slice(lo, hi);
      let assertion = toAssertion(f, 'event');
      const before = this.text.slice(Math.max(lo, m.index - 25), m.index);
      const resultNegative = /\b(?:negative|unremarkable|normal|clear|NED)\b/i.test(this.text.slice(m.index, hi));
      if (f.negated && resultNegative && !/\b(?:no|not|never|without|denies|w\/o)\b/i.test(before)) {
        // "PET/CT 06/2025 negative": the study was done and its result is negative.
        assertion = toAssertion({ ...f, negated: false }, 'event');
      } else if (
        f.negated &&
        /\b(?:on|by|per|in)\s+(?:the\s+)?(?:prior\s+|recent\s+|a\s+)?$/i.test(this.text.slice(lo, m.index))
      ) {
        // "No evidence of metastases on CT": the negation is about the finding, the study was done.
        assertion = toAssertion({ ...f, negated: false }, 'event');
      }
      if (
        assertion === 'affirmed' &&
        isPlanLike(s) &&
        !IMAGING_PAST.test(`${this.ctx.sentences[s.lead ?? -1]?.text ?? ''} ${clause}`)
      ) {
        assertion = 'hypothetical';
      }
      IMAGING_NEXT.lastIndex = m.index + m[0].length;
      const nextImaging = IMAGING_NEXT.exec(this.text);
      const own = nextImaging && nextImaging.index < hi ? nextImaging.index : hi;
      const after = this.text.slice(m.index, Math.min(own, m.index + 60));
      const site = BODY_SITES.find((b) => b.pattern.test(after)) ?? BODY_SITES.find((b) => b.pattern.test(clause));
      let strategy: 'initial' | 'subsequent' | undefined;
      if (modality === 'pet' || modality === 'pet_ct') {
        const around = `${this.ctx.sentences[si - 1]?.text ?? ''} ${s.text}`;
        if (PET_INITIAL.test(s.text)) strategy = 'initial';
        else if (PET_SUBSEQUENT.test(s.text)) strategy = 'subsequent';
        else if (PET_SUBSEQUENT.test(around)) strategy = 'subsequent';
      }
      const base = {
        kind: 'imaging' as const,
        modality,
        ...(site ? { bodySite: site.site } : {}),
        ...(strategy ? { strategy } : {}),
        assertion,
        source: this.source(si),
      };
      const dates = this.dates(si).filter((d) => d.start >= m.index && d.end <= own);
      const countMatch = PET_COUNT.exec(this.text.slice(Math.max(lo, m.index - 20), m.index + m[0].length));
      if ((modality === 'pet' || modality === 'pet_ct') && dates.length > 1) {
        for (const d of dates) this.add({ ...base, date: d.value });
        return;
      }
      if ((modality === 'pet' || modality === 'pet_ct') && countMatch && dates.length === 0) {
        const n = COUNT_WORDS[(countMatch[1] ?? '').toLowerCase()] ?? Number(countMatch[1]);
        for (let i = 0; i < n && i < 10; i++) this.facts.push({ ...base });
        return;
      }
      const date = dates[0]?.value ?? this.nearest(this.dates(si), m.index, lo, hi)?.value;
      if (date !== undefined) this.add({ ...base, date });
      else if (assertion !== 'affirmed' || /\btoday\b/i.test(clause)) this.add(this.withDate(base, undefined));
      else this.add(base);
    });
  }

  private phases(): void {
    if (!this.hasCancerContext) return;
    for (const p of TREATMENT_PHASES) {
      this.scan(p.pattern, (m, si) => {
        const f = this.flags(si, m.index, m.index + m[0].length);
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
          ...(this.contextCancer ? { cancerType: this.contextCancer } : {}),
          assertion,
          source: this.source(si),
        };
        this.add(this.withDate(fact, undefined));
      });
    }
  }

  private managementChange(): void {
    this.scan(MANAGEMENT_CHANGE, (m, si) => {
      const f = this.flags(si, m.index, m.index + m[0].length);
      const [lo, hi] = this.clauseOf(si, m.index);
      this.add(
        this.withDate(
          {
            kind: 'management_change',
            description: this.text.slice(lo, hi).replace(/^[;\s]+|[\s.]+$/g, ''),
            assertion: toAssertion(f, 'statement'),
            source: this.source(si),
          },
          undefined,
        ),
      );
    });
  }

  private evaluations(): void {
    for (const e of EVALUATIONS) {
      this.scan(e.pattern, (m, si) => {
        const f = this.flags(si, m.index, m.index + m[0].length);
        let assertion = toAssertion(f, 'statement');
        if (e.type === 're_evaluation' && assertion === 'affirmed') {
          const tail = this.text.slice(m.index, Math.min(m.index + m[0].length + 25, this.ctx.sentences[si]?.end ?? 0));
          const head = this.text.slice(Math.max(this.ctx.sentences[si]?.start ?? 0, m.index - 12), m.index);
          if (FUTURE_EVAL.test(tail) || /\b(?:will|to|plan)\s*$/i.test(head)) assertion = 'hypothetical';
        }
        this.add(this.withDate({ kind: 'evaluation', type: e.type, assertion, source: this.source(si) }, undefined));
      });
    }
  }

  private riskFactors(): void {
    for (const r of RISK_FACTORS) {
      this.scan(r.pattern, (m, si) => {
        if (r.factor === 'genetic_syndrome' && m[0] === 'xp') return;
        const f = this.flags(si, m.index, m.index + m[0].length);
        if (f.family) return;
        this.add(
          this.withDate(
            {
              kind: 'risk_factor',
              factor: r.factor,
              detail: m[0].toLowerCase(),
              assertion: r.absent === true && !f.negated ? 'negated' : toAssertion(f, 'chronic'),
              source: this.source(si),
            },
            undefined,
          ),
        );
      });
    }
  }

  private symptomCourse(): void {
    if (!this.possible.has(SYMPTOM)) return;
    for (let si = 0; si < this.ctx.sentences.length; si++) {
      const s = this.ctx.sentences[si];
      if (!s || !SYMPTOM_SECTIONS.has(s.section)) continue;
      const anchors = this.findAll(SYMPTOM, s.start, s.end, 0);
      const anchor = anchors[0];
      if (!anchor) continue;
      const therapy = this.therapySpans.get(si) ?? [];
      const distTo = (at: number, spans: readonly (readonly [number, number])[]): number =>
        Math.min(Infinity, ...spans.map(([a, b]) => (at >= b ? at - b : a >= at ? a - at : 0)));
      const anchorSpans = anchors.map((a) => [a.start, a.end] as const);
      const own = (d: Found<unknown>): boolean =>
        !this.claimed.has(d.start) && distTo(d.start, anchorSpans) <= distTo(d.start, therapy) + 15;
      const duration = this.durations(si).find(own);
      const start = this.starts(si).find(own);
      const nd = this.noteDate;
      let durationWeeks = duration?.value;
      if (durationWeeks === undefined && start && nd) {
        durationWeeks = Math.round((daysBetween(start.value, nd) / 7) * 10) / 10;
      }
      let trend: 'progressive' | 'resolved' | 'persistent' | 'improving' | undefined;
      for (const t of TREND) {
        const hit = this.findAll(t.pattern, s.start, s.end, 0).find(
          (h) => distTo(h.start, anchorSpans) <= distTo(h.start, therapy) || /despite|persist|worse/i.test(h.value),
        );
        if (hit) {
          trend = t.trend;
          break;
        }
      }
      if (durationWeeks === undefined && trend === undefined) continue;
      const f = this.flags(si, anchor.start, anchor.end);
      if (f.family || f.hypothetical) continue;
      const assertion: Assertion =
        f.negated && trend === undefined
          ? 'negated'
          : f.hypothetical
            ? 'hypothetical'
            : f.historical && f.remote
              ? 'historical'
              : 'affirmed';
      this.add(
        this.withDate(
          {
            kind: 'symptom_course',
            ...(durationWeeks !== undefined ? { durationWeeks } : {}),
            ...(trend ? { trend } : {}),
            assertion,
            source: this.source(si),
          },
          undefined,
        ),
      );
    }
  }
}

/** All facts stated in one clinical note's text. Pure: no I/O, no clock (dates resolve against `note.date`). */
export function extractFromNote(note: ClinicalNote): Fact[] {
  if (note.text.trim() === '') return [];
  const x = new NoteExtraction(note);
  x.run();
  return x.facts;
}
