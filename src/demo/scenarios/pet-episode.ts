// The parts PET scenarios share: an Original Medicare case, a melanoma (site, nodal basin, stage), and the coded
// history of its treatment and prior PET/CT scans.
import type { Coding } from '@medplum/fhirtypes';
import type { CaseContext } from '../context.ts';
import type { Drug } from '../codes.ts';
import { cpt, DRUGS, icd10, loinc, snomed } from '../codes.ts';
import { addCondition, addLab, addMedicationUse, addProcedure } from '../builders/clinical.ts';
import { addPathologyReport } from '../builders/imaging.ts';
import { PAYERS } from '../payers.ts';
import type { Random } from '../prng.ts';
import type { CaseBase } from './common.ts';
import { startCase } from './common.ts';

export const PET_CPT = {
  '78815': cpt('78815', 'PET/CT imaging, skull base to mid-thigh'),
  '78816': cpt('78816', 'PET/CT imaging, whole body'),
} as const;

export function drawPetCode(random: Random): Coding {
  return random.pick([PET_CPT['78815'], PET_CPT['78816']]);
}

export function startPetCase(ctx: CaseContext, practiceKind: string): CaseBase {
  return startCase(ctx, { payer: PAYERS.medicarePartB, ages: [66, 84], practiceKind });
}

const INGUINAL = icd10('C77.4', 'Secondary and unspecified malignant neoplasm of inguinal and lower limb lymph nodes');
const AXILLARY = icd10('C77.3', 'Secondary and unspecified malignant neoplasm of axilla and upper limb lymph nodes');

export interface PrimarySite {
  dx: Coding;
  site: string;
  basin: string;
  node: Coding;
  /** A lump at or near the primary site, for suspected recurrence. */
  lump: Coding;
}

const LOWER_LIMB_SITES: readonly PrimarySite[] = [
  {
    dx: icd10('C43.72', 'Malignant melanoma of left lower limb, including hip'),
    site: 'left posterior calf',
    basin: 'left inguinal',
    node: INGUINAL,
    lump: icd10('R22.42', 'Localized swelling, mass and lump, left lower limb'),
  },
  {
    dx: icd10('C43.71', 'Malignant melanoma of right lower limb, including hip'),
    site: 'right anterior thigh',
    basin: 'right inguinal',
    node: INGUINAL,
    lump: icd10('R22.41', 'Localized swelling, mass and lump, right lower limb'),
  },
];

const AXILLARY_SITES: readonly PrimarySite[] = [
  {
    dx: icd10('C43.62', 'Malignant melanoma of left upper limb, including shoulder'),
    site: 'left upper arm',
    basin: 'left axillary',
    node: AXILLARY,
    lump: icd10('R22.32', 'Localized swelling, mass and lump, left upper limb'),
  },
  {
    dx: icd10('C43.61', 'Malignant melanoma of right upper limb, including shoulder'),
    site: 'right forearm',
    basin: 'right axillary',
    node: AXILLARY,
    lump: icd10('R22.31', 'Localized swelling, mass and lump, right upper limb'),
  },
  {
    dx: icd10('C43.59', 'Malignant melanoma of other part of trunk'),
    site: 'upper back, left of midline',
    basin: 'left axillary',
    node: AXILLARY,
    lump: icd10('R22.2', 'Localized swelling, mass and lump, trunk'),
  },
];

/** Primary tumour: Breslow depth, ulceration, T category; the AJCC 8th stage with one clinically detected node
 * (N1b) and without nodes (N0). */
export interface Tumor {
  breslowMm: number;
  ulcerated: boolean;
  t: string;
  stageN1b: string;
  stageN0: string;
  mitoses: number;
  subtype: string;
}

const TUMORS: readonly Omit<Tumor, 'mitoses' | 'subtype'>[] = [
  { breslowMm: 1.6, ulcerated: true, t: 'T2b', stageN1b: 'IIIB', stageN0: 'IIA' },
  { breslowMm: 2.6, ulcerated: false, t: 'T3a', stageN1b: 'IIIB', stageN0: 'IIA' },
  { breslowMm: 3.1, ulcerated: true, t: 'T3b', stageN1b: 'IIIC', stageN0: 'IIB' },
  { breslowMm: 4.6, ulcerated: true, t: 'T4b', stageN1b: 'IIIC', stageN0: 'IIC' },
];

export interface Melanoma {
  primary: PrimarySite;
  tumor: Tumor;
}

export function drawMelanoma(random: Random, sites: 'any' | 'axillary'): Melanoma {
  const primary = random.pick(sites === 'axillary' ? AXILLARY_SITES : [...LOWER_LIMB_SITES, ...AXILLARY_SITES]);
  const tumor = {
    ...random.pick(TUMORS),
    mitoses: random.int(2, 9),
    subtype: random.pick(['superficial spreading', 'nodular']),
  };
  return { primary, tumor };
}

export function pathologyText(m: Melanoma): string {
  const t = m.tumor;
  return `Invasive melanoma, ${t.subtype} type. Breslow thickness ${t.breslowMm} mm. Ulceration ${t.ulcerated ? 'present' : 'absent'}. Mitotic rate ${t.mitoses}/mm². pT${t.t.slice(1)}.`;
}

export const MELANOMA_SNOMED = snomed('372244006', 'Malignant melanoma (disorder)');
export const LDH = loinc('2532-0', 'Lactate dehydrogenase [Enzymatic activity/volume] in Serum or Plasma');

/** The diagnostic biopsy: the path report and the melanoma Condition. */
export function addMelanomaDiagnosis(
  ctx: CaseContext,
  base: CaseBase,
  m: Melanoma,
  biopsyDate: string,
  stage: string,
  clinicalStatus: 'active' | 'recurrence' = 'active',
): void {
  addPathologyReport(ctx, base.patient, {
    date: biopsyDate,
    specimen: `skin, ${m.primary.site}, excisional biopsy`,
    diagnosis: pathologyText(m),
    conclusionCode: MELANOMA_SNOMED,
  });
  addCondition(ctx, base.patient, {
    codes: [m.primary.dx],
    onset: biopsyDate,
    clinicalStatus,
    bodySite: m.primary.site,
    stage: `AJCC 8th edition stage ${stage}`,
  });
}

/** Hypertension on the problem list, treated with lisinopril: the comorbidity the PET notes mention. */
export function addHypertension(ctx: CaseContext, base: CaseBase): void {
  const htn = icd10('I10', 'Essential (primary) hypertension');
  const since = ctx.daysBefore(ctx.random.int(2000, 5000));
  addCondition(ctx, base.patient, { codes: [htn], onset: since });
  addMedicationUse(ctx, base.patient, { drug: DRUGS.lisinopril10, start: since, status: 'active', reason: htn });
}

export function addLdh(ctx: CaseContext, base: CaseBase, date: string, value: number): void {
  addLab(ctx, base.patient, date, { code: LDH, value, unit: 'U/L', high: value > 250 });
}

export interface TreatmentHistory {
  surgery: string;
  therapyStart: string;
  therapyEnd: string;
  drug: Drug;
}

/** Wide excision with axillary dissection, then a year of adjuvant anti-PD-1 therapy. */
export function addInitialTreatment(ctx: CaseContext, base: CaseBase, m: Melanoma, t: TreatmentHistory): void {
  const { patient, requester } = base;
  addProcedure(ctx, patient, {
    codes: [cpt('11606', 'Excision, malignant lesion, trunk, arms, or legs; excised diameter over 4.0 cm')],
    date: t.surgery,
    reason: [m.primary.dx],
    note: 'Wide local excision, 2 cm margins. Margins negative.',
  });
  addProcedure(ctx, patient, {
    codes: [cpt('38745', 'Axillary lymphadenectomy; complete')],
    date: t.surgery,
    reason: [m.primary.node],
    note: `Therapeutic ${m.primary.basin} lymph node dissection.`,
  });
  addMedicationUse(ctx, patient, {
    drug: t.drug,
    start: t.therapyStart,
    end: t.therapyEnd,
    status: 'completed',
    reason: m.primary.dx,
    note: `Adjuvant therapy, 1 year, completed. Administered at ${requester.practiceName}.`,
  });
}

export function drawAdjuvant(random: Random): Drug {
  return random.pick([DRUGS.pembrolizumab, DRUGS.nivolumab]);
}

export interface PriorPet {
  date: string;
  code: Coding;
  strategy: 'PI' | 'PS';
  impression: string;
}

export function addPriorPets(ctx: CaseContext, base: CaseBase, m: Melanoma, pets: readonly PriorPet[]): void {
  for (const pet of pets) {
    addProcedure(ctx, base.patient, {
      codes: [pet.code],
      date: pet.date,
      reason: [m.primary.dx],
      note: `FDG PET/CT, modifier ${pet.strategy}. Impression: ${pet.impression}`,
    });
  }
}

export function addMelanomaNodeCondition(ctx: CaseContext, base: CaseBase, m: Melanoma, date: string): void {
  addCondition(ctx, base.patient, {
    codes: [m.primary.node],
    onset: date,
    bodySite: `${m.primary.basin} lymph node`,
  });
}
