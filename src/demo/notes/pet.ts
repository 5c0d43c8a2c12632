// Note templates for the FDG PET/CT scenarios: the staging consult for a new melanoma, the follow-up visit of a
// treated melanoma, the visit that orders a PET for a family history, and the pre-operative consult that asks for
// regional node evaluation.
import type { PatientInfo } from '../builders/admin.ts';
import type { NoteSection } from '../builders/note.ts';
import { usDate } from '../builders/note.ts';
import { ageSex, possessive } from '../scenarios/common.ts';
import type { Melanoma, PriorPet, TreatmentHistory } from '../scenarios/pet-episode.ts';
import { pathologyText } from '../scenarios/pet-episode.ts';

const capital = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

const ordinal = (n: number): string => ['first', 'second', 'third', 'fourth', 'fifth'][n - 1] ?? `${n}th`;

export interface StagingConsult {
  patient: PatientInfo;
  m: Melanoma;
  stage: string;
  biopsyDate: string;
  fnaDate: string;
  nodeCm: number;
  ldh: number;
  familyHistory: string;
  petCode: string;
}

export function stagingConsultSections(v: StagingConsult): NoteSection[] {
  const { m } = v;
  const dissection = m.primary.basin.includes('inguinal') ? 'inguinofemoral' : 'axillary';
  return [
    {
      heading: 'Reason for Consultation',
      lines: [`New melanoma of the ${m.primary.site} with a palpable ${m.primary.basin} node.`],
    },
    {
      heading: 'HPI',
      lines: [
        `${ageSex(v.patient)} referred for newly diagnosed melanoma. Excisional biopsy of a changing pigmented lesion of the ${m.primary.site} on ${usDate(v.biopsyDate)}: ${pathologyText(m)}`,
        `Pt noticed a firm lump in the ${m.primary.basin} region ~3 wks ago. US-guided FNA on ${usDate(v.fnaDate)}: metastatic melanoma (SOX10+, S100+).`,
        'Denies headaches, cough, bone pain, abdominal pain or weight loss.',
      ],
    },
    { heading: 'PMH', lines: ['HTN on lisinopril. No prior malignancy.'] },
    { heading: 'Family History', lines: [v.familyHistory] },
    {
      heading: 'Social History',
      lines: ['Retired; decades of outdoor work with substantial sun exposure. Former smoker, quit 20 yrs ago.'],
    },
    {
      heading: 'Physical Exam',
      lines: [
        'ECOG 0. Vitals within normal limits, T 97.9 °F.',
        `Skin: healing biopsy scar ${m.primary.site}, no satellite or in-transit lesions.`,
        `Lymph nodes: ${v.nodeCm} cm firm, mobile ${m.primary.basin} node; no other adenopathy.`,
        'Abdomen: soft, no hepatosplenomegaly.',
      ],
    },
    { heading: 'Labs', lines: [`LDH ${v.ldh} U/L (reference 120–250).`] },
    {
      heading: 'Assessment',
      lines: [
        `Melanoma of the ${m.primary.site}, p${m.tumor.t} cN1b M0 (clinical stage ${v.stage}, AJCC 8th), biopsy-proven nodal metastasis. No prior treatment.`,
      ],
    },
    {
      heading: 'Plan',
      lines: [
        `- FDG PET/CT (CPT ${v.petCode}) for initial staging to exclude distant metastatic disease. The result determines the initial treatment strategy: wide local excision with therapeutic ${dissection} dissection if disease is confined, versus neoadjuvant or systemic immunotherapy if distant metastases are found.`,
        '- MRI brain with and without contrast.',
        '- Present at multidisciplinary melanoma tumor board after imaging.',
        '- Discussed diagnosis and plan with pt and spouse; questions answered.',
      ],
    },
  ];
}

export interface FollowUp {
  patient: PatientInfo;
  m: Melanoma;
  stage: string;
  diagnosed: string;
  treatment: TreatmentHistory;
  pets: readonly PriorPet[];
  recurrence?: { lumpCm: number; noticed: string };
  ldh: number;
  petCode: string;
}

export function followUpSections(v: FollowUp): NoteSection[] {
  const { m, treatment } = v;
  const after = v.pets.filter((p) => p.strategy === 'PS');
  const petLines = v.pets.map(
    (p) => `${usDate(p.date)} PET/CT (${p.strategy === 'PI' ? 'initial staging' : 'surveillance'}): ${p.impression}`,
  );
  const next = after.length + 1;
  return [
    { heading: 'Reason for Visit', lines: [v.recurrence ? 'New lump; melanoma follow-up.' : 'Melanoma surveillance.'] },
    {
      heading: 'Oncologic History',
      lines: [
        `Stage ${v.stage} melanoma of the ${m.primary.site} diagnosed ${usDate(v.diagnosed)} (${m.tumor.t}, Breslow ${m.tumor.breslowMm} mm).`,
        `${usDate(treatment.surgery)}: wide local excision and therapeutic ${m.primary.basin} lymph node dissection.`,
        `${usDate(treatment.therapyStart)}–${usDate(treatment.therapyEnd)}: adjuvant ${treatment.drug.name}, 1 year, completed. Initial therapy complete as of ${usDate(treatment.therapyEnd)}.`,
        ...petLines,
      ],
    },
    {
      heading: 'Interval History',
      lines: v.recurrence
        ? [
            `Noticed a firm, non-tender lump near the ${m.primary.site} scar ${v.recurrence.noticed}. Otherwise feels well; no headaches, cough or weight loss.`,
          ]
        : ['Feels well. No new lumps, headaches, cough or weight loss. Here for scheduled surveillance.'],
    },
    {
      heading: 'Physical Exam',
      lines: [
        `Skin: well-healed scar ${m.primary.site}.`,
        v.recurrence
          ? `${v.recurrence.lumpCm} cm firm subcutaneous nodule ~4 cm proximal to the scar, suspicious for in-transit metastasis.`
          : 'No nodules along the scar or lymphatic drainage path.',
        `Lymph nodes: surgical bed of the ${m.primary.basin} dissection without palpable mass.`,
      ],
    },
    { heading: 'Labs', lines: [`LDH ${v.ldh} U/L${v.ldh > 250 ? ' (H)' : ''}.`] },
    {
      heading: 'Assessment',
      lines: [
        v.recurrence
          ? 'Suspected recurrence (in-transit) of previously treated stage III melanoma.'
          : `Treated stage ${v.stage} melanoma, no evidence of disease on exam.`,
      ],
    },
    {
      heading: 'Plan',
      lines: [
        `- FDG PET/CT (CPT ${v.petCode}), subsequent treatment strategy (PS). This will be the ${ordinal(next)} PET/CT since completion of initial therapy.`,
        ...(v.recurrence
          ? [
              '- Core biopsy of the nodule.',
              '- Extent of disease on PET/CT will decide between surgical excision of an isolated recurrence and systemic therapy.',
            ]
          : ['- Continue surveillance per stage III guidelines.']),
        '- Return sooner for new lumps, headaches or neurological symptoms.',
      ],
    },
  ];
}

export interface FamilyHistoryVisit {
  patient: PatientInfo;
  motherAge: number;
  nevi: boolean;
  petCode: string;
}

export function familyHistoryVisitSections(v: FamilyHistoryVisit): NoteSection[] {
  return [
    { heading: 'Reason for Visit', lines: ['Annual visit; discuss skin cancer risk.'] },
    {
      heading: 'HPI',
      lines: [
        `${ageSex(v.patient)} here for annual visit. ${capital(possessive(v.patient))} mother was diagnosed with melanoma at age ${v.motherAge}; pt is worried about ${possessive(v.patient)} own risk and asks for a "full body scan."`,
      ],
    },
    { heading: 'PMH', lines: ['HTN, well controlled on lisinopril.'] },
    { heading: 'Family History', lines: [`Mother: melanoma, dx age ${v.motherAge}. Father: CAD, HTN.`] },
    {
      heading: 'Physical Exam',
      lines: [
        'BP 134/78, HR 70.',
        v.nevi ? 'Skin: numerous nevi on trunk and extremities.' : 'Skin: fair skin, freckling on shoulders.',
      ],
    },
    {
      heading: 'Assessment',
      lines: ['Family history of melanoma (mother).', 'Encounter for cancer screening per pt request.'],
    },
    {
      heading: 'Plan',
      lines: [
        `- FDG PET/CT (CPT ${v.petCode}) ordered per pt request for screening given family history.`,
        '- Referral to dermatology for full-body skin examination.',
        '- Sun protection counseling.',
      ],
    },
  ];
}

export interface RegionalNodeConsult {
  patient: PatientInfo;
  m: Melanoma;
  stage: string;
  biopsyDate: string;
  petCode: string;
}

export function regionalNodeConsultSections(v: RegionalNodeConsult): NoteSection[] {
  const { m } = v;
  return [
    {
      heading: 'Reason for Consultation',
      lines: [`Newly diagnosed melanoma of the ${m.primary.site}; surgical planning.`],
    },
    {
      heading: 'HPI',
      lines: [
        `${ageSex(v.patient)} referred after excisional biopsy on ${usDate(v.biopsyDate)}: ${pathologyText(m)} Margins involved.`,
        'No lumps noticed. Denies weight loss, headaches or cough.',
      ],
    },
    { heading: 'Family History', lines: ['Noncontributory.'] },
    {
      heading: 'Physical Exam',
      lines: [
        `Skin: healing biopsy scar ${m.primary.site}, no satellite lesions.`,
        `Lymph nodes: no palpable ${m.primary.basin} or other adenopathy.`,
      ],
    },
    {
      heading: 'Assessment',
      lines: [`Melanoma of the ${m.primary.site}, p${m.tumor.t} cN0 (clinical stage ${v.stage}, AJCC 8th).`],
    },
    {
      heading: 'Plan',
      lines: [
        '- Wide local excision with sentinel lymph node biopsy.',
        `- FDG PET/CT (CPT ${v.petCode}) to evaluate regional lymph nodes (${m.primary.basin} basin) before SLNB.`,
        '- Pre-op labs; consent discussed.',
      ],
    },
  ];
}
