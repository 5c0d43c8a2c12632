// Synthetic spine notes (lumbar MRI requests): conservative care, red flags and their traps, neuro exam.
import { type CorpusNote, ca, cond, ev, fh, im, ms, nf, rf, rk, rp, sc, th, todo, tp } from './types.ts';

export const SPINE: readonly CorpusNote[] = [
  {
    id: 'spine-01-radiculopathy-failed-pt',
    domain: 'spine',
    date: '2025-06-10',
    text: `HPI: 54 yo M with LBP x 10 weeks radiating down the left leg to the dorsum of the foot. Tried PT x 6 wks and naproxen 500 mg b.i.d. without relief.
ROS: No fever, chills or weight loss; + numbness L5. Denies saddle anesthesia, bowel or bladder incontinence.
PE: Strength 5/5 except 4/5 left EHL. Positive SLR on the left at 40 degrees.
A/P: L5 radiculopathy. Return to ED if bowel incontinence develops.`,
    expect: [
      cond('M54.50'),
      rp('affirmed', { side: 'left', level: 'L5' }),
      sc('affirmed', { durationWeeks: 10 }),
      th('physical_therapy', 'affirmed', { durationWeeks: 6, outcome: 'failed', providerDirected: true }),
      th('nsaid', 'affirmed', { agent: 'naproxen', outcome: 'failed' }),
      rf('fever', 'negated'),
      rf('unexplained_weight_loss', 'negated'),
      nf('sensory_loss', 'affirmed', { level: 'L5' }),
      rf('saddle_anesthesia', 'negated'),
      rf('bowel_bladder_dysfunction', 'negated'),
      nf('motor_weakness', 'negated'),
      nf('motor_weakness', 'affirmed', { grade: '4/5', level: 'L5', side: 'left' }),
      nf('positive_straight_leg_raise', 'affirmed', { side: 'left' }),
      rp('affirmed', { level: 'L5' }),
      cond('M54.16'),
      rf('bowel_bladder_dysfunction', 'hypothetical'),
    ],
    absent: [rf('bowel_bladder_dysfunction', 'affirmed'), rf('fever', 'affirmed'), rf('saddle_anesthesia', 'affirmed')],
  },
  {
    id: 'spine-02-acute-no-red-flags',
    domain: 'spine',
    date: '2025-03-04',
    text: `CC: low back pain
HPI: 32 yo F with acute LBP for 5 days after lifting a box. No radiation. She denies fever, IVDU, h/o cancer, trauma. Taking ibuprofen OTC with some relief.
Exam: Paraspinal tenderness. Neuro: strength 5/5 throughout, sensation intact, DTRs 2+ and symmetric. SLR negative bilaterally.
Plan: Activity as tolerated, HEP handout. No imaging indicated.`,
    expect: [
      cond('M54.50'),
      sc('affirmed', { durationWeeks: 0.7 }),
      rf('fever', 'negated'),
      rf('iv_drug_use', 'negated'),
      rf('cancer_history', 'negated'),
      rf('significant_trauma', 'negated'),
      th('nsaid', 'affirmed', { agent: 'ibuprofen', providerDirected: false, outcome: 'improved' }),
      nf('motor_weakness', 'negated'),
      nf('sensory_loss', 'negated'),
      nf('reflex_change', 'negated'),
      nf('positive_straight_leg_raise', 'negated'),
      th('home_exercise', 'affirmed'),
    ],
    absent: [rf('cancer_history', 'affirmed'), rf('iv_drug_use', 'affirmed')],
  },
  {
    id: 'spine-03-cauda-equina',
    domain: 'spine',
    date: '2025-02-11',
    text: `HPI: 47M presents with 2 days of severe LBP, new urinary retention and saddle numbness since this morning. Reports bilateral leg weakness, progressive.
Exam: decreased perianal sensation, 3/5 bilateral ankle dorsiflexion, absent ankle reflexes bilaterally.
Assessment: Suspected cauda equina syndrome.
Plan: Emergent MRI L-spine w/wo contrast, neurosurgery consult.`,
    expect: [
      cond('M54.50'),
      sc('affirmed', { durationWeeks: 0.3 }),
      rf('bowel_bladder_dysfunction'),
      rf('saddle_anesthesia'),
      nf('motor_weakness', 'affirmed', { side: 'bilateral' }),
      sc('affirmed', { trend: 'progressive' }),
      nf('sensory_loss'),
      nf('motor_weakness', 'affirmed', { grade: '3/5', level: 'L4', side: 'bilateral' }),
      nf('reflex_change', 'affirmed', { level: 'S1', side: 'bilateral' }),
      rf('cauda_equina', 'uncertain'),
      im('mri', 'hypothetical', { bodySite: 'lumbar spine' }),
      ev('surgical_candidate'),
      todo(rf('progressive_neurological_deficit')),
    ],
  },
  {
    id: 'spine-04-return-precautions',
    domain: 'spine',
    date: '2025-04-20',
    text: `Assessment and Plan:
1. Lumbar strain. Continue meloxicam 15 mg daily and HEP.
2. Red flag precautions reviewed: return to ED if saddle anesthesia, fever, or loss of bladder control develops.
3. Should weakness develop, call the office.`,
    expect: [
      th('nsaid', 'affirmed', { agent: 'meloxicam', outcome: 'ongoing', providerDirected: true }),
      th('home_exercise', 'affirmed', { outcome: 'ongoing' }),
      rf('saddle_anesthesia', 'hypothetical'),
      rf('fever', 'hypothetical'),
      rf('bowel_bladder_dysfunction', 'hypothetical'),
      nf('motor_weakness', 'hypothetical'),
    ],
    absent: [rf('saddle_anesthesia', 'affirmed'), rf('fever', 'affirmed'), rf('bowel_bladder_dysfunction', 'affirmed')],
  },
  {
    id: 'spine-05-cancer-history',
    domain: 'spine',
    date: '2025-05-02',
    text: `HPI: 68 yo F with h/o breast cancer 2015 s/p lumpectomy and XRT presents with 4 weeks of new thoracolumbar back pain, worse at night. Reports unintentional weight loss of 12 lbs.
PMH: Osteoporosis. DM2.
Plan: MRI L-spine with and without contrast given cancer history.`,
    expect: [
      ca('other_solid', 'historical'),
      rf('cancer_history'),
      th('cancer_surgery', 'historical', { outcome: 'completed' }),
      th('radiation_therapy', 'historical', { outcome: 'completed' }),
      sc('affirmed', { durationWeeks: 4, trend: 'progressive' }),
      rf('unexplained_weight_loss'),
      rf('osteoporosis'),
      im('mri', 'hypothetical', { bodySite: 'lumbar spine' }),
    ],
  },
  {
    id: 'spine-06-mixed-list',
    domain: 'spine',
    date: '2025-01-15',
    text: `ROS: Constitutional: no fever, chills, night sweats or weight loss. GU: no incontinence; + urinary urgency. Neuro: + numbness L foot, denies weakness.
Exam: Decreased sensation over the lateral foot on the left. L Achilles 1+, R Achilles 2+.`,
    expect: [
      rf('fever', 'negated'),
      rf('unexplained_weight_loss', 'negated'),
      rf('bowel_bladder_dysfunction', 'negated'),
      nf('sensory_loss', 'affirmed', { side: 'left' }),
      nf('motor_weakness', 'negated'),
      nf('sensory_loss', 'affirmed', { side: 'left', level: 'S1' }),
      nf('reflex_change', 'affirmed', { level: 'S1', side: 'left', grade: '1+' }),
      nf('reflex_change', 'negated'),
    ],
    absent: [rf('fever', 'affirmed'), nf('motor_weakness', 'affirmed')],
  },
  {
    id: 'spine-07-family-history',
    domain: 'spine',
    date: '2025-02-02',
    text: `FH: Mother with osteoporosis and breast cancer. Father had lumbar spinal stenosis.
SH: No IV drug use. Former smoker.
HPI: Chronic low back pain x 6 months, persistent despite chiropractic care 2x/week for 8 weeks.`,
    expect: [
      fh('mother', 'family', { display: 'Malignant neoplasm' }),
      fh('father', 'family'),
      rf('iv_drug_use', 'negated'),
      cond('M54.50'),
      sc('affirmed', { durationWeeks: 26.1, trend: 'persistent' }),
      th('chiropractic', 'affirmed', { durationWeeks: 8, outcome: 'failed', providerDirected: true }),
    ],
    absent: [rf('osteoporosis', 'affirmed'), rf('cancer_history', 'affirmed'), cond('M48.061', 'affirmed')],
  },
  {
    id: 'spine-08-copy-forward-reeval',
    domain: 'spine',
    date: '2025-07-01',
    text: `Interval history: Pt returns for follow-up after 6 weeks of PT. Back and R leg pain unchanged, 6/10. Completed Medrol dosepak 05/2025 with no lasting benefit. Currently on gabapentin 300 mg t.i.d.
HPI (copied from 05/20/2025): 45 yo M with R sciatica x 8 weeks. Denies bowel/bladder changes.
Exam: + SLR right. 4/5 R great toe extension. Reflexes symmetric.
Plan: Candidate for R L5 TFESI; if no improvement, refer to spine surgery.`,
    expect: [
      ev('re_evaluation'),
      th('physical_therapy', 'affirmed', { durationWeeks: 6, providerDirected: true }),
      sc('affirmed', { trend: 'persistent' }),
      ms('pain_score', 6),
      th('oral_steroid', 'affirmed', { agent: 'methylprednisolone', outcome: 'failed' }),
      th('neuropathic_agent', 'affirmed', { agent: 'gabapentin', outcome: 'ongoing' }),
      rp('affirmed', { side: 'right' }),
      cond('M54.30'),
      sc('affirmed', { durationWeeks: 8 }),
      rf('bowel_bladder_dysfunction', 'negated'),
      nf('positive_straight_leg_raise', 'affirmed', { side: 'right' }),
      nf('motor_weakness', 'affirmed', { grade: '4/5', level: 'L5', side: 'right' }),
      nf('reflex_change', 'negated'),
      th('epidural_steroid_injection', 'hypothetical'),
      ev('injection_candidate'),
      ev('surgical_candidate'),
    ],
  },
  {
    id: 'spine-09-ivdu-fever',
    domain: 'spine',
    date: '2025-03-22',
    text: `ED note. 39 yo M with active IV drug use presents with fever to 39.1 and 1 week of severe midline low back pain. Concern for epidural abscess vs discitis.
Plan: MRI T/L spine with contrast stat, blood cultures.`,
    expect: [
      rf('iv_drug_use'),
      rf('fever'),
      cond('M54.50'),
      sc('affirmed', { durationWeeks: 1 }),
      rf('spinal_infection', 'uncertain'),
      im('mri', 'hypothetical', { bodySite: 'lumbar spine' }),
    ],
  },
  {
    id: 'spine-10-remote-history',
    domain: 'spine',
    date: '2025-04-10',
    text: `PMH: remote L4-5 microdiscectomy 2009. History of lymphoma in remission since 2012.
HPI: New L leg pain x 3 weeks radiating to the lateral calf. No weakness. Pain 5/10.`,
    expect: [
      th('spinal_surgery', 'historical'),
      ca('hematologic', 'historical'),
      rf('cancer_history'),
      tp('surveillance'),
      sc('affirmed', { durationWeeks: 3 }),
      rp('affirmed', { side: 'left', level: 'L5' }),
      nf('motor_weakness', 'negated'),
      ms('pain_score', 5),
    ],
  },
  {
    id: 'spine-11-steroid-osteoporosis',
    domain: 'spine',
    date: '2025-05-30',
    text: `HPI: 74 yo F on chronic prednisone for polymyalgia rheumatica with osteoporosis, sudden onset low back pain after a minor fall from standing 2 weeks ago. No fevers.
Assessment: Suspected osteoporotic compression fracture.`,
    expect: [
      rf('chronic_steroid_use'),
      th('oral_steroid', 'affirmed', { agent: 'prednisone' }),
      rf('osteoporosis'),
      cond('M54.50'),
      rf('significant_trauma'),
      sc('affirmed', { durationWeeks: 2 }),
      rf('fever', 'negated'),
      rf('osteoporosis', 'uncertain'),
    ],
  },
  {
    id: 'spine-12-immunosuppressed',
    domain: 'spine',
    date: '2025-06-01',
    text: `HPI: 51 yo M s/p renal transplant on tacrolimus, with 3 weeks of low back pain. HIV negative. Denies fever or night sweats.`,
    expect: [
      rf('immunosuppression'),
      rk('organ_transplant'),
      cond('M54.50'),
      sc('affirmed', { durationWeeks: 3 }),
      rf('fever', 'negated'),
    ],
    absent: [rf('immunosuppression', 'negated')],
  },
  {
    id: 'spine-13-list-bullets-denies',
    domain: 'spine',
    date: '2025-06-05',
    text: `ROS:
Patient denies:
- fever
- unintentional weight loss
- saddle anesthesia
- bowel or bladder incontinence
Positive for:
- numbness right foot`,
    expect: [
      rf('fever', 'negated'),
      rf('unexplained_weight_loss', 'negated'),
      rf('saddle_anesthesia', 'negated'),
      rf('bowel_bladder_dysfunction', 'negated'),
      nf('sensory_loss', 'affirmed', { side: 'right' }),
    ],
    absent: [rf('fever', 'affirmed'), rf('saddle_anesthesia', 'affirmed')],
  },
  {
    id: 'spine-14-conservative-since-month',
    domain: 'spine',
    date: '2025-05-20',
    text: `HPI: Lower back pain since February, progressively worse. Has been doing formal PT since March without improvement and takes cyclobenzaprine 10 mg qhs, which helps with sleep.
A/P: Chronic LBP with L5 radiculopathy, failed >6 weeks conservative management. Surgical candidate if MRI confirms L4-5 HNP.`,
    expect: [
      cond('M54.50'),
      sc('affirmed', { trend: 'progressive', durationWeeks: 15.4 }),
      th('physical_therapy', 'affirmed', { outcome: 'failed', start: '2025-03-01', durationWeeks: 11.4 }),
      th('muscle_relaxant', 'affirmed', { agent: 'cyclobenzaprine', outcome: 'improved' }),
      rp('affirmed', { level: 'L5' }),
      cond('M54.16'),
      sc('affirmed', { trend: 'persistent' }),
      ev('surgical_candidate'),
      im('mri', 'hypothetical'),
      cond('M51.26', 'hypothetical'),
    ],
  },
  {
    id: 'spine-15-synthea-style',
    domain: 'spine',
    date: '2024-11-12',
    text: `2024-11-12

# Chief Complaint
No complaints.

# History of Present Illness
Jane Example
 is a 38 year-old female. Patient has a history of chronic low back pain (finding), acute bronchitis (disorder).

# Medications
ibuprofen 400 mg oral tablet

# Assessment and Plan
Patient is presenting with chronic low back pain (finding).

## Plan

The patient was prescribed the following medications:
- ibuprofen 400 mg oral tablet [ibu]
The patient was placed on a careplan:
- physical therapy procedure`,
    expect: [
      cond('M54.50', 'historical'),
      th('nsaid', 'affirmed', { agent: 'ibuprofen', outcome: 'ongoing' }),
      cond('M54.50'),
      sc('affirmed', { trend: 'persistent' }),
      th('nsaid', 'affirmed', { agent: 'ibuprofen', providerDirected: true }),
      th('physical_therapy', 'affirmed', { providerDirected: true }),
    ],
  },
  {
    id: 'spine-16-pseudo-triggers',
    domain: 'spine',
    date: '2025-02-28',
    text: `HPI: Back pain with no change in bowel habits. Not only back pain but also R leg numbness. No increase in weakness. Urine culture grew gram negative rods.
Exam: Strength 4/5 right hip flexion.`,
    expect: [
      rf('bowel_bladder_dysfunction', 'negated'),
      nf('sensory_loss', 'affirmed', { side: 'right' }),
      nf('motor_weakness', 'affirmed'),
      nf('motor_weakness', 'affirmed', { grade: '4/5', level: 'L2', side: 'right' }),
    ],
    absent: [nf('sensory_loss', 'negated')],
  },
  {
    id: 'spine-17-rule-out',
    domain: 'spine',
    date: '2025-03-03',
    text: `Impression: LBP, r/o vertebral osteomyelitis. Possible L5 radiculopathy. ? cauda equina - unlikely given normal rectal tone.`,
    expect: [
      cond('M54.50'),
      rf('spinal_infection', 'uncertain'),
      rp('uncertain', { level: 'L5' }),
      cond('M54.16', 'uncertain'),
      rf('cauda_equina', 'uncertain'),
    ],
    absent: [rf('cauda_equina', 'affirmed'), rf('spinal_infection', 'affirmed')],
  },
  {
    id: 'spine-18-progressive-deficit',
    domain: 'spine',
    date: '2025-06-18',
    text: `HPI: Known L4-5 disc herniation. Over the last 2 weeks progressive left foot drop; now tripping. Exam: L ankle dorsiflexion 2/5 (was 4/5 on 05/28/2025). Reflexes: L patellar 2+, L Achilles absent.
Plan: Urgent MRI and spine surgery referral.`,
    expect: [
      cond('M51.26'),
      rf('progressive_neurological_deficit'),
      nf('motor_weakness', 'affirmed', { side: 'left' }),
      nf('motor_weakness', 'affirmed', { grade: '2/5', level: 'L4', side: 'left' }),
      nf('motor_weakness', 'affirmed', { grade: '4/5' }),
      nf('reflex_change', 'negated'),
      nf('reflex_change', 'affirmed', { level: 'S1', side: 'left' }),
      im('mri', 'hypothetical'),
      ev('surgical_candidate'),
    ],
  },
  {
    id: 'spine-19-intolerance',
    domain: 'spine',
    date: '2025-04-04',
    text: `Meds tried: meloxicam (GI upset, stopped after 2 weeks); tramadol - drowsiness. Unable to take NSAIDs due to CKD stage 3.
PT 8 sessions over 6 weeks, completed 03/2025, modest improvement.`,
    expect: [
      th('nsaid', 'affirmed', { agent: 'meloxicam', outcome: 'intolerance', durationWeeks: 2 }),
      th('opioid', 'affirmed', { agent: 'tramadol', outcome: 'intolerance' }),
      th('nsaid', 'affirmed', { outcome: 'contraindicated' }),
      th('physical_therapy', 'affirmed', { durationWeeks: 6, outcome: 'completed', providerDirected: true }),
    ],
  },
  {
    id: 'spine-20-negation-scope-but',
    domain: 'spine',
    date: '2025-05-05',
    text: `Denies fever but reports 10 lb unintentional weight loss. No trauma, however fell off a ladder in 2019. Denies saddle anesthesia.`,
    expect: [
      rf('fever', 'negated'),
      rf('unexplained_weight_loss'),
      rf('significant_trauma', 'negated'),
      rf('significant_trauma', 'historical'),
      rf('saddle_anesthesia', 'negated'),
    ],
    absent: [rf('unexplained_weight_loss', 'negated')],
  },
  {
    id: 'spine-21-pain-scores-odi',
    domain: 'spine',
    date: '2025-05-12',
    text: `Subjective: Pain 8/10 at worst, 4/10 at rest. ODI 46%. Symptoms for approximately 3 months. Using heat and OTC acetaminophen on her own.`,
    expect: [
      ms('pain_score', 8),
      ms('pain_score', 4),
      ms('odi', 46),
      sc('affirmed', { durationWeeks: 13 }),
      th('acetaminophen', 'affirmed', { providerDirected: false, outcome: 'ongoing' }),
    ],
  },
  {
    id: 'spine-22-historical-episode',
    domain: 'spine',
    date: '2025-06-22',
    text: `PMH: Sciatica 2018, resolved with PT.
HPI: 2 days of axial LBP after gardening. No radicular symptoms. No bowel or bladder dysfunction.
Plan: Ibuprofen 600 mg TID prn, heat, activity modification. Re-evaluate in 6 weeks if not improving.`,
    expect: [
      cond('M54.30', 'historical'),
      rp('historical'),
      th('physical_therapy', 'historical'),
      cond('M54.50'),
      sc('affirmed', { durationWeeks: 0.3 }),
      rp('negated'),
      rf('bowel_bladder_dysfunction', 'negated'),
      th('nsaid', 'affirmed', { agent: 'ibuprofen' }),
      th('activity_modification', 'affirmed'),
      ev('re_evaluation', 'hypothetical'),
    ],
    absent: [rp('affirmed'), ev('re_evaluation', 'affirmed')],
  },
  {
    id: 'spine-23-uppercase-headings',
    domain: 'spine',
    date: '2025-02-14',
    text: `HISTORY OF PRESENT ILLNESS
Mr. Doe is a 60 y/o with low back pain radiating to the right buttock and posterior calf for 12 weeks. Dr. Smith prescribed naproxen which did not help.

PHYSICAL EXAMINATION
Straight leg raise positive on the right. Right ankle reflex diminished. Plantarflexion 4/5 on the right.

IMPRESSION
Right S1 radiculopathy.`,
    expect: [
      cond('M54.50'),
      rp('affirmed', { side: 'right', level: 'S1' }),
      sc('affirmed', { durationWeeks: 12 }),
      th('nsaid', 'affirmed', { agent: 'naproxen', outcome: 'failed', providerDirected: true }),
      nf('positive_straight_leg_raise', 'affirmed', { side: 'right' }),
      nf('reflex_change', 'affirmed', { side: 'right', level: 'S1' }),
      nf('motor_weakness', 'affirmed', { grade: '4/5', level: 'S1', side: 'right' }),
      cond('M54.17'),
    ],
  },
  {
    id: 'spine-24-hypothetical-therapy',
    domain: 'spine',
    date: '2025-03-09',
    text: `Plan: Will start PT 2x/week x 6 weeks. Consider ESI if no improvement. Discussed that MRI is not indicated at this time without red flags.`,
    expect: [
      th('physical_therapy', 'hypothetical', { durationWeeks: 6 }),
      th('epidural_steroid_injection', 'hypothetical'),
      ev('injection_candidate'),
      im('mri', 'negated'),
    ],
    absent: [th('physical_therapy', 'affirmed')],
  },
];
