// FDG PET/CT scenarios for Original Medicare (NCD 220.6.17): initial staging of stage III melanoma, a subsequent
// scan within the three covered after initial therapy, a fourth subsequent scan, a "screening" order on family
// history alone, and an initial scan ordered to evaluate regional lymph nodes.
import type { CaseContext } from '../context.ts';
import { concept, icd10 } from '../codes.ts';
import { addEncounter } from '../builders/admin.ts';
import { addCondition, addFamilyHistory } from '../builders/clinical.ts';
import { addPathologyReport } from '../builders/imaging.ts';
import { addNote } from '../builders/note.ts';
import { addOrder, MODIFIERS } from '../builders/order.ts';
import {
  familyHistoryVisitSections,
  followUpSections,
  regionalNodeConsultSections,
  stagingConsultSections,
} from '../notes/pet.ts';
import type { CaseBase, FamilyLine, Scenario } from './common.ts';
import { FAMILY_CANCER, recordFamilyLine } from './common.ts';
import type { Melanoma, PriorPet, TreatmentHistory } from './pet-episode.ts';
import {
  addHypertension,
  addInitialTreatment,
  addLdh,
  addMelanomaDiagnosis,
  addMelanomaNodeCondition,
  addPriorPets,
  drawAdjuvant,
  drawMelanoma,
  drawPetCode,
  MELANOMA_SNOMED,
  startPetCase,
} from './pet-episode.ts';

const ONCOLOGY = ['Cancer Center – Melanoma Clinic', 'Hematology & Oncology', 'Surgical Oncology'] as const;

const STAGING_FAMILY_LINES: readonly FamilyLine[] = [
  {
    text: 'Sister with breast cancer at 60.',
    cancer: { relative: 'sister', condition: FAMILY_CANCER.breast, age: 60 },
  },
  { text: 'Noncontributory.' },
  {
    text: 'Father with prostate cancer at 74.',
    cancer: { relative: 'father', condition: FAMILY_CANCER.prostate, age: 74 },
  },
];

function consultVisit(ctx: CaseContext, base: CaseBase, m: Melanoma | undefined, date: string) {
  return addEncounter(ctx, base.patient, {
    date,
    kind: 'office',
    reason: m
      ? concept(m.primary.dx)
      : concept(icd10('Z80.8', 'Family history of malignant neoplasm of other organs or systems')),
    requester: base.requester,
  });
}

const petInitialStaging: Scenario = {
  id: 'pet_initial_staging',
  expected: { determination: 'meets', paRequired: false },
  build(ctx) {
    const { random } = ctx;
    const base = startPetCase(ctx, random.pick(ONCOLOGY));
    const { patient, requester } = base;
    const m = drawMelanoma(random, 'any');
    const stage = m.tumor.stageN1b;
    const biopsyDate = ctx.daysBefore(random.int(18, 35));
    const fnaDate = ctx.daysBefore(random.int(4, 12));
    const petCode = drawPetCode(random);
    const ldh = random.int(140, 230);

    addHypertension(ctx, base);
    addMelanomaDiagnosis(ctx, base, m, biopsyDate, stage);
    addPathologyReport(ctx, patient, {
      date: fnaDate,
      specimen: `${m.primary.basin} lymph node, fine-needle aspiration`,
      diagnosis: 'Metastatic melanoma (SOX10 and S100 positive).',
      conclusionCode: MELANOMA_SNOMED,
    });
    addMelanomaNodeCondition(ctx, base, m, fnaDate);
    addLdh(ctx, base, fnaDate, ldh);
    const familyHistory = recordFamilyLine(ctx, base, random.pick(STAGING_FAMILY_LINES), ctx.orderDate);
    const visit = consultVisit(ctx, base, m, ctx.orderDate);
    addNote(ctx, patient, {
      date: ctx.orderDate,
      kind: 'history_and_physical',
      title: 'Oncology Consultation – New Melanoma',
      author: requester,
      encounter: visit,
      sections: stagingConsultSections({
        patient,
        m,
        stage,
        biopsyDate,
        fnaDate,
        nodeCm: random.int(15, 35) / 10,
        ldh,
        familyHistory,
        petCode: petCode.code ?? '',
      }),
    });
    addOrder(ctx, patient, {
      code: petCode,
      modifier: MODIFIERS.PI,
      reasons: [concept(m.primary.dx, `Initial staging, stage ${stage} melanoma`)],
      priority: 'routine',
      requester,
      coverage: base.coverage,
      encounter: visit,
      note: 'Biopsy-proven stage III melanoma; PET/CT to detect distant metastases and decide between surgery and systemic therapy.',
    });
    return `FDG PET/CT ${petCode.code ?? ''} PI, Medicare: initial staging of stage ${stage} melanoma (${m.primary.site})`;
  },
};

interface SubsequentPlan {
  psCount: number;
  recurrence: boolean;
  variant: number;
}

/** A melanoma treated with surgery and a year of adjuvant therapy, then `psCount` surveillance PET/CTs. */
function buildSubsequent(ctx: CaseContext, plan: SubsequentPlan): string {
  const { random } = ctx;
  const base = startPetCase(ctx, random.pick(ONCOLOGY));
  const { patient, requester } = base;
  const m = drawMelanoma(random, 'axillary');
  const stage = m.tumor.stageN1b;
  const diagnosedBack = random.int(1150, 1400);
  const diagnosed = ctx.daysBefore(diagnosedBack);
  const surgeryBack = diagnosedBack - random.int(21, 35);
  const therapyStartBack = surgeryBack - random.int(28, 42);
  const therapyEndBack = therapyStartBack - 364;
  const treatment: TreatmentHistory = {
    surgery: ctx.daysBefore(surgeryBack),
    therapyStart: ctx.daysBefore(therapyStartBack),
    therapyEnd: ctx.daysBefore(therapyEndBack),
    drug: drawAdjuvant(random),
  };
  const petCode = drawPetCode(random);
  const pets: PriorPet[] = [];
  if (plan.variant % 2 === 1) {
    pets.push({
      date: ctx.daysBefore(diagnosedBack - 10),
      code: petCode,
      strategy: 'PI',
      impression: `FDG-avid ${m.primary.basin} adenopathy; no distant metastases.`,
    });
  }
  let back = therapyEndBack;
  for (let i = 0; i < plan.psCount; i++) {
    back -= random.int(150, 200);
    pets.push({
      date: ctx.daysBefore(back),
      code: petCode,
      strategy: 'PS',
      impression: 'No evidence of FDG-avid disease.',
    });
  }
  const ldh = plan.recurrence ? random.int(260, 340) : random.int(140, 230);
  const recurrence = plan.recurrence
    ? {
        lumpCm: random.int(8, 20) / 10,
        noticed: `${random.int(2, 4)} weeks ago`,
        found: ctx.daysBefore(random.int(14, 28)),
      }
    : undefined;

  addMelanomaDiagnosis(
    ctx,
    base,
    m,
    diagnosed,
    stage,
    plan.variant % 2 === 1 && plan.recurrence ? 'recurrence' : 'active',
  );
  addMelanomaNodeCondition(ctx, base, m, diagnosed);
  addInitialTreatment(ctx, base, m, treatment);
  addPriorPets(ctx, base, m, pets);
  if (recurrence)
    addCondition(ctx, patient, {
      codes: [m.primary.lump],
      onset: recurrence.found,
      bodySite: `near ${m.primary.site} scar`,
    });
  addLdh(ctx, base, ctx.daysBefore(random.int(1, 7)), ldh);
  const visit = consultVisit(ctx, base, m, ctx.orderDate);
  addNote(ctx, patient, {
    date: ctx.orderDate,
    kind: 'progress',
    title: 'Oncology Follow-up',
    author: requester,
    encounter: visit,
    format: plan.variant % 2 === 1 ? 'html' : 'text',
    sections: followUpSections({
      patient,
      m,
      stage,
      diagnosed,
      treatment,
      pets,
      ...(recurrence ? { recurrence } : {}),
      ldh,
      petCode: petCode.code ?? '',
    }),
  });
  addOrder(ctx, patient, {
    code: petCode,
    modifier: MODIFIERS.PS,
    reasons: [
      concept(m.primary.dx, recurrence ? 'Suspected recurrence of melanoma' : 'Surveillance of treated melanoma'),
      ...(recurrence ? [concept(m.primary.lump)] : []),
    ],
    priority: 'routine',
    requester,
    coverage: base.coverage,
    encounter: visit,
  });
  const reason = recurrence ? 'suspected recurrence' : 'surveillance';
  return `FDG PET/CT ${petCode.code ?? ''} PS, Medicare: ${reason} of stage ${stage} melanoma, ${plan.psCount} prior PS scan${plan.psCount === 1 ? '' : 's'} after initial therapy`;
}

const petSubsequentWithinLimit: Scenario = {
  id: 'pet_subsequent_within_limit',
  expected: { determination: 'meets', paRequired: false },
  build: (ctx, variant) => buildSubsequent(ctx, { psCount: 1 + (variant % 2), recurrence: true, variant }),
};

const petFourthSubsequent: Scenario = {
  id: 'pet_fourth_subsequent',
  expected: { determination: 'does_not_meet', paRequired: false },
  build: (ctx, variant) => buildSubsequent(ctx, { psCount: 3, recurrence: variant % 2 === 0, variant }),
};

const petFamilyHistoryOnly: Scenario = {
  id: 'pet_family_history_only',
  expected: { determination: 'insufficient_documentation', paRequired: false },
  build(ctx, variant) {
    const { random } = ctx;
    const base = startPetCase(ctx, 'Internal Medicine');
    const { patient, requester } = base;
    const motherAge = random.int(55, 72);
    const nevi = variant % 2 === 0;
    const petCode = drawPetCode(random);
    const familyCode = icd10('Z80.8', 'Family history of malignant neoplasm of other organs or systems');
    const screening = icd10('Z12.83', 'Encounter for screening for malignant neoplasm of skin');
    addHypertension(ctx, base);
    if (nevi)
      addCondition(ctx, patient, {
        codes: [icd10('D22.5', 'Melanocytic nevi of trunk')],
        onset: ctx.daysBefore(random.int(400, 3000)),
      });
    else addCondition(ctx, patient, { codes: [familyCode], onset: ctx.orderDate, category: 'encounter-diagnosis' });
    addFamilyHistory(ctx, patient, 'mother', MELANOMA_SNOMED, motherAge, ctx.orderDate);
    const visit = consultVisit(ctx, base, undefined, ctx.orderDate);
    addNote(ctx, patient, {
      date: ctx.orderDate,
      kind: 'progress',
      title: 'Annual Wellness Visit',
      author: requester,
      encounter: visit,
      sections: familyHistoryVisitSections({ patient, motherAge, nevi, petCode: petCode.code ?? '' }),
    });
    addOrder(ctx, patient, {
      code: petCode,
      ...(variant % 2 === 1 ? { modifier: MODIFIERS.PI } : {}),
      reasons: [concept(screening, 'Screening; family history of melanoma (mother)'), concept(familyCode)],
      priority: 'routine',
      requester,
      coverage: base.coverage,
      encounter: visit,
    });
    return `FDG PET/CT ${petCode.code ?? ''}, Medicare: screening request on a family history of melanoma only`;
  },
};

const petRegionalNodesInitial: Scenario = {
  id: 'pet_regional_nodes_initial',
  expected: { determination: 'does_not_meet', paRequired: false },
  build(ctx) {
    const { random } = ctx;
    const base = startPetCase(ctx, random.pick(ONCOLOGY));
    const { patient, requester } = base;
    const m = drawMelanoma(random, 'any');
    const stage = m.tumor.stageN0;
    const biopsyDate = ctx.daysBefore(random.int(10, 25));
    const petCode = drawPetCode(random);
    addMelanomaDiagnosis(ctx, base, m, biopsyDate, stage);
    const visit = consultVisit(ctx, base, m, ctx.orderDate);
    addNote(ctx, patient, {
      date: ctx.orderDate,
      kind: 'history_and_physical',
      title: 'Surgical Oncology Consultation',
      author: requester,
      encounter: visit,
      sections: regionalNodeConsultSections({ patient, m, stage, biopsyDate, petCode: petCode.code ?? '' }),
    });
    addOrder(ctx, patient, {
      code: petCode,
      modifier: MODIFIERS.PI,
      reasons: [concept(m.primary.dx), concept(m.primary.node, 'evaluate regional lymph nodes')],
      priority: 'routine',
      requester,
      coverage: base.coverage,
      encounter: visit,
      note: `PET/CT to evaluate regional lymph nodes (${m.primary.basin} basin) before sentinel lymph node biopsy.`,
    });
    return `FDG PET/CT ${petCode.code ?? ''} PI, Medicare: melanoma (${m.primary.site}), ordered to evaluate regional lymph nodes`;
  },
};

export const PET_SCENARIOS: readonly Scenario[] = [
  petInitialStaging,
  petSubsequentWithinLimit,
  petFourthSubsequent,
  petFamilyHistoryOnly,
  petRegionalNodesInitial,
];
