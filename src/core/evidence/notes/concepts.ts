// Concept lexicons for note extraction, as data: what words name a red flag, a therapy, a cancer, a site, a score.
// Every pattern is compiled once at module load. Drug ingredients come from the shared code tables (codesets.ts)
// so that coded and note facts name agents the same way; brand names map to their ingredient here.
// A look-behind goes after the literal it qualifies ("transplant(?<=\bno transplant)", not "(?<=\bno )transplant"):
// V8 then tries it only where the literal matched instead of at every position, and it accepts the same matches
// (its copy of the literal can only end where the matched literal ends and start where it starts).
import { DRUG_INGREDIENTS, SUPERFICIAL, SYSTEMS } from '../codesets.ts';
import { LIBRARY_DRUGS } from '../library-drugs.ts';
import { INADEQUATE_RESPONSE } from './response-phrases.ts';
import type {
  CancerType,
  EvaluationFact,
  ImagingModality,
  MeasureName,
  RedFlag,
  RiskFactorFact,
  TherapyModality,
  TreatmentPhase,
} from '../fact.ts';
import { wrapTolerant } from './wrap-tolerant.ts';

const rx = (source: string, flags = 'gi'): RegExp => new RegExp(source, flags);
/** A pattern whose spaces match any run of whitespace, for phrases a plan writes across a line end ("to\n
 * determine whether"); " ?" and " *" may match none. Used where a wrapped phrase decides (most patterns keep
 * their literal spaces, which the prefilter reads and which are faster). */
const wrapRx = (source: string, flags = 'gi'): RegExp => new RegExp(wrapTolerant(source), flags);

/** Tacrolimus named as the ointment: alone, the word may be the transplant drug (therapies.ts reads a bare mention as
 * the ointment in a note that names it so elsewhere). */
const TOPICAL_TACROLIMUS_SOURCE =
  '\\btacrolimus(?: 0\\.\\d+ ?%)? (?:ointment|oint|topical)\\b|\\btopical tacrolimus\\b|\\bprotopic\\b';
export const TOPICAL_TACROLIMUS = rx(TOPICAL_TACROLIMUS_SOURCE, 'i');
/** A statement on the patient's word ("pt reports", "per patient", "patient-reported"): the stage a patient recalls
 * is not the pathology's, nor a course's length the pharmacy's (oncology-imaging.ts, therapies.ts). */
export const PATIENTS_WORD =
  '(?:(?:pt|patient|she|he) (?:reports?|states?|says|recalls?|believes|thinks|remembers|was told)|per (?:the )?(?:pt|patient)|(?:pt|patient|self)[- ]reported|by (?:pt|patient) report)';

export interface RedFlagConcept {
  flag: RedFlag;
  pattern: RegExp;
  /** A history of it is the red flag itself (osteoporosis, immunosuppression): historical → affirmed. */
  chronic?: boolean;
  /** Skip the match when the sentence matches this. */
  unless?: RegExp;
  /** The word itself states the flag is absent ("afebrile"). */
  absent?: boolean;
  /** The flag is a new change; a clause matching this tells a long-standing one, which is history, not the flag. */
  longstanding?: RegExp;
  /**
   * The flag concerns a body part its clause may name ("head injury"): the fact carries it, except for a match of
   * this pattern, a mechanism (a fall, a collision) that is the flag whatever part it names.
   */
  mechanism?: RegExp;
}

// Stress incontinence since childbirth, an overactive bladder, a bladder "at baseline": not the new bowel or bladder
// dysfunction of cauda equina syndrome.
const BLADDER_BASELINE =
  /\b(?:stress (?:urinary )?incontinence|urge incontinence|overactive bladder|OAB|BPH|longstanding|long-standing|chronic|(?:at|her|his|unchanged from) baseline|for (?:many |several )?years|since (?:about |around |approximately |~)?(?:19|20)\d{2}|since (?:childbirth|(?:her )?(?:pregnanc(?:y|ies)|deliver(?:y|ies)))|for (?:over |more than )?(?:\d+|two|three|four|five|ten) years)\b/i;

export const RED_FLAGS: readonly RedFlagConcept[] = [
  { flag: 'cauda_equina', pattern: rx('\\bcauda equina(?: syndrome)?\\b') },
  { flag: 'cauda_equina', pattern: rx('\\bCES\\b', 'g') },
  {
    flag: 'saddle_anesthesia',
    pattern: rx(
      '\\bsaddle(?:[- ]area)? (?:an?a?esthesia|hypo-?a?esthesia|numbness|paresthesias?|sensory loss)|\\b(?:perineal|perianal|groin) (?:numbness|an?a?esthesia)|\\bnumbness (?:in|of) the (?:saddle|perineum|perineal area|groin)|\\bnumbness between (?:the|her|his) legs',
    ),
  },
  {
    flag: 'bowel_bladder_dysfunction',
    pattern: rx(
      '\\b(?:(?:bowel|bladder|urinary|b\\/b)(?:\\s*(?:or|and|\\/)\\s*(?:bowel|bladder))?|bowel or bladder|bowel and bladder) (?:incontinence|dysfunction|retention|changes?|symptoms|complaints|issues|problems|control|habits change)|\\bchanges? in (?:bowel|bladder)(?: (?:or|and) (?:bowel|bladder))?(?: habits| function)?|\\burinary retention\\b|\\b(?:trouble|difficulty|unable to|inability to|can.?t|cannot) (?:urinating|urinate|void(?:ing)?|empty (?:the|her|his) bladder)\\b|\\bretaining urine\\b|\\boverflow incontinence\\b|\\bloss of (?:anal |rectal )?sphincter (?:tone|control)\\b|\\bdecreased rectal tone\\b|\\b(?:fecal|stool|urinary|bowel|bladder) incontinence\\b|\\bincontinence of (?:urine|stool|bowel|bladder)|\\bloss of (?:bowel|bladder)(?: (?:or|and|\\/) (?:bowel|bladder))? (?:control|function)|\\bincontinence\\b|\\bsaddle\\b(?= and)',
    ),
    longstanding: BLADDER_BASELINE,
  },
  { flag: 'fever', pattern: rx('\\bafebrile\\b'), absent: true },
  { flag: 'immunosuppression', pattern: rx('\\bimmuno-?competent\\b'), absent: true },
  {
    flag: 'bowel_bladder_dysfunction',
    pattern: rx('\\bcontinent of (?:bowel|bladder|urine|stool)(?: (?:and|or) (?:bowel|bladder))?\\b'),
    absent: true,
  },
  {
    flag: 'fever',
    pattern: rx('(?=[fFpP])(?<!hay |rheumatic |scarlet |valley |yellow )\\b(?:fevers?|febrile|pyrexia)\\b'),
  },
  {
    flag: 'unexplained_weight_loss',
    pattern: rx(
      '\\b(?:unexplained |unintentional |unintended |significant )?(?:weight|wt\\.?) loss\\b|\\blosing weight\\b|\\blost weight\\b|\\bweight (?:is )?down \\d+|\\bcachexia\\b|\\bcachectic\\b|\\blost \\d+ ?(?:lbs?|pounds|kg)\\b',
    ),
    unless:
      /\b(?:intentional(?:ly)?|dieting|diet and exercise|weight loss (?:surgery|medication|program))\b|\b(?:due to|secondary to|side effects?)\b[^.;]{0,30}\bweight loss\b/i,
  },
  {
    flag: 'iv_drug_use',
    pattern: rx(
      '\\bIVD[UA]\\b|\\b(?:IV|intravenous|injection) (?:drug|heroin|opioid|substance|methamphetamine)s? (?:use|abuse|user)\\b|\\binjects? (?:heroin|drugs)\\b|\\bheroin use\\b|\\bPWID\\b',
    ),
  },
  {
    flag: 'immunosuppression',
    pattern: rx(
      '(?<!\\bnon-?)\\bimmuno-?suppress(?:ed|ion|ive (?:therapy|medications?|drugs?))\\b|(?<!\\bnon-?)\\bimmuno-?compromised\\b|\\bHIV\\b(?! (?:negative|test(?:ing)? (?:was )?negative))|(?<!\\b(?:hearing|bilateral|walking|mobility|visual|uses?|wears?|wearing|with) |\\()\\bAIDS\\b(?! (?:in|out)\\b)|\\b(?:solid organ|organ|kidney|renal|liver|heart|lung|cardiac|stem cell|bone marrow) transplant(?:ation|ed)?|transplant(?<=\\b(?:no|denies|without|never had an?) (?:organ )?transplant)(?:s|ation)?\\b|\\bCLL\\b|\\bchronic lymphocytic leuka?emia\\b|\\bhematologic malignancy\\b',
    ),
    chronic: true,
  },
  {
    flag: 'significant_trauma',
    mechanism: /\b(?:fall|fell|slipped|MV[CA]|motor vehicle|car|assault(?:ed)?|struck|high[- ]energy)\b/i,
    // "Slipped on a wet boat ramp this spring, no injury reported": a fall that hurt nothing is no trauma. A "workplace
    // injury" names where it happened and who pays, not a mechanism; a fall or collision at work is read by its own word.
    unless:
      /\b(?:no|without(?: any)?|denies(?: any)?) injur(?:y|ies)\b|\b(?:not|wasn't|was not) (?:hurt|injured)\b|\buninjured\b/i,
    pattern: rx(
      '\\b(?:significant |major |recent |high[- ]energy )?trauma\\b|\\b(?:fall|fell|slipped)(?: and fell)? (?:from|off|down|onto|on(?: to)?)\\b|\\bMV[CA]\\b|\\bassault(?:ed)?\\b|\\bstruck by\\b|\\bmotor vehicle (?:collision|accident|crash)\\b|\\bcar (?:accident|crash)\\b|(?=[iI])(?<!lifting |twisting |overuse |sports |workplace |work |work-related |occupational |on-the-job |kidney |renal |liver |hepatic |lung |pulmonary |myocardial |thermal |drug |skin )\\binjury\\b(?! (?:report|claim|form|paperwork|case|number)s?\\b)',
    ),
  },
  { flag: 'osteoporosis', pattern: rx('\\bosteoporo(?:sis|tic)\\b|\\bfragility fracture\\b'), chronic: true },
  {
    flag: 'chronic_steroid_use',
    unless: /\b(?:topical|cream|ointment|lotion|foam|inhaled|intranasal|TCS)\b/i,
    pattern: rx(
      '\\b(?:chronic|long[- ]term|prolonged|daily|maintenance) (?:oral |systemic )?(?:steroids?|corticosteroids?|prednisone|glucocorticoids?)(?: use| therapy)?\\b|\\bsteroid[- ]dependent\\b|\\b(?:prednisone|methylprednisolone|dexamethasone|steroids?)\\b[^.;]{0,25}\\b(?:for|x|since)\\s*(?:\\d+|many|several)\\s*(?:months?|years?|yrs?)\\b',
    ),
  },
  {
    flag: 'spinal_infection',
    pattern: rx(
      '\\bdis[ck]itis\\b|\\bvertebral osteomyelitis\\b|\\b(?:spinal )?epidural abscess\\b|\\bspinal (?:infection|abscess)\\b',
    ),
  },
  {
    flag: 'progressive_neurological_deficit',
    pattern: rx(
      '\\b(?:progressive|progressing|rapidly progressive|worsening|increasing|new(?:ly developed)?) (?:(?:left|right|bilateral|L|R) )?(?:(?:leg|lower extremity|motor|focal|foot|ankle|hand|arm|hip) )?(?:weakness|numbness|foot drop|neurologic(?:al)? (?:deficits?|symptoms|findings)|motor deficits?)\\b|\\b(?:weakness|foot drop|numbness) (?:is |has been |that is )?(?:progressing|worsening|getting worse)\\b',
    ),
  },
];

/** Generic cancer words: a red flag (history of cancer) without a cancer type. */
export const GENERIC_CANCER = rx(
  '(?=[cCmMoO])(?<!skin |basal cell |squamous cell )\\b(?:cancer|malignanc(?:y|ies)|metastatic disease|oncologic history)\\b(?! screening)(?<!screening for (?:skin )?cancer)',
);

export interface CancerConcept {
  cancerType: CancerType;
  source: string;
  display: string;
  icd10: string;
  caseSensitive?: boolean;
}

// Voice recognition's usual slips are read as the word meant ("basil cell carcinoma", "lentigo maligan").
export const CANCERS: readonly CancerConcept[] = [
  {
    cancerType: 'melanoma_in_situ',
    source: '\\bmelanoma in[- ]situ\\b|\\blentigo malig(?:na|an|nah)\\b(?! melanoma)',
    display: 'Melanoma in situ',
    icd10: 'D03.9',
  },
  {
    cancerType: 'melanoma_in_situ',
    source: '\\bMIS\\b',
    display: 'Melanoma in situ',
    icd10: 'D03.9',
    caseSensitive: true,
  },
  {
    cancerType: 'melanoma',
    source: '\\b(?:lentigo maligna )?melanomas?\\b',
    display: 'Malignant melanoma of skin',
    icd10: 'C43.9',
  },
  {
    cancerType: 'merkel_cell',
    source: '\\bmerkel[- ]cell(?: carcinoma)?\\b|\\bMCC\\b',
    display: 'Merkel cell carcinoma',
    icd10: 'C4A.9',
  },
  {
    cancerType: 'scc_in_situ',
    source: "\\b(?:squamous cell carcinoma|c?SCC) in[- ]situ\\b|\\bSCCIS\\b|\\bbowen'?s disease\\b",
    display: 'Squamous cell carcinoma in situ of skin',
    icd10: 'D04.9',
  },
  {
    cancerType: 'cutaneous_scc',
    source: '\\bsquam(?:ous|us|ish) (?:cell|sell) carcinomas?\\b|\\bc?SCCs?\\b',
    display: 'Squamous cell carcinoma of skin',
    icd10: 'C44.92',
  },
  {
    cancerType: 'bcc',
    source: '\\bba(?:sal|sil|sel|zal) (?:cell|sell) (?:carcinomas?|cancer|epithelioma)\\b|\\bBCCs?\\b',
    display: 'Basal cell carcinoma of skin',
    icd10: 'C44.91',
  },
  {
    cancerType: 'hematologic',
    source: '\\b(?:non-hodgkin |hodgkin )?lymphoma\\b|\\bleuka?emia\\b|\\bCLL\\b|\\b(?:multiple )?myeloma\\b',
    display: 'Hematologic malignancy',
    icd10: 'C96.9',
  },
  {
    cancerType: 'other_solid',
    source:
      '\\b(?:breast|prostate|lung|colon|colorectal|rectal|renal|kidney|thyroid|bladder|pancreatic|ovarian|cervical|uterine|endometrial|gastric|esophageal|head and neck) (?:cancer|carcinoma|adenocarcinoma|malignancy|ca)\\b(?! screening)|\\bNSCLC\\b|\\badenocarcinoma\\b',
    display: 'Malignant neoplasm',
    icd10: 'C80.1',
  },
];

/** One alternation over all cancer concepts; the capture group index names the concept. */
export const CANCER_REGEX = rx(CANCERS.map((c) => `(${c.source})`).join('|'));
export const CANCER_CASE_SENSITIVE = CANCERS.map((c) => c.caseSensitive === true);

/** Cancers whose history is a spine-imaging red flag (keratinocyte cancers and in-situ disease are not). */
export const RED_FLAG_CANCERS: ReadonlySet<CancerType> = new Set([
  'melanoma',
  'merkel_cell',
  'other_solid',
  'hematologic',
]);

export interface TherapyConcept {
  modality: TherapyModality;
  pattern: RegExp;
  /** Agent named by the match (brand and ingredient words map to the ingredient). */
  agentOf?: (match: string) => string | undefined;
  providerDirected?: boolean;
}

/** Brand → ingredient: the library drugs' brands (LIBRARY_DRUGS, by the ingredient's first word, as notes write
 * "certolizumab") and the other drugs notes name by brand. */
const BRANDS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    LIBRARY_DRUGS.flatMap((drug) =>
      drug.brands.map((brand) => [brand.toLowerCase(), drug.ingredient.split(' ')[0] ?? drug.ingredient]),
    ),
  ),
  advil: 'ibuprofen',
  motrin: 'ibuprofen',
  aleve: 'naproxen',
  naprosyn: 'naproxen',
  mobic: 'meloxicam',
  celebrex: 'celecoxib',
  voltaren: 'diclofenac',
  tylenol: 'acetaminophen',
  flexeril: 'cyclobenzaprine',
  robaxin: 'methocarbamol',
  zanaflex: 'tizanidine',
  skelaxin: 'metaxalone',
  soma: 'carisoprodol',
  medrol: 'methylprednisolone',
  'medrol dosepak': 'methylprednisolone',
  neurontin: 'gabapentin',
  lyrica: 'pregabalin',
  cymbalta: 'duloxetine',
  ultram: 'tramadol',
  norco: 'hydrocodone',
  percocet: 'oxycodone',
  protopic: 'tacrolimus',
  elidel: 'pimecrolimus',
  xeljanz: 'tofacitinib',
  keytruda: 'pembrolizumab',
  opdivo: 'nivolumab',
  yervoy: 'ipilimumab',
  opdualag: 'relatlimab',
  tafinlar: 'dabrafenib',
  mekinist: 'trametinib',
  libtayo: 'cemiplimab',
  bavencio: 'avelumab',
  neoral: 'cyclosporine',
  trexall: 'methotrexate',
  // Abbreviations notes use for the systemic steps.
  mtx: 'methotrexate',
  csa: 'cyclosporine',
  kenalog: 'triamcinolone',
};

const lower = (m: string): string => m.toLowerCase().replace(/\s+/g, ' ');

const DRUG_MODALITY = new Map<string, TherapyModality>();
for (const row of DRUG_INGREDIENTS) for (const w of row.words) DRUG_MODALITY.set(w, row.modality);
for (const [brand, agent] of Object.entries(BRANDS)) {
  const modality = DRUG_MODALITY.get(agent);
  if (modality) DRUG_MODALITY.set(brand, modality);
}

/** Topicals are read by the THERAPIES patterns (which need a topical word for tacrolimus), not by drug name. */
const TOPICAL = new Set<TherapyModality>(['topical_corticosteroid', 'topical_calcineurin_inhibitor']);

const drugWords = [...DRUG_MODALITY.entries()]
  .filter(([w, modality]) => !TOPICAL.has(modality) && w !== 'kenalog')
  .map(([w]) => w)
  .sort((a, b) => b.length - a.length);
/** Every drug name (ingredient or brand) in one alternation; the modality comes from DRUG_MODALITY. */
export const DRUG_REGEX = rx(`\\b(?:${drugWords.map((w) => w.replace(/\s+/g, '\\s+')).join('|')})\\b`);
export function drugOf(match: string): { agent: string; modality: TherapyModality } | undefined {
  const key = lower(match);
  const modality = DRUG_MODALITY.get(key);
  if (!modality) return undefined;
  return { agent: BRANDS[key] ?? key, modality };
}

export const THERAPIES: readonly TherapyConcept[] = [
  {
    modality: 'physical_therapy',
    pattern: rx(
      '\\bphysical therap(?:y|ist)\\b|\\bphysiotherapy\\b|(?<!\\b(?:by|from|per) )\\bPT(?:\\/OT)?\\b(?! ?\\/ ?INR)',
      'gi',
    ),
    providerDirected: true,
  },
  {
    modality: 'home_exercise',
    pattern: rx(
      '\\bhome exercises?(?: program)?\\b|\\b[Hh]ome stretching\\b|\\bMcKenzie exercises\\b|\\bcore strengthening\\b',
    ),
  },
  { modality: 'home_exercise', pattern: rx('\\bHEP\\b', 'g') },
  {
    modality: 'chiropractic',
    pattern: rx(
      '\\bchiropract(?:ic|or)(?: care| treatment| adjustments?| manipulation)?\\b|\\bspinal manipulation\\b|\\bOMT\\b|\\bosteopathic manipulation\\b',
    ),
    providerDirected: true,
  },
  {
    modality: 'activity_modification',
    pattern: rx(
      '\\bactivity modification\\b|\\brelative rest\\b|\\bmodified duty\\b|\\blight duty\\b|\\bavoid(?:ing|ance of)? heavy lifting\\b',
    ),
  },
  {
    modality: 'nsaid',
    pattern: rx('\\bNSAIDs?\\b|\\bnon-?steroidal anti-?inflammator(?:y|ies)(?: drugs?)?\\b|\\banti-?inflammatories\\b'),
  },
  { modality: 'muscle_relaxant', pattern: rx('\\bmuscle relaxants?\\b') },
  {
    modality: 'oral_steroid',
    pattern: rx(
      '\\b(?:oral )?(?:steroid|prednisone) (?:taper|burst|dose ?pack)\\b|\\bdose ?pack\\b|\\boral (?:steroids?|corticosteroids?)\\b',
    ),
    providerDirected: true,
  },
  { modality: 'neuropathic_agent', pattern: rx('\\bneuropathic (?:agents?|medications?|pain medications?)\\b') },
  { modality: 'opioid', pattern: rx('\\bopioids?\\b|\\bnarcotics?\\b') },
  {
    modality: 'epidural_steroid_injection',
    pattern: rx(
      '\\b(?:lumbar |caudal |interlaminar |transforaminal )?epidural(?! (?:abscess|hematoma|lipomatosis|space|anesthesia|analgesia|catheter))(?: steroid)?(?: injections?)?\\b|\\bT?F?ESIs?\\b|\\btransforaminal (?:steroid )?injections?\\b|\\bselective nerve root blocks?\\b',
    ),
    providerDirected: true,
  },
  {
    modality: 'spinal_surgery',
    pattern: rx(
      '\\b(?:lumbar |L\\d-?\\d? )?(?:micro)?discectomy\\b|\\b(?:lumbar |L\\d-?\\d? )?laminectomy\\b|\\b(?:lumbar|spinal|L\\d-?(?:\\d|S1)) fusion\\b|(?=[bBsSlL])(?<!\\b(?:to|with|orthop(?:a)?edic|ortho|neuro|of) )\\b(?:back|spine|spinal|lumbar) surgery\\b(?! (?:referral|consult|evaluation|clinic|center|centre|associates|department|service|division|fellowship))|\\blaminotomy\\b|\\bforaminotomy\\b',
    ),
    providerDirected: true,
  },
  {
    modality: 'topical_corticosteroid',
    pattern: rx(
      '\\btopical (?:cortico)?steroids?\\b|(?<!\\bnon-?)\\b(?:cortico)?steroid (?:cream|ointment|oint|lotion|solution|foam|gel)s?\\b|\\bTCS\\b|\\btopicals\\b|\\bTAC(?= \\d+(?:\\.\\d+)? ?%| (?:cream|ointment|oint|lotion)\\b)|\\b(?:the|her|his) TAC\\b|\\b(?:low|mid|medium|high|super)[- ]?(?:high[- ])?potency (?:topical )?(?:cortico)?steroids?\\b|\\b(?:triamcinolone|hydrocortisone|betamethasone|clobetasol|fluocinonide|fluocinolone|mometasone|desonide|desoximetasone|halobetasol|halcinonide|amcinonide|diflorasone|alclometasone|prednicarbate)(?: (?:acetate|valerate|dipropionate|propionate|furoate))?(?: \\d+(?:\\.\\d+)? ?%)? ?(?:cream|ointment|oint|lotion|solution|foam|gel)?\\b',
    ),
    // "TAC 0.1% oint", "used the TAC": dermatology's abbreviation of triamcinolone acetonide, only before a strength or
    // a vehicle, or named as the patient's own tube.
    agentOf: (match) => (/^(?:(?:the|her|his) )?tac\b/i.test(match) ? 'triamcinolone' : undefined),
  },
  {
    modality: 'topical_calcineurin_inhibitor',
    pattern: rx(
      `\\btopical calcineurin inhibitors?\\b|\\bTCIs?\\b|${TOPICAL_TACROLIMUS_SOURCE}|\\bpimecrolimus\\b|\\belidel\\b`,
    ),
    providerDirected: true,
  },
  {
    modality: 'topical_jak_inhibitor',
    pattern: rx(
      '\\bruxolitinib(?: \\d+(?:\\.\\d+)? ?%)? (?:cream|topical)\\b|\\btopical ruxolitinib\\b|\\bopzelura\\b',
    ),
    agentOf: () => 'ruxolitinib',
    providerDirected: true,
  },
  {
    modality: 'topical_pde4_inhibitor',
    pattern: rx('\\broflumilast(?: \\d+(?:\\.\\d+)? ?%)? (?:cream|foam|topical)\\b|\\bzoryve\\b'),
    agentOf: () => 'roflumilast',
    providerDirected: true,
  },
  {
    modality: 'phototherapy',
    pattern: rx(
      '\\bphototherapy\\b|\\bNB-?UVB\\b|\\bnarrow-?band UVB\\b|\\bPUVA\\b|\\blight therapy\\b|\\bexcimer(?: laser)?\\b|\\bUVB\\b',
    ),
    providerDirected: true,
  },
  {
    modality: 'systemic_anticancer_therapy',
    pattern: rx(
      '\\bimmunotherapy\\b|\\bcheckpoint inhibitors?\\b|\\bchemotherapy\\b|\\btargeted therapy\\b|\\banti-?PD-?1\\b',
    ),
    providerDirected: true,
  },
  {
    modality: 'radiation_therapy',
    pattern: rx(
      '\\b(?:adjuvant |palliative )?(?:radiation (?:therapy|treatment)|radiotherapy|XRT|SRS|stereotactic radiosurgery)\\b|\\b(?:adjuvant|palliative|completed|received|underwent|s\\/p|mantle|field|involved[- ]field|total[- ]body|whole[- ]brain|external beam|proton) radiation\\b',
    ),
    providerDirected: true,
  },
  {
    modality: 'cancer_surgery',
    pattern: rx(
      '\\bwide local excision\\b|\\b(?:(?:complete(?:ly)?|surgical(?:ly)?|standard|simple) )?excis(?:ion|ed)\\b(?! (?:biopsy|of (?:a |the )?(?:cyst|lipoma|nevus|mole|seborrheic)))|\\bWLE\\b|\\bMohs(?: micrographic)?(?: surgery| excision)?\\b|\\b(?:completion )?(?:lymph )?node dissection\\b|\\bneck dissection\\b|\\bparotidectomy\\b|\\b(?:CLND|LND)\\b|\\bmetastasectomy\\b|\\b(?:radical )?(?:prostatectomy|mastectomy|lumpectomy|colectomy|nephrectomy|lobectomy|thyroidectomy)\\b',
    ),
    providerDirected: true,
  },
];

/** Treatments of a cancer: surgery, radiation, systemic therapy (completing them ends the initial strategy). */
export const CANCER_TREATMENT_MODALITIES: ReadonlySet<TherapyModality> = new Set([
  'cancer_surgery',
  'radiation_therapy',
  'systemic_anticancer_therapy',
]);

/** Drug modalities that need a prescription (provider-directed by nature). */
export const PRESCRIPTION_MODALITIES: ReadonlySet<TherapyModality> = new Set([
  'muscle_relaxant',
  'oral_steroid',
  'neuropathic_agent',
  'opioid',
  'methotrexate',
  'cyclosporine',
  'apremilast',
  'biologic',
  'jak_inhibitor',
  'systemic_anticancer_therapy',
  'topical_calcineurin_inhibitor',
]);
export const PRESCRIPTION_NSAIDS: ReadonlySet<string> = new Set([
  'meloxicam',
  'diclofenac',
  'celecoxib',
  'ketorolac',
  'etodolac',
  'nabumetone',
]);

/** A drug stated tolerated: its words ("no nausea", "no side effects") are not read as intolerance. */
export const TOLERATED =
  /\b(?:tolerat(?:ed|ing)(?: (?:it|this|them|the \w+|therapy|treatment))? (?:well|fine|ok(?:ay)?|without (?:any )?(?:problems?|issues?|difficulty|side effects?|burning|stinging|irritation))|well[- ]tolerated|(?:no|without|denies|denied) (?:any )?(?:side effects?|burning or stinging|burning, stinging|adverse (?:effects?|reactions?|events?)|nausea|GI upset|intolerance|(?:lab )?abnormalit(?:y|ies)|toxicity)|(?:no|or) (?:other |further )?(?:problems?|issues?) (?:with|on) (?:it|the \w+)|not (?:for|due to|because of|d\/t|from) (?:any )?(?:AEs?|adverse (?:effects?|events?|reactions?)|side effects?|intolerance|toxicity)(?:\s*\/\s*(?:AEs?|intolerance|side effects?|toxicity))*)\b/gi;

/** A course stopped by choice, for a reason that is neither failure nor intolerance ("stopped by the parent over
 * steroid fears", "for convenience", "finds the ointment messy", "cost"): the trial ended short, not badly. */
const CHOICE_REASONS =
  "(?:boxed|black[- ]box) warning|package insert|after reading|preference|prefer\\w*|convenien\\w*|inconvenien\\w*|did(?:n't| not) like|dislike\\w*|fears?|phobia|worr(?:y|ied|ies)|concerns?|cost|expens\\w*|ran out|forgot|messy|greasy|sticky|texture|time[- ]consuming|hassle|quick results";
/** A reason for stopping that is the patient's choice (also read from a coded stop reason). */
export const CHOICE_REASON = new RegExp(`\\b(?:${CHOICE_REASONS})\\b`, 'i');
// "Used it about 10 days, then ran out and never picked up the refill": a supply let lapse is a stop by choice too
// (running out alone may be a gap in a course that went on).
export const STOPPED_BY_CHOICE = new RegExp(
  `\\b(?:stopped|quit|discontinued|d\\/c'?d|stopped using)\\b[^.;]{0,70}\\b(?:${CHOICE_REASONS})\\b|\\b(?:never (?:refilled|picked up (?:the |a )?refill)|did(?:n't| not) (?:refill|pick up (?:the |a )?refill))\\b`,
  'i',
);

/** Therapy outcome phrases, checked in this order (intolerance wins over failure, failure over completion). */
export const OUTCOMES: readonly {
  outcome: 'intolerance' | 'failed' | 'contraindicated' | 'completed' | 'improved' | 'ongoing';
  pattern: RegExp;
}[] = [
  {
    outcome: 'intolerance',
    pattern:
      /\b(?:intoleran(?:t|ce)|not tolerated|(?:did not|didn't|unable to|could not|couldn't) tolerate|side effects?|adverse (?:effects?|reactions?)|GI upset|nausea|burning|stinging|irritation|dizzy|dizziness|drowsy|sedating|too (?:sedating|drowsy|sleepy|strong)|transaminitis|hepatotoxicity|somnolence|fatigue|brain fog|foggy|weight gain|edema|rash|hives|palpitations|dyspepsia|gastritis|GI bleed|drowsiness|sedation|dizziness|conjunctivitis|injection[- ]site reactions?|allergic reaction|elevated (?:LFTs|liver enzymes|creatinine)|hypertension|nephrotoxicity)\b/i,
  },
  {
    outcome: 'failed',
    pattern:
      /\b(?:failed|failure|fail|fails|failing|no (?:significant |meaningful |lasting )?(?:relief|improvement|benefit|response)|without (?:significant )?(?:relief|improvement|benefit|response)|ineffective|not effective|(?:did not|didn't|does not|doesn't) (?:help|improve|work|respond)|(?:wasn'?t|was not|isn'?t|is not|weren'?t|aren'?t|are not) (?:getting (?:any )?better|improving|doing (?:anything|much)|working|helping)|not\s+(?:working|helping)\s+(?:fast\s+|quickly\s+)?enough|(?:didn't|did not) do (?:anything|much)|not helpful|(?:minimal|mild|slight|little|limited) (?:relief|improvement|benefit|response)|(?:no|without) change|unchanged|inadequate(?: (?:response|relief|control|improvement))?|partial (?:help|relief|improvement|benefit)|(?:helps?|helped|improved|better) (?:the \w+ )?(?:only )?(?:a little|a bit|slightly|somewhat|marginally)\b[^.;]{0,30}\bstill|(?:helps?|helped|improved|better)\b[^.;]{0,25}\b(?:but|yet) still|(?:helps?|helped|improved|better)\b[^.;]{0,25}\b(?:but|yet)\b[^.;]{0,60}\bnever (?:fully )?(?:clears?|cleared|resolves?|resolved|goes away|went away)|partially (?:controlled|effective|helpful|responsive)|never (?:got|gets|get|became|was) (?:more than |beyond )?(?:partly|partially|somewhat|slightly|a little|a bit) (?:better|improved)|(?:only )?(?:partly|partially) (?:better|improved)|never (?:fully |completely )?(?:clears?|cleared|resolves?|resolved)|(?:getting|got|gotten|became|becoming) worse|worse,? not better|not (?:any )?better|flares? (?:on|with|during|after) (?:the )?(?:taper|tapering)|(?:transient|temporary|short-lived|brief|partial)(?: (?:early|initial))? (?:relief|improvement|benefit|response|help)|(?:early|initial) (?:relief|improvement|benefit|response)\b[^.;]{0,30}\b(?:then|but|before)\b[^.;]{0,10}\b(?:flared|worsened|recurred|returned|came back|rebounded|lost)|some (?:help|relief|improvement|benefit)\b[^.;]{0,40}\bstill|(?:helps?|helped|works?|worked|improves?|improved|better)\b[^.;]{0,30}\b(?:then|but|until)\b[^.;]{0,25}\b(?:comes? (?:right )?back|returns?|returned|recurs?|recurred|flares?|flared|wears? off|wore off)|none (?:of (?:them|these|which) )?(?:(?:was|were|has been|have been) )?(?:helpful|effective|helped|worked)|nothing (?:has |have )?(?:helped|worked)|(?:inadequately|poorly|not) controlled|uncontrolled|insufficient (?:response|improvement)|lack of (?:efficacy|response|improvement|relief)|lost (?:response|efficacy)|loss of (?:response|efficacy)|partial response|refractory|despite|unresponsive|non-?respon(?:se|der|sive)|(?:primary|secondary) failure|no better|not improved|(?:stopped|discontinued) (?:due to|for) (?:lack|loss))\b/i,
  },
  { outcome: 'failed', pattern: INADEQUATE_RESPONSE },
  {
    outcome: 'intolerance',
    // A stop for a reason, unless the reason is the patient's choice ("self-discontinued for preference/convenience").
    pattern:
      /\b(?:stopped|discontinued|d\/c'?d|dc'?d|held) (?:for|due to|because of|secondary to)\b(?!\s+(?:(?:the |her |his |patient |personal )?(?:preference|convenience|choice|cost|insurance|travel|pregnancy planning|dislike)))/i,
  },
  {
    outcome: 'contraindicated',
    pattern:
      /\b(?:contraindicat(?:ed|ion)|(?:cannot|can't|unable to) (?:take|do|attend|access|travel)|not a candidate for|not (?:feasible|possible|practical|an option|available|covered)|unavailable|no access|avoid(?:s|ed)? due to)\b/i,
  },
  { outcome: 'completed', pattern: /\b(?:completed|finished|s\/p|status post|course (?:was )?completed)\b/i },
  {
    outcome: 'improved',
    pattern:
      /\b(?:improved|improvement|improving|helped|helpful|good (?:relief|response|control)|relief|helps|better|responding|responded|response|cleared|clear(?! (?:history|answer|record|picture|documentation|indication|plan|idea|understanding))|controlled|resolved|effective)\b/i,
  },
  {
    outcome: 'ongoing',
    pattern:
      /\b(?:continues?|continuing|cont\.?|current(?:ly)?|ongoing|still (?:taking|on|doing|attending|using)|taking|using|uses|attending|started|began|prescribed|is on|remains on|on \w+ since)\b/i,
  },
];

/** "Conservative care" names a therapy course without a modality: it owns its duration, but yields no fact. */
export const CONSERVATIVE = rx(
  '\\bconservative (?:care|therapy|treatment|management|measures)\\b|\\boptimal medical management\\b',
);

export const SELF_DIRECTED =
  /\b(?:OTC|over[- ]the[- ]counter|on (?:his|her|their) own|self[- ](?:directed|treated|prescribed|guided|initiated)|without (?:a )?prescription|YouTube|online videos?)\b/i;
export const PROVIDER_DIRECTED =
  /\b(?:prescribed|rx'?d|ordered|directed|supervised|referred|per (?:Dr|PCP|provider|physician|PT|ortho)|by (?:Dr|PCP|(?:his|her) (?:PCP|physician|doctor|provider))|from (?:PT|physical therap)|formal)\b/i;

/** The clinical families of note extraction (notes/families/); a concept row names the family that reads it. */
export type NoteFamily = 'spine' | 'oncology-imaging' | 'mohs' | 'inflammatory-skin';

export interface ConditionConcept {
  family: NoteFamily;
  pattern: RegExp;
  icd10: string;
  display: string;
  /** A skin disease whose sentence names where it is: its site words become the fact's body sites. */
  sited?: true;
}

export const CONDITIONS: readonly ConditionConcept[] = [
  {
    family: 'spine',
    // "Follow-up low back and left leg pain": a low back pain that names the leg beside it.
    pattern: rx(
      '\\b(?:chronic |acute |subacute |mechanical )?(?:low(?:er)? back(?:\\s*(?:and|&|/)\\s*(?:(?:left|right|bilateral|L|R)\\s+)?(?:leg|buttock|hip))? pain|LBP|lumbago)\\b',
    ),
    icd10: 'M54.50',
    display: 'Low back pain, unspecified',
  },
  {
    family: 'spine',
    pattern: rx(
      '\\blumbar radicul(?:opathy|itis|ar (?:pain|symptoms))\\b|\\bL[1-5] radicul(?:opathy|itis|ar (?:pain|symptoms))\\b',
    ),
    icd10: 'M54.16',
    display: 'Radiculopathy, lumbar region',
  },
  {
    family: 'spine',
    pattern: rx(
      '\\blumbosacral radicul(?:opathy|itis|ar (?:pain|symptoms))\\b|\\bS1 radicul(?:opathy|itis|ar (?:pain|symptoms))\\b',
    ),
    icd10: 'M54.17',
    display: 'Radiculopathy, lumbosacral region',
  },
  { family: 'spine', pattern: rx('\\bsciatica\\b'), icd10: 'M54.30', display: 'Sciatica, unspecified side' },
  {
    family: 'spine',
    pattern: rx('\\b(?:lumbar )?(?:spinal |foraminal |central (?:canal )?)stenosis\\b'),
    icd10: 'M48.061',
    display: 'Spinal stenosis, lumbar region without neurogenic claudication',
  },
  {
    family: 'spine',
    pattern: rx(
      '\\b(?:lumbar )?dis[ck] (?:herniation|protrusion|extrusion)\\b|\\bherniated (?:lumbar )?dis[ck]\\b|\\bHNP\\b',
    ),
    icd10: 'M51.26',
    display: 'Other intervertebral disc displacement, lumbar region',
  },
  // Degenerative disease and spondylolisthesis, named or denied ("XR: no spondylolisthesis, no degenerative change"):
  // one payer pathway images them after a shorter trial. Category codes: the note rarely says what a billable code
  // would (M51.36x by the pain it causes, M47.81x by its level).
  {
    family: 'spine',
    pattern: rx(
      '\\b(?:lumbar )?degenerative dis[ck] disease\\b|\\bDDD\\b|\\bdis[ck] degeneration\\b|\\bdegenerative (?:change|disease|disc changes)s?\\b|\\bdesiccated dis[ck]s?\\b|\\bdis[ck] desiccation\\b',
    ),
    icd10: 'M51.36',
    display: 'Other intervertebral disc degeneration, lumbar region',
  },
  {
    family: 'spine',
    pattern: rx('\\b(?:lumbar )?spondylosis\\b|\\bfacet (?:arthropathy|arthrosis|hypertrophy|osteoarthritis|OA)\\b'),
    icd10: 'M47.8',
    display: 'Other spondylosis',
  },
  {
    family: 'spine',
    pattern: rx('\\b(?:degenerative |isthmic )?spondylolisthesis\\b|\\banterolisthesis\\b|\\bretrolisthesis\\b'),
    icd10: 'M43.1',
    display: 'Spondylolisthesis',
  },
  {
    family: 'inflammatory-skin',
    pattern: rx('\\batopic dermatitis\\b|\\beczema\\b|\\bAD\\b(?= (?:flare|with|since|diagnosed|on))'),
    icd10: 'L20.9',
    display: 'Atopic dermatitis, unspecified',
    sited: true,
  },
  {
    family: 'inflammatory-skin',
    pattern: rx('\\bpsoriatic arthritis\\b'),
    icd10: 'L40.50',
    display: 'Arthropathic psoriasis, unspecified',
  },
  {
    family: 'inflammatory-skin',
    pattern: rx('\\bPsA\\b', 'g'),
    icd10: 'L40.50',
    display: 'Arthropathic psoriasis, unspecified',
  },
  {
    family: 'inflammatory-skin',
    pattern: rx('\\b(?:chronic )?(?:plaque )?psoriasis\\b(?! area)'),
    icd10: 'L40.0',
    display: 'Psoriasis vulgaris',
    sited: true,
  },
  // Conditions that contraindicate methotrexate, a step of the psoriasis policies: stated or denied in the note
  // ("bridging fibrosis", "no liver disease"), they decide the step's contraindication pathway either way.
  {
    family: 'inflammatory-skin',
    pattern: rx('\\bcirrhosis\\b'),
    icd10: 'K74.60',
    display: 'Unspecified cirrhosis of liver',
  },
  {
    family: 'inflammatory-skin',
    pattern: rx('\\b(?:bridging|hepatic|liver) fibrosis\\b'),
    icd10: 'K74.00',
    display: 'Hepatic fibrosis, unspecified',
  },
  {
    family: 'inflammatory-skin',
    pattern: rx('\\b(?:chronic )?(?:liver|hepatic)(?: or (?:kidney|renal))? disease\\b'),
    icd10: 'K76.9',
    display: 'Liver disease, unspecified',
  },
  {
    family: 'inflammatory-skin',
    pattern: rx('\\balcohol(?:ism| (?:use disorder|dependence))\\b'),
    icd10: 'F10.20',
    display: 'Alcohol dependence, uncomplicated',
  },
];
export const ICD10_SYSTEM = SYSTEMS.icd10;

export interface MeasureConcept {
  family: NoteFamily;
  name: MeasureName;
  unit: string;
  pattern: RegExp;
  max: number;
}

export const MEASURES: readonly MeasureConcept[] = [
  {
    family: 'spine',
    name: 'pain_score',
    unit: '{score}',
    max: 10,
    pattern: rx(
      '(?=\\d)(?<=\\/10\\b[^.;]{0,25}?,\\s*)(\\d{1,2})\\s*\\/\\s*10\\b|(?=\\d)(?<=\\bpain (?:is |was |remains )?[a-z]+,\\s*)(\\d{1,2})\\s*\\/\\s*10\\b|(?=\\d)(?<=\\bpain\\b[^.;/]{0,50}?\\b(?:now|currently|today|at|of|to)\\s*)(\\d{1,2})\\s*\\/\\s*10\\b|(?=[pPvVnN])(?<!(?:itch|itching|pruritus)\\s)\\b(?:pain(?: score| level| rating| intensity)?|VAS|NRS|NPRS)(?:\\s+(?!of\\b|is\\b|at\\b)[a-z]+){0,2},?\\s*(?:is|of|at|:|=|rated|rated at|currently|today|now)?\\s*(?:(?:an?|at|as|about|approximately|currently|now|today|\\d{1,2}\\s*-)\\s*)?(\\d{1,2}(?:\\.\\d)?)\\s*\\/\\s*10\\b|\\b(\\d{1,2}(?:\\.\\d)?)\\s*\\/\\s*10\\s+(?:\\w+\\s+)?(?:pain|on (?:the )?(?:VAS|NRS|pain scale))',
    ),
  },
  {
    family: 'spine',
    name: 'odi',
    unit: '%',
    max: 100,
    pattern: rx('\\b(?:ODI|Oswestry(?: Disability Index)?)(?: score)?\\s*(?:of|is|was|:|=)?\\s*(\\d{1,3})\\s*%?'),
  },
  {
    family: 'inflammatory-skin',
    name: 'bsa_percent',
    unit: '%',
    max: 100,
    // "BSA <1%": the near-clear skin a response is written as, read at its bound. ("BSA today approx 15 percent",
    // "BSA estimate 12 pct": the words a note types for the sign.)
    pattern: rx(
      '\\bBSA(?: involvement| involved| affected)?\\s*(?:(?:now|currently|today) )?(?:of|is|was|:|=)?\\s*[<≤]\\s*(1)\\s*%|\\bBSA(?: involvement| involved| affected)?\\s*(?:(?:now|currently|today|at baseline|estimated at|estimate[ds]?|of|is|was|:|=|~|approximately|approx\\.?|about)\\s*){0,3}~?(\\d{1,3}(?:\\.\\d+)?)\\s*(?:%|percent\\b|pct\\b)|(?<!\\b(?:under|below|less than|fewer than|up to|at most|no more than)\\s*|[<≤]\\s*)\\b(\\d{1,3}(?:\\.\\d+)?)\\s*%\\s*(?:of\\s*)?(?:the\\s*)?(?:BSA|body surface area|TBSA)\\b|\\bbody surface area(?: involvement| involved| affected)?\\s*(?:of|is|was|:)?\\s*(\\d{1,3}(?:\\.\\d+)?)\\s*%',
    ),
  },
  {
    family: 'inflammatory-skin',
    name: 'easi',
    unit: '{score}',
    max: 72,
    pattern: rx(
      '(?=[eE])(?<!(?:achieved|reached|attained|an?)\\s)\\bEASI(?! ?-)(?: score)?\\s*(?:(?:improved|decreased|down|reduced|worsened|increased) )?(?:from )?(?:of|is|was|:|=)?\\s*(\\d{1,2}(?:\\.\\d+)?)\\b(?!\\s*(?:response|%))',
    ),
  },
  {
    family: 'inflammatory-skin',
    name: 'iga',
    unit: '{score}',
    max: 4,
    pattern: rx(
      "\\b(?:v?IGA(?:-AD)?|investigator'?s? global assessment)(?: score)?\\s*(?:of|is|was|:|=)?\\s*([0-4])\\b(?!\\s*\\/\\s*1)",
    ),
  },
  {
    family: 'inflammatory-skin',
    name: 'pasi',
    unit: '{score}',
    max: 72,
    pattern: rx(
      '(?=[pP])(?<!(?:achieved|reached|attained|an?)\\s)\\bPASI(?! ?-)(?: score)?\\s*(?:of|is|was|:|=)?\\s*(\\d{1,2}(?:\\.\\d+)?)\\b(?!\\s*(?:response|%))',
    ),
  },
  {
    family: 'inflammatory-skin',
    name: 'dlqi',
    unit: '{score}',
    max: 30,
    pattern: rx('\\bDLQI(?: score)?\\s*(?:of|is|was|:|=)?\\s*(\\d{1,2})\\b'),
  },
  {
    family: 'oncology-imaging',
    name: 'ldh',
    unit: 'U/L',
    max: 10000,
    pattern: rx('\\bLDH\\s*(?:of|is|was|:|=)?\\s*(\\d{2,5})\\b'),
  },
];

export interface ImagingConcept {
  modality: ImagingModality;
  pattern: RegExp;
}

/** One alternation, PET/CT first so that its CT part is not read again as a CT. */
export const IMAGING_REGEX = rx(
  '\\b((?:FDG[- ])?PET[- /]?CTs?|(?:FDG[- ])?PET(?:\\/CT)?(?: scans?)?)\\b|\\b(MRIs?|MR imaging|magnetic resonance imaging)\\b|\\b(CT(?: scans?)?|CAT scans?)\\b(?! ?\\/)(?![- ]guided)|\\b(x-?rays?|XR|radiographs?|plain films?)\\b|\\b(ultrasound|sonogram)\\b|\\b(bone scans?)\\b',
);
export const IMAGING_GROUP_MODALITY: readonly ImagingModality[] = [
  'pet',
  'mri',
  'ct',
  'xray',
  'ultrasound',
  'bone_scan',
];

export const BODY_SITES: readonly { pattern: RegExp; site: string }[] = [
  { pattern: /\b(?:lumbar|lumbosacral|L-?spine|LS spine|low back|T\/L spine|thoracolumbar)\b/i, site: 'lumbar spine' },
  { pattern: /\b(?:cervical|C-?spine)\b/i, site: 'cervical spine' },
  { pattern: /\b(?:whole[- ]body|full[- ]body|vertex to (?:toes|feet))\b/i, site: 'whole body' },
  { pattern: /\bskull base to (?:mid-?)?thigh\b/i, site: 'skull base to mid-thigh' },
  { pattern: /\b(?:C\/A\/P|CAP|chest,? abdomen,? (?:and )?pelvis)\b/, site: 'chest, abdomen and pelvis' },
  { pattern: /\b(?:brain|head)\b/i, site: 'brain' },
  { pattern: /\b(?:chest|thorax)\b/i, site: 'chest' },
  { pattern: /\b(?:abdomen|pelvis)\b/i, site: 'abdomen and pelvis' },
  { pattern: /\bneck\b/i, site: 'neck' },
  // Other studies a record lists beside the spine's, so that an MRI of the knee is not read as a lumbar one.
  { pattern: /\b(?:knee|hip|ankle|foot|thigh|leg)\b/i, site: 'lower limb' },
  { pattern: /\b(?:shoulder|elbow|wrist|hand|arm)\b/i, site: 'upper limb' },
  { pattern: /\b(?:thoracic|T-?spine)\b/i, site: 'thoracic spine' },
];

export const PET_INITIAL =
  /\binitial (?:anti-?tumou?r )?(?:treatment )?strategy\b|\bPI modifier\b|\b(?:initial|baseline) staging\b|\bfor staging\b|\bbaseline\b/i;
export const PET_SUBSEQUENT =
  /\bsubsequent (?:anti-?tumou?r )?(?:treatment )?strategy\b|\bPS modifier\b|\bre-?stag(?:e|ing)\b|\bsurveillance\b|\bresponse (?:assessment|evaluation)\b|\bassess(?:ing)? (?:treatment |the )?response\b|\brecurren(?:ce|t)\b|\bfollow-?up\b/i;

export const TREATMENT_PHASES: readonly { phase: TreatmentPhase; pattern: RegExp }[] = [
  { phase: 'diagnosis', pattern: rx('\\b(?:newly|recently) diagnosed\\b|\\bnew diagnosis of\\b') },
  {
    phase: 'staging',
    // "To exclude distant metastases before parotidectomy", "metastatic work-up": the extent asked before treatment.
    pattern: rx(
      '\\b(?:initial |baseline )?staging(?: work-?up| evaluation| imaging)?\\b(?<!restaging)|\\bto stage\\b|\\bto (?:exclude|rule out|evaluate for|assess for|look for) distant (?:metastas[ie]s|disease|spread)\\b|\\bmetastatic work-?up\\b|\\b(?:pre-?operative|pre-?surgical) (?:work-?up|staging|imaging|evaluation)\\b',
    ),
  },
  {
    phase: 'on_therapy',
    pattern: rx(
      '\\b(?:currently|presently) (?:on|receiving)\\b|\\bon (?:adjuvant |maintenance )?(?:pembrolizumab|nivolumab|ipilimumab|dabrafenib|immunotherapy|chemotherapy|targeted therapy|systemic therapy|keytruda|opdivo)\\b|\\b(?:cycle|dose) #?\\d+ of\\b|\\bmid-treatment\\b',
    ),
  },
  {
    phase: 'completed_initial_therapy',
    pattern: rx(
      '\\bs\\/p\\b[^.;]{0,60}\\badjuvant\\b|\\b(?:completed|finished) (?:\\w+ ){0,4}(?:therapy|treatment|immunotherapy|radiation|course|chemotherapy|nivolumab|pembrolizumab)\\b|\\b(?:completion|end) of (?:adjuvant |initial )?(?:\\w+ )?(?:therapy|treatment|immunotherapy|pembrolizumab|nivolumab)\\b|\\boff (?:therapy|treatment)\\b',
    ),
  },
  {
    phase: 'surveillance',
    pattern: rx(
      '\\bsurveillance\\b|\\bNED\\b|\\bno evidence of (?:disease|recurrence)\\b|\\bin (?:complete )?remission\\b',
    ),
  },
];

export const MANAGEMENT_CHANGE = wrapRx(
  '\\b(?:will|would|to|may|should|could) (?:change|alter|guide|determine|direct|inform|affect|impact|dictate) (?:\\w+ ){0,3}?(?:management|treatment|therapy|plan|candidacy|surgical planning|next steps?)\\b|\\bchange (?:in|of) management\\b|\\b(?:extent(?: of (?:the )?disease)?|results?|findings) (?:determines|decides|guides|dictates|directs)\\b|\\b(?:question|answer|finding|result) that (?:decides|determines|guides|drives|will (?:decide|determine|guide|drive)) (?:the |her |his )?(?:treatment|therapy|management|plan|next steps?)\\b|\\bmanagement (?:will|would) (?:change|be altered)\\b|\\bresults? (?:will|would) (?:determine|guide|change|decide|inform|dictate)\\b|\\bto determine (?:candidacy|eligibility|whether|if|resectability|(?:the )?extent)\\b|\\bif (?:progression|progressive disease|positive|negative|recurrence)\\b[^.;]{0,40}\\b(?:will|switch|change|start|proceed|escalate)\\b|\\bif\\b[^.;]{0,50}\\b(?:(?:is|are) )?(?:found|seen|present|detected|identified|confirmed)\\b[^.;]{0,30}\\bwill\\b|\\bto decide (?:between|whether|on|(?:the |her |his )?(?:treatment|therapy|management|next steps?|plan))\\b|\\bbefore (?:committing(?: (?:her|him|them|the patient))? to|proceeding with|deciding on|we commit(?: (?:her|him|them))? to|we proceed with) (?:this|that|it|the plan|surgery|resection|treatment|systemic therapy|metastasectomy|(?:[\\w-]+ ){0,2}(?:dissection|resection|excision|surgery|parotidectomy|lymphadenectomy))\\b|\\bcandida(?:cy|te) for (?:metastasectomy|resection|surgical resection|systemic therapy|immunotherapy|adjuvant therapy)\\b|\\b(?:assess|evaluate) (?:for )?resectability\\b|\\bsurgical planning\\b|\\b(?:for|to guide|to plan) (?:possible )?(?:[\\w/-]+ ){0,4}planning\\b|\\bto (?:define|assess|evaluate) (?:the )?extent\\b|\\b(?:if|should) (?:the )?(?:PET(?:\\/CT)?|imaging|scan) (?:shows|show|demonstrates?|reveals?|confirms?)\\b',
);

// Candidacy is often stated in a sentence a note wraps mid-phrase ("a candidate for a right\nL4-5 transforaminal
// epidural"): those rows read a line end as a space.
export const EVALUATIONS: readonly { type: EvaluationFact['type']; pattern: RegExp }[] = [
  {
    type: 're_evaluation',
    pattern: rx(
      '\\bre-?evaluat(?:ed|ion|e)\\b|\\bre-?assess(?:ed|ment)?\\b|\\bre-?examin(?:ed|ation)\\b|\\breturns? (?:today )?(?:for|after|following) (?:re-?evaluation|follow-?up|reassessment|recheck)\\b|\\b(?:follow-?up|f\\/u) (?:visit |evaluation |exam )?(?:after|following) (?:\\d+ (?:weeks?|wks?) of )?(?:PT|physical therapy|conservative|therapy|treatment|the trial)\\b|\\bseen (?:today |again )?in follow-?up\\b|\\b(?:presents|here|returns) for follow-?up\\b',
    ),
  },
  {
    type: 'surgical_candidate',
    pattern: wrapRx(
      '\\b(?:surgical|operative) candidate\\b|\\bcandidate for (?:(?:an? )?(?:injection|ESI|epidural|PT|therapy) (?:or|and|\\/) )?(?:surgery|surgical (?:intervention|decompression|management)|decompression|(?:micro)?discectomy|laminectomy|fusion)\\b|\\b(?:refer(?:ral|red)? to|consult(?:ation)? with|evaluation by|seen by) (?:a )?(?:spine |orthopedic |ortho |neuro)?(?:surgery|surgeon|neurosurgery|neurosurgeon|spine surgeon|spine surgery|spine)\\b|\\bsurgical (?:consult(?:ation)?|referral|evaluation|options?)\\b|\\b(?:neuro|spine |orthopedic spine )?surg(?:ery|ical|eon) (?:consult(?:ation)?|referral|evaluation)\\b|\\bconsidering (?:surgery|surgical)\\b|\\b(?:wishes to pursue|interested in) surgery\\b',
    ),
  },
  {
    type: 'injection_candidate',
    pattern: wrapRx(
      '\\bcandidate for (?:an? )?(?:(?:left |right |L |R |bilateral )?(?:lumbar |[LS]\\d(?:-\\d|-S1)? |transforaminal |interlaminar |caudal )*(?:epidural|ESI|TFESI|injection|steroid injection))\\b|\\b(?:refer(?:ral|red)? to|consult(?:ation)? with) (?:interventional )?(?:pain (?:management|medicine|clinic)|physiatry|PM&R)\\b|\\brefer(?:ral|red)? for (?:an? )?(?:[\\w-]+ ){0,2}?(?:ESI|TFESI|epidural|injection)\\b|\\b(?:consider(?:ing)?|plan(?:ning)?|discuss(?:ed)?|interested in|would benefit from|will schedule|schedule) (?:an? |for )?(?:\\w+ ){0,2}?(?:ESI|TFESI|epidural(?: steroid)?(?: injection)?|injection)\\b',
    ),
  },
];

export const RISK_FACTORS: readonly { factor: RiskFactorFact['factor']; pattern: RegExp; absent?: boolean }[] = [
  {
    factor: 'immunocompromised',
    pattern: rx('\\bimmuno-?competent\\b|\\bnon-?immuno-?(?:compromised|suppressed)\\b'),
    absent: true,
  },
  {
    factor: 'organ_transplant',
    pattern: rx(
      '\\b(?:solid organ|organ|kidney|renal|liver|heart|lung|cardiac|stem cell|bone marrow) transplant(?:ation|ed)?|transplant(?<=\\b(?:no|denies|without|never had an?) (?:organ )?transplant)(?:s|ation)?(?: recipient)?\\b|\\bOTR\\b|\\bHSCT\\b',
    ),
  },
  {
    factor: 'immunocompromised',
    pattern: rx(
      '(?<!\\bnon-?)\\bimmuno-?suppress(?:ed|ion|ive (?:therapy|medications?|drugs?))\\b|(?<!\\bnon-?)\\bimmuno-?compromised\\b|\\bHIV\\b(?! (?:negative|test(?:ing)? (?:was )?negative))|\\bCLL\\b|\\bchronic lymphocytic leuka?emia\\b|\\b(?:mycophenolate|azathioprine|sirolimus)\\b',
    ),
  },
  {
    factor: 'prior_radiation',
    pattern: rx(
      '\\b(?:previously )?irradiated(?: skin| site| field| area)?\\b|(?=[rRxX])(?<=\\b(?:prior|previous|history of|h\\/o|remote) (?:[\\w-]+,? (?:or |and )?){0,4})(?:radiation|XRT|radiotherapy)(?: therapy| treatment)?(?: to the \\w+)?\\b|\\bradiation (?:history|exposure)\\b|\\bradiation (?:therapy |treatment )?(?:to|of) the (?:face|scalp|head|neck|nose|ear|site)\\b',
    ),
  },
  {
    factor: 'genetic_syndrome',
    pattern: rx(
      "\\bbasal cell nevus syndrome\\b|\\bnevoid basal cell carcinoma syndrome\\b|\\bgorlin(?:'s)?(?: syndrome)?\\b|\\bxeroderma pigmentosum\\b|\\bXP\\b|\\bmuir-?torre\\b|\\boculocutaneous albinism\\b|\\bbazex\\b|\\brombo syndrome\\b|\\bepidermolysis bullosa\\b|\\bLi-?Fraumeni\\b",
    ),
  },
];

/** Tumour subtypes; the aggressive ones per the 2012 Mohs AUC. "AK with focal SCC in situ" is its own AUC category. */
export const SUBTYPE_REGEX = rx(
  `\\b(nodular|${SUPERFICIAL}|infiltrative|infiltrating|morpheaform|morpheic|sclerosing|fibrosing|micronodular|basosquamous|metatypical|keratotic|perineural(?: invasion| involvement)?|perivascular|poorly[- ]differentiated|undifferentiated|well[- ]differentiated|moderately[- ]differentiated|spindle[- ]cell|desmoplastic|acantholytic|keratoacanthoma[- ]type|KA[- ]type|verrucous|pagetoid|clear[- ]cell|single[- ]cell|sarcomatoid|lymphoepithelial|small[- ]cell|bowen'?s|(?:actinic keratosis|AK) with focal|arising (?:with)?in (?:an? )?(?:hypertrophic )?(?:actinic keratosis|AK)|in[- ]situ)\\b`,
);
/** Whether a subtype word is an aggressive class for this tumour (2012 Mohs AUC; NCCN high-risk SCC): the classes
 * differ by tumour, so "keratotic" (a BCC subtype) does not make an SCC aggressive, nor a "keratotic plaque" one. */
export function aggressiveSubtype(type: CancerType, word: string): boolean {
  const w = word.trim();
  if (type === 'bcc') return AGGRESSIVE_BCC_WORD.test(w);
  if (type === 'cutaneous_scc' || type === 'scc_in_situ') return AGGRESSIVE_SCC_WORD.test(w);
  return AGGRESSIVE_BCC_WORD.test(w) || AGGRESSIVE_SCC_WORD.test(w);
}
const AGGRESSIVE_BCC_WORD =
  /^(?:infiltrative|infiltrating|morpheaform|morpheic|sclerosing|fibrosing|micronodular|basosquamous|metatypical|keratotic|perineural.*)$/i;
const AGGRESSIVE_SCC_WORD =
  /^(?:infiltrative|infiltrating|sclerosing|basosquamous|perineural.*|perivascular|poorly[- ]differentiated|undifferentiated|spindle[- ]cell|desmoplastic|pagetoid|clear[- ]cell|single[- ]cell|sarcomatoid|lymphoepithelial|small[- ]cell)$/i;

export const ANATOMIC_SITE = rx(
  '\\b(?:(left|right|L|R|lt|rt)\\.?\\s+)?((?:upper |lower |mid |central |medial |lateral |inferior |superior |posterior |anterior )?(?:nasal (?:tip|ala|dorsum|sidewall|bridge)|alar (?:rim|crease)|nose|nasal|eyelid|lower lid|upper lid|(?:medial |lateral )?canthus|eyebrow|upper lip|lower lip|lip|vermilion|chin|ear|helical rim|helix|antihelix|conchal? bowl|earlobe|periauricular|preauricular|postauricular|temple|cheek|malar cheek|forehead|scalp|vertex|neck|jawline|mandible|hand|dorsal hand|finger|thumb|nail unit|foot|toe|ankle|shin|calf|knee|elbow|wrist|palm|sole|heel|hip|axilla|pretibial (?:leg|surface|skin)?|lower leg|leg|thigh|arm|upper arm|forearm|shoulder|back|upper back|lower back|chest|trunk|abdomen|flank|buttock|genitals?|perianal|perineum|nipple|areola))\\b',
);
