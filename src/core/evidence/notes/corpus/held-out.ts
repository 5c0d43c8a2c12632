// Held-out notes: written and annotated after the extractors were developed, scored once as they were, and not
// used for tuning. Figures on this set are reported separately in bench/evidence/README.md.
import { type CorpusNote, ca, cond, ev, fh, im, mc, ms, nf, rf, rk, rp, sc, th, tp } from './types.ts';

export const HELD_OUT_NOTES: readonly CorpusNote[] = [
  {
    id: 'ho-spine-01',
    domain: 'spine',
    date: '2025-08-12',
    text: `CC: back and leg pain
HPI: 49 yo F with LBP and right leg pain x 9 weeks, radiating to the lateral foot. Completed 6 weeks of PT on 07/30/2025 with no improvement. Tried naproxen 500 mg BID x 4 weeks, stopped due to dyspepsia.
ROS: Negative for fever, weight loss, saddle anesthesia or urinary incontinence.
Exam: Decreased sensation lateral right foot. Right ankle jerk absent. SLR positive on the right.
A/P: Right S1 radiculopathy, failed conservative therapy. Refer for TFESI.`,
    expect: [
      cond('M54.50'),
      sc('affirmed', { durationWeeks: 9 }),
      rp('affirmed', { side: 'right', level: 'S1' }),
      th('physical_therapy', 'affirmed', { durationWeeks: 6, outcome: 'failed', providerDirected: true }),
      th('nsaid', 'affirmed', { agent: 'naproxen', durationWeeks: 4, outcome: 'intolerance' }),
      rf('fever', 'negated'),
      rf('unexplained_weight_loss', 'negated'),
      rf('saddle_anesthesia', 'negated'),
      rf('bowel_bladder_dysfunction', 'negated'),
      nf('sensory_loss', 'affirmed', { side: 'right', level: 'S1' }),
      nf('reflex_change', 'affirmed', { side: 'right', level: 'S1' }),
      nf('positive_straight_leg_raise', 'affirmed', { side: 'right' }),
      cond('M54.17'),
      th('epidural_steroid_injection', 'hypothetical'),
      ev('injection_candidate'),
    ],
    absent: [rf('fever', 'affirmed'), rf('saddle_anesthesia', 'affirmed')],
  },
  {
    id: 'ho-spine-02',
    domain: 'spine',
    date: '2025-09-03',
    text: `HPI: 80 yo M with known prostate cancer, on ADT, presents with 3 weeks of new severe thoracic and low back pain, worse at night. Denies trauma. No bowel or bladder symptoms. Wife reports he has lost 15 pounds.
Plan: MRI whole spine with and without contrast. Return to ED if leg weakness or incontinence develops.`,
    expect: [
      ca('other_solid', 'affirmed'),
      rf('cancer_history'),
      cond('M54.50'),
      sc('affirmed', { durationWeeks: 3, trend: 'progressive' }),
      rf('significant_trauma', 'negated'),
      rf('bowel_bladder_dysfunction', 'negated'),
      rf('unexplained_weight_loss'),
      im('mri', 'hypothetical'),
      nf('motor_weakness', 'hypothetical'),
      rf('bowel_bladder_dysfunction', 'hypothetical'),
    ],
  },
  {
    id: 'ho-spine-03',
    domain: 'spine',
    date: '2025-04-22',
    text: `FH: Brother with ankylosing spondylitis; mother with osteoporosis.
SH: Denies IVDU, drinks socially.
HPI: Mechanical low back pain x 5 weeks. Did a home exercise program from YouTube, some relief. Chiropractor 6 visits over 4 weeks without benefit.
Exam: Motor 5/5 bilateral LE. Sensation intact. Reflexes 2+ symmetric. Negative SLR.`,
    expect: [
      rf('iv_drug_use', 'negated'),
      cond('M54.50'),
      sc('affirmed', { durationWeeks: 5 }),
      th('home_exercise', 'affirmed', { providerDirected: false, outcome: 'improved' }),
      th('chiropractic', 'affirmed', { durationWeeks: 4, outcome: 'failed', providerDirected: true }),
      nf('motor_weakness', 'negated'),
      nf('sensory_loss', 'negated'),
      nf('reflex_change', 'negated'),
      nf('positive_straight_leg_raise', 'negated'),
    ],
    absent: [rf('osteoporosis', 'affirmed')],
  },
  {
    id: 'ho-spine-04',
    domain: 'spine',
    date: '2025-05-16',
    text: `ED course: 36 yo F with acute LBP after MVC today. Reports numbness in the saddle area and new difficulty voiding. Exam: decreased rectal tone, 4/5 bilateral plantarflexion.
Impression: concern for cauda equina syndrome. Emergent MRI L-spine ordered, neurosurgery paged.`,
    expect: [
      cond('M54.50'),
      rf('significant_trauma'),
      rf('saddle_anesthesia'),
      nf('sensory_loss'),
      nf('motor_weakness', 'affirmed', { grade: '4/5', level: 'S1', side: 'bilateral' }),
      rf('cauda_equina', 'uncertain'),
      im('mri', 'hypothetical', { bodySite: 'lumbar spine' }),
    ],
  },
  {
    id: 'ho-pet-01',
    domain: 'pet',
    date: '2025-07-30',
    text: `HPI: 55 yo M with newly diagnosed nodular melanoma of the right shoulder, Breslow 4.5 mm, ulcerated, clinically palpable right axillary nodes. FNA of axillary node 07/20/2025 showed metastatic melanoma.
Assessment: At least stage IIIC melanoma.
Plan: PET/CT for initial staging and brain MRI; results will guide surgical planning.`,
    expect: [
      ca('melanoma', 'affirmed', {
        breslowMm: 4.5,
        ulceration: true,
        nodalStatus: 'positive',
        anatomicSite: 'right shoulder',
      }),
      ms('breslow_depth_mm', 4.5),
      rf('cancer_history'),
      tp('diagnosis'),
      ca('melanoma', 'affirmed'),
      ca('melanoma', 'affirmed', { stage: 'IIIC' }),
      im('pet_ct', 'hypothetical', { strategy: 'initial' }),
      im('mri', 'hypothetical', { bodySite: 'brain' }),
      tp('staging'),
      mc(),
    ],
  },
  {
    id: 'ho-pet-02',
    domain: 'pet',
    date: '2025-12-01',
    text: `Surveillance visit, stage IIC melanoma of the left thigh (2023), s/p WLE/SLNB (negative). Last PET/CT 06/2025 NED. Prior PET/CTs: 12/2023, 06/2024, 12/2024. No new symptoms; denies headaches or weight loss.
Plan: Continue surveillance imaging per NCCN; PET/CT in 6 months.`,
    expect: [
      tp('surveillance'),
      ca('melanoma', 'affirmed', { stage: 'IIC', anatomicSite: 'left thigh', nodalStatus: 'negative' }),
      rf('cancer_history'),
      th('cancer_surgery', 'affirmed', { outcome: 'completed' }),
      im('pet_ct', 'affirmed', { date: '2025-06-01' }),
      im('pet_ct', 'affirmed', { date: '2023-12-01' }),
      im('pet_ct', 'affirmed', { date: '2024-06-01' }),
      im('pet_ct', 'affirmed', { date: '2024-12-01' }),
      rf('unexplained_weight_loss', 'negated'),
      im('pet_ct', 'hypothetical'),
    ],
  },
  {
    id: 'ho-pet-03',
    domain: 'pet',
    date: '2025-03-14',
    text: `Patient's father died of metastatic melanoma. Patient has atypical nevi, no personal history of melanoma. Requests PET scan for peace of mind; not indicated.`,
    expect: [fh('father', 'family'), ca('melanoma', 'negated'), rf('cancer_history', 'negated'), im('pet', 'negated')],
    absent: [ca('melanoma', 'affirmed'), rf('cancer_history', 'affirmed'), im('pet', 'affirmed')],
  },
  {
    id: 'ho-pet-04',
    domain: 'pet',
    date: '2025-10-10',
    text: `A/P: Merkel cell carcinoma, right upper arm, 1.2 cm, SLNB positive (2/3 nodes), s/p WLE 09/2025. Plan adjuvant radiation to the tumor bed and nodal basin. Baseline PET/CT requested to exclude distant metastases before radiation; if distant disease is found, will start avelumab instead.`,
    expect: [
      ca('merkel_cell', 'affirmed', { anatomicSite: 'right upper arm', sizeCm: 1.2, nodalStatus: 'positive' }),
      ms('lesion_size_cm', 1.2),
      rf('cancer_history'),
      th('cancer_surgery', 'affirmed', { outcome: 'completed' }),
      th('radiation_therapy', 'hypothetical'),
      im('pet_ct', 'hypothetical', { strategy: 'initial' }),
      th('systemic_anticancer_therapy', 'hypothetical', { agent: 'avelumab' }),
      mc(),
    ],
  },
  {
    id: 'ho-mohs-01',
    domain: 'mohs',
    date: '2025-06-25',
    text: `HPI: 68 yo F, liver transplant 2015 on tacrolimus. Biopsy of the left lower lip 06/10/2025 showed invasive SCC, poorly differentiated, 1.3 cm. No prior treatment to this site.
Assessment: Primary aggressive SCC, lower lip, immunosuppressed host.`,
    expect: [
      rf('immunosuppression'),
      rk('organ_transplant'),
      ca('cutaneous_scc', 'affirmed', {
        anatomicSite: 'left lower lip',
        sizeCm: 1.3,
        biopsyProven: true,
        aggressiveSubtype: true,
        subtype: 'poorly differentiated',
      }),
      ms('lesion_size_cm', 1.3),
      ca('cutaneous_scc', 'affirmed', { primary: 'primary', anatomicSite: 'lower lip' }),
      rk('immunocompromised'),
    ],
  },
  {
    id: 'ho-mohs-02',
    domain: 'mohs',
    date: '2025-02-05',
    text: `Superficial BCC of the left upper arm, 0.8 cm, primary, in an otherwise healthy 50 yo. No history of immunosuppression, radiation exposure, or genetic syndromes. Mother had several BCCs.`,
    expect: [
      ca('bcc', 'affirmed', {
        subtype: 'superficial',
        aggressiveSubtype: false,
        sizeCm: 0.8,
        primary: 'primary',
        anatomicSite: 'left upper arm',
      }),
      ms('lesion_size_cm', 0.8),
      rf('immunosuppression', 'negated'),
      rk('immunocompromised', 'negated'),
      fh('mother', 'family'),
    ],
    absent: [rk('prior_radiation', 'affirmed'), rk('genetic_syndrome', 'affirmed'), ca('bcc', 'family')],
  },
  {
    id: 'ho-mohs-03',
    domain: 'mohs',
    date: '2025-11-18',
    text: `Recurrent nodular BCC of the nasal tip, previously treated with ED&C in 2022, now 0.6 cm with scar recurrence. History of radiation therapy to the nose for acne as a teenager.`,
    expect: [
      ca('bcc', 'affirmed', { primary: 'recurrent', subtype: 'nodular', sizeCm: 0.6, anatomicSite: 'nasal tip' }),
      ms('lesion_size_cm', 0.6),
      rk('prior_radiation'),
    ],
  },
  {
    id: 'ho-mohs-04',
    domain: 'mohs',
    date: '2025-08-19',
    text: `Pathology: Basal cell carcinoma, micronodular and infiltrative, extending to deep margin. Site: right preauricular cheek. Clinical size 1.6 x 1.2 cm.`,
    expect: [
      ca('bcc', 'affirmed', { subtype: 'micronodular, infiltrative', aggressiveSubtype: true, biopsyProven: true }),
      ca('bcc', 'affirmed', { anatomicSite: 'right preauricular' }),
      ca('bcc', 'affirmed', { sizeCm: 1.6 }),
      ms('lesion_size_cm', 1.6),
    ],
  },
  {
    id: 'ho-bio-01',
    domain: 'biologic',
    date: '2025-05-27',
    text: `HPI: 41 yo M with moderate-to-severe plaque psoriasis x 15 years, BSA 14%, PASI 16, DLQI 15. Failed clobetasol and calcipotriene x 12 weeks. NB-UVB x 12 weeks (36 sessions) with partial response. Methotrexate contraindicated due to fatty liver disease.
Plan: Start guselkumab 100 mg at weeks 0, 4 then q8 weeks.`,
    expect: [
      cond('L40.0'),
      sc('affirmed', { durationWeeks: 782.7 }),
      ms('bsa_percent', 14),
      ms('pasi', 16),
      ms('dlqi', 15),
      th('topical_corticosteroid', 'affirmed', { agent: 'clobetasol', outcome: 'failed' }),
      th('phototherapy', 'affirmed', { durationWeeks: 12, outcome: 'failed', providerDirected: true }),
      th('methotrexate', 'affirmed', { outcome: 'contraindicated' }),
      th('biologic', 'hypothetical', { agent: 'guselkumab' }),
    ],
  },
  {
    id: 'ho-bio-02',
    domain: 'biologic',
    date: '2025-09-22',
    text: `Atopic dermatitis since infancy. Tried: hydrocortisone 2.5%, triamcinolone 0.1% (x 8 wks, minimal benefit), tacrolimus 0.1% ointment (stinging, stopped). Not a candidate for cyclosporine due to CKD. EASI 24, BSA 30%, IGA 4.
Plan: dupilumab; if not approved, consider abrocitinib.`,
    expect: [
      cond('L20.9'),
      th('topical_corticosteroid', 'affirmed', { agent: 'hydrocortisone' }),
      th('topical_corticosteroid', 'affirmed', { agent: 'triamcinolone', durationWeeks: 8, outcome: 'failed' }),
      th('topical_calcineurin_inhibitor', 'affirmed', { agent: 'tacrolimus', outcome: 'intolerance' }),
      th('cyclosporine', 'affirmed', { outcome: 'contraindicated' }),
      ms('easi', 24),
      ms('bsa_percent', 30),
      ms('iga', 4),
      th('biologic', 'hypothetical', { agent: 'dupilumab' }),
      th('jak_inhibitor', 'hypothetical', { agent: 'abrocitinib' }),
    ],
  },
  {
    id: 'ho-bio-03',
    domain: 'biologic',
    date: '2025-12-15',
    text: `Psoriasis follow-up. On ixekizumab since 01/2025; PASI 1.2, BSA <1%. Denies injection site reactions or infections. Sister has psoriatic arthritis.
Plan: continue Taltz.`,
    expect: [
      cond('L40.0'),
      th('biologic', 'affirmed', { agent: 'ixekizumab', start: '2025-01-01' }),
      ms('pasi', 1.2),
      fh('sister', 'family'),
      th('biologic', 'affirmed', { agent: 'ixekizumab', outcome: 'ongoing' }),
    ],
    absent: [cond('L40.50', 'affirmed')],
  },
  {
    id: 'ho-bio-04',
    domain: 'biologic',
    date: '2025-06-30',
    text: `AD flare x 3 weeks after stopping dupilumab (insurance lapse). Previously on dupilumab x 1 year with EASI 75 response. Current EASI 21.
Plan: resume dupilumab.`,
    expect: [
      cond('L20.9'),
      sc('affirmed', { durationWeeks: 3 }),
      th('biologic', 'affirmed', { agent: 'dupilumab' }),
      th('biologic', 'affirmed', { agent: 'dupilumab', durationWeeks: 52.2, outcome: 'improved' }),
      ms('easi', 21),
    ],
    absent: [ms('easi', 75)],
  },
];
