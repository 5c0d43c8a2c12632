// Lumbar spine MRI scenarios for UnitedHealthcare (commercial): suspected cauda equina, and a record that says almost
// nothing; with the two radiculopathy scenarios, the lumbar set in cycling order.
import { concept, DRUGS, icd10, snomed } from '../codes.ts';
import { addEncounter } from '../builders/admin.ts';
import { addCondition, addMedicationUse, addNeuroFinding, addPainScore } from '../builders/clinical.ts';
import { addNote } from '../builders/note.ts';
import { addOrder } from '../builders/order.ts';
import { redFlagSections, silentVisitSections } from '../notes/lumbar.ts';
import type { Scenario } from './common.ts';
import { recordFamilyLine } from './common.ts';
import { drawHistory, FAMILY_LINES, LUMBAR_PRACTICES, MRI_CPT, startLumbarCase } from './lumbar-episode.ts';
import { lumbarMeets, lumbarShortTherapy } from './lumbar-radiculopathy.ts';

const lumbarRedFlag: Scenario = {
  id: 'lumbar_red_flag',
  expected: { determination: 'meets', paRequired: true },
  build(ctx, variant) {
    const { random } = ctx;
    const base = startLumbarCase(ctx, [32, 60], ctx.random.pick(LUMBAR_PRACTICES), variant);
    const { patient, requester } = base;
    const history = drawHistory(random, FAMILY_LINES);
    const symptomDays = random.int(2, 5);
    const onset = ctx.daysBefore(symptomDays);
    const yesterday = ctx.daysBefore(1);
    const visitDate = ctx.orderDate;
    recordFamilyLine(ctx, base, history.familyHistory, visitDate);
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
    return `Lumbar MRI ${mri.code ?? ''}, ${base.payer.label}: suspected cauda equina syndrome after ${symptomDays} days (red flag)`;
  },
};

const lumbarSilent: Scenario = {
  id: 'lumbar_silent',
  expected: { determination: 'insufficient_documentation', paRequired: true },
  build(ctx, variant) {
    const { random } = ctx;
    const base = startLumbarCase(ctx, [30, 49], 'Family Medicine Associates', variant);
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
    return `Lumbar MRI 72148, ${base.payer.label}: chronic low back pain coded in SNOMED CT only, nothing else documented`;
  },
};

export const LUMBAR_SCENARIOS: readonly Scenario[] = [lumbarMeets, lumbarRedFlag, lumbarShortTherapy, lumbarSilent];
