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
