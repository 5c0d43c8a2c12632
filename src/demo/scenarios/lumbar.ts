// Lumbar spine MRI scenarios for UnitedHealthcare (commercial): radiculopathy after an adequate conservative
// trial, suspected cauda equina, a conservative trial cut short, and a record that says almost nothing.
import { concept, DRUGS, icd10, snomed } from '../codes.ts';
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
  redFlagSections,
  reEvaluationSections,
  silentVisitSections,
} from '../notes/lumbar.ts';
import type { CaseBase, Scenario } from './common.ts';
import {
  addConservativeCare,
  addLumbarXray,
  drawHistory,
  drawNsaid,
  drawRadiculopathy,
  FAMILY_LINES,
  MRI_CPT,
  SNOMED_LUMBAR_RADICULOPATHY,
  startLumbarCase,
} from './lumbar-episode.ts';
import type { CareCourse, Radiculopathy } from './lumbar-episode.ts';

const PRACTICES = ['Spine & Sports Medicine', 'Family Medicine Associates', 'Orthopedic & Spine Clinic'] as const;

function practice(ctx: CaseContext): string {
  return ctx.random.pick(PRACTICES);
}

function officeVisit(ctx: CaseContext, base: CaseBase, date: string, radic: Radiculopathy, requester: Requester) {
  return addEncounter(ctx, base.patient, {
    date,
    kind: 'office',
    reason: { coding: [radic.dx], text: radic.dx.display ?? '' },
    requester,
  });
}

function addRadiculopathyDx(ctx: CaseContext, base: CaseBase, radic: Radiculopathy, onset: string, recorded: string) {
  addCondition(ctx, base.patient, {
    codes: radic.snomedToo ? [radic.dx, SNOMED_LUMBAR_RADICULOPATHY] : [radic.dx],
    onset,
    recorded,
    bodySite: `${radic.side} ${radic.root}`,
  });
}

const lumbarMeets: Scenario = {
  id: 'lumbar_meets_radiculopathy',
  expected: { determination: 'meets', paRequired: true },
  build(ctx, variant) {
    const { random } = ctx;
    const base = startLumbarCase(ctx, [28, 49], practice(ctx));
    const { patient, requester } = base;
    const radic = drawRadiculopathy(random);
    const history = drawHistory(random, [...FAMILY_LINES, 'Mother with breast cancer at 62; father with HTN.']);
    // Dates, counted back from the re-evaluation on (or just before) the order date.
    const reEvalBack = random.int(0, 2);
    const ptWeeks = random.int(6, 8);
    const ptEndBack = reEvalBack + random.int(2, 6);
    const ptStartBack = ptEndBack + ptWeeks * 7 + random.int(1, 4);
    const initialBack = ptStartBack + random.int(3, 7);
    const onsetBack = initialBack + random.int(10, 28);
    const course: CareCourse = {
      initial: ctx.daysBefore(initialBack),
      ptStart: ctx.daysBefore(ptStartBack),
      ptEnd: ctx.daysBefore(ptEndBack),
      ptVisits: ptWeeks * 2 - random.int(0, 2),
      nsaid: drawNsaid(random),
      nsaidEnd: ctx.daysBefore(reEvalBack),
      nsaidRecord: variant % 2 === 0 ? 'prescription' : 'statement',
      relaxant: random.bool(),
      manualTherapy: random.bool(),
    };
    const reEval = ctx.daysBefore(reEvalBack);
    const painStart = random.int(6, 8);
    const painEnd = painStart + random.int(-1, 1);
    const mri = MRI_CPT['72148'];

    const first = officeVisit(ctx, base, course.initial, radic, requester);
    addRadiculopathyDx(ctx, base, radic, ctx.daysBefore(onsetBack), course.initial);
    addPainScore(ctx, patient, course.initial, painStart);
    const xray = random.bool(0.6) ? addLumbarXray(ctx, base, course.initial) : undefined;
    const therapist = addConservativeCare(ctx, base, radic.dx, course);
    const second = officeVisit(ctx, base, reEval, radic, requester);
    addPainScore(ctx, patient, reEval, painEnd);
    for (const finding of radic.findings) addNeuroFinding(ctx, patient, reEval, finding);
    const gabapentin = random.bool(0.4);
    if (gabapentin) {
      addMedicationUse(ctx, patient, { drug: DRUGS.gabapentin300, start: reEval, status: 'active', reason: radic.dx });
    }

    addNote(ctx, patient, {
      date: course.initial,
      kind: 'progress',
      title: 'Office Visit – Low Back Pain',
      author: requester,
      encounter: first,
      sections: initialVisitSections({
        date: course.initial,
        patient,
        radic,
        history,
        symptomWeeks: Math.max(1, Math.round((onsetBack - initialBack) / 7)),
        pain: painStart,
        course,
        ptWeeksPlanned: 6,
        ...(xray ? { xray } : {}),
      }),
    });
    if (variant % 3 !== 2) {
      const odiStart = random.int(38, 52);
      addNote(ctx, patient, {
        date: course.ptEnd,
        kind: 'progress',
        title: 'Physical Therapy Discharge Summary',
        author: therapist,
        sections: ptDischargeSections({
          radic,
          course,
          painStart,
          painEnd,
          odiStart,
          odiEnd: odiStart + random.int(-6, 4),
        }),
      });
    }
    const trialWeeks = Math.floor((initialBack - reEvalBack) / 7);
    addNote(ctx, patient, {
      date: reEval,
      kind: 'progress',
      title: 'Follow-up Visit – Re-evaluation',
      author: requester,
      encounter: second,
      format: variant % 2 === 1 ? 'html' : 'text',
      sections: reEvaluationSections({
        patient,
        radic,
        course,
        trialWeeks,
        pain: painEnd,
        mriCode: mri.code ?? '',
        gabapentin,
      }),
    });
    addOrder(ctx, patient, {
      code: mri,
      reasons: [concept(radic.dx)],
      priority: 'routine',
      requester,
      coverage: base.coverage,
      encounter: second,
      note: `Persistent ${radic.side} ${radic.root} radiculopathy after ${trialWeeks} weeks of PT and NSAID; ESI planning.`,
    });
    return `Lumbar MRI ${mri.code ?? ''}, UHC: ${radic.side} ${radic.root} radiculopathy after ${trialWeeks} weeks of PT and ${course.nsaid.name}`;
  },
};

const lumbarRedFlag: Scenario = {
  id: 'lumbar_red_flag',
  expected: { determination: 'meets', paRequired: true },
  build(ctx, variant) {
    const { random } = ctx;
    const base = startLumbarCase(ctx, [32, 60], practice(ctx));
    const { patient, requester } = base;
    const history = drawHistory(random, FAMILY_LINES);
    const symptomDays = random.int(2, 5);
    const onset = ctx.daysBefore(symptomDays);
    const yesterday = ctx.daysBefore(1);
    const visitDate = ctx.orderDate;
    const mri = variant % 2 === 0 ? MRI_CPT['72148'] : MRI_CPT['72158'];
    const caudaEquinaCoded = variant % 2 === 0 ? 'provisional' : 'confirmed';
    const pvr = random.int(450, 900);
    const retention = icd10('R33.9', 'Retention of urine, unspecified');
    const saddle = icd10('R20.0', 'Anesthesia of skin');
    const ces = icd10('G83.4', 'Cauda equina syndrome');

    const visit = addEncounter(ctx, patient, {
      date: visitDate,
      kind: 'office',
      reason: { coding: [ces], text: 'Suspected cauda equina syndrome' },
      requester,
    });
    addCondition(ctx, patient, {
      codes: [retention],
      onset: yesterday,
      recorded: visitDate,
      category: 'encounter-diagnosis',
      encounter: visit,
    });
    addCondition(ctx, patient, {
      codes: [saddle],
      text: 'Saddle anesthesia',
      onset: yesterday,
      recorded: visitDate,
      category: 'encounter-diagnosis',
      bodySite: 'perineum (S3-S5), bilateral',
      encounter: visit,
    });
    addCondition(ctx, patient, {
      codes: [ces],
      onset: yesterday,
      recorded: visitDate,
      verification: caudaEquinaCoded,
      category: 'encounter-diagnosis',
      encounter: visit,
    });
    addPainScore(ctx, patient, visitDate, random.int(8, 10));
    addNeuroFinding(ctx, patient, visitDate, { finding: 'sensoryLoss', site: 'bilateral S3-S5 (saddle distribution)' });
    addNeuroFinding(ctx, patient, visitDate, { finding: 'reflex', site: 'bilateral S1 (Achilles reflex)', grade: '0' });
    const weaknessSide = random.pick(['L EHL and ankle dorsiflexion', 'bilateral EHL', 'L plantarflexion']);
    addNeuroFinding(ctx, patient, visitDate, {
      finding: 'weakness',
      site: weaknessSide.startsWith('bilateral')
        ? 'bilateral L5 (extensor hallucis longus)'
        : `left ${weaknessSide.includes('plantar') ? 'S1' : 'L5'}`,
      grade: '4/5',
    });
    addMedicationUse(ctx, patient, {
      drug: DRUGS.ibuprofen200,
      start: onset,
      status: 'active',
      note: 'OTC, self-directed.',
    });
    addNote(ctx, patient, {
      date: visitDate,
      kind: 'history_and_physical',
      title: 'Same-day Visit – Urgent',
      author: requester,
      encounter: visit,
      sections: redFlagSections({
        patient,
        history,
        symptomDays,
        pvr,
        pain: 9,
        caudaEquinaCoded,
        weaknessSide,
        mriCode: mri.code ?? '',
      }),
    });
    addOrder(ctx, patient, {
      code: mri,
      reasons: [
        concept(ces, 'Suspected cauda equina syndrome'),
        concept(retention),
        concept(saddle, 'Saddle anesthesia'),
      ],
      priority: 'urgent',
      requester,
      coverage: base.coverage,
      encounter: visit,
      note: 'STAT: saddle anesthesia and urinary retention; neurosurgery aware.',
    });
    return `Lumbar MRI ${mri.code ?? ''}, UHC: suspected cauda equina syndrome after ${symptomDays} days (red flag)`;
  },
};

const lumbarShortTherapy: Scenario = {
  id: 'lumbar_short_therapy',
  expected: { determination: 'does_not_meet', paRequired: true },
  build(ctx) {
    const { random } = ctx;
    const base = startLumbarCase(ctx, [26, 48], practice(ctx));
    const { patient, requester } = base;
    const radic = drawRadiculopathy(random);
    const history = drawHistory(random, FAMILY_LINES);
    const reEvalBack = random.int(0, 2);
    const ptEndBack = reEvalBack + random.int(7, 10);
    const ptStartBack = ptEndBack + 14;
    const initialBack = ptStartBack + random.int(2, 4);
    const onsetBack = initialBack + random.int(5, 10);
    const course: CareCourse = {
      initial: ctx.daysBefore(initialBack),
      ptStart: ctx.daysBefore(ptStartBack),
      ptEnd: ctx.daysBefore(ptEndBack),
      ptVisits: 4,
      nsaid: drawNsaid(random),
      nsaidEnd: ctx.daysBefore(initialBack - 14),
      nsaidRecord: 'prescription',
      relaxant: false,
      manualTherapy: false,
    };
    const reEval = ctx.daysBefore(reEvalBack);
    const pain = random.int(5, 7);
    const mri = MRI_CPT['72148'];

    const first = officeVisit(ctx, base, course.initial, radic, requester);
    addRadiculopathyDx(ctx, base, radic, ctx.daysBefore(onsetBack), course.initial);
    addPainScore(ctx, patient, course.initial, pain);
    for (const finding of radic.findings) addNeuroFinding(ctx, patient, course.initial, finding);
    addConservativeCare(ctx, base, radic.dx, course);
    const second = officeVisit(ctx, base, reEval, radic, requester);
    addPainScore(ctx, patient, reEval, pain);
    addNote(ctx, patient, {
      date: course.initial,
      kind: 'progress',
      title: 'Office Visit – Low Back Pain',
      author: requester,
      encounter: first,
      sections: initialVisitSections({
        date: course.initial,
        patient,
        radic,
        history,
        symptomWeeks: Math.max(1, Math.round((onsetBack - initialBack) / 7)),
        pain,
        course,
        ptWeeksPlanned: 6,
      }),
    });
    const symptomWeeks = Math.round((onsetBack - reEvalBack) / 7);
    addNote(ctx, patient, {
      date: reEval,
      kind: 'progress',
      title: 'Follow-up Visit',
      author: requester,
      encounter: second,
      sections: earlyReEvaluationSections({
        patient,
        radic,
        course,
        symptomWeeks,
        pain,
        stopReason: random.pick(['"it wasn\'t helping"', 'conflict with work schedule', 'copay cost']),
      }),
    });
    addOrder(ctx, patient, {
      code: mri,
      reasons: [concept(radic.dx)],
      priority: 'routine',
      requester,
      coverage: base.coverage,
      encounter: second,
    });
    return `Lumbar MRI ${mri.code ?? ''}, UHC: ${radic.root} radiculopathy, PT stopped after 2 weeks (~${symptomWeeks} weeks of symptoms)`;
  },
};

const lumbarSilent: Scenario = {
  id: 'lumbar_silent',
  expected: { determination: 'insufficient_documentation', paRequired: true },
  build(ctx) {
    const { random } = ctx;
    const base = startLumbarCase(ctx, [30, 49], 'Family Medicine Associates');
    const { patient, requester } = base;
    const chronicLbp = snomed('278860009', 'Chronic low back pain (finding)');
    const visit = addEncounter(ctx, patient, {
      date: ctx.orderDate,
      kind: 'office',
      reason: { coding: [chronicLbp], text: 'Chronic low back pain' },
      requester,
    });
    const onset = ctx.daysBefore(random.int(400, 2400));
    addCondition(ctx, patient, { codes: [chronicLbp], onset: ctx.at(onset), category: 'encounter-diagnosis' });
    addNote(ctx, patient, {
      date: ctx.orderDate,
      kind: 'progress',
      title: 'Office Visit',
      author: requester,
      encounter: visit,
      sections: silentVisitSections(patient),
    });
    addOrder(ctx, patient, {
      code: MRI_CPT['72148'],
      reasons: [concept(icd10('M54.50', 'Low back pain, unspecified'))],
      priority: 'routine',
      requester,
      coverage: base.coverage,
      encounter: visit,
    });
    return 'Lumbar MRI 72148, UHC: chronic low back pain coded in SNOMED CT only, nothing else documented';
  },
};

export const LUMBAR_SCENARIOS: readonly Scenario[] = [lumbarMeets, lumbarRedFlag, lumbarShortTherapy, lumbarSilent];
