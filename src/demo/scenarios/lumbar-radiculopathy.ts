// The two radiculopathy scenarios share one episode: symptom onset, a first visit with the diagnosis, a course of
// PT and an NSAID, and a follow-up visit at which the MRI is ordered. They differ in the length of the trial
// (≥ 6 weeks vs 2 weeks, stopped) and in what the notes of the follow-up say.
import type { Encounter, Reference } from '@medplum/fhirtypes';
import { concept, DRUGS } from '../codes.ts';
import type { CaseContext } from '../context.ts';
import type { Requester } from '../builders/admin.ts';
import { addEncounter } from '../builders/admin.ts';
import { addCondition, addMedicationUse, addNeuroFinding, addPainScore } from '../builders/clinical.ts';
import { addNote } from '../builders/note.ts';
import { addOrder } from '../builders/order.ts';
import {
  earlyReEvaluationSections,
  initialVisitSections,
  ptDischargeSections,
  reEvaluationSections,
} from '../notes/lumbar.ts';
import type { CaseBase, FamilyLine, Scenario } from './common.ts';
import { recordFamilyLine } from './common.ts';
import type { CareCourse, History, Radiculopathy } from './lumbar-episode.ts';
import {
  addConservativeCare,
  addLumbarXray,
  drawHistory,
  drawNsaid,
  drawRadiculopathy,
  FAMILY_LINE_BREAST_CANCER,
  FAMILY_LINES,
  LUMBAR_PRACTICES,
  MRI_CPT,
  SNOMED_LUMBAR_RADICULOPATHY,
  startLumbarCase,
} from './lumbar-episode.ts';

/** Days before the order date of each event, and the course of care they imply. */
interface Timeline {
  onsetBack: number;
  initialBack: number;
  reEvalBack: number;
  course: CareCourse;
}

interface Episode {
  base: CaseBase;
  radic: Radiculopathy;
  history: History;
  timeline: Timeline;
  reEval: string;
  painStart: number;
  painEnd: number;
  first: Reference<Encounter>;
  second: Reference<Encounter>;
  therapist: Requester;
  xray?: string;
}

interface EpisodeSpec {
  variant: number;
  ages: [number, number];
  familyLines: readonly FamilyLine[];
  timeline: (ctx: CaseContext) => Timeline;
  /** When the deficit is coded: at the first visit, or at the re-evaluation after the trial. */
  findingsAt: 'initial' | 're-evaluation';
  xray: boolean;
}

function officeVisit(ctx: CaseContext, base: CaseBase, date: string, radic: Radiculopathy) {
  return addEncounter(ctx, base.patient, {
    date,
    kind: 'office',
    reason: concept(radic.dx),
    requester: base.requester,
  });
}

/** Codes the episode (visits, diagnosis, pain scores, deficit, conservative care) and writes the first visit note. */
function addEpisode(ctx: CaseContext, spec: EpisodeSpec): Episode {
  const { random } = ctx;
  const base = startLumbarCase(ctx, spec.ages, random.pick(LUMBAR_PRACTICES), spec.variant);
  const { patient } = base;
  const radic = drawRadiculopathy(random);
  const history = drawHistory(random, spec.familyLines);
  const timeline = spec.timeline(ctx);
  const { course } = timeline;
  const reEval = ctx.daysBefore(timeline.reEvalBack);
  const painStart = random.int(6, 8);
  const painEnd = painStart + random.int(-1, 1);

  const first = officeVisit(ctx, base, course.initial, radic);
  recordFamilyLine(ctx, base, history.familyHistory, course.initial);
  addCondition(ctx, patient, {
    codes: radic.snomedToo ? [radic.dx, SNOMED_LUMBAR_RADICULOPATHY] : [radic.dx],
    onset: ctx.daysBefore(timeline.onsetBack),
    recorded: course.initial,
    bodySite: `${radic.side} ${radic.root}`,
  });
  addPainScore(ctx, patient, course.initial, painStart);
  const xray = spec.xray ? addLumbarXray(ctx, base, course.initial) : undefined;
  const therapist = addConservativeCare(ctx, base, radic.dx, course);
  const second = officeVisit(ctx, base, reEval, radic);
  addPainScore(ctx, patient, reEval, painEnd);
  const findingsDate = spec.findingsAt === 'initial' ? course.initial : reEval;
  for (const finding of radic.findings) addNeuroFinding(ctx, patient, findingsDate, finding);

  addNote(ctx, patient, {
    date: course.initial,
    kind: 'progress',
    title: 'Office Visit – Low Back Pain',
    author: base.requester,
    encounter: first,
    sections: initialVisitSections({
      date: course.initial,
      patient,
      radic,
      history,
      symptomWeeks: Math.max(1, Math.round((timeline.onsetBack - timeline.initialBack) / 7)),
      pain: painStart,
      course,
      ptWeeksPlanned: 6,
      ...(xray ? { xray } : {}),
    }),
  });
  return {
    base,
    radic,
    history,
    timeline,
    reEval,
    painStart,
    painEnd,
    first,
    second,
    therapist,
    ...(xray ? { xray } : {}),
  };
}

function orderMri(ctx: CaseContext, episode: Episode, note?: string): void {
  addOrder(ctx, episode.base.patient, {
    code: MRI_CPT['72148'],
    reasons: [concept(episode.radic.dx)],
    priority: 'routine',
    requester: episode.base.requester,
    coverage: episode.base.coverage,
    encounter: episode.second,
    ...(note ? { note } : {}),
  });
}

export const lumbarMeets: Scenario = {
  id: 'lumbar_meets_radiculopathy',
  expected: { determination: 'meets', paRequired: true },
  build(ctx, variant) {
    const { random } = ctx;
    const episode = addEpisode(ctx, {
      variant,
      ages: [28, 49],
      familyLines: [...FAMILY_LINES, FAMILY_LINE_BREAST_CANCER],
      findingsAt: 're-evaluation',
      xray: random.bool(0.6),
      timeline: () => {
        const reEvalBack = random.int(0, 2);
        const ptWeeks = random.int(6, 8);
        const ptEndBack = reEvalBack + random.int(2, 6);
        const ptStartBack = ptEndBack + ptWeeks * 7 + random.int(1, 4);
        const initialBack = ptStartBack + random.int(3, 7);
        return {
          onsetBack: initialBack + random.int(10, 28),
          initialBack,
          reEvalBack,
          course: {
            initial: ctx.daysBefore(initialBack),
            ptStart: ctx.daysBefore(ptStartBack),
            ptEnd: ctx.daysBefore(ptEndBack),
            ptVisits: ptWeeks * 2 - random.int(0, 2),
            nsaid: drawNsaid(random),
            nsaidEnd: ctx.daysBefore(reEvalBack),
            nsaidRecord: variant % 2 === 0 ? 'prescription' : 'statement',
            relaxant: random.bool(),
            manualTherapy: random.bool(),
          },
        };
      },
    });
    const { base, radic, timeline, reEval } = episode;
    const { patient } = base;
    const { course } = timeline;
    const gabapentin = random.bool(0.4);
    if (gabapentin) {
      addMedicationUse(ctx, patient, { drug: DRUGS.gabapentin300, start: reEval, status: 'active', reason: radic.dx });
    }
    if (variant % 3 !== 2) {
      const odiStart = random.int(38, 52);
      addNote(ctx, patient, {
        date: course.ptEnd,
        kind: 'progress',
        title: 'Physical Therapy Discharge Summary',
        author: episode.therapist,
        sections: ptDischargeSections({
          radic,
          course,
          painStart: episode.painStart,
          painEnd: episode.painEnd,
          odiStart,
          odiEnd: odiStart + random.int(-6, 4),
        }),
      });
    }
    const trialWeeks = Math.floor((timeline.initialBack - timeline.reEvalBack) / 7);
    addNote(ctx, patient, {
      date: reEval,
      kind: 'progress',
      title: 'Follow-up Visit – Re-evaluation',
      author: base.requester,
      encounter: episode.second,
      format: variant % 2 === 1 ? 'html' : 'text',
      sections: reEvaluationSections({
        patient,
        radic,
        course,
        trialWeeks,
        pain: episode.painEnd,
        mriCode: '72148',
        gabapentin,
      }),
    });
    orderMri(
      ctx,
      episode,
      `Persistent ${radic.side} ${radic.root} radiculopathy after ${trialWeeks} weeks of PT and NSAID; ESI planning.`,
    );
    return `Lumbar MRI 72148, ${base.payer.label}: ${radic.side} ${radic.root} radiculopathy after ${trialWeeks} weeks of conservative care (PT, ${course.nsaid.name})`;
  },
};

export const lumbarShortTherapy: Scenario = {
  id: 'lumbar_short_therapy',
  expected: { determination: 'does_not_meet', paRequired: true },
  build(ctx, variant) {
    const { random } = ctx;
    const episode = addEpisode(ctx, {
      variant,
      ages: [26, 48],
      familyLines: FAMILY_LINES,
      findingsAt: 'initial',
      xray: false,
      // Two weeks of PT, stopped; everything within 6 weeks of onset.
      timeline: () => {
        const reEvalBack = random.int(0, 2);
        const ptEndBack = reEvalBack + random.int(7, 10);
        const ptStartBack = ptEndBack + 14;
        const initialBack = ptStartBack + random.int(2, 4);
        return {
          onsetBack: initialBack + random.int(5, 10),
          initialBack,
          reEvalBack,
          course: {
            initial: ctx.daysBefore(initialBack),
            ptStart: ctx.daysBefore(ptStartBack),
            ptEnd: ctx.daysBefore(ptEndBack),
            ptVisits: 4,
            nsaid: drawNsaid(random),
            nsaidEnd: ctx.daysBefore(initialBack - 14),
            nsaidRecord: 'prescription',
            relaxant: false,
            manualTherapy: false,
          },
        };
      },
    });
    const { base, radic, timeline } = episode;
    const symptomWeeks = Math.round((timeline.onsetBack - timeline.reEvalBack) / 7);
    addNote(ctx, base.patient, {
      date: episode.reEval,
      kind: 'progress',
      title: 'Follow-up Visit',
      author: base.requester,
      encounter: episode.second,
      sections: earlyReEvaluationSections({
        patient: base.patient,
        radic,
        course: timeline.course,
        symptomWeeks,
        pain: episode.painEnd,
        stopReason: random.pick(['"it wasn\'t helping"', 'conflict with work schedule', 'copay cost']),
      }),
    });
    orderMri(ctx, episode);
    return `Lumbar MRI 72148, ${base.payer.label}: ${radic.root} radiculopathy, PT stopped after 2 weeks (~${symptomWeeks} weeks of symptoms)`;
  },
};
