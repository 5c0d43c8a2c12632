// Mohs surgery for a basal cell carcinoma of the face (aggressive-pattern histology, Areas H/M), Aetna commercial.
// Aetna has no Mohs policy in the library, so the 2012 AUC guideline decides, and says so; PA stays unknown.
import { concept, cpt, icd10, snomed } from '../codes.ts';
import { addEncounter } from '../builders/admin.ts';
import { addCondition } from '../builders/clinical.ts';
import { addPathologyReport } from '../builders/imaging.ts';
import { addNote } from '../builders/note.ts';
import { addOrder } from '../builders/order.ts';
import { mohsConsultSections } from '../notes/mohs.ts';
import { PAYERS } from '../payers.ts';
import type { Scenario } from './common.ts';
import { startCase } from './common.ts';

const SITES = [
  { dx: icd10('C44.311', 'Basal cell carcinoma of skin of nose'), site: 'left nasal ala', area: 'H' },
  { dx: icd10('C44.319', 'Basal cell carcinoma of skin of other parts of face'), site: 'right cheek', area: 'M' },
  { dx: icd10('C44.41', 'Basal cell carcinoma of skin of scalp and neck'), site: 'left posterior scalp', area: 'M' },
] as const;

const BCC = snomed('254702000', 'Basal cell carcinoma of skin');

export const mohsAucFallback: Scenario = {
  id: 'mohs_auc_fallback',
  expected: { determination: 'meets', paRequired: 'unknown' },
  build(ctx) {
    const { random } = ctx;
    const base = startCase(ctx, {
      payer: PAYERS.aetnaOpenAccess,
      ages: [45, 76],
      practiceKind: 'Dermatology & Mohs Surgery',
    });
    const { patient, requester } = base;
    const site = random.pick(SITES);
    const biopsyDate = ctx.daysBefore(random.int(14, 40));
    const pathology = `Basal cell carcinoma, ${random.pick(['nodular', 'nodular and infiltrative', 'micronodular'])} type, extending to the deep margin.`;
    const sizeCm = (random.int(6, 18) / 10).toFixed(1);
    addPathologyReport(ctx, patient, {
      date: biopsyDate,
      specimen: `skin, ${site.site}, shave biopsy`,
      diagnosis: pathology,
      conclusionCode: BCC,
    });
    addCondition(ctx, patient, { codes: [site.dx], onset: biopsyDate, bodySite: site.site });
    const visit = addEncounter(ctx, patient, {
      date: ctx.orderDate,
      kind: 'office',
      reason: concept(site.dx),
      requester,
    });
    addNote(ctx, patient, {
      date: ctx.orderDate,
      kind: 'progress',
      title: 'Mohs Surgery Consultation',
      author: requester,
      encounter: visit,
      sections: mohsConsultSections({
        patient,
        site: site.site,
        area: site.area,
        biopsyDate,
        pathology,
        sizeCm,
        months: random.int(4, 14),
      }),
    });
    addOrder(ctx, patient, {
      code: cpt(
        '17311',
        'Mohs micrographic surgery, head/neck/hands/feet/genitalia, first stage, up to 5 tissue blocks',
      ),
      reasons: [concept(site.dx)],
      priority: 'routine',
      category: 'surgery',
      requester,
      coverage: base.coverage,
      encounter: visit,
    });
    return `Mohs surgery 17311, Aetna: basal cell carcinoma of the ${site.site} (no policy in the library)`;
  },
};
