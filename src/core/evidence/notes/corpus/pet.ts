// Synthetic oncology / dermatology notes for FDG PET requests: melanoma, Merkel cell, cSCC.
import { type CorpusNote, ca, fh, im, mc, ms, rf, th, tp, todo } from './types.ts';

export const PET: readonly CorpusNote[] = [
  {
    id: 'pet-01-stage-iii-restaging',
    domain: 'pet',
    date: '2025-09-15',
    text: `ONCOLOGY FOLLOW-UP
HPI: 62 yo F with stage IIIB melanoma of the left upper back, Breslow 2.4 mm, ulcerated, SLNB positive (05/2024). S/p WLE 06/2024. Completed 1 year of adjuvant nivolumab 06/2025. Prior PET/CTs 07/2024, 01/2025 and 07/2025, all NED.
FH: mother had melanoma.
Plan: FDG PET/CT skull base to mid-thigh for restaging of new flank nodule. Results will determine candidacy for metastasectomy vs systemic therapy.`,
    expect: [
      ca('melanoma', 'affirmed', {
        stage: 'IIIB',
        breslowMm: 2.4,
        ulceration: true,
        nodalStatus: 'positive',
        anatomicSite: 'left upper back',
      }),
      ms('breslow_depth_mm', 2.4),
      rf('cancer_history'),
      th('cancer_surgery', 'affirmed', { outcome: 'completed', date: '2024-06-01' }),
      th('systemic_anticancer_therapy', 'affirmed', { agent: 'nivolumab', outcome: 'completed', durationWeeks: 52.2 }),
      tp('completed_initial_therapy'),
      im('pet_ct', 'affirmed', { date: '2024-07-01' }),
      im('pet_ct', 'affirmed', { date: '2025-01-01' }),
      im('pet_ct', 'affirmed', { date: '2025-07-01' }),
      tp('surveillance'),
      fh('mother', 'family', { display: 'Malignant melanoma of skin' }),
      im('pet_ct', 'hypothetical', { strategy: 'subsequent', bodySite: 'skull base to mid-thigh' }),
      mc(),
      th('cancer_surgery', 'hypothetical'),
    ],
    absent: [ca('melanoma', 'family')],
  },
  {
    id: 'pet-02-family-only',
    domain: 'pet',
    date: '2025-04-01',
    text: `Derm screening visit. Pt has no personal history of skin cancer. Mother had melanoma at age 50; maternal aunt with melanoma.
Skin exam: no suspicious lesions.
Plan: annual skin checks.`,
    expect: [fh('mother', 'family'), fh('aunt', 'family')],
    absent: [ca('melanoma', 'affirmed'), rf('cancer_history', 'affirmed')],
  },
  {
    id: 'pet-03-initial-staging-iv',
    domain: 'pet',
    date: '2025-03-20',
    text: `HPI: 70 yo M, newly diagnosed metastatic melanoma. Biopsy of right axillary mass 03/10/2025 showed melanoma, BRAF V600E positive. CT chest showed multiple pulmonary nodules concerning for lung metastases. LDH 410.
Assessment: Stage IV melanoma (M1b), metastases to lung and lymph nodes.
Plan: PET/CT whole body for initial staging; brain MRI. Will start ipilimumab/nivolumab pending staging.`,
    expect: [
      ca('melanoma', 'affirmed'),
      rf('cancer_history'),
      tp('diagnosis'),
      ca('melanoma', 'affirmed', { biopsyProven: true }),
      im('ct', 'affirmed', { bodySite: 'chest' }),
      ca('melanoma', 'uncertain', { metastaticSites: ['lung'] }),
      ms('ldh', 410),
      ca('melanoma', 'affirmed', { stage: 'IV', metastaticSites: ['lung', 'lymph nodes'] }),
      im('pet_ct', 'hypothetical', { strategy: 'initial', bodySite: 'whole body' }),
      im('mri', 'hypothetical', { bodySite: 'brain' }),
      tp('staging'),
      th('systemic_anticancer_therapy', 'hypothetical', { agent: 'ipilimumab' }),
      th('systemic_anticancer_therapy', 'hypothetical', { agent: 'nivolumab' }),
      tp('staging', 'hypothetical'),
    ],
  },
  {
    id: 'pet-04-early-stage-no-imaging',
    domain: 'pet',
    date: '2025-02-10',
    text: `Pathology: Invasive melanoma, superficial spreading type, Breslow 0.6 mm, non-ulcerated, mitotic rate 1/mm2, margins clear.
Assessment: Stage IA melanoma of the right forearm. No imaging indicated per guidelines.
Plan: WLE with 1 cm margins. Skin surveillance q3 months.`,
    expect: [
      ca('melanoma', 'affirmed', { breslowMm: 0.6, ulceration: false, mitoticRate: 1, biopsyProven: true }),
      ms('breslow_depth_mm', 0.6),
      ms('mitotic_rate', 1),
      rf('cancer_history'),
      ca('melanoma', 'affirmed', { stage: 'IA', anatomicSite: 'right forearm' }),
      th('cancer_surgery', 'hypothetical'),
      tp('surveillance'),
    ],
    absent: [ms('lesion_size_cm', 1)],
  },
  {
    id: 'pet-05-history-bcc-remote',
    domain: 'pet',
    date: '2025-05-05',
    text: `PMH: history of basal cell carcinoma 2010, excised. HTN.
HPI: New pigmented lesion on the left calf, enlarging x 3 months. Shave biopsy showed melanoma in situ.`,
    expect: [
      ca('bcc', 'historical'),
      ca('melanoma_in_situ', 'affirmed', { biopsyProven: true }),
      { kind: 'symptom_course', assertion: 'affirmed', durationWeeks: 13, trend: 'progressive' },
    ],
    absent: [ca('bcc', 'affirmed')],
  },
  {
    id: 'pet-06-merkel-baseline',
    domain: 'pet',
    date: '2025-07-07',
    text: `HPI: 77 yo M with biopsy-proven Merkel cell carcinoma of the left cheek, 2.1 cm, clinically node negative. Chronic lymphocytic leukemia on observation.
Plan: Baseline PET/CT for staging prior to WLE and SLNB; findings will guide surgical planning and need for adjuvant radiation.`,
    expect: [
      ca('merkel_cell', 'affirmed', {
        biopsyProven: true,
        anatomicSite: 'left cheek',
        sizeCm: 2.1,
        nodalStatus: 'negative',
      }),
      ms('lesion_size_cm', 2.1),
      rf('cancer_history'),
      ca('hematologic', 'affirmed'),
      rf('immunosuppression'),
      { kind: 'risk_factor', assertion: 'affirmed', factor: 'immunocompromised' },
      im('pet_ct', 'hypothetical', { strategy: 'initial' }),
      tp('staging'),
      th('cancer_surgery', 'hypothetical'),
      mc(),
      th('radiation_therapy', 'hypothetical'),
    ],
  },
  {
    id: 'pet-07-on-therapy',
    domain: 'pet',
    date: '2025-08-01',
    text: `Interval history: stage IV melanoma with liver and bone mets, currently on pembrolizumab, cycle 6 of pembrolizumab given today. Tolerating well.
Prior imaging: PET/CT 02/2025 (initial staging), PET/CT 05/2025 showed partial response.
Plan: PET/CT now for response assessment; if progression, will switch to second-line therapy.`,
    expect: [
      ca('melanoma', 'affirmed', { stage: 'IV', metastaticSites: ['liver', 'bone'] }),
      rf('cancer_history'),
      th('systemic_anticancer_therapy', 'affirmed', { agent: 'pembrolizumab' }),
      tp('on_therapy'),
      im('pet_ct', 'affirmed', { date: '2025-02-01', strategy: 'initial' }),
      im('pet_ct', 'affirmed', { date: '2025-05-01' }),
      im('pet_ct', 'hypothetical', { strategy: 'subsequent' }),
      mc(),
    ],
  },
  {
    id: 'pet-08-surveillance-count',
    domain: 'pet',
    date: '2025-10-10',
    text: `Melanoma survivorship visit. Stage IIIA melanoma of the scalp diagnosed 2021, s/p WLE and completion of adjuvant pembrolizumab 2022. Three prior PET scans for surveillance, all without evidence of recurrence. No evidence of disease on exam.`,
    expect: [
      ca('melanoma', 'affirmed'),
      ca('melanoma', 'affirmed', { stage: 'IIIA', anatomicSite: 'scalp' }),
      rf('cancer_history'),
      th('cancer_surgery', 'historical'),
      th('systemic_anticancer_therapy', 'historical', { agent: 'pembrolizumab' }),
      tp('completed_initial_therapy'),
      im('pet', 'affirmed', { strategy: 'subsequent' }),
      im('pet', 'affirmed', { strategy: 'subsequent' }),
      im('pet', 'affirmed', { strategy: 'subsequent' }),
      tp('surveillance'),
    ],
  },
  {
    id: 'pet-09-cscc-high-risk',
    domain: 'pet',
    date: '2025-06-12',
    text: `Assessment: Recurrent poorly differentiated SCC of the right temple with perineural invasion, 3.5 cm, depth 6 mm. Palpable right parotid node concerning for nodal disease.
Plan: PET/CT to evaluate for distant metastases prior to parotidectomy; results will change management.`,
    expect: [
      ca('cutaneous_scc', 'affirmed', {
        primary: 'recurrent',
        aggressiveSubtype: true,
        anatomicSite: 'right temple',
        sizeCm: 3.5,
        breslowMm: 6,
      }),
      ms('lesion_size_cm', 3.5),
      ms('breslow_depth_mm', 6),
      ca('cutaneous_scc', 'uncertain', { nodalStatus: 'positive' }),
      im('pet_ct', 'hypothetical'),
      th('cancer_surgery', 'hypothetical'),
      mc(),
    ],
  },
  {
    id: 'pet-10-negated-mets',
    domain: 'pet',
    date: '2025-01-30',
    text: `Stage IIB melanoma of the right thigh, Breslow 3.1 mm, non-ulcerated, SLNB negative. No evidence of distant metastases on CT C/A/P 12/2024. Denies weight loss, headaches.`,
    expect: [
      ca('melanoma', 'affirmed', { stage: 'IIB', breslowMm: 3.1, ulceration: false, nodalStatus: 'negative' }),
      ms('breslow_depth_mm', 3.1),
      rf('cancer_history'),
      im('ct', 'affirmed', { date: '2024-12-01', bodySite: 'chest, abdomen and pelvis' }),
      rf('unexplained_weight_loss', 'negated'),
    ],
    absent: [ca('melanoma', 'negated')],
  },
  {
    id: 'pet-11-screening-no-cancer',
    domain: 'pet',
    date: '2025-03-03',
    text: `Patient requests a full-body PET scan for cancer screening. No known malignancy. Family history of colon cancer in father.
Plan: Screening PET not indicated; discussed age-appropriate screening.`,
    expect: [
      im('pet', 'hypothetical', { bodySite: 'whole body' }),
      rf('cancer_history', 'negated'),
      fh('father', 'family'),
      im('pet', 'negated'),
    ],
    absent: [ca('other_solid', 'affirmed'), rf('cancer_history', 'affirmed')],
  },
  {
    id: 'pet-12-in-transit',
    domain: 'pet',
    date: '2025-09-01',
    text: `HPI: 58 yo F with history of melanoma of the left shin (stage IIA, 2022) now with 3 new in-transit metastases on the left lower leg, biopsy confirmed 08/2025.
Plan: PET/CT skull base to mid-thigh to determine extent of disease and candidacy for T-VEC vs systemic therapy.`,
    expect: [
      ca('melanoma', 'historical', { stage: 'IIA', anatomicSite: 'left shin' }),
      rf('cancer_history'),
      todo(ca('melanoma', 'affirmed', { metastaticSites: ['in-transit'], biopsyProven: true })),
      im('pet_ct', 'hypothetical', { bodySite: 'skull base to mid-thigh' }),
      mc(),
    ],
  },
  {
    id: 'pet-13-rule-out-recurrence',
    domain: 'pet',
    date: '2025-11-11',
    text: `A/P: h/o Merkel cell carcinoma of the right forearm s/p WLE and XRT 2023. New right axillary lymphadenopathy, r/o nodal recurrence. Plan PET/CT; if positive will proceed with FNA and node dissection.`,
    expect: [
      ca('merkel_cell', 'historical', { anatomicSite: 'right forearm' }),
      rf('cancer_history'),
      th('cancer_surgery', 'historical'),
      th('radiation_therapy', 'historical'),
      ca('merkel_cell', 'uncertain', { primary: 'recurrent', nodalStatus: 'positive' }),
      im('pet_ct', 'hypothetical', { strategy: 'subsequent' }),
      th('cancer_surgery', 'hypothetical'),
      mc(),
    ],
  },
  {
    id: 'pet-14-not-cancer',
    domain: 'pet',
    date: '2025-02-02',
    text: `Skin exam: 6 mm benign-appearing nevus on the back. No lesions suspicious for melanoma. Patient denies history of skin cancer or melanoma.`,
    expect: [ca('melanoma', 'negated'), rf('cancer_history', 'negated')],
    absent: [ca('melanoma', 'affirmed'), rf('cancer_history', 'affirmed')],
  },
];
