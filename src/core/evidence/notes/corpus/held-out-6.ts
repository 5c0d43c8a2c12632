// Sixth held-out batch: written and annotated after all fixes prompted by batches 1–5; its first run is kept in
// bench/evidence/held-out-6-first-run.txt, and a last round of fixes followed it.
import { type CorpusNote, ca, cond, ev, fh, im, ms, nf, rf, rk, rp, sc, th } from './types.ts';

export const HELD_OUT_6_NOTES: readonly CorpusNote[] = [
  {
    id: 'ho6-spine-01',
    domain: 'spine',
    date: '2025-07-29',
    text: `CC: LBP and left leg pain x 7 wks.
HPI: Onset after yard work. Pain shoots down the lateral left leg into the top of the foot. Did 6 weeks of home exercises prescribed by PT plus meloxicam 15 mg daily, no better. Pain 8/10 at night. No bowel/bladder issues, no saddle anesthesia, no fevers or weight loss. No history of cancer.
Exam: Left EHL 4-/5, left ankle DF 5/5. Achilles reflexes 2+ bilaterally. + SLR on the left.
Plan: MRI lumbar spine w/o contrast given persistent radicular symptoms despite 6 weeks of conservative care; consider L5 TFESI.`,
    expect: [
      cond('M54.50'),
      sc('affirmed', { durationWeeks: 7 }),
      rp('affirmed', { side: 'left', level: 'L5' }),
      th('home_exercise', 'affirmed', { durationWeeks: 6, outcome: 'failed', providerDirected: true }),
      th('nsaid', 'affirmed', { agent: 'meloxicam', outcome: 'failed', providerDirected: true }),
      ms('pain_score', 8),
      rf('bowel_bladder_dysfunction', 'negated'),
      rf('saddle_anesthesia', 'negated'),
      rf('fever', 'negated'),
      rf('unexplained_weight_loss', 'negated'),
      rf('cancer_history', 'negated'),
      nf('motor_weakness', 'affirmed', { grade: '4-/5', level: 'L5', side: 'left' }),
      nf('motor_weakness', 'negated'),
      nf('reflex_change', 'negated'),
      nf('positive_straight_leg_raise', 'affirmed', { side: 'left' }),
      im('mri', 'hypothetical', { bodySite: 'lumbar spine' }),
      rp('affirmed'),
      sc('affirmed', { trend: 'persistent' }),
      th('epidural_steroid_injection', 'hypothetical'),
      ev('injection_candidate'),
    ],
    absent: [rf('cancer_history', 'affirmed'), rf('fever', 'affirmed')],
  },
  {
    id: 'ho6-spine-02',
    domain: 'spine',
    date: '2025-01-06',
    text: `Pt is a 66 yo M with h/o prostate ca s/p prostatectomy 2020, PSA now rising, with 3 weeks of constant low back pain that wakes him at night. Denies numbness or weakness. Return precautions given: worsening weakness, urinary retention.
Plan: MRI L-spine w/wo contrast, bone scan.`,
    expect: [
      ca('other_solid', 'historical'),
      rf('cancer_history'),
      th('cancer_surgery', 'historical'),
      sc('affirmed', { durationWeeks: 3, trend: 'persistent' }),
      cond('M54.50'),
      nf('sensory_loss', 'negated'),
      nf('motor_weakness', 'negated'),
      rf('progressive_neurological_deficit', 'hypothetical'),
      rf('bowel_bladder_dysfunction', 'hypothetical'),
      im('mri', 'hypothetical', { bodySite: 'lumbar spine' }),
      im('bone_scan', 'hypothetical'),
    ],
  },
  {
    id: 'ho6-pet-01',
    domain: 'pet',
    date: '2025-05-12',
    text: `Cutaneous melanoma of the right calf, Breslow 1.9 mm, non-ulcerated, SLNB positive (1 of 3 nodes), stage IIIA. Completion node dissection not performed per MSLT-II. Plan: start adjuvant nivolumab; no baseline PET indicated for microscopic stage III disease per guidelines.`,
    expect: [
      ca('melanoma', 'affirmed', {
        breslowMm: 1.9,
        ulceration: false,
        nodalStatus: 'positive',
        stage: 'IIIA',
        anatomicSite: 'right calf',
      }),
      ms('breslow_depth_mm', 1.9),
      rf('cancer_history'),
      th('cancer_surgery', 'negated'),
      th('systemic_anticancer_therapy', 'hypothetical', { agent: 'nivolumab' }),
      im('pet', 'negated'),
    ],
  },
  {
    id: 'ho6-mohs-01',
    domain: 'mohs',
    date: '2025-10-09',
    text: `Mohs consult: 58 yo F, healthy, with a 1.3 cm nodular BCC of the left cheek (primary, biopsy 09/22/2025). No history of skin cancer treatment at this site, no radiation, no immunosuppressive medications. Her mother had multiple BCCs.`,
    expect: [
      ca('bcc', 'affirmed', { subtype: 'nodular', sizeCm: 1.3, anatomicSite: 'left cheek', primary: 'primary' }),
      ms('lesion_size_cm', 1.3),
      rk('prior_radiation', 'negated'),
      rf('immunosuppression', 'negated'),
      rk('immunocompromised', 'negated'),
      fh('mother', 'family'),
    ],
    absent: [rk('prior_radiation', 'affirmed'), ca('bcc', 'family')],
  },
  {
    id: 'ho6-bio-01',
    domain: 'biologic',
    date: '2025-09-15',
    text: `Psoriasis re-evaluation. On apremilast 30 mg BID x 5 months with only partial response (PASI 15 -> 10). BSA 11%. Previously failed clobetasol ointment and calcipotriene. Has PsA affecting hands.
Plan: transition to a biologic - bimekizumab requested.`,
    expect: [
      cond('L40.0'),
      ev('re_evaluation'),
      th('apremilast', 'affirmed', { durationWeeks: 21.7, outcome: 'failed' }),
      ms('pasi', 15),
      ms('bsa_percent', 11),
      th('topical_corticosteroid', 'affirmed', { agent: 'clobetasol', outcome: 'failed' }),
      th('topical_vitamin_d_analog', 'affirmed', { agent: 'calcipotriene', outcome: 'failed' }),
      cond('L40.50'),
      th('biologic', 'hypothetical', { agent: 'bimekizumab' }),
    ],
  },
  {
    id: 'ho6-bio-02',
    domain: 'biologic',
    date: '2025-02-03',
    text: `7 yo with moderate-to-severe atopic dermatitis, EASI 24, IGA 3. Failed mid-potency TCS x 8 weeks and pimecrolimus x 6 weeks. Mother with asthma; father with eczema.
Plan: dupilumab 300 mg q4 weeks per weight.`,
    expect: [
      cond('L20.9'),
      ms('easi', 24),
      ms('iga', 3),
      th('topical_corticosteroid', 'affirmed', { durationWeeks: 8, outcome: 'failed' }),
      th('topical_calcineurin_inhibitor', 'affirmed', { agent: 'pimecrolimus', durationWeeks: 6, outcome: 'failed' }),
      fh('father', 'family', { display: 'Atopic dermatitis, unspecified' }),
      th('biologic', 'hypothetical', { agent: 'dupilumab' }),
    ],
    absent: [th('biologic', 'affirmed', { durationWeeks: 4 })],
  },
];
