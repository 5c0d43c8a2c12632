// Coded facts for Mohs and the drug policies: pathology reports (tumour type, subtype, site, primary/recurrent),
// skin-severity and lesion-size Observations, risk factors from diagnoses and drugs, and drug stop reasons.
import { describe, expect, it } from 'vitest';
import type { Bundle, MedicationStatement, Resource } from '@medplum/fhirtypes';
import { buildRecord } from '../fhir/record.ts';
import { condition, measure, medicationHistory, pathologyReport, site, TEST_PATIENT } from '../../testing/fixtures.ts';
import { drugModality, extractCodedFacts } from './coded.ts';
import type { Fact } from './fact.ts';

function facts(resources: Bundle['entry']): Fact[] {
  const b: Bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ resource: TEST_PATIENT }, ...(resources ?? [])],
  };
  return extractCodedFacts(buildRecord(b, TEST_PATIENT), '2026-03-02').filter((f) => f.kind !== 'demographic');
}
const of = (...resources: Resource[]) => facts(resources.map((resource) => ({ resource })));
/** A problem-list entry: its words and one ICD-10-CM code. */
const problemEntry = (text: string, code: string): Resource => ({
  resourceType: 'Condition',
  id: `c-${code}`,
  subject: { reference: 'Patient/pat-1' },
  code: { text, coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }] },
});

describe('pathology', () => {
  it('reads type, aggressive subtype, site and primary status from a pathology conclusion', () => {
    const [fact] = of(
      pathologyReport(
        'Skin, left nasal ala, shave biopsy: primary basal cell carcinoma, infiltrative and nodular types.',
      ),
    );
    expect(fact).toMatchObject({
      kind: 'cancer',
      cancerType: 'bcc',
      aggressiveSubtype: true,
      primary: 'primary',
      anatomicSite: 'left nasal',
      biopsyProven: true,
      assertion: 'affirmed',
    });
    expect(fact?.kind === 'cancer' ? fact.subtype : '').toMatch(/infiltrative/);
  });

  it('tells SCC in situ, well-differentiated SCC and a negative re-excision apart', () => {
    expect(of(pathologyReport('Squamous cell carcinoma in situ (Bowen disease), right shin.'))[0]).toMatchObject({
      cancerType: 'scc_in_situ',
      // The side written before the site tells it from a lesion on the other side.
      anatomicSite: 'right shin',
    });
    expect(of(pathologyReport('Invasive squamous cell carcinoma, well differentiated, back.'))[0]).toMatchObject({
      cancerType: 'cutaneous_scc',
      aggressiveSubtype: false,
    });
    expect(
      of(pathologyReport('Re-excision, scar: no residual carcinoma.', '2026-02-10', 'C44.519'))[0]?.assertion,
    ).toBe('negated');
  });

  it('holds a diagnosis provisional while the report is preliminary or names the tumour only in a differential', () => {
    const preliminary = {
      ...pathologyReport('Skin, left arm, punch biopsy: small round blue cell neoplasm, favor Merkel cell carcinoma.'),
      status: 'preliminary' as const,
    };
    expect(of(preliminary)[0]?.assertion).toBe('uncertain');
    const differential = pathologyReport(
      'Dermal small round blue cell neoplasm. Differential diagnosis includes Merkel cell carcinoma. Stains pending.',
    );
    expect(of(differential)[0]?.assertion).toBe('uncertain');
    expect(of(pathologyReport('Merkel cell carcinoma, left upper arm, 1.4 cm.'))[0]?.assertion).toBe('affirmed');
  });

  it('does not take the gross size of the specimen for the clinical size of the lesion', () => {
    const [shave] = of(
      pathologyReport(
        'Skin, right posterior shoulder, shave (specimen 0.6 x 0.5 x 0.1 cm): basal cell carcinoma, nodular type.',
      ),
    );
    expect(shave).not.toHaveProperty('sizeCm');
    const [gross] = of(
      pathologyReport(
        'Basal cell carcinoma, nodular type. Gross: A tan-pink shave of skin measuring 0.6 x 0.5 x 0.1 cm.',
      ),
    );
    expect(gross).not.toHaveProperty('sizeCm');
    const [clinical] = of(pathologyReport('Basal cell carcinoma, nodular type. Clinical lesion size 1.4 cm.'));
    expect(clinical).toMatchObject({ sizeCm: 1.4 });
  });

  it('does not read a feature the specimen could not show as a high-risk finding', () => {
    const [fact] = of(
      pathologyReport(
        'Lower lip, shave biopsy: invasive squamous cell carcinoma, moderately differentiated, transected at the deep margin. Depth of invasion and perineural invasion cannot be assessed on this superficial specimen.',
      ),
    );
    expect(fact).toMatchObject({ cancerType: 'cutaneous_scc', aggressiveSubtype: false });
    const [notIdentified] = of(
      pathologyReport(
        'Invasive squamous cell carcinoma, moderately differentiated. Perineural invasion: not identified in the limited tissue sampled.',
      ),
    );
    expect(notIdentified).toMatchObject({ aggressiveSubtype: false });
  });

  it('takes the site of a skin-cancer Condition from its body site, else from the code, and recurrence from its status', () => {
    const recurrence = {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'recurrence' }],
    };
    const cancers = of(
      condition('C44.319', { bodySite: [site('Left cheek')] }),
      condition('C44.311', { clinicalStatus: recurrence }),
    ).filter((f) => f.kind === 'cancer');
    expect(cancers[0]).toMatchObject({ cancerType: 'bcc', anatomicSite: 'left cheek' });
    expect(cancers[1]).toMatchObject({ anatomicSite: 'nose', primary: 'recurrent' });
  });
});

describe('measures', () => {
  it('reads lesion size in mm as cm and the local severity codes', () => {
    const got = of(measure('lesion-size', 12, '2026-02-01', 'mm'), measure('easi', 21), measure('bsa-percent', 14));
    expect(got.map((f) => (f.kind === 'measurement' ? [f.name, f.value] : []))).toEqual([
      ['lesion_size_cm', 1.2],
      ['easi', 21],
      ['bsa_percent', 14],
    ]);
  });

  it('reads scores by their words, but never a body surface area in m² as involvement', () => {
    const text = (t: string, value: number, unit: string) => ({
      resourceType: 'Observation' as const,
      id: `o-${t}`,
      status: 'final' as const,
      code: { text: t },
      valueQuantity: { value, unit },
    });
    const got = of(
      text('PASI score', 12, '{score}'),
      text('Body surface area', 1.9, 'm2'),
      text('BSA affected', 8, '%'),
    );
    expect(got.map((f) => (f.kind === 'measurement' ? f.name : ''))).toEqual(['pasi', 'bsa_percent']);
  });
});

describe('risk factors and drug history', () => {
  it('turns transplant, HIV, haematologic cancer, irradiation and xeroderma pigmentosum into AUC modifiers', () => {
    const got = of(condition('Z94.0'), condition('B20'), condition('C91.10'), condition('Z92.3'), condition('Q82.1'))
      .filter((f) => f.kind === 'risk_factor')
      .map((f) => (f.kind === 'risk_factor' ? f.factor : ''));
    expect(got).toEqual([
      'organ_transplant',
      'immunocompromised',
      'immunocompromised',
      'prior_radiation',
      'genetic_syndrome',
    ]);
  });

  it('oral tacrolimus is an immunosuppressant (and a risk factor); the ointment stays a calcineurin inhibitor', () => {
    const got = of(
      medicationHistory('tacrolimus 1 MG Oral Capsule', '2020-01-01', undefined, 'active'),
      medicationHistory('tacrolimus 0.1 % Topical Ointment', '2025-01-01', '2025-03-01', 'completed'),
    );
    expect(got.map((f) => (f.kind === 'therapy' ? f.modality : f.kind))).toEqual([
      'immunosuppressant',
      'risk_factor',
      'topical_calcineurin_inhibitor',
    ]);
  });

  it('reads stop reasons (ineffective, intolerance, improved) and samples', () => {
    const got = of(
      medicationHistory('methotrexate 2.5 MG Oral Tablet', '2025-01-01', '2025-04-01', 'stopped', {
        reason: 'Ineffective',
      }),
      medicationHistory('crisaborole 2 % Topical Ointment', '2025-01-01', '2025-01-10', 'stopped', {
        reason: 'Burning, not tolerated',
      }),
      medicationHistory('calcipotriene 0.005 % Topical Ointment', '2025-01-01', '2025-02-01', 'completed', {
        reason: 'Cleared, improved',
      }),
      medicationHistory('risankizumab 150 MG/ML Auto-Injector', '2025-11-01', undefined, 'active', {
        note: 'started on samples',
      }),
    );
    expect(got.map((f) => (f.kind === 'therapy' ? [f.modality, f.outcome, f.sample ?? false] : []))).toEqual([
      ['methotrexate', 'failed', false],
      ['topical_pde4_inhibitor', 'intolerance', false],
      ['topical_vitamin_d_analog', 'improved', false],
      ['biologic', 'ongoing', true],
    ]);
  });

  it('reads a stop for preference with adverse effects denied as a stop by choice, not an intolerance', () => {
    const [fact] = of(
      medicationHistory('tacrolimus 0.1 % Topical Ointment', '2026-02-23', '2026-03-05', 'stopped', {
        reason: 'patient preference (greasy texture); no adverse effects',
      }),
    );
    expect(fact).toMatchObject({ kind: 'therapy', outcome: 'completed', stoppedByChoice: true });
  });

  it('reads a stopped order as ended, not failed, and dates the stop its note states', () => {
    const order = {
      resourceType: 'MedicationRequest' as const,
      id: 'mr-stopped',
      status: 'stopped' as const,
      intent: 'order' as const,
      subject: { reference: 'Patient/pat-1' },
      medicationCodeableConcept: { text: 'fluocinonide 0.05% ointment 60 g' },
      authoredOn: '2026-01-05',
      note: [{ text: 'Stopped by patient 2026-01-14 (see portal message).' }],
    };
    expect(of(order)[0]).toMatchObject({ outcome: 'completed', start: '2026-01-05', end: '2026-01-14' });
    expect(of(order)[0]).not.toHaveProperty('endAssumed');
    expect(
      of(medicationHistory('methotrexate 2.5 MG Oral Tablet', '2025-01-01', '2025-04-01', 'stopped'))[0],
    ).toMatchObject({ outcome: 'completed' });
  });

  it('reads a problem-list entry written in words only as a note would ("Atopic dermatitis" → L20.9)', () => {
    const [fact] = of({
      resourceType: 'Condition',
      id: 'c-text',
      subject: { reference: 'Patient/pat-1' },
      code: { text: 'Atopic dermatitis' },
      verificationStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'refuted' }],
      },
    });
    expect(fact).toMatchObject({ kind: 'condition', icd10: ['L20.9'], assertion: 'negated' });
  });

  it("reads a genetic syndrome a problem-list entry names under a shared code, not a relative's", () => {
    const risks = (text: string, code: string) => of(problemEntry(text, code)).filter((f) => f.kind === 'risk_factor');
    expect(risks('Basal cell nevus syndrome (Gorlin) - PTCH1 pathogenic variant', 'Q87.89')).toMatchObject([
      { factor: 'genetic_syndrome', assertion: 'affirmed' },
    ]);
    expect(risks('FHx: brother with basal cell nevus syndrome (Gorlin)', 'Z80.8')).toEqual([]);
  });

  it('reads an opioid use disorder in remission as a history of drug use, not current use', () => {
    const flag = (text: string, code: string) =>
      of(problemEntry(text, code)).find((f) => f.kind === 'red_flag')?.assertion;
    expect(flag('Opioid use disorder, in sustained remission on buprenorphine-naloxone', 'F11.21')).toBe('historical');
    expect(flag('Opioid dependence, uncomplicated', 'F11.20')).toBe('affirmed');
  });

  it('reads a problem-list entry whose words are a differential as uncertain, whatever its codes', () => {
    const stated = (text: string) => of(problemEntry(text, 'L40.0'))[0]?.assertion;
    expect(stated('Hyperkeratotic palmar dermatitis - psoriasis vs hand eczema vs tinea manuum; biopsy pending')).toBe(
      'uncertain',
    );
    expect(stated('Plaque psoriasis of the palms')).toBe('affirmed');
  });

  it('reads a muscle graded on the MRC scale in words only as weakness, or normal strength at 5/5', () => {
    const grade = (text: string, value: string) => ({
      resourceType: 'Observation' as const,
      id: `obs-${value}`,
      status: 'final' as const,
      code: { text },
      subject: { reference: 'Patient/pat-1' },
      effectiveDateTime: '2026-01-27',
      valueString: value,
    });
    expect(of(grade('Right ankle dorsiflexion (tibialis anterior) strength, MRC grade', '4/5'))[0]).toMatchObject({
      kind: 'neuro_finding',
      finding: 'motor_weakness',
      side: 'right',
      grade: '4/5',
      assertion: 'affirmed',
    });
    expect(of(grade('Left EHL strength, MRC grade', '5/5'))[0]).toMatchObject({ assertion: 'negated' });
  });

  it('gives the age in months for infants', () => {
    const baby = { ...TEST_PATIENT, birthDate: '2025-08-15' };
    const b: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: baby }] };
    const demographic = extractCodedFacts(buildRecord(b, baby), '2026-03-02').find((f) => f.kind === 'demographic');
    expect(demographic).toMatchObject({ ageYears: 0, ageMonths: 6 });
  });
});

describe('how a coded course ended', () => {
  it("reads a completed or stopped course's note ('inadequate response') as its failure, but not an active one's", () => {
    const course = (status: 'completed' | 'active', note: string) =>
      of(
        medicationHistory('triamcinolone acetonide 0.1% ointment', '2025-11-04', '2026-01-06', status, { note }),
      ).flatMap((f) => (f.kind === 'therapy' ? [f.outcome] : []));
    expect(course('completed', 'Used as directed ~9 weeks; inadequate response (EASI 26.1 -> 22.8).')).toEqual([
      'failed',
    ]);
    expect(course('completed', 'Used as directed; no side effects.')).toEqual(['completed']);
    expect(course('active', 'Inadequate response so far.')).toEqual(['ongoing']);
  });
});

describe('the sites of a skin disease coded in words', () => {
  it('reads "Atopic dermatitis of hands and feet" as the disease at the hands and feet', () => {
    const [fact] = of({
      ...condition('L20.89'),
      code: {
        coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'L20.89' }],
        text: 'Atopic dermatitis of hands and feet',
      },
    });
    expect(fact).toMatchObject({ kind: 'condition', bodySite: ['hands', 'feet'] });
  });
});

describe('subtype words', () => {
  it('does not read the superficial dermis as a superficial subtype', () => {
    const subtypes = (text: string) =>
      of(pathologyReport(text)).flatMap((f) => (f.kind === 'cancer' ? [f.subtype] : []));
    expect(subtypes('Skin, forearm: basal cell carcinoma, islands extending into the superficial dermis.')).toEqual([
      undefined,
    ]);
    expect(subtypes('Skin, forearm: basal cell carcinoma, superficial type.')).toEqual(['superficial']);
  });
});

describe('a recurrence in question', () => {
  it('does not read "recurrent?" or "possibly recurrent" on a pathology or diagnosis as recurrent', () => {
    const statusOf = (text: string) =>
      of(pathologyReport(text)).flatMap((f) => (f.kind === 'cancer' ? [f.primary] : []));
    expect(statusOf('Skin, right shoulder, shave: basal cell carcinoma, nodular - recurrent?')).toEqual([undefined]);
    expect(statusOf('Skin, right shoulder, shave: basal cell carcinoma, nodular, possibly recurrent.')).toEqual([
      undefined,
    ]);
    expect(statusOf('Skin, right shoulder, shave: recurrent basal cell carcinoma, nodular.')).toEqual(['recurrent']);
  });
});

describe('drugs named by brand', () => {
  it('reads a medication coded by its brand only as the library drug it is', () => {
    expect(drugModality('Dupixent 300 mg/2 mL pen')).toEqual({ modality: 'biologic', agent: 'dupilumab' });
    expect(drugModality('Skyrizi 150 mg/mL pen')?.agent).toBe('risankizumab');
    expect(drugModality('folic acid 1 mg tablet')).toBeUndefined();
  });
});

/** A MedicationStatement as an EHR export sends one: the drug in text only. */
const statement = (
  id: string,
  status: MedicationStatement['status'],
  text: string,
  extra: Partial<MedicationStatement>,
): MedicationStatement => ({
  resourceType: 'MedicationStatement',
  id,
  status,
  subject: { reference: 'Patient/pat-1' },
  medicationCodeableConcept: { text },
  ...extra,
});

describe('a medication entry that doubts itself', () => {
  it('reads "patient reported, uncertain" in the entry as an uncertain course', () => {
    const entry = statement('ms-humira', 'completed', 'Humira (adalimumab) - patient reported, uncertain', {
      effectivePeriod: { start: '2021-01-01', end: '2023-01-01' },
    });
    const [course] = of(TEST_PATIENT, entry).filter((f) => f.kind === 'therapy');
    expect(course?.assertion).toBe('uncertain');
  });
});

describe('an active medication statement asserted long ago', () => {
  it('counts the course up to when it was asserted, not up to today', () => {
    const entry = statement('ms-tacrolimus', 'active', 'tacrolimus 0.1% ointment BID', {
      effectivePeriod: { start: '2024-07-09' },
      dateAsserted: '2024-10-22',
    });
    const [course] = of(TEST_PATIENT, entry).filter((f) => f.kind === 'therapy');
    expect(course).toMatchObject({ outcome: 'ongoing', durationWeeks: 15 });
  });
});
