// The Mohs family's risk modifiers from note text: an immune status the note leaves open is not an answer.
import { describe, expect, it } from 'vitest';
import type { RiskFactorFact } from '../../fact.ts';
import { extractNoteFacts } from '../index.ts';

const read = (text: string) =>
  extractNoteFacts({ reference: 'DocumentReference/n1', date: '2026-04-21', contentType: 'text/plain', text });
const risks = (text: string): RiskFactorFact[] =>
  read(text).filter((f): f is RiskFactorFact => f.kind === 'risk_factor');

describe('Mohs risk modifiers', () => {
  it('reads an immune status left undetermined as uncertain, beside the causes the note denies', () => {
    const facts = risks(
      'IMMUNE STATUS: UNDETERMINED - possible current biologic therapy for RA, pending records. No transplant or HIV.',
    );
    expect(facts.find((f) => f.detail === 'immune status undetermined')?.assertion).toBe('uncertain');
    expect(facts.find((f) => f.factor === 'organ_transplant')?.assertion).toBe('negated');
    expect(risks('Immune status: immunocompetent.').every((f) => f.assertion === 'negated')).toBe(true);
    expect(risks('IMMUNE STATUS: ? - see above.').map((f) => f.assertion)).toEqual(['uncertain']);
    // A statement about a disease is not this patient's; "he has CLL, which is associated with …" is.
    expect(
      risks('Chronic lymphocytic leukemia is associated with more aggressive cutaneous SCC.').map((f) => f.assertion),
    ).toEqual(['hypothetical']);
    expect(risks('He has CLL, which is associated with aggressive SCC.').map((f) => f.assertion)).toEqual(['affirmed']);
    // Consent: the risks listed in brackets are what may happen.
    expect(
      read('Risks (bleeding, infection, scar, nerve injury, recurrence) reviewed and consent signed.').filter(
        (f) => f.assertion === 'affirmed',
      ),
    ).toEqual([]);
    const non = risks('Primary superficial BCC, left cheek, in a non-immunocompromised patient.');
    expect(non.map((f) => [f.factor, f.assertion])).toEqual([['immunocompromised', 'negated']]);
  });

  it('reads a cause of immunosuppression weighed for what it would mean, and a patient unsure of her status, as open', () => {
    const weighed = risks('Hematology records requested; CLL would make her immunocompromised for AUC purposes.');
    expect(weighed.filter((f) => f.assertion === 'affirmed')).toEqual([]);
    expect(weighed.map((f) => f.assertion)).toContain('hypothetical');
    const unsure = risks('Immune status: patient unsure - her blood doctor watches her white count.');
    expect(unsure.map((f) => [f.detail, f.assertion])).toEqual([['immune status undetermined', 'uncertain']]);
    // An intake question names a cause without stating it.
    expect(
      risks('Intake questionnaire "have you ever had an organ transplant" - checked both yes and no.').map(
        (f) => f.assertion,
      ),
    ).toEqual(['hypothetical']);
    // Said of what the patient has, the same verb affirms nothing away.
    expect(risks('She has CLL on ibrutinib.').map((f) => f.assertion)).toEqual(['affirmed']);
  });

  it('reads a syndrome considered and not supported as no syndrome, and a subtype "not suspected" as none', () => {
    const syndrome = risks(
      "Basal cell nevus syndrome considered given mother's BCCs and patient's age, but not supported: single lesion.",
    );
    expect(syndrome.filter((f) => f.assertion === 'affirmed')).toEqual([]);
    const subtypes = read('Sclerosing/infiltrative BCC not suspected clinically but not excluded.').filter(
      (f) => f.kind === 'cancer' && f.assertion === 'affirmed' && f.subtype !== undefined,
    );
    expect(subtypes).toEqual([]);
  });

  it('reads a disease that names a test ("CLL panel", "HIV screen") as what the test looks for, not a diagnosis', () => {
    const panel = risks('Peripheral blood flow cytometry (CLL panel) sent today; results expected 7-10 days.');
    expect(panel.map((f) => f.assertion)).toEqual(['uncertain']);
    expect(risks('HIV screen negative.').map((f) => f.assertion)).toEqual(['negated']);
    const known = risks('CLL on ibrutinib since 2021, hepatitis panel normal.');
    expect(known.map((f) => [f.detail, f.assertion])).toEqual([['cll', 'affirmed']]);
  });

  it('reads a lesion said to lie outside the prior radiation field as not irradiated', () => {
    const radiation = (text: string) =>
      risks(text).flatMap((f) => (f.factor === 'prior_radiation' ? [f.assertion] : []));
    expect(
      radiation(
        'Hx prostate ca treated w/ prior radiation in 2016; this thigh lesion is well outside the prior radiation field.',
      ),
    ).toEqual(['negated']);
    expect(radiation('History of prior radiation to the scalp for BCC in 2009.')).toEqual(['affirmed']);
  });

  it('reads a request to confirm the immune status as no statement of it', () => {
    const asked = risks('Please send an updated medication list and confirm current immunosuppressive therapy.');
    expect(asked.filter((f) => f.assertion === 'affirmed')).toEqual([]);
  });
});

describe('recurrence', () => {
  it('reads a tumour arising in the scar of its treatment as recurrent', () => {
    const primary = (text: string) =>
      read(text).flatMap((f) => (f.kind === 'cancer' && f.primary !== undefined ? [f.primary] : []));
    expect(primary('BCC, nodular, L mid back, 0.7 cm, arising in prior ED&C scar.')).toEqual(['recurrent']);
    expect(primary('Primary nodular BCC of the left mid back, away from the old scar.')).toEqual(['primary']);
  });
});

describe('voice recognition slips', () => {
  it('reads "basil cell carcinoma" and "lentigo maligan" as the cancers meant', () => {
    const types = (text: string) => read(text).flatMap((f) => (f.kind === 'cancer' ? [f.cancerType] : []));
    expect(types('The initial report came back basil cell carcinoma nodular type.')).toEqual(['bcc']);
    expect(types('Biopsy showed lentigo maligan on the left cheek.')).toEqual(['melanoma_in_situ']);
    expect(types('Squamus cell carcinoma, well differentiated.')).toEqual(['cutaneous_scc']);
  });
});

describe('the lesion size', () => {
  it('takes the size a sentence calls current over an earlier estimate beside it', () => {
    const sizes = (text: string) => read(text).flatMap((f) => (f.kind === 'cancer' && f.sizeCm ? [f.sizeCm] : []));
    expect(sizes('SCC R forearm: estimated at 0.8 cm by PCP in 12/2025 and now measures 1.3 cm - enlarging.')).toEqual([
      1.3,
    ]);
    expect(sizes('SCC R forearm, 0.8 cm, well differentiated.')).toEqual([0.8]);
    expect(sizes('Of note the 0.9 cm in the EHR size field is from the 6/2 visit; SCC has grown.')).toEqual([]);
    expect(
      sizes(
        'SCC forearm. Note: 0.5 cm on the path report is the shave specimen; clinical lesion measured 1.2 x 1.0 cm.',
      ),
    ).toEqual([1.2]);
    expect(
      sizes('Biopsy: invasive SCC, R dorsal forearm.\nO: residual keratotic plaque, measured today 1.3 x 0.9 cm.'),
    ).toEqual([1.3]);
    expect(
      sizes('1. Primary SCC R dorsal forearm, well diff, 1.3 cm today (0.9 cm on 9/15), in a pt with CLL.'),
    ).toEqual([1.3]);
  });
});

describe("a sentence that points back at the previous one's tumour", () => {
  it("takes that tumour's site, so its size is not read as another lesion's", () => {
    const facts = read(
      'She had a basal cell carcinoma on the right mid back last year. That one measured 2.4 cm and I excised it.',
    );
    const size = facts.find((f) => f.kind === 'measurement' && f.name === 'lesion_size_cm');
    expect(size).toMatchObject({ value: 2.4, site: 'right mid back' });
  });
});

describe('lesion sizes from an examination', () => {
  const sizes = (text: string) =>
    read(text).flatMap((f) => (f.kind === 'measurement' && f.name === 'lesion_size_cm' ? [f.value] : []));

  it('reads the size of a lesion examined at a named site, not a scar or a lesion the sentence denies', () => {
    expect(sizes('L anterior thigh (mid): 0.8 x 0.7 cm pearly papule w/ rolled border and telangiectasias.')).toEqual([
      0.8,
    ]);
    expect(sizes('R lateral thigh: ED&C scar 1.6 cm, flat, hypopigmented. No papules.')).toEqual([]);
    expect(sizes('Right cheek: no nodule or papule, 1 cm area of erythema.')).toEqual([]);
    // Without a site the examination does not say which lesion it sized.
    expect(sizes('Exam: 1.2 cm pearly papule.')).toEqual([]);
  });
});
