// The typed facts that criteria are decided on. Every fact says where it came from (provenance), how the record
// asserts it (ConText-style assertion) and the date it applies to, so that a determination can cite it and a
// negated, hypothetical, historical or family statement is never mistaken for a current finding.

import type { ScanPurpose } from './scan-purpose.ts';

/** How the source states the fact. Only `affirmed` establishes a current finding of the patient's own. */
export type Assertion = 'affirmed' | 'negated' | 'hypothetical' | 'historical' | 'family' | 'uncertain';

/** Where a fact came from: a resource, and for note text the quoted span and its offsets in the decoded note. */
export interface Provenance {
  /** `ResourceType/id` of the source resource. */
  reference: string;
  /** The quoted span (note sentence) or a readable summary of the coded element. */
  text: string;
  /** Character offsets of `text` in the decoded note text (notes only). */
  start?: number;
  end?: number;
  /** Section of the note the span sits in (notes only), e.g. `hpi`, `exam`, `assessment`. */
  section?: NoteSection;
}

export type NoteSection =
  | 'chief_complaint'
  | 'hpi'
  | 'ros'
  | 'pmh'
  | 'psh'
  | 'fh'
  | 'sh'
  | 'medications'
  | 'allergies'
  | 'exam'
  | 'imaging'
  | 'pathology'
  | 'assessment'
  | 'plan'
  | 'other';

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

/** The condition a resource says it serves (its reasonCode, or the Condition its reasonReference points to). */
export interface StatedReason {
  display: string;
  /** ICD-10-CM codes, coded or mapped from SNOMED CT (empty when the code has no mapping). */
  icd10: string[];
  /** `Condition/id` when the reason is a reference to a Condition of the record. */
  reference?: string;
}

interface FactBase {
  assertion: Assertion;
  /** The date (YYYY-MM-DD) the fact applies to: onset, performed, authored, effective, or the note's date. */
  date?: string;
  source: Provenance;
  /** The statement of the same record that contradicts this one (contested-findings.ts); the fact is `uncertain`. */
  contestedBy?: Provenance;
  /** The older note this sentence was copied forward from (copy-forward.ts); `date` is that note's. */
  copiedFrom?: Provenance;
}

/** A diagnosis or problem. `icd10` holds the ICD-10-CM codes (coded directly or mapped from SNOMED CT). */
export interface ConditionFact extends FactBase {
  kind: 'condition';
  coding: Coding[];
  icd10: string[];
  display: string;
  /** Body sites stated on the Condition (words as recorded, lower-cased), e.g. `left cheek`, `scalp`. */
  bodySite?: string[];
  clinicalStatus?: 'active' | 'recurrence' | 'relapse' | 'inactive' | 'remission' | 'resolved';
  verificationStatus?: 'unconfirmed' | 'provisional' | 'differential' | 'confirmed' | 'refuted' | 'entered-in-error';
  onset?: string;
  abatement?: string;
}

export type MeasureName =
  | 'pain_score'
  | 'odi'
  | 'bsa_percent'
  | 'easi'
  | 'iga'
  | 'pasi'
  | 'dlqi'
  | 'ldh'
  | 'breslow_depth_mm'
  | 'mitotic_rate'
  | 'lesion_size_cm';

/** A numeric clinical measure, unit-normalised (mm for Breslow, cm for lesion size, % for BSA, U/L for LDH). */
export interface MeasurementFact extends FactBase {
  kind: 'measurement';
  name: MeasureName;
  value: number;
  unit: string;
  /** Where a lesion was measured, as the sentence names it ("left posterolateral calf"). */
  site?: string;
}

export type TherapyModality =
  | 'physical_therapy'
  | 'home_exercise'
  | 'chiropractic'
  | 'activity_modification'
  | 'nsaid'
  | 'acetaminophen'
  | 'muscle_relaxant'
  | 'oral_steroid'
  | 'neuropathic_agent'
  | 'opioid'
  | 'epidural_steroid_injection'
  | 'spinal_surgery'
  | 'topical_corticosteroid'
  | 'topical_calcineurin_inhibitor'
  | 'phototherapy'
  | 'methotrexate'
  | 'cyclosporine'
  | 'apremilast'
  | 'biologic'
  | 'jak_inhibitor'
  | 'topical_pde4_inhibitor'
  | 'topical_jak_inhibitor'
  | 'topical_vitamin_d_analog'
  | 'topical_retinoid'
  | 'anthralin'
  | 'coal_tar'
  | 'acitretin'
  | 'immunosuppressant'
  | 'systemic_anticancer_therapy'
  | 'radiation_therapy'
  | 'cancer_surgery';

export type TherapyOutcome = 'ongoing' | 'completed' | 'failed' | 'intolerance' | 'contraindicated' | 'improved';

/** A treatment tried or under way (conservative care, step therapy, cancer treatment). */
export interface TherapyFact extends FactBase {
  kind: 'therapy';
  modality: TherapyModality;
  /** The agent where known (e.g. `ibuprofen`, `dupilumab`). */
  agent?: string;
  start?: string;
  end?: string;
  durationWeeks?: number;
  /** A course dated by months only ("10/2024-12/2024") may be this short: `durationWeeks` is its longest reading. */
  shortestWeeks?: number;
  outcome?: TherapyOutcome;
  /** Directed by a provider (vs self-reported only); payers such as UHC require provider-directed care. */
  providerDirected?: boolean;
  /** Started on samples or a manufacturer programme (payers such as UHC do not count it as established therapy). */
  sample?: boolean;
  /** The source says the plan paid for the drug ("maintenance billed to Aetna since 08/2024", "through Optum
   * Specialty"): a paid course, whatever samples began it. */
  paidByPlan?: true;
  /** Prescribed but never filled or used ("never picked it up"): no course was taken. */
  neverTaken?: boolean;
  /** The end is not on record: it is the end of one fill of the default length (see coded.ts). */
  endAssumed?: boolean;
  /** A statement that the course ended: on this date ("stopped 04/11/2025"), or by it ("off Rinvoq", the note's). */
  endedBy?: string;
  /** The source states the drug was tolerated ("tolerated well, no nausea"): a stop was not for intolerance. */
  tolerated?: boolean;
  /** The source says the course was stopped by choice (preference, convenience, cost, fear), not for failure or
   * intolerance. */
  stoppedByChoice?: true;
  /** The source says the drug was not used as prescribed ("limited by adherence"): no adequate trial yet. */
  poorAdherence?: true;
  /** The source gives the course on the patient's word ("pt reports he was on it about 6 months"). */
  patientReported?: true;
  /** The clinician states the therapy is not contraindicated ("no contraindication to methotrexate identified"). */
  notContraindicated?: true;
  /** The source says the course's own records are requested and not yet received ("all PT notes - faxed request -
   * PENDING"): what the record says of that therapy is not yet verified. */
  recordsPending?: true;
  /** The denial covers only a recent stretch ("has NOT used tacrolimus … since establishing here", "none in the past
   * year"): the therapy may have been tried before it. */
  deniedOnlySince?: true;
  /** A note tells the course with no date or length of its own ("Failed TCS and TCI per outside records"): the
   * note's date is when it was said, not when the course ran. */
  undated?: true;
  /** What the source says the treatment was for; absent when it does not say. */
  reasons?: StatedReason[];
  /** A course assembled from several records (course-outcomes.ts): the pieces it was built from. */
  basis?: Provenance[];
}

export type RedFlag =
  | 'cauda_equina'
  | 'saddle_anesthesia'
  | 'bowel_bladder_dysfunction'
  | 'fever'
  | 'unexplained_weight_loss'
  | 'cancer_history'
  | 'iv_drug_use'
  | 'immunosuppression'
  | 'significant_trauma'
  | 'osteoporosis'
  | 'chronic_steroid_use'
  | 'spinal_infection'
  | 'progressive_neurological_deficit';

/** The body part a finding or an injury is about, where the source says (see body-part.ts). */
export const BODY_PARTS = ['head', 'neck', 'back', 'chest', 'abdomen', 'pelvis', 'arm', 'leg'] as const;
export type BodyPart = (typeof BODY_PARTS)[number];

export interface RedFlagFact extends FactBase {
  kind: 'red_flag';
  flag: RedFlag;
  /** What the flag is about where the source says so, e.g. trauma to the `head` (no spinal-fracture red flag). */
  bodySite?: BodyPart;
  /** An uncertain flag the clinician firmly suspects ("high concern for discitis"): the suspicion the red-flag
   * indications ask for ("suspected infection", "suspected cauda equina"), not an established diagnosis. */
  suspected?: true;
}

export type NeuroFindingType = 'motor_weakness' | 'sensory_loss' | 'reflex_change' | 'positive_straight_leg_raise';

/** An objective neurological finding on examination. */
export interface NeuroFindingFact extends FactBase {
  kind: 'neuro_finding';
  finding: NeuroFindingType;
  /** Nerve root / dermatome / myotome, e.g. `L5`, `S1`. */
  level?: string;
  side?: 'left' | 'right' | 'bilateral';
  /** Motor grade `4/5`, reflex grade `1+`, etc. */
  grade?: string;
}

export interface RadicularPainFact extends FactBase {
  kind: 'radicular_pain';
  level?: string;
  side?: 'left' | 'right' | 'bilateral';
}

/** Course of the current complaint: how long, and whether it is getting worse. */
export interface SymptomCourseFact extends FactBase {
  kind: 'symptom_course';
  durationWeeks?: number;
  /** `unchanged`: stated the same as before ("about the same as December", "exam unchanged"), a kind of persistent. */
  trend?: 'progressive' | 'persistent' | 'unchanged' | 'improving' | 'resolved';
}

export type ImagingModality = 'xray' | 'ct' | 'mri' | 'pet' | 'pet_ct' | 'ultrasound' | 'bone_scan' | 'other';

/** A prior imaging study (or one planned, with a non-affirmed assertion). */
export interface ImagingFact extends FactBase {
  kind: 'imaging';
  modality: ImagingModality;
  bodySite?: string;
  /** PET only: initial (PI) or subsequent (PS) anti-tumour treatment strategy, where recorded. */
  strategy?: 'initial' | 'subsequent';
  /** The cancer the study was done for, where the record codes its reason (scan limits are counted per cancer). */
  indication?: CancerType;
  /** The purposes the sentence naming the scan states (surveillance, regional nodes, a treatment decision). */
  purposes?: ScanPurpose[];
  /** Prior studies the record states without a number ("several", "thinks 3 or 4", "records pending"): count unknown. */
  uncounted?: true;
  /** One of N prior studies a sentence counts without dates ("two prior PET/CTs"). */
  countedInText?: true;
  /** Listed as arrived or in progress on an order history, with no report: not known to have been done. */
  unconfirmed?: true;
  /** The study's date is stated by month ("PET/CT 01/2025"): it is the same study as one of that month on record. */
  dateByMonth?: true;
}

export type CancerType =
  | 'melanoma'
  | 'melanoma_in_situ'
  | 'merkel_cell'
  | 'cutaneous_scc'
  | 'scc_in_situ'
  | 'bcc'
  | 'other_solid'
  | 'hematologic';

/** A cancer of the patient's own (family history stays in `family_history`). */
export interface CancerFact extends FactBase {
  kind: 'cancer';
  cancerType: CancerType;
  /** AJCC stage group, e.g. `IIIB`, `IV`. */
  stage?: string;
  /** The stage groups a statement leaves the stage between ("stage IIA vs IIB"), or none where it leaves the stage
   * open without naming them ("substage can't be determined"): doubt on a stage stated elsewhere. */
  stageOpen?: string[];
  tnm?: { t?: string; n?: string; m?: string };
  breslowMm?: number;
  ulceration?: boolean;
  mitoticRate?: number;
  nodalStatus?: 'negative' | 'positive' | 'unknown';
  metastaticSites?: string[];
  subtype?: string;
  aggressiveSubtype?: boolean;
  primary?: 'primary' | 'recurrent';
  sizeCm?: number;
  anatomicSite?: string;
  biopsyProven?: boolean;
  /** The risk group the clinician states ("low-risk cutaneous SCC"), where the sentence affirms it. */
  riskGroup?: 'low' | 'high';
}

export type TreatmentPhase = 'diagnosis' | 'staging' | 'on_therapy' | 'completed_initial_therapy' | 'surveillance';

export interface TreatmentPhaseFact extends FactBase {
  kind: 'treatment_phase';
  phase: TreatmentPhase;
  cancerType?: CancerType;
}

/** The ordering clinician's stated reason the study will change management (a PET requirement). */
export interface ManagementChangeFact extends FactBase {
  kind: 'management_change';
  description: string;
}

/** The ordering clinician makes the order wait on a result not yet on record ("PET/CT only if the biopsy confirms
 * in-transit disease", "MRI pending ESR/CRP and cultures"): the indication is not yet established. */
export interface OrderContingencyFact extends FactBase {
  kind: 'order_contingency';
  /** The result the order waits for, in the note's words ("the biopsy", "ESR/CRP"). */
  waitsOn: string;
}

/** A clinical evaluation of the patient for the current episode (UHC asks for a recent in-person visit and a
 * re-evaluation after the conservative trial). */
export interface EvaluationFact extends FactBase {
  kind: 'evaluation';
  type: 'in_person_visit' | 're_evaluation' | 'surgical_candidate' | 'injection_candidate';
  /** A candidacy denied by the patient's own refusal of the procedure ("declines any injection"). */
  refused?: boolean;
  /** The record states this visit is the first care for the complaint ("first visit for this problem", "has not seen
   * any other provider for this"): no clinician directed treatment for it before. */
  firstCare?: true;
  /** Stronger: the complaint has had no treatment of any kind before this visit ("untreated to date"). */
  untreated?: true;
  /** What the visit was for (its reason, or a type that names a condition); absent when the source does not say. */
  reasons?: StatedReason[];
}

export interface FamilyHistoryFact extends FactBase {
  kind: 'family_history';
  relationship: string;
  coding: Coding[];
  display: string;
}

export interface RiskFactorFact extends FactBase {
  kind: 'risk_factor';
  factor: 'immunocompromised' | 'prior_radiation' | 'genetic_syndrome' | 'organ_transplant';
  detail?: string;
}

/** Who the patient is, from the Patient resource (age drives some red flags, e.g. age > 50). */
export interface DemographicFact extends FactBase {
  kind: 'demographic';
  ageYears: number;
  /** Whole months of age, for criteria stated in months (e.g. dupilumab from 6 months). */
  ageMonths?: number;
  sex?: string;
}

/** A clinician's specialty as the record states it outside the order's requester (evidence/specialty.ts). */
export interface SpecialtyFact extends FactBase {
  kind: 'specialty';
  /** `dermatology`, `allergy_immunology`, `rheumatology`, `family_medicine` … (codesets.ts). */
  specialty: string;
  via: 'encounter' | 'note_heading' | 'note_author' | 'note_signature';
  /** The practitioners the source names (note authors, encounter participants). */
  practitioners: string[];
  /** The source is a consultation ("Dermatology consult"). */
  consult: boolean;
}

/**
 * A screening test a drug policy asks for before a biologic (tuberculosis: IGRA or TST), with its result; `pending`
 * when it was ordered or drawn and no result is on record, so that a payer's "within 12 months" is not met on it.
 */
export interface ScreeningTestFact extends FactBase {
  kind: 'screening_test';
  test: 'tuberculosis';
  result: 'negative' | 'positive' | 'indeterminate' | 'pending';
  /** The note states the result without the test's date ("latent TB screening negative"): dated by the note. */
  undated?: true;
}

/**
 * Body sites an examination states clear of the skin disease ("Scalp: clear", "palms, soles and genitals examined -
 * clear"): a policy's crucial-area criterion is not met on an exam that clears those areas and places the disease
 * elsewhere, where silence would leave it unknown.
 */
export interface SiteExamFact extends FactBase {
  kind: 'site_exam';
  /** Site words as written, lower-cased (`scalp`, `palms`, `genitals`). */
  cleared: string[];
}

export type Fact =
  | ScreeningTestFact
  | SiteExamFact
  | ConditionFact
  | SpecialtyFact
  | MeasurementFact
  | TherapyFact
  | RedFlagFact
  | NeuroFindingFact
  | RadicularPainFact
  | SymptomCourseFact
  | ImagingFact
  | CancerFact
  | TreatmentPhaseFact
  | ManagementChangeFact
  | OrderContingencyFact
  | EvaluationFact
  | FamilyHistoryFact
  | RiskFactorFact
  | DemographicFact;

export type FactKind = Fact['kind'];

/** True when the fact is a current, affirmed finding of the patient's own. */
export function isAffirmed(fact: Fact): boolean {
  return fact.assertion === 'affirmed';
}
