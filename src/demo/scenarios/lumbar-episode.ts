// The parts lumbar scenarios share: a radicular syndrome (root, side, diagnosis, exam findings), the history
// details notes draw on, the UnitedHealthcare case opening, and the coded conservative-care course.
import type { Coding } from '@medplum/fhirtypes';
import { daysBetween, weeksBetween } from '../../core/evidence/index.ts';
import type { CaseContext } from '../context.ts';
import type { Drug } from '../codes.ts';
import { cpt, DRUGS, icd10, NSAIDS, snomed } from '../codes.ts';
import type { NeuroSpec } from '../builders/clinical.ts';
import { addMedicationUse, addPrescription, addProcedure } from '../builders/clinical.ts';
import { addPriorImaging, LUMBAR_SPINE_SITE } from '../builders/imaging.ts';
import { PAYERS } from '../payers.ts';
import type { Random } from '../prng.ts';
import type { Requester } from '../builders/admin.ts';
import { addRequester } from '../builders/admin.ts';
import type { CaseBase, FamilyLine } from './common.ts';
import { FAMILY_CANCER, startCase } from './common.ts';

export const MRI_CPT = {
  '72148': cpt('72148', 'MRI lumbar spine without contrast'),
  '72149': cpt('72149', 'MRI lumbar spine with contrast'),
  '72158': cpt('72158', 'MRI lumbar spine without and with contrast'),
} as const;

export type Side = 'left' | 'right';

export interface Radiculopathy {
  side: Side;
  /** "L" or "R", as notes abbreviate. */
  s: 'L' | 'R';
  root: 'L4' | 'L5' | 'S1';
  disc: string;
  dx: Coding;
  /** Also code the condition in SNOMED CT (lumbar radiculopathy), as some EHRs do. */
  snomedToo: boolean;
  radiation: string;
  paresthesia: string;
  findings: NeuroSpec[];
  examLines: string[];
}

const ROOTS = {
  L4: {
    disc: 'L3-4',
    radiation: 'anterior thigh and knee to the medial shin',
    paresthesia: 'numbness along the medial shin',
    findings: (side: Side): NeuroSpec[] => [
      { finding: 'weakness', site: `${side} L4 (quadriceps, knee extension)`, grade: '4/5' },
      { finding: 'reflex', site: `${side} L4 (patellar reflex)`, grade: '1+' },
    ],
    exam: (s: string) => [
      `Strength: ${s} knee extension 4/5, otherwise 5/5 BLE.`,
      `Reflexes: ${s} patellar 1+, contralateral 2+; Achilles 2+ bilat.`,
      `Sensation: decreased to light touch over ${s} medial shin.`,
    ],
  },
  L5: {
    disc: 'L4-5',
    radiation: 'posterolateral thigh and lateral calf to the dorsum of the foot',
    paresthesia: 'tingling in the great toe',
    findings: (side: Side): NeuroSpec[] => [
      { finding: 'weakness', site: `${side} L5 (extensor hallucis longus)`, grade: '4/5' },
      { finding: 'sensoryLoss', site: `${side} L5 dermatome (dorsum of foot, first web space)` },
    ],
    exam: (s: string) => [
      `Strength: ${s} EHL 4/5, ${s} ankle dorsiflexion 4+/5, otherwise 5/5 BLE.`,
      'Reflexes: patellar and Achilles 2+ and symmetric.',
      `Sensation: decreased to light touch over ${s} dorsum of foot / first web space.`,
    ],
  },
  S1: {
    disc: 'L5-S1',
    radiation: 'posterior thigh and calf to the lateral foot',
    paresthesia: 'numbness along the lateral border of the foot',
    findings: (side: Side): NeuroSpec[] => [
      { finding: 'reflex', site: `${side} S1 (Achilles reflex)`, grade: '1+' },
      { finding: 'weakness', site: `${side} S1 (gastrocnemius, plantarflexion)`, grade: '4+/5' },
    ],
    exam: (s: string) => [
      `Strength: ${s} plantarflexion 4+/5 (unable to do 10 single-leg heel raises), otherwise 5/5 BLE.`,
      `Reflexes: ${s} Achilles 1+, contralateral 2+; patellar 2+ bilat.`,
      `Sensation: subjectively decreased over ${s} lateral foot.`,
    ],
  },
} as const;

const RADICULOPATHY_DX = {
  L4: [
    icd10('M54.16', 'Radiculopathy, lumbar region'),
    icd10('M51.16', 'Intervertebral disc disorders with radiculopathy, lumbar region'),
  ],
  L5: [
    icd10('M54.16', 'Radiculopathy, lumbar region'),
    icd10('M51.16', 'Intervertebral disc disorders with radiculopathy, lumbar region'),
  ],
  S1: [
    icd10('M54.17', 'Radiculopathy, lumbosacral region'),
    icd10('M51.17', 'Intervertebral disc disorders with radiculopathy, lumbosacral region'),
  ],
} as const;

export const SNOMED_LUMBAR_RADICULOPATHY = snomed('128196005', 'Lumbar radiculopathy');

export function drawRadiculopathy(random: Random): Radiculopathy {
  const side: Side = random.bool() ? 'left' : 'right';
  const s = side === 'left' ? 'L' : 'R';
  const root = random.pick(['L4', 'L5', 'L5', 'S1'] as const);
  const spec = ROOTS[root];
  const slr = random.int(30, 55);
  const findings = [...spec.findings(side)];
  const examLines = [
    `SLR ${root === 'L4' ? 'negative' : `positive on the ${s} at ${slr}°, reproducing leg pain`}; crossed SLR negative.`,
    ...spec.exam(s),
  ];
  if (root !== 'L4') {
    findings.push({
      finding: 'straightLegRaise',
      site: `${side} lower extremity (${root})`,
      grade: `positive at ${slr}°`,
    });
  }
  return {
    side,
    s,
    root,
    disc: spec.disc,
    dx: random.pick(RADICULOPATHY_DX[root]),
    snomedToo: random.bool(0.4),
    radiation: spec.radiation,
    paresthesia: spec.paresthesia,
    findings,
    examLines,
  };
}

/** History details that vary between patients. */
export interface History {
  trigger: string;
  occupation: string;
  pmh: string;
  familyHistory: FamilyLine;
}

export function drawHistory(random: Random, familyLines: readonly FamilyLine[]): History {
  return {
    trigger: random.pick([
      'lifting bags of mulch',
      'helping a friend move furniture',
      'a long drive',
      'yard work',
      'no clear inciting event',
    ]),
    occupation: random.pick([
      'warehouse supervisor',
      'middle school teacher',
      'software developer',
      'dental hygienist',
      'line cook',
      'bus driver',
    ]),
    pmh: random.pick(['HTN', 'Hyperlipidemia', 'GERD', 'Hypothyroidism', 'No significant PMH']),
    familyHistory: random.pick(familyLines),
  };
}

export const FAMILY_LINES: readonly FamilyLine[] = [
  { text: 'Mother with HTN and osteoarthritis; father with type 2 DM.' },
  { text: 'Father with CAD (MI at 66); mother alive and well.' },
  { text: 'Noncontributory; parents alive with HTN.' },
];

/** A relative's cancer: part of the history, never the patient's own (not a red flag). */
export const FAMILY_LINE_BREAST_CANCER: FamilyLine = {
  text: 'Mother with breast cancer at 62; father with HTN.',
  cancer: { relative: 'mother', condition: FAMILY_CANCER.breast, age: 62 },
};

export const LUMBAR_PRACTICES = [
  'Spine & Sports Medicine',
  'Family Medicine Associates',
  'Orthopedic & Spine Clinic',
] as const;

/** A UnitedHealthcare member: commercial, or every third case of a scenario Medicaid managed care (Community Plan). */
export function startLumbarCase(
  ctx: CaseContext,
  ages: [number, number],
  practiceKind: string,
  variant: number,
): CaseBase {
  const payer = variant % 3 === 2 ? PAYERS.uhcCommunityPlan : PAYERS.uhcChoicePlus;
  return startCase(ctx, { payer, ages, practiceKind, credentials: ctx.random.pick(['MD', 'DO']) });
}

export interface CareCourse {
  initial: string;
  ptStart: string;
  ptEnd: string;
  ptVisits: number;
  nsaid: Drug;
  nsaidEnd: string;
  /** How the NSAID is recorded: a prescription, or a medication statement from the med list. */
  nsaidRecord: 'prescription' | 'statement';
  relaxant: boolean;
  manualTherapy: boolean;
}

export function drawNsaid(random: Random): Drug {
  return random.pick(NSAIDS);
}

/**
 * Codes the provider-directed course: PT evaluation and sessions at a physical therapy practice (returned, as the
 * author of PT notes), the NSAID, and optionally a muscle relaxant.
 */
export function addConservativeCare(ctx: CaseContext, base: CaseBase, reason: Coding, course: CareCourse): Requester {
  const { patient, requester } = base;
  const therapist = addRequester(ctx, patient.town, 'Physical Therapy', 'PT, DPT');
  const weeks = weeksBetween(course.ptStart, course.ptEnd);
  addProcedure(ctx, patient, {
    codes: [cpt('97161', 'Physical therapy evaluation, low complexity')],
    date: course.ptStart,
    reason: [reason],
    performer: therapist,
  });
  addProcedure(ctx, patient, {
    codes: [cpt('97110', 'Therapeutic exercises')],
    date: { start: course.ptStart, end: course.ptEnd },
    reason: [reason],
    performer: therapist,
    note: `${course.ptVisits} visits over ${weeks} weeks; core stabilization, nerve glides, HEP.`,
  });
  if (course.manualTherapy) {
    addProcedure(ctx, patient, {
      codes: [cpt('97140', 'Manual therapy techniques')],
      date: { start: course.ptStart, end: course.ptEnd },
      reason: [reason],
      performer: therapist,
    });
  }
  if (course.nsaidRecord === 'prescription') {
    const days = daysBetween(course.initial, course.nsaidEnd);
    addPrescription(ctx, patient, {
      drug: course.nsaid,
      authoredOn: course.initial,
      status: 'completed',
      supplyDays: Math.min(days, 30),
      refills: days > 30 ? 1 : 0,
      validity: { start: course.initial, end: course.nsaidEnd },
      requester,
      reason,
    });
  } else {
    addMedicationUse(ctx, patient, {
      drug: course.nsaid,
      start: course.initial,
      end: course.nsaidEnd,
      status: 'completed',
      reason,
      note: `Prescribed by ${requester.name}.`,
    });
  }
  if (course.relaxant) {
    addPrescription(ctx, patient, {
      drug: DRUGS.cyclobenzaprine10,
      authoredOn: course.initial,
      status: 'completed',
      supplyDays: 10,
      requester,
      reason,
    });
  }
  return therapist;
}

const LUMBAR_XRAY_FINDINGS = [
  'Mild disc space narrowing at L4-5 and L5-S1. No fracture, spondylolisthesis or destructive lesion.',
  'Normal alignment. Mild facet arthropathy L4-S1. Vertebral body heights maintained.',
] as const;

/** A two-view lumbar spine radiograph; returns its impression for the notes. */
export function addLumbarXray(ctx: CaseContext, base: CaseBase, date: string): string {
  const conclusion = ctx.random.pick(LUMBAR_XRAY_FINDINGS);
  addPriorImaging(ctx, base.patient, {
    date,
    procedure: cpt('72100', 'X-ray lumbar spine, 2 or 3 views'),
    dicomModality: { code: 'DX', display: 'Digital Radiography' },
    bodySite: LUMBAR_SPINE_SITE,
    description: 'XR LUMBAR SPINE 2 VIEWS',
    views: 2,
    conclusion,
    requester: base.requester,
  });
  return conclusion;
}
