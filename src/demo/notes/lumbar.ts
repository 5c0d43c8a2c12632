// Note templates for the lumbar spine scenarios: the first visit, the PT discharge summary, the re-evaluation after
// the conservative trial, the same-day red-flag visit and a terse Synthea-like visit. Each is built from the same
// values as the coded resources of its case.
import type { NoteSection } from '../builders/note.ts';
import { usDate } from '../builders/note.ts';
import type { PatientInfo } from '../builders/admin.ts';
import { ageSex } from '../scenarios/common.ts';
import type { CareCourse, History, Radiculopathy } from '../scenarios/lumbar-episode.ts';

const weeks = (n: number): string => (n === 1 ? '1 wk' : `${n} wks`);

const RETURN_PRECAUTIONS =
  'Return precautions reviewed: go to the ED for new saddle anesthesia, bowel or bladder incontinence or urinary retention, progressive leg weakness, or fever.';

const RED_FLAG_NEGATIVES =
  'Denies saddle anesthesia, bowel or bladder changes. No fever, chills or unintentional weight loss. No hx of cancer, IVDU or recent trauma.';

export interface InitialVisit {
  date: string;
  patient: PatientInfo;
  radic: Radiculopathy;
  history: History;
  symptomWeeks: number;
  pain: number;
  course: Pick<CareCourse, 'nsaid' | 'relaxant'>;
  ptWeeksPlanned: number;
  xray?: string;
}

export function initialVisitSections(v: InitialVisit): NoteSection[] {
  const { radic, history } = v;
  return [
    { heading: 'Chief Complaint', lines: [`Low back pain radiating down the ${radic.side} leg.`] },
    {
      heading: 'HPI',
      lines: [
        `${ageSex(v.patient, v.date)} ${history.occupation} presents with low back pain x ${weeks(v.symptomWeeks)}, onset after ${history.trigger}. Pain radiates down the ${radic.side} ${radic.radiation}, with ${radic.paresthesia}. Pain ${v.pain}/10, worse with sitting and bending, better lying supine. Has tried OTC ibuprofen with minimal relief.`,
        RED_FLAG_NEGATIVES,
      ],
    },
    {
      heading: 'ROS',
      lines: [
        'Constitutional: negative for fever, night sweats, weight loss.',
        'GU: negative for urinary retention or incontinence.',
        `Neuro: positive for ${radic.paresthesia} as above; pt has not noticed weakness.`,
      ],
    },
    { heading: 'PMH', lines: [history.pmh] },
    { heading: 'Family History', lines: [history.familyHistory.text] },
    { heading: 'Social History', lines: [`Works as a ${history.occupation}. Never smoker. Alcohol socially.`] },
    {
      heading: 'Physical Exam',
      lines: [
        'Vitals: BP 128/82, HR 76, T 98.4 °F.',
        'Gen: NAD, antalgic gait.',
        `Back: TTP ${radic.s} lumbar paraspinals; no midline or spinous process tenderness. Flexion limited by pain.`,
        ...radic.examLines,
      ],
    },
    ...(v.xray ? [{ heading: 'Imaging', lines: [`XR lumbar spine 2 views (today): ${v.xray}`] }] : []),
    {
      heading: 'Assessment',
      lines: [`Lumbar radiculopathy, ${radic.side} ${radic.root}, likely ${radic.disc} disc herniation. No red flags.`],
    },
    {
      heading: 'Plan',
      lines: [
        `- Start ${v.course.nsaid.name} ${v.course.nsaid.sig}.`,
        ...(v.course.relaxant ? ['- Cyclobenzaprine 10 mg qHS PRN spasm x 10 days.'] : []),
        `- Referral to PT 2x/week for ${v.ptWeeksPlanned} weeks: core stabilization, nerve glides, McKenzie; HEP.`,
        '- Activity modification: avoid prolonged sitting and lifting > 20 lb; keep walking.',
        '- MRI not indicated at this time in the absence of red flags; reassess after the trial of conservative care.',
        `- ${RETURN_PRECAUTIONS}`,
      ],
    },
  ];
}

export interface PtDischarge {
  radic: Radiculopathy;
  course: CareCourse;
  painStart: number;
  painEnd: number;
  odiStart: number;
  odiEnd: number;
}

export function ptDischargeSections(v: PtDischarge): NoteSection[] {
  const { radic, course } = v;
  return [
    {
      heading: 'Diagnosis',
      lines: [`${radic.dx.display ?? ''} (${radic.dx.code ?? ''}), ${radic.side} ${radic.root}.`],
    },
    {
      heading: 'Treatment Summary',
      lines: [
        `Pt attended ${course.ptVisits} visits from ${usDate(course.ptStart)} to ${usDate(course.ptEnd)}: therapeutic exercise, neuromuscular re-education${course.manualTherapy ? ', manual therapy (lumbar mobilization)' : ''}, nerve glides; HEP issued and progressed.`,
        'Attendance and HEP adherence good.',
      ],
    },
    {
      heading: 'Subjective',
      lines: [
        `Pt reports radiating ${radic.side} leg pain unchanged; NPRS ${v.painStart}/10 at eval, ${v.painEnd}/10 today. Sitting tolerance ~20 min.`,
      ],
    },
    {
      heading: 'Objective',
      lines: [
        `Modified Oswestry ${v.odiStart}% at eval, ${v.odiEnd}% today.`,
        `Neural tension signs persist on the ${radic.side}. Lumbar flexion 50% of expected.`,
      ],
    },
    {
      heading: 'Assessment',
      lines: ['Plateau in progress; short-term goals partially met, long-term goals not met.'],
    },
    {
      heading: 'Plan',
      lines: ['Discharge from PT to HEP. Recommend f/u with referring provider re: further work-up.'],
    },
  ];
}

export interface ReEvaluation {
  patient: PatientInfo;
  radic: Radiculopathy;
  course: CareCourse;
  trialWeeks: number;
  pain: number;
  mriCode: string;
  gabapentin: boolean;
}

export function reEvaluationSections(v: ReEvaluation): NoteSection[] {
  const { radic, course } = v;
  return [
    { heading: 'Chief Complaint', lines: [`Follow-up ${radic.side} leg pain.`] },
    {
      heading: 'Interval History',
      lines: [
        `${ageSex(v.patient)} returns for re-evaluation after ${v.trialWeeks} wks of conservative management: completed ${course.ptVisits} PT sessions (${usDate(course.ptStart)}–${usDate(course.ptEnd)}) and ${course.nsaid.name} since ${usDate(course.initial)}, HEP daily.`,
        `Reports persistent radiating pain down the ${radic.side} leg to the foot, ${v.pain}/10, no better than at the initial visit; ${radic.paresthesia} persists. Missing work intermittently.`,
        'Still denies saddle anesthesia, bowel or bladder dysfunction. No fever or weight loss.',
      ],
    },
    { heading: 'Physical Exam', lines: ['Gen: NAD, antalgic gait.', ...radic.examLines] },
    {
      heading: 'Assessment',
      lines: [
        `${radic.dx.display ?? ''} (${radic.dx.code ?? ''}), ${radic.side} ${radic.root}: persistent radicular pain with objective deficit despite ${v.trialWeeks} weeks of provider-directed conservative care (PT + NSAID).`,
      ],
    },
    {
      heading: 'Plan',
      lines: [
        `- MRI lumbar spine (CPT ${v.mriCode}) to evaluate for ${radic.disc} disc herniation / nerve root compression and to plan a transforaminal ESI.`,
        `- Referral to spine / interventional pain for ${radic.side} ${radic.root} transforaminal ESI evaluation; pt is interested in injection and would consider surgery if it fails.`,
        ...(v.gabapentin ? ['- Start gabapentin 300 mg qHS, titrate to TID as tolerated.'] : []),
        '- Continue HEP.',
        `- ${RETURN_PRECAUTIONS}`,
      ],
    },
  ];
}

export interface EarlyReEvaluation {
  patient: PatientInfo;
  radic: Radiculopathy;
  course: CareCourse;
  symptomWeeks: number;
  pain: number;
  stopReason: string;
}

export function earlyReEvaluationSections(v: EarlyReEvaluation): NoteSection[] {
  const { radic, course } = v;
  return [
    { heading: 'Chief Complaint', lines: [`Follow-up ${radic.side} leg pain; requests MRI.`] },
    {
      heading: 'Interval History',
      lines: [
        `${ageSex(v.patient)} with ${radic.side} ${radic.root} radicular pain x ~${v.symptomWeeks} wks. Attended ${course.ptVisits} PT visits from ${usDate(course.ptStart)} to ${usDate(course.ptEnd)}, then stopped (${v.stopReason}). Took ${course.nsaid.name} for 2 weeks, stopped when the prescription ran out.`,
        `Pain ${v.pain}/10, radiating to the ${radic.side} foot, about the same. Pt would like an MRI "to see what's going on."`,
        RED_FLAG_NEGATIVES,
      ],
    },
    { heading: 'Physical Exam', lines: ['Gen: NAD.', ...radic.examLines] },
    {
      heading: 'Assessment',
      lines: [
        `${radic.dx.display ?? ''}, ${radic.side} ${radic.root}, ~${v.symptomWeeks} wks; has not completed an adequate trial of conservative therapy.`,
      ],
    },
    {
      heading: 'Plan',
      lines: [
        '- Discussed that imaging is usually not indicated before 6 weeks of conservative care without red flags; pt prefers to proceed with MRI, order placed.',
        '- Encouraged to resume HEP.',
        `- ${RETURN_PRECAUTIONS}`,
      ],
    },
  ];
}

export interface RedFlagVisit {
  patient: PatientInfo;
  history: History;
  symptomDays: number;
  pvr: number;
  pain: number;
  caudaEquinaCoded: 'provisional' | 'confirmed';
  weaknessSide: string;
  mriCode: string;
}

export function redFlagSections(v: RedFlagVisit): NoteSection[] {
  return [
    {
      heading: 'Chief Complaint',
      lines: ['Severe low back pain with numbness "down there" and trouble urinating.'],
    },
    {
      heading: 'HPI',
      lines: [
        `${ageSex(v.patient)} ${v.history.occupation} seen same day for ${v.symptomDays} days of severe low back pain radiating down both legs, L > R, onset after ${v.history.trigger}. Since yesterday reports numbness of the buttocks and perineum ("like sitting on a saddle") and difficulty initiating urination, with a weak stream and a sense of incomplete emptying. Pain ${v.pain}/10.`,
        'No fever, no trauma, no hx of cancer.',
      ],
    },
    {
      heading: 'ROS',
      lines: ['GU: positive for urinary hesitancy and retention. GI: no fecal incontinence. Constitutional: negative.'],
    },
    { heading: 'PMH', lines: [v.history.pmh] },
    { heading: 'Family History', lines: [v.history.familyHistory.text] },
    {
      heading: 'Physical Exam',
      lines: [
        'Vitals: BP 142/88, HR 96, T 98.9 °F.',
        'Gen: uncomfortable, shifting position.',
        'Neuro: decreased pinprick sensation in the perineum / saddle distribution (S3-S5) bilaterally.',
        `Strength: ${v.weaknessSide} 4/5; otherwise 5/5.`,
        'Reflexes: Achilles absent bilaterally; patellar 2+.',
        `Bladder scan post-void residual ${v.pvr} mL.`,
      ],
    },
    {
      heading: 'Assessment',
      lines: [
        `Suspected cauda equina syndrome: saddle anesthesia and urinary retention (PVR ${v.pvr} mL) with bilateral radicular pain.`,
      ],
    },
    {
      heading: 'Plan',
      lines: [
        `- STAT MRI lumbar spine (CPT ${v.mriCode}).`,
        '- Neurosurgery on call notified; if MRI cannot be obtained within hours, pt to go directly to the ED.',
        '- Straight catheterization performed; Foley not placed.',
        '- NPO pending imaging and surgical evaluation.',
      ],
    },
  ];
}

export function silentVisitSections(patient: PatientInfo): NoteSection[] {
  return [
    { heading: 'Reason for Visit', lines: ['Back pain.'] },
    { heading: 'HPI', lines: [`${ageSex(patient)} with chronic low back pain, here to discuss imaging.`] },
    { heading: 'Assessment', lines: ['Chronic low back pain.'] },
    { heading: 'Plan', lines: ['MRI lumbar spine ordered per patient request. F/u after MRI.'] },
  ];
}
