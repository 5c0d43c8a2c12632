// Code tables that turn coded resources into facts. Data, not logic: each row names the codes (or, for drugs, the
// ingredient words found in RxNorm/NDC displays, since RxNorm has thousands of product codes per ingredient) and
// the fact they yield. ICD-10-CM entries match by prefix ("C43" covers C43.0–C43.9).
import type { CancerType, ImagingModality, MeasureName, NeuroFindingType, RedFlag, TherapyModality } from './fact.ts';

export const SYSTEMS = {
  icd10: 'http://hl7.org/fhir/sid/icd-10-cm',
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  ndc: 'http://hl7.org/fhir/sid/ndc',
} as const;

/** Systems accepted as ICD-10-CM (some feeds send the WHO ICD-10 URI or an OID). */
export const ICD10_SYSTEMS = new Set([
  SYSTEMS.icd10,
  'http://hl7.org/fhir/sid/icd-10',
  'urn:oid:2.16.840.1.113883.6.90',
]);
export const CPT_SYSTEMS = new Set([SYSTEMS.cpt, 'urn:oid:2.16.840.1.113883.6.12']);
export const HCPCS_SYSTEMS = new Set([SYSTEMS.hcpcs, 'urn:oid:2.16.840.1.113883.6.285', 'http://www.cms.gov/hcpcs']);

/**
 * SNOMED CT → ICD-10-CM for the findings Synthea and common EHRs code only in SNOMED, where criteria are written in
 * ICD-10 (the mapping a coder would choose; not the full NLM map).
 */
export const SNOMED_TO_ICD10: Readonly<Record<string, { icd10: string; display: string }>> = {
  '278860009': { icd10: 'M54.50', display: 'Low back pain, unspecified' },
  '279039007': { icd10: 'M54.50', display: 'Low back pain, unspecified' },
  '161891005': { icd10: 'M54.9', display: 'Dorsalgia, unspecified' },
  '1121000119107': { icd10: 'M54.2', display: 'Cervicalgia' },
  '128196005': { icd10: 'M54.16', display: 'Radiculopathy, lumbar region' },
  '23056005': { icd10: 'M54.30', display: 'Sciatica, unspecified side' },
  '18347007': { icd10: 'M48.061', display: 'Spinal stenosis, lumbar region without neurogenic claudication' },
  '192970008': { icd10: 'G83.4', display: 'Cauda equina syndrome' },
  '64859006': { icd10: 'M81.0', display: 'Age-related osteoporosis without current pathological fracture' },
  '372244006': { icd10: 'C43.9', display: 'Malignant melanoma of skin, unspecified' },
  '254701007': { icd10: 'C44.92', display: 'Squamous cell carcinoma of skin, unspecified' },
  '254702000': { icd10: 'C44.91', display: 'Basal cell carcinoma of skin, unspecified' },
  '253001006': { icd10: 'C4A.9', display: 'Merkel cell carcinoma, unspecified' },
  '386661006': { icd10: 'R50.9', display: 'Fever, unspecified' },
  '448765001': { icd10: 'R63.4', display: 'Abnormal weight loss' },
  '86406008': { icd10: 'B20', display: 'HIV disease' },
};

/** ICD-10-CM prefixes that establish a red flag for spine imaging. */
export const RED_FLAG_ICD10: readonly { prefix: string; flag: RedFlag }[] = [
  { prefix: 'G83.4', flag: 'cauda_equina' },
  { prefix: 'R33', flag: 'bowel_bladder_dysfunction' },
  { prefix: 'R15', flag: 'bowel_bladder_dysfunction' },
  { prefix: 'R32', flag: 'bowel_bladder_dysfunction' },
  { prefix: 'R20.0', flag: 'saddle_anesthesia' },
  { prefix: 'R50', flag: 'fever' },
  { prefix: 'R63.4', flag: 'unexplained_weight_loss' },
  { prefix: 'Z85', flag: 'cancer_history' },
  { prefix: 'C', flag: 'cancer_history' },
  { prefix: 'F11.2', flag: 'iv_drug_use' },
  { prefix: 'D84', flag: 'immunosuppression' },
  { prefix: 'B20', flag: 'immunosuppression' },
  { prefix: 'Z94', flag: 'immunosuppression' },
  { prefix: 'Z79.6', flag: 'immunosuppression' },
  { prefix: 'S32', flag: 'significant_trauma' },
  { prefix: 'S33', flag: 'significant_trauma' },
  { prefix: 'M80', flag: 'osteoporosis' },
  { prefix: 'M81', flag: 'osteoporosis' },
  { prefix: 'Z79.52', flag: 'chronic_steroid_use' },
  { prefix: 'M46.2', flag: 'spinal_infection' },
  { prefix: 'M46.4', flag: 'spinal_infection' },
  { prefix: 'G06.1', flag: 'spinal_infection' },
];

/** ICD-10-CM prefixes of the patient's own skin cancers. Order matters: the first match wins. */
export const CANCER_ICD10: readonly { prefix: string; cancerType: CancerType }[] = [
  { prefix: 'C43', cancerType: 'melanoma' },
  { prefix: 'D03', cancerType: 'melanoma_in_situ' },
  { prefix: 'C4A', cancerType: 'merkel_cell' },
  { prefix: 'D04', cancerType: 'scc_in_situ' },
];

/** C44.x2x is cutaneous SCC and C44.x1x BCC: the fifth character carries the histology. */
export function skinCarcinomaType(icd10: string): CancerType | undefined {
  const match = /^C44\.\d([12])/.exec(icd10);
  if (!match) return undefined;
  return match[1] === '2' ? 'cutaneous_scc' : 'bcc';
}

/**
 * The broad class of a primary malignancy outside the cancers typed above: C00–C76 and C7A/C7B solid tumours, C81–C96
 * haematologic ones. Secondary sites and unknown primaries (C77–C80) name no primary, so no class.
 */
export function primaryCancerClass(icd10: string): 'other_solid' | 'hematologic' | undefined {
  if (/^C7[AB]/.test(icd10)) return 'other_solid';
  const match = /^C(\d\d)/.exec(icd10);
  if (!match) return undefined;
  const block = Number(match[1]);
  if (block <= 76) return 'other_solid';
  return block >= 81 && block <= 96 ? 'hematologic' : undefined;
}

/** Secondary malignancy codes and the metastatic site they name. */
export const METASTASIS_ICD10: readonly { prefix: string; site: string }[] = [
  { prefix: 'C77', site: 'lymph nodes' },
  { prefix: 'C78.0', site: 'lung' },
  { prefix: 'C78.7', site: 'liver' },
  { prefix: 'C79.3', site: 'brain' },
  { prefix: 'C79.5', site: 'bone' },
  { prefix: 'C78', site: 'other organ' },
  { prefix: 'C79', site: 'other site' },
];

/** Neurological findings coded as Condition or Observation (SNOMED CT). */
export const NEURO_FINDING_SNOMED: Readonly<Record<string, NeuroFindingType>> = {
  '26544005': 'motor_weakness',
  '44077006': 'sensory_loss',
  '85972008': 'reflex_change',
  '202518004': 'positive_straight_leg_raise',
};

/** Procedures (CPT or SNOMED CT) that are therapy, and the modality. */
/** The systemic drug classes of the inflammatory-skin families, conventional and targeted. */
export const SYSTEMIC_MODALITIES: readonly TherapyModality[] = [
  'methotrexate',
  'cyclosporine',
  'acitretin',
  'apremilast',
  'biologic',
  'jak_inhibitor',
];

export const THERAPY_PROCEDURES: Readonly<Record<string, TherapyModality>> = {
  // CPT
  '97110': 'physical_therapy',
  '97112': 'physical_therapy',
  '97140': 'physical_therapy',
  '97161': 'physical_therapy',
  '97162': 'physical_therapy',
  '97163': 'physical_therapy',
  '97164': 'physical_therapy',
  '98940': 'chiropractic',
  '98941': 'chiropractic',
  '98942': 'chiropractic',
  '62322': 'epidural_steroid_injection',
  '62323': 'epidural_steroid_injection',
  '64483': 'epidural_steroid_injection',
  '96910': 'phototherapy',
  '96912': 'phototherapy',
  '96920': 'phototherapy',
  '77401': 'radiation_therapy',
  '77402': 'radiation_therapy',
  '38900': 'cancer_surgery',
  // Mohs micrographic surgery: the skin cancer's excision
  '17311': 'cancer_surgery',
  '17313': 'cancer_surgery',
  '38745': 'cancer_surgery',
  // SNOMED CT
  '91251008': 'physical_therapy',
  '229064008': 'physical_therapy',
  '183376001': 'physical_therapy',
  '229070002': 'physical_therapy',
  '4564001': 'chiropractic',
  '431182000': 'epidural_steroid_injection',
  '182655000': 'activity_modification',
  '229565003': 'home_exercise',
  '108290001': 'radiation_therapy',
  '367336001': 'systemic_anticancer_therapy',
  '177262002': 'cancer_surgery',
  '396487001': 'cancer_surgery',
};

/** Ingredient words in a drug's display → therapy modality. Matched as whole words, case-insensitive. */
export const DRUG_INGREDIENTS: readonly { words: readonly string[]; modality: TherapyModality }[] = [
  {
    words: ['ibuprofen', 'naproxen', 'meloxicam', 'diclofenac', 'celecoxib', 'ketorolac', 'etodolac', 'nabumetone'],
    modality: 'nsaid',
  },
  { words: ['acetaminophen', 'paracetamol'], modality: 'acetaminophen' },
  {
    words: ['cyclobenzaprine', 'methocarbamol', 'tizanidine', 'baclofen', 'carisoprodol', 'metaxalone'],
    modality: 'muscle_relaxant',
  },
  { words: ['prednisone', 'methylprednisolone', 'prednisolone', 'dexamethasone'], modality: 'oral_steroid' },
  { words: ['gabapentin', 'pregabalin', 'duloxetine', 'amitriptyline'], modality: 'neuropathic_agent' },
  { words: ['tramadol', 'hydrocodone', 'oxycodone', 'morphine', 'codeine'], modality: 'opioid' },
  {
    words: ['triamcinolone', 'clobetasol', 'betamethasone', 'hydrocortisone', 'fluocinonide', 'mometasone'],
    modality: 'topical_corticosteroid',
  },
  { words: ['tacrolimus', 'pimecrolimus'], modality: 'topical_calcineurin_inhibitor' },
  { words: ['methotrexate'], modality: 'methotrexate' },
  { words: ['cyclosporine', 'ciclosporin'], modality: 'cyclosporine' },
  { words: ['apremilast'], modality: 'apremilast' },
  {
    words: [
      'dupilumab',
      'tralokinumab',
      'lebrikizumab',
      'adalimumab',
      'etanercept',
      'infliximab',
      'ustekinumab',
      'secukinumab',
      'ixekizumab',
      'guselkumab',
      'risankizumab',
      'tildrakizumab',
      'brodalumab',
      'certolizumab',
      'bimekizumab',
    ],
    modality: 'biologic',
  },
  { words: ['upadacitinib', 'abrocitinib', 'deucravacitinib', 'tofacitinib'], modality: 'jak_inhibitor' },
  { words: ['crisaborole'], modality: 'topical_pde4_inhibitor' },
  { words: ['calcipotriene', 'calcipotriol'], modality: 'topical_vitamin_d_analog' },
  { words: ['tazarotene'], modality: 'topical_retinoid' },
  { words: ['anthralin', 'dithranol'], modality: 'anthralin' },
  { words: ['coal tar'], modality: 'coal_tar' },
  { words: ['acitretin'], modality: 'acitretin' },
  { words: ['mycophenolate', 'azathioprine', 'sirolimus', 'everolimus'], modality: 'immunosuppressant' },
  {
    words: [
      'pembrolizumab',
      'nivolumab',
      'ipilimumab',
      'relatlimab',
      'dabrafenib',
      'trametinib',
      'cemiplimab',
      'avelumab',
    ],
    modality: 'systemic_anticancer_therapy',
  },
];

/** Observation codes (LOINC) that are clinical measures, with the unit they are normalised to. */
export const MEASURE_LOINC: Readonly<Record<string, { name: MeasureName; unit: string }>> = {
  '72514-3': { name: 'pain_score', unit: '{score}' },
  '38208-5': { name: 'pain_score', unit: '{score}' },
  '14804-9': { name: 'ldh', unit: 'U/L' },
  '2532-0': { name: 'ldh', unit: 'U/L' },
};

/** Imaging procedure codes (CPT) → modality and body site; used for prior-imaging facts and order descriptions. */
export const IMAGING_CPT: Readonly<Record<string, { modality: ImagingModality; bodySite: string }>> = {
  '72100': { modality: 'xray', bodySite: 'lumbar spine' },
  '72110': { modality: 'xray', bodySite: 'lumbar spine' },
  '72131': { modality: 'ct', bodySite: 'lumbar spine' },
  '72148': { modality: 'mri', bodySite: 'lumbar spine' },
  '72149': { modality: 'mri', bodySite: 'lumbar spine' },
  '72158': { modality: 'mri', bodySite: 'lumbar spine' },
  '78811': { modality: 'pet', bodySite: 'limited area' },
  '78812': { modality: 'pet', bodySite: 'skull base to mid-thigh' },
  '78813': { modality: 'pet', bodySite: 'whole body' },
  '78814': { modality: 'pet_ct', bodySite: 'limited area' },
  '78815': { modality: 'pet_ct', bodySite: 'skull base to mid-thigh' },
  '78816': { modality: 'pet_ct', bodySite: 'whole body' },
  '71260': { modality: 'ct', bodySite: 'chest' },
  '74177': { modality: 'ct', bodySite: 'abdomen and pelvis' },
};

/** DICOM modality codes on ImagingStudy.modality / series.modality. */
export const DICOM_MODALITY: Readonly<Record<string, ImagingModality>> = {
  CR: 'xray',
  DX: 'xray',
  CT: 'ct',
  MR: 'mri',
  PT: 'pet',
  US: 'ultrasound',
  NM: 'bone_scan',
};

/**
 * Ingredients whose modality depends on the dose form in the drug's display: oral tacrolimus is a transplant
 * immunosuppressant (topical tacrolimus stays a calcineurin inhibitor), ruxolitinib cream is a topical JAK inhibitor.
 * Checked before DRUG_INGREDIENTS; a display without a matching form word falls through to that table.
 */
export const DRUG_FORM_MODALITIES: readonly { word: string; form: RegExp; modality: TherapyModality }[] = [
  {
    word: 'tacrolimus',
    form: /\b(?:oral|capsules?|tablets?|extended[- ]release|granules|injection|intravenous)\b/i,
    modality: 'immunosuppressant',
  },
  { word: 'ruxolitinib', form: /\b(?:cream|topical)\b/i, modality: 'topical_jak_inhibitor' },
  { word: 'ruxolitinib', form: /\b(?:oral|tablets?)\b/i, modality: 'jak_inhibitor' },
  { word: 'roflumilast', form: /\b(?:cream|foam|topical)\b/i, modality: 'topical_pde4_inhibitor' },
];

/** Systemic agents whose current use makes a patient pharmacologically immunosuppressed (a Mohs AUC modifier). */
export const IMMUNOSUPPRESSIVE_MODALITIES: ReadonlySet<TherapyModality> = new Set([
  'immunosuppressant',
  'cyclosporine',
]);

/** Local code system for skin-severity scores that have no LOINC code we could confirm (documented here). */
export const KLIVIRA_MEASURE_SYSTEM = 'https://klivira.dev/fhir/CodeSystem/clinical-measure';

/**
 * Observation codes of the dermatology measures. LOINC where a code is established (tumour size: 21889-1 "Size
 * Tumor", 33728-7 "Size.maximum dimension in Tumor"); the severity scores use the local system above:
 * `bsa-percent` (% body surface area affected — not LOINC 8277-6, which is the patient's BSA in m²), `easi`
 * (0–72), `iga` (IGA / vIGA-AD, 0–4), `pasi` (0–72), `dlqi` (0–30), `lesion-size` (clinical diameter).
 */
export const SKIN_MEASURE_CODES: Readonly<Record<string, { name: MeasureName; unit: string }>> = {
  [`${SYSTEMS.loinc}|21889-1`]: { name: 'lesion_size_cm', unit: 'cm' },
  [`${SYSTEMS.loinc}|33728-7`]: { name: 'lesion_size_cm', unit: 'cm' },
  [`${KLIVIRA_MEASURE_SYSTEM}|lesion-size`]: { name: 'lesion_size_cm', unit: 'cm' },
  [`${KLIVIRA_MEASURE_SYSTEM}|bsa-percent`]: { name: 'bsa_percent', unit: '%' },
  [`${KLIVIRA_MEASURE_SYSTEM}|easi`]: { name: 'easi', unit: '{score}' },
  [`${KLIVIRA_MEASURE_SYSTEM}|iga`]: { name: 'iga', unit: '{score}' },
  [`${KLIVIRA_MEASURE_SYSTEM}|pasi`]: { name: 'pasi', unit: '{score}' },
  [`${KLIVIRA_MEASURE_SYSTEM}|dlqi`]: { name: 'dlqi', unit: '{score}' },
};

/**
 * Severity scores recognised by the words of an Observation's code when it carries no known code (EHRs often send
 * these as text only). BSA needs a value in % so that a body surface area in m² is never read as involvement.
 */
export const SKIN_MEASURE_WORDS: readonly { pattern: RegExp; name: MeasureName; unit: string; percentOnly?: true }[] = [
  { pattern: /\bEASI\b|eczema area and severity/i, name: 'easi', unit: '{score}' },
  { pattern: /\bPASI\b|psoriasis area and severity/i, name: 'pasi', unit: '{score}' },
  { pattern: /\bDLQI\b|dermatology life quality/i, name: 'dlqi', unit: '{score}' },
  { pattern: /\bv?IGA\b|investigator'?s? global assessment/i, name: 'iga', unit: '{score}' },
  { pattern: /\bBSA\b|body surface area/i, name: 'bsa_percent', unit: '%', percentOnly: true },
];

/** Words that weigh a diagnosis in a differential rather than state it ("Ddx: Merkel cell ca vs lymphoma", "r/o"). */
export const DIFFERENTIAL_WORDS = /\b(?:ddx|d\/dx|differential|vs\.?|versus|r\/o|rule out)\b/i;

/** ICD-10-CM prefixes that are Mohs AUC patient modifiers (and immune status for other criteria). */
export const RISK_FACTOR_ICD10: readonly {
  prefix: string;
  factor: 'immunocompromised' | 'organ_transplant' | 'prior_radiation' | 'genetic_syndrome';
}[] = [
  { prefix: 'B20', factor: 'immunocompromised' },
  { prefix: 'D80', factor: 'immunocompromised' },
  { prefix: 'D81', factor: 'immunocompromised' },
  { prefix: 'D82', factor: 'immunocompromised' },
  { prefix: 'D83', factor: 'immunocompromised' },
  { prefix: 'D84', factor: 'immunocompromised' },
  { prefix: 'Z79.6', factor: 'immunocompromised' },
  { prefix: 'Z94', factor: 'organ_transplant' },
  // Haematologic malignancies (lymphoma, leukaemia, myeloma: C81–C96) count as immunocompromise in the AUC.
  ...['C81', 'C82', 'C83', 'C84', 'C85', 'C86', 'C88', 'C90', 'C91', 'C92', 'C93', 'C94', 'C95', 'C96'].map(
    (prefix) => ({ prefix, factor: 'immunocompromised' as const }),
  ),
  { prefix: 'Z92.3', factor: 'prior_radiation' },
  { prefix: 'Q82.1', factor: 'genetic_syndrome' },
];

/** The 2012 Mohs AUC anatomic areas: H (the "mask" and other high-risk sites), M (middle), L (low). */
export type AucArea = 'H' | 'M' | 'L';
/** CPT Mohs site families: 17311/17312 head, neck, hands, feet, genitalia; 17313/17314 trunk, arms, legs. */
export type MohsCptFamily = 'head_neck_hands_feet_genitalia' | 'trunk_arms_legs';
/** Body regions payers name for "crucial" or "difficult" areas in psoriasis and atopic dermatitis. */
export type BodyRegion =
  'face' | 'scalp' | 'neck' | 'hands' | 'feet' | 'nails' | 'genitals' | 'intertriginous' | 'trunk' | 'arms' | 'legs';

export interface AnatomicSite {
  /** The word that matched, e.g. `pretibial`. */
  site: string;
  regions: BodyRegion[];
  /** Undefined where the words do not settle it ("face" is H or M). */
  area?: AucArea;
  /** Where the words leave the area open: the areas they can be ("lower leg" is Area L, or M on its pretibial
   * surface). Absent with no `area`: any area. */
  areas?: AucArea[];
  /** The words place the site between parts of different areas ("neck/shoulder junction"). */
  between?: true;
  cptFamily?: MohsCptFamily;
}

const HEAD: MohsCptFamily = 'head_neck_hands_feet_genitalia';
const BODY: MohsCptFamily = 'trunk_arms_legs';

/**
 * Site words → body region, AUC area and CPT family. Most specific first: the first row whose words occur wins
 * ("pretibial leg" is pretibial, Area M, though "leg" alone is Area L). The CPT families and the AUC areas differ on
 * purpose: cheek, forehead and scalp bill 17311 but are Area M; a pretibial lesion bills 17313 but is Area M; a
 * nipple is Area H but trunk for CPT.
 */
export const ANATOMIC_SITES: readonly {
  pattern: RegExp;
  regions: BodyRegion[];
  area?: AucArea;
  areas?: AucArea[];
  cptFamily?: MohsCptFamily;
}[] = [
  { pattern: /\bpalmoplantar\b/i, regions: ['hands', 'feet'], area: 'H', cptFamily: HEAD },
  { pattern: /\b(?:pretibial|shins?|anterior tibial)\b/i, regions: ['legs'], area: 'M', cptFamily: BODY },
  { pattern: /\bankles?\b|\bmalleol\w*/i, regions: ['legs'], area: 'H' },
  {
    pattern: /\bnail(?: unit|bed|fold)?s?\b|\bperiungual\b|\bsubungual\b/i,
    regions: ['nails'],
    area: 'H',
    cptFamily: HEAD,
  },
  { pattern: /\b(?:nipples?|areolae?)\b/i, regions: ['trunk'], area: 'H', cptFamily: BODY },
  {
    pattern: /\b(?:genital\w*|penis|penile|scrotum|scrotal|vulvae?|vulvar|labia\w*|perine(?:um|al)|perianal|anal)\b/i,
    regions: ['genitals'],
    area: 'H',
    cptFamily: HEAD,
  },
  { pattern: /\b(?:eyelids?|lids?|canth\w*|eyebrows?|periorbital)\b/i, regions: ['face'], area: 'H', cptFamily: HEAD },
  {
    pattern: /\b(?:nose|nasal\w*|alae?|alar|columella|nasolabial)\b/i,
    regions: ['face'],
    area: 'H',
    cptFamily: HEAD,
  },
  { pattern: /\b(?:lips?|vermilion|perioral)\b/i, regions: ['face'], area: 'H', cptFamily: HEAD },
  { pattern: /\bchin\b/i, regions: ['face'], area: 'H', cptFamily: HEAD },
  {
    pattern:
      /\b(?:ears?|helix|helical|antihelix|tragus|conch\w*|earlobes?|lobule|periauricular|preauricular|postauricular|retroauricular)\b/i,
    regions: ['face'],
    area: 'H',
    cptFamily: HEAD,
  },
  { pattern: /\b(?:temples?|temporal)\b/i, regions: ['face'], area: 'H', cptFamily: HEAD },
  { pattern: /\bcentral face\b/i, regions: ['face'], area: 'H', cptFamily: HEAD },
  { pattern: /\b(?:cheeks?|malar|zygoma\w*)\b/i, regions: ['face'], area: 'M', cptFamily: HEAD },
  { pattern: /\bforehead\b/i, regions: ['face'], area: 'M', cptFamily: HEAD },
  { pattern: /\b(?:jawline|jaw|mandib\w*)\b/i, regions: ['face'], area: 'M', cptFamily: HEAD },
  { pattern: /\b(?:scalp|vertex|occiput|occipital|crown)\b/i, regions: ['scalp'], area: 'M', cptFamily: HEAD },
  { pattern: /\bneck\b/i, regions: ['neck'], area: 'M', cptFamily: HEAD },
  {
    pattern: /\b(?:hands?|fingers?|thumbs?|palms?|palmar|knuckles?|digits?)\b/i,
    regions: ['hands'],
    area: 'H',
    cptFamily: HEAD,
  },
  { pattern: /\b(?:feet|foot|toes?|soles?|plantar|heels?)\b/i, regions: ['feet'], area: 'H', cptFamily: HEAD },
  {
    pattern: /\b(?:axilla\w*|inframammary|intergluteal|gluteal cleft|groin|inguinal|intertrigin\w*|skin folds?)\b/i,
    regions: ['intertriginous'],
    area: 'L',
    cptFamily: BODY,
  },
  { pattern: /\b(?:face|facial)\b/i, regions: ['face'], cptFamily: HEAD },
  {
    pattern: /\b(?:chest|back|abdomen|abdominal|flank|trunk|shoulders?|breast|buttocks?|hips?|torso)\b/i,
    regions: ['trunk'],
    area: 'L',
    cptFamily: BODY,
  },
  {
    pattern: /\b(?:arms?|forearms?|elbows?|wrists?|upper extremit\w*|upper limbs?)\b/i,
    regions: ['arms'],
    area: 'L',
    cptFamily: BODY,
  },
  { pattern: /\b(?:thighs?|knees?|calf|calves|popliteal)\b/i, regions: ['legs'], area: 'L', cptFamily: BODY },
  // A leg named without its surface may be pretibial (Area M); a lower limb may also be the ankle or foot (Area H).
  { pattern: /\b(?:lower legs?|legs?)\b/i, regions: ['legs'], areas: ['L', 'M'], cptFamily: BODY },
  { pattern: /\b(?:lower extremit\w*|lower limbs?)\b/i, regions: ['legs'] },
];

/**
 * SNOMED CT body structures → site words for ANATOMIC_SITES (codes from coding knowledge, unverified against a
 * release; the recorded text is always read too).
 */
export const SNOMED_BODY_SITE: Readonly<Record<string, string>> = {
  '45206002': 'nose',
  '60819002': 'cheek',
  '52795006': 'forehead',
  '41695006': 'scalp',
  '45048000': 'neck',
  '80243003': 'eyelid',
  '48477009': 'lip',
  '117590005': 'ear',
  '85562004': 'hand',
  '56459004': 'foot',
  '22943007': 'trunk',
  '51185008': 'chest',
  '53120007': 'arm',
  '40983000': 'arm',
  '68367000': 'thigh',
  '30021000': 'lower leg',
  '89545001': 'face',
};

/**
 * Site words from the site axis of skin-cancer codes (C44.x, D03.x, D04.x), read as the code's own title: the
 * fourth character is the site; in C44 the fifth is the tumour type (1 BCC, 2 SCC) and, for the face and the
 * trunk, the sixth narrows the site (C44.311 nose; C44.510 anal skin, C44.511 breast, C44.519 other part of
 * trunk). Lip, eyelid, ear, nose, scalp/neck and trunk settle the AUC area; "other parts of face", the limbs and a
 * code that stops before its site character do not (cheek vs temple, arm vs hand, trunk vs anal skin).
 */
export function icd10SkinSite(icd10: string): string | undefined {
  const match = /^(C44|D03|D04)\.(\d)(\d)?(\d)?/.exec(icd10.toUpperCase());
  if (!match) return undefined;
  const [, category, axis, fifth, sixth] = match;
  // Where the site is narrowed further: C44 by the sixth character, melanoma in situ (D03) by the fifth.
  const narrowing = category === 'C44' ? sixth : category === 'D03' ? fifth : undefined;
  if (axis === '0') return 'lip';
  if (axis === '1') return 'eyelid';
  if (axis === '2') return 'ear';
  if (axis === '3') return category === 'C44' && narrowing === '1' ? 'nose' : undefined;
  if (axis === '4') return 'scalp or neck';
  if (axis === '5') {
    if (category === 'D04') return 'trunk';
    const trunk: Record<string, string> =
      category === 'C44'
        ? { '0': 'anal skin', '1': 'breast', '9': 'trunk' }
        : { '1': 'anal skin', '2': 'breast', '9': 'trunk' };
    return narrowing === undefined ? undefined : trunk[narrowing];
  }
  return undefined;
}

/** The AUC area, CPT family and regions of a site description, from its words. */
export function anatomicSiteOf(described: string): AnatomicSite | undefined {
  // "Skin of right lower limb, including hip": a code title's scope names what the code also covers, not the site.
  const text = described.replace(INCLUDING, '');
  for (const row of ANATOMIC_SITES) {
    const match = row.pattern.exec(text);
    if (match) {
      const site: AnatomicSite = {
        site: match[0].toLowerCase(),
        regions: row.regions,
        ...(row.area ? { area: row.area } : {}),
        ...(row.areas ? { areas: row.areas } : {}),
        ...(row.cptFamily ? { cptFamily: row.cptFamily } : {}),
      };
      return JUNCTION.test(text) ? atJunction(text, site) : site;
    }
  }
  return undefined;
}

const INCLUDING = /,?\s*including\b[^;.]*$/i;

/** "L lateral neck/shoulder junction", "at the border of the cheek and nose": a site between two parts. */
const JUNCTION = /\bjunction\b|\bborder\b|\bbetween\b|[a-z]\s*\/\s*[a-z]/i;

/** A site between parts of different AUC areas is either area: the words do not settle which. */
function atJunction(text: string, first: AnatomicSite): AnatomicSite {
  const areas = new Set<AucArea>();
  for (const row of ANATOMIC_SITES) {
    if (!row.pattern.test(text)) continue;
    for (const a of row.area ? [row.area] : (row.areas ?? [])) areas.add(a);
  }
  if (areas.size < 2) return first;
  const open: AnatomicSite = { ...first, areas: [...areas], between: true };
  delete open.area;
  return open;
}

/** Every body region a site description names ("scalp and palms" → scalp, hands). */
export function bodyRegionsOf(text: string): BodyRegion[] {
  const regions = new Set<BodyRegion>();
  for (const row of ANATOMIC_SITES) if (row.pattern.test(text)) for (const r of row.regions) regions.add(r);
  return [...regions];
}

/** Each site row's words as a global pattern, compiled once (matchAll needs the global flag). */
const SITE_PATTERNS: readonly RegExp[] = ANATOMIC_SITES.map((row) => new RegExp(row.pattern.source, 'gi'));

/**
 * The site words a sentence names where a disease is ("plaques on the scalp and both palms" → scalp, palms), or none
 * when the sentence also denies or clears a site ("elbows; scalp and face clear"): which site the denial reaches is
 * not read here, so such a sentence leaves the sites unknown rather than guessed.
 */
export function affirmedSiteWords(sentence: string): string[] {
  if (SITE_DENIAL.test(sentence)) return [];
  const words = new Set<string>();
  for (const found of SITE_PATTERNS) {
    for (const m of sentence.matchAll(found)) {
      const at = m.index ?? 0;
      // "hand pain", "pain in both hands", "hand osteoarthritis": the joints, not where the skin disease is.
      if (JOINT_AFTER.test(sentence.slice(at + m[0].length)) || JOINT_BEFORE.test(sentence.slice(0, at))) continue;
      words.add(m[0].toLowerCase());
    }
  }
  return [...words];
}
/**
 * The site words a sentence states clear of the disease: "Scalp: clear", "palms, soles … and genitals examined -
 * clear", "no involvement of the scalp or face", "spares the face". A site before the clearing word counts back to
 * the clause's start or the last word of disease ("plaques on the elbows; scalp clear" clears the scalp only).
 */
export function clearedSiteWords(sentence: string): string[] {
  const words = new Set<string>();
  const add = (segment: string): void => {
    for (const pattern of SITE_PATTERNS) for (const m of segment.matchAll(pattern)) words.add(m[0].toLowerCase());
  };
  let from = 0;
  for (const m of sentence.matchAll(CLEARED_AFTER)) {
    const at = m.index ?? 0;
    const before = sentence.slice(from, at);
    const cut = Math.max(before.lastIndexOf(';'), lastMatchEnd(before, DISEASE_WORD));
    add(before.slice(cut + 1));
    from = at + m[0].length;
  }
  for (const m of sentence.matchAll(CLEARED_BEFORE)) {
    const after = sentence.slice((m.index ?? 0) + m[0].length);
    add(after.slice(0, after.search(/[;.]|$/)));
  }
  return [...words];
}
const CLEARED_AFTER =
  /\b(?:(?:all |are |is |were |was )?(?:clear|uninvolved|spared|not involved)|no (?:involvement|lesions|plaques|disease)(?! (?:of|on|at|in)\b)|free of (?:lesions|plaques|disease|psoriasis|eczema|dermatitis)|without (?:lesions|plaques|involvement|disease))\b/gi;
const CLEARED_BEFORE =
  /\b(?:no (?:involvement|lesions|plaques|disease|psoriasis|eczema|dermatitis) (?:of|on|at|in)(?: the)?|spar(?:es|ing)(?: the)?)\b/gi;
const DISEASE_WORD =
  /\b(?:plaques?|patch(?:es)?|lesions?|involv\w*|psoria\w*|eczema\w*|dermatitis|affected|erythema\w*|scal(?:e|y))\b/gi;
function lastMatchEnd(text: string, re: RegExp): number {
  let end = -1;
  for (const m of text.matchAll(re)) end = (m.index ?? 0) + m[0].length - 1;
  return end;
}

const JOINT_AFTER = /^\s*(?:pain|aches?|joints?|arthr\w*|osteoarthr\w*|swelling|stiffness|x-?rays?|radiographs?)\b/i;
const JOINT_BEFORE =
  /\b(?:pain|aches?|arthr\w*|osteoarthr\w*|swelling|stiffness|tenderness)\s+(?:in|of)\s+(?:the\s+|both\s+|his\s+|her\s+|their\s+)?$/i;
const SITE_DENIAL =
  /\b(?:no|not|without|den(?:y|ies|ied)|negative|clear(?:ed)?|spared?|sparing|uninvolved|free|resolved|cleared|none)\b/i;

/** Histologic subtype words in pathology text, sorted into the AUC's classes (aggressive per the 2012 AUC). */
// "Fibrosing", "sclerosing" growth: not the "dermal fibrosis, possibly scar" of a prior procedure, nor a sclerosis.
export const AGGRESSIVE_BCC =
  /\b(?:morphea\w*|fibrosing|sclerosing|sclerodermiform|infiltrat\w*|perineural|metatypical|keratotic|micronodular|basosquamous)\b/i;
export const AGGRESSIVE_SCC =
  /\b(?:sclerosing|basosquamous|small[- ]cell|poorly[- ]differentiated|undifferentiated|perineural|perivascular|spindle[- ]cell|pagetoid|infiltrat\w*|single[- ]cell|clear[- ]cell|lymphoepithelial|sarcomatoid)\b/i;

/** Skin cancer type named in pathology text (most specific first). */
export const PATHOLOGY_TYPES: readonly { pattern: RegExp; cancerType: CancerType }[] = [
  { pattern: /\b(?:melanoma in situ|lentigo maligna(?! melanoma))\b/i, cancerType: 'melanoma_in_situ' },
  { pattern: /\bmerkel cell carcinoma\b/i, cancerType: 'merkel_cell' },
  { pattern: /\bmelanoma\b/i, cancerType: 'melanoma' },
  {
    pattern: /\b(?:squamous cell carcinoma|SCC),? in[- ]situ\b|\bbowen'?s disease\b|\bSCCIS\b/i,
    cancerType: 'scc_in_situ',
  },
  { pattern: /\bbasal cell carcinoma\b|\bBCC\b/i, cancerType: 'bcc' },
  { pattern: /\bsquamous cell carcinoma\b|\bSCC\b|\bkeratoacanthoma\b/i, cancerType: 'cutaneous_scc' },
];

/** "Superficial" as a subtype, not "the superficial dermis" or "superficial margin" (shared by the pathology and
 * note readers). */
export const SUPERFICIAL = String.raw`superficial(?! (?:margins?|dermis|papillary|aspect|portion|layers?|part|edge|shave|biopsy|sample|specimen))`;

/** Subtype words recorded on a skin cancer fact (lower-cased, joined) from pathology text. */
export const SUBTYPE_WORDS = new RegExp(
  `\\b(?:nodular|${SUPERFICIAL}|infiltrative|infiltrating|morpheaform|morpheic|sclerosing|fibrosing|micronodular|basosquamous|metatypical|keratotic|perineural(?: invasion)?|perivascular|(?:well|moderately|poorly)[- ]differentiated|undifferentiated|spindle[- ]cell|acantholytic|keratoacanthoma(?:[- ]type)?|KA[- ]type|verrucous|pagetoid|clear[- ]cell|single[- ]cell|sarcomatoid|lymphoepithelial|small[- ]cell|bowen'?s|(?:actinic keratosis|AK)(?:,? (?:\\w+ ){0,2}type,?)? (?:with|w\\/) focal|arising in (?:an? )?actinic keratosis)\\b`,
  'gi',
);

/** Practitioner specialties (NUCC taxonomy and SNOMED CT) → the specialty keys policies name. */
export const SPECIALTY_CODES: Readonly<Record<string, string>> = {
  '207N00000X': 'dermatology',
  '207ND0900X': 'dermatology',
  '207ND0101X': 'dermatology',
  '207NS0135X': 'dermatology',
  '207NI0002X': 'dermatology',
  '207K00000X': 'allergy_immunology',
  '207KA0200X': 'allergy_immunology',
  '207KI0005X': 'allergy_immunology',
  '207RR0500X': 'rheumatology',
  '207Q00000X': 'family_medicine',
  '207R00000X': 'internal_medicine',
  '208D00000X': 'general_practice',
  '208000000X': 'pediatrics',
  '363L00000X': 'nurse_practitioner',
  // A family nurse practitioner practises family medicine: no specialty practice stands behind the prescription.
  '363LF0000X': 'family_medicine',
  '363A00000X': 'physician_assistant',
  '394582007': 'dermatology',
  '408439002': 'allergy_immunology',
  '394810000': 'rheumatology',
};

/** NUCC taxonomy groups whose every code is one kind of clinician ("363LA2200X" is an adult health nurse practitioner). */
const SPECIALTY_GROUPS: readonly [string, string][] = [
  ['207N', 'dermatology'],
  ['207K', 'allergy_immunology'],
  ['207Q', 'family_medicine'],
  ['363L', 'nurse_practitioner'],
  ['363A', 'physician_assistant'],
];

/** The specialty a taxonomy code names: the code itself, else the group it belongs to. */
export function specialtyOfCode(code: string): string | undefined {
  return SPECIALTY_CODES[code] ?? SPECIALTY_GROUPS.find(([prefix]) => code.startsWith(prefix))?.[1];
}

/** Specialty words in a PractitionerRole/qualification text or a consultation note. */
export const SPECIALTY_WORDS: readonly { pattern: RegExp; specialty: string }[] = [
  // "Teledermatology consult", "tele-allergy": a specialty seen by telehealth is that specialty.
  { pattern: /\b(?:tele-?)?dermatolog\w*/i, specialty: 'dermatology' },
  { pattern: /\b(?:tele-?)?allerg\w*|\bimmunolog\w*/i, specialty: 'allergy_immunology' },
  { pattern: /\brheumatolog\w*/i, specialty: 'rheumatology' },
];

/**
 * ICD-10-CM codes deleted (made invalid or non-billable) on a date, with the codes that replace them. Claims and
 * requests with a service date on or after the deletion must use a replacement. M54.5 is from the reference; the
 * others are from coding knowledge (unverified against the CMS addenda) and say so.
 */
export const DELETED_ICD10: readonly {
  code: string;
  display: string;
  deleted: string;
  replacements: readonly string[];
  verified: boolean;
}[] = [
  {
    code: 'M54.5',
    display: 'Low back pain',
    deleted: '2021-10-01',
    replacements: ['M54.50', 'M54.51', 'M54.59'],
    verified: true,
  },
  {
    code: 'M79.1',
    display: 'Myalgia',
    deleted: '2022-10-01',
    replacements: ['M79.10', 'M79.11', 'M79.12', 'M79.18'],
    verified: false,
  },
  {
    code: 'E66.8',
    display: 'Other obesity',
    deleted: '2024-10-01',
    replacements: ['E66.811', 'E66.812', 'E66.813', 'E66.89'],
    verified: false,
  },
];

/** The gross description of a specimen ("a tan-pink shave of skin measuring 0.6 x 0.5 x 0.1 cm") measures the
 * tissue received, not the lesion's clinical diameter the AUC bands use. */
export const SPECIMEN =
  /\bgross(?: description)?\s*:|\bspecimen (?:measur|consist)|\b(?:shave|punch|ellipse|portion|fragment)s? of (?:[\w-]+ ){0,2}(?:skin|tissue)\b|\breceived (?:in formalin|fresh)\b/i;
