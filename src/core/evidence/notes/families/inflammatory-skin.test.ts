// The inflammatory-skin family's conditions read from note text: the disease's sites (a policy's special-site
// criterion) and the conditions that contraindicate methotrexate, stated or denied.
import { describe, expect, it } from 'vitest';
import { affirmedSiteWords } from '../../codesets.ts';
import type { ConditionFact, TherapyFact } from '../../fact.ts';
import { extractNoteFacts } from '../index.ts';

const facts = (text: string) =>
  extractNoteFacts({ reference: 'DocumentReference/n1', date: '2026-03-02', contentType: 'text/plain', text });
const conditions = (text: string): ConditionFact[] =>
  facts(text).filter((f): f is ConditionFact => f.kind === 'condition');
const deniedClasses = (text: string): string[] =>
  facts(text)
    .filter((f): f is TherapyFact => f.kind === 'therapy' && f.assertion === 'negated' && f.agent === undefined)
    .map((f) => f.modality);

describe('inflammatory-skin conditions from notes', () => {
  it('records where the psoriasis is when the sentence names its sites', () => {
    const [fact] = conditions('Thick plaque psoriasis on the scalp and both palms, worse this winter.');
    expect(fact).toMatchObject({ icd10: ['L40.0'], assertion: 'affirmed' });
    expect(fact?.bodySite).toEqual(expect.arrayContaining(['scalp', 'palms']));
  });

  it('does not take joint pain in the hands for psoriasis of the hands', () => {
    expect(
      affirmedSiteWords('Referred for hand pain in a patient with psoriasis, question of psoriatic arthritis.'),
    ).toEqual([]);
    expect(affirmedSiteWords('Psoriasis with pain in both hands; plaques on the elbows.')).toEqual(['elbows']);
  });

  it('records no sites when the same sentence clears some of them', () => {
    const [fact] = conditions('Psoriasis of the knees and shins; scalp and face clear.');
    expect(fact).toMatchObject({ icd10: ['L40.0'], assertion: 'affirmed' });
    expect(fact?.bodySite).toBeUndefined();
    expect(affirmedSiteWords('Eczema in both antecubital fossae, no facial involvement.')).toEqual([]);
  });

  it('reads a liver disease or alcohol use disorder, and its denial', () => {
    expect(conditions('History: bridging fibrosis on elastography, drinks daily.')).toContainEqual(
      expect.objectContaining({ icd10: ['K74.00'], assertion: 'affirmed' }),
    );
    expect(conditions('Longstanding alcohol use disorder, in early remission.')).toContainEqual(
      expect.objectContaining({ icd10: ['F10.20'], assertion: 'affirmed' }),
    );
    expect(conditions('He has no known liver disease.')).toContainEqual(
      expect.objectContaining({ icd10: ['K76.9'], assertion: 'negated' }),
    );
  });

  it('does not read "no childhood eczema" as a denial of the eczema now', () => {
    expect(conditions('67F, rash since 12/2025, no childhood eczema, no eczema as a child.')).toEqual([]);
    expect(conditions('No eczema.')).toContainEqual(
      expect.objectContaining({ icd10: ['L20.9'], assertion: 'negated' }),
    );
  });

  it('does not read a list of denied side effects as intolerance, and reads "not working fast enough" as failure', () => {
    const [mtx] = facts(
      'Pt reports he STOPPED methotrexate this week (last dose 3/9) - "not\nworking fast enough, want the shots." Denies nausea, mouth sores, fatigue.',
    ).filter((f): f is TherapyFact => f.kind === 'therapy');
    expect(mtx?.outcome).toBe('failed');
  });

  it('does not take a condition for the outcome of a drug it names ("if tacrolimus is not tolerated or not covered")', () => {
    const courses = facts(
      'Discussed crisaborole (Eucrisa) as an alternative if tacrolimus is not tolerated or not covered.',
    ).filter((f): f is TherapyFact => f.kind === 'therapy');
    expect(courses.map((f) => [f.agent, f.outcome, f.assertion])).toEqual([['crisaborole', undefined, 'hypothetical']]);
  });

  it('reads "proceed toward dupilumab; no history of conjunctivitis" as a plan with no adverse effect', () => {
    const [plan] = facts('Proceed toward dupilumab; no history of conjunctivitis or keratitis.').filter(
      (f): f is TherapyFact => f.kind === 'therapy',
    );
    expect(plan).toMatchObject({ agent: 'dupilumab', assertion: 'hypothetical' });
    expect(plan?.outcome).toBeUndefined();
  });

  it('reads a drug the plan was denied, or that "was never started", as no course', () => {
    const courses = (text: string) =>
      facts(text)
        .filter((f): f is TherapyFact => f.kind === 'therapy' && f.modality === 'biologic')
        .map((f) => f.assertion);
    expect(courses('I am writing to appeal the 08/20/2025 denial of secukinumab for my patient.')).toEqual([
      'hypothetical',
    ]);
    expect(courses('He stopped methotrexate after the Skyrizi denial ("it wasn\'t doing anything").')).toEqual([
      'hypothetical',
    ]);
    expect(courses('His coverage changed 01/01/2026 and secukinumab was never started.')).toEqual(['negated']);
  });

  it("keeps a reason in one drug's own brackets to that drug ('phototherapy (she cannot attend 3x/week)')", () => {
    const courses = facts(
      'Discussed options: restart methotrexate, apremilast, phototherapy (she cannot attend 3x/week given work), biologics.',
    ).filter((f): f is TherapyFact => f.kind === 'therapy');
    expect(courses.map((f) => [f.modality, f.outcome])).toEqual([
      ['methotrexate', undefined],
      ['apremilast', undefined],
      ['phototherapy', 'contraindicated'],
    ]);
    const shared = facts('PT and naproxen without relief.').filter((f): f is TherapyFact => f.kind === 'therapy');
    expect(shared.map((f) => f.outcome)).toEqual(['failed', 'failed']);
  });

  it('does not read records that are missing as a drug that cannot be used', () => {
    const [elidel] = facts('Pharmacy fill history for Elidel not available to us (outside pharmacy).').filter(
      (f): f is TherapyFact => f.kind === 'therapy',
    );
    expect(elidel).toMatchObject({ agent: 'pimecrolimus', recordsPending: true });
    expect(elidel?.outcome).toBeUndefined();
    const [uvb] = facts('Phototherapy not available in her area.').filter(
      (f): f is TherapyFact => f.kind === 'therapy',
    );
    expect(uvb?.outcome).toBe('contraindicated');
  });

  it('reads a denied prior biologic, in prose or a ticked template row', () => {
    expect(deniedClasses('She is biologic-naive and has used only topicals.')).toEqual(['biologic']);
    expect(deniedClasses('Previous biologic or JAK inhibitor: [ ] yes [X] no')).toEqual(['biologic', 'jak_inhibitor']);
    expect(deniedClasses('Discussed starting a biologic at the next visit.')).toEqual([]);
    expect(deniedClasses('Previous biologic: [X] yes [ ] no - etanercept 2019')).toEqual([]);
    expect(deniedClasses('Has never received phototherapy, methotrexate or any biologic.')).toContain('biologic');
    expect(deniedClasses('Not a candidate for a biologic until the hepatitis B work-up is back.')).toEqual([]);
  });
});

describe('courses ended in the plan, and what samples are', () => {
  const courses = (text: string) =>
    facts(text).filter((f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'adalimumab');

  it("reads the plan's own stop as the end of the course, but not a stop planned for later", () => {
    expect(courses('Humira (adalimumab) 40 mg SC q2wk -> DISCONTINUE today.')[0]?.endedBy).toBe('2026-03-02');
    expect(courses('Plan: 1. Stop adalimumab.')[0]?.endedBy).toBe('2026-03-02');
    expect(courses('Stop adalimumab once ustekinumab is approved.')[0]?.endedBy).toBeUndefined();
  });

  it('does not read "not samples" as a course on samples', () => {
    expect(
      courses('Adalimumab obtained via the pharmacy benefit (not samples) since 2024.')[0]?.sample,
    ).toBeUndefined();
    expect(courses('Adalimumab started on samples last month.')[0]?.sample).toBe(true);
  });
});

describe('a course dated after its dose and schedule, and a goal that is not an outcome', () => {
  const triamcinolone = (text: string) =>
    facts(text).filter((f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'triamcinolone');

  it('reads the dates after the dose, form and schedule, and an arrow as a range', () => {
    const [course] = triamcinolone(
      'Triamcinolone 0.1% ointment (medium potency) applied twice daily every day 8/4/2025 -> 9/15/2025, inadequate response.',
    );
    expect(course).toMatchObject({ start: '2025-08-04', end: '2025-09-15', outcome: 'failed' });
  });

  it('does not read "continue until response" as a response', () => {
    const [plan] = triamcinolone('Continue triamcinolone BID to active areas until response, then taper.');
    expect(plan?.outcome).not.toBe('improved');
  });
});

describe('a course stopped by choice', () => {
  it('marks a stop for preference, convenience or fear, which is neither failure nor intolerance', () => {
    const [course] = facts(
      'Used triamcinolone 0.1% ointment about 10 days, then mom stopped it herself because of steroid fears.',
    ).filter((f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'triamcinolone');
    expect(course?.stoppedByChoice).toBe(true);
  });

  it('reads a stop over a boxed warning, with "NO burning, stinging or other problem with it", as a tolerated stop', () => {
    const [course] = facts(
      'Mother reports she stopped the tacrolimus ointment on 2/10 after reading the package insert about "cancer and lymphoma." He had NO burning, stinging, rash or other problem with it.',
    ).filter((f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'tacrolimus');
    expect(course?.outcome).not.toBe('intolerance');
    expect(course?.tolerated).toBe(true);
    // What the mother read is no cancer of the patient's.
    expect(
      facts('She stopped it after reading the package insert about "cancer and lymphoma."').filter(
        (f) => f.kind === 'cancer' && f.assertion === 'affirmed',
      ),
    ).toEqual([]);
  });

  it('does not read side effects taught at a visit, or a length the patient is told to keep to, as what happened', () => {
    const tacrolimus = (text: string) =>
      facts(text).filter((f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'tacrolimus');
    expect(
      tacrolimus('Tacrolimus 0.1% ointment to face/neck BID - discussed again in detail (burning, boxed warning).')[0]
        ?.outcome,
    ).toBeUndefined();
    expect(
      tacrolimus('Must use tacrolimus 0.03% ointment consistently at least 6 weeks before we judge it.').map(
        (f) => f.assertion,
      ),
    ).toEqual(['hypothetical']);
  });

  it('marks a course the note says was used poorly', () => {
    const adherence = (text: string) =>
      facts(text).flatMap((f) =>
        f.kind === 'therapy' && f.agent === 'triamcinolone' ? [f.poorAdherence ?? false] : [],
      );
    expect(adherence('Current triamcinolone 0.1% ointment trial limited by adherence.')).toEqual([true]);
    expect(adherence('Triamcinolone 0.1% oint BID (variable adherence).')).toEqual([true]);
    expect(adherence('Triamcinolone 0.1% ointment BID daily for 6 weeks, good adherence, no better.')).toEqual([false]);
    expect(adherence('Triamcinolone 0.1% oint, used it only "when it was really bad".')).toEqual([true]);
    expect(adherence('Triamcinolone 0.1% ointment applied prn for flares.')).toEqual([true]);
    expect(adherence('Triamcinolone 0.1% ointment, using it on and off since June.')).toEqual([true]);
  });

  it('takes the length and the manner of use from a next sentence that says how the course ran out', () => {
    const triamcinolone = (text: string) =>
      facts(text).flatMap((f) =>
        f.kind === 'therapy' && f.agent === 'triamcinolone'
          ? [{ weeks: f.durationWeeks, outcome: f.outcome, poorAdherence: f.poorAdherence ?? false }]
          : [],
      );
    expect(
      triamcinolone(
        'Started triamcinolone 0.1% oint at last visit. Pt reports she used it "when it was really bad", mostly at night, ran out after about 2 weeks and did not call for a refill b/c "it wasnt doing much anyway".',
      ),
    ).toEqual([{ weeks: 2, outcome: 'failed', poorAdherence: true }]);
  });

  it('does not read "well under 3% BSA" as a BSA of 3 %', () => {
    const bsa = (text: string) =>
      facts(text).flatMap((f) => (f.kind === 'measurement' && f.name === 'bsa_percent' ? [f.value] : []));
    expect(bsa('The plaques I examined would amount to well under 3% BSA on their own.')).toEqual([]);
    expect(bsa('About 12% BSA, elbows and knees.')).toEqual([12]);
    expect(bsa('BSA today approx 15 percent (see body map).')).toEqual([15]);
    expect(bsa('BSA estimate 12 pct (body map scanned).')).toEqual([12]);
  });

  it('reads a drug only guessed from what the patient recalls ("this sounds like methotrexate") as uncertain', () => {
    const mtx = (text: string) =>
      facts(text).flatMap((f) => (f.kind === 'therapy' && f.agent === 'methotrexate' ? [f.assertion] : []));
    expect(mtx('He recalls a weekly pill that needed blood tests - this sounds like methotrexate.')).toEqual([
      'uncertain',
    ]);
    expect(mtx('Presumably methotrexate.')).toEqual(['uncertain']);
  });

  it('reads "tolerated them without nausea, fatigue, mouth sores or lab abnormalities" as tolerated, not intolerance', () => {
    const [mtx] = facts(
      'Methotrexate course: he took 6 weekly doses (04/06 through 05/11) and tolerated them without nausea, fatigue, mouth sores or lab abnormalities.',
    ).filter((f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'methotrexate');
    expect(['intolerance', 'failed']).not.toContain(mtx?.outcome);
    expect(mtx?.tolerated).toBe(true);
    expect(facts('Methotrexate stopped for fatigue and mouth sores.').find((f) => f.kind === 'therapy')).toMatchObject({
      outcome: 'intolerance',
    });
  });

  it('reads options weighed ("would be the usual next step", "discussed and declined") as no course, and "no systemic or biologic agents ever" as none', () => {
    const courses = (text: string) =>
      facts(text).flatMap((f) => (f.kind === 'therapy' ? [[f.modality, f.assertion, f.outcome]] : []));
    expect(courses('A 12-week trial of NB-UVB or methotrexate would be the usual next step.')).toEqual([
      ['phototherapy', 'hypothetical', undefined],
      ['methotrexate', 'hypothetical', undefined],
    ]);
    expect(courses('Acitretin was also discussed and declined.')).toEqual([['acitretin', 'hypothetical', undefined]]);
    expect(
      courses('I recommended methotrexate; he has no contraindication (no alcohol, normal liver enzymes).').map(
        ([, , outcome]) => outcome,
      ),
    ).toEqual([undefined]);
    expect(deniedClasses('No phototherapy; no systemic or biologic agents ever.')).toEqual(
      expect.arrayContaining(['biologic', 'jak_inhibitor', 'apremilast']),
    );
  });

  it('reads "never had phototherapy or systemic therapy" and "no prior systemic agents" as every systemic class untried', () => {
    const all = ['methotrexate', 'cyclosporine', 'acitretin', 'apremilast', 'biologic', 'jak_inhibitor'];
    expect(deniedClasses('Never had phototherapy or systemic therapy.')).toEqual(expect.arrayContaining(all));
    expect(deniedClasses('No prior systemic agents.')).toEqual(expect.arrayContaining(all));
    expect(deniedClasses('Systemic therapy was discussed; he would consider it if topicals fail.')).toEqual([]);
  });

  it('reads "no reason to avoid systemics" as the conventional systemics cleared by the prescriber', () => {
    const cleared = facts('No reason to avoid systemics: LFTs/Cr nl, 2-3 drinks/wk, no liver dz.').flatMap((f) =>
      f.kind === 'therapy' && f.notContraindicated === true ? [f.modality] : [],
    );
    expect(cleared).toEqual(['methotrexate', 'cyclosporine', 'acitretin']);
  });

  it("reads a payer's rule, a drug the plan adds and a trial length still to come as no course", () => {
    const tci = (text: string) =>
      facts(text).flatMap((f) =>
        f.kind === 'therapy' && f.modality === 'topical_calcineurin_inhibitor' ? [f.assertion] : [],
      );
    expect(
      tci('Insurance usually requires a non-steroid topical (tacrolimus / pimecrolimus) before biologics.').every(
        (a) => a === 'hypothetical',
      ) && tci('Insurance usually requires tacrolimus 0.1% ointment before biologics.').length > 0,
    ).toBe(true);
    expect(tci('Reassess after at least 8 weeks of tacrolimus 0.1% ointment.')).toEqual(['hypothetical']);
    expect(tci('Used tacrolimus 0.1% ointment BID for 8 weeks without benefit.')).toEqual(['affirmed']);
  });

  it('reads a drug that "helps the redness a little, still itchy" as an inadequate response', () => {
    const outcome = (text: string) =>
      facts(text).flatMap((f) => (f.kind === 'therapy' && f.agent === 'mometasone' ? [f.outcome] : []));
    expect(outcome('Mometasone 0.1% ointment daily for 5 weeks. "Helps the redness a little, still itchy."')).toEqual([
      'failed',
    ]);
    expect(outcome('Mometasone 0.1% ointment daily for 5 weeks; it helped a lot and the plaques cleared.')).toEqual([
      'improved',
    ]);
  });

  it('keeps a site the sentence puts in the past out of the current sites', () => {
    const [fact] = conditions(
      'His psoriasis involves the elbows, knees and lower back (BSA 5%) and has a history of scalp involvement.',
    );
    expect(fact?.bodySite).toEqual(['back', 'elbows', 'knees']);
  });
});

describe('sites an examination clears', () => {
  const cleared = (text: string) =>
    extractNoteFacts({
      reference: 'DocumentReference/n1',
      date: '2026-03-02',
      contentType: 'text/plain',
      text,
    }).flatMap((f) => (f.kind === 'site_exam' ? f.cleared : []));

  it('reads "Site: clear" lines, a list examined and clear, and "no involvement of", but not the disease sites', () => {
    expect(cleared('Scalp: clear. Palms, soles: clear.')).toEqual(['scalp', 'palms', 'soles']);
    expect(cleared('Plaques on the elbows and knees; scalp, face and genitals examined - clear.').sort()).toEqual([
      'face',
      'genitals',
      'scalp',
    ]);
    expect(cleared('No involvement of the scalp or face.').sort()).toEqual(['face', 'scalp']);
    expect(cleared('Thick plaques on both elbows, clearing with clobetasol.')).toEqual([]);
    expect(cleared('Helps some but plaques on arms/neck/behind knees never clear.')).toEqual([]);
  });
});

describe('biologic-family therapies from notes', () => {
  const therapies = (text: string) =>
    facts(text)
      .filter((f): f is TherapyFact => f.kind === 'therapy')
      .map((f) => ({
        modality: f.modality,
        assertion: f.assertion,
        ...(f.outcome ? { outcome: f.outcome } : {}),
        ...(f.start ? { start: f.start } : {}),
        ...(f.end ? { end: f.end } : {}),
        ...(f.durationWeeks !== undefined ? { weeks: f.durationWeeks } : {}),
        ...(f.stoppedByChoice ? { byChoice: true } : {}),
      }));

  it("reads a relative's drug, options discussed and 'no contraindication' as no course of the patient", () => {
    expect(therapies('A first-degree relative has responded very well to ixekizumab.')).toEqual([]);
    expect(therapies('Upadacitinib was discussed in hospital and will not be started.')).toEqual([
      { modality: 'jak_inhibitor', assertion: 'negated' },
    ]);
    expect(
      therapies('Discussed options: NB-UVB, methotrexate, apremilast, or a biologic.').map((t) => t.assertion),
    ).toEqual(['hypothetical', 'hypothetical', 'hypothetical']);
    expect(therapies('No contraindication to phototherapy identified.')).toEqual([
      { modality: 'phototherapy', assertion: 'hypothetical' },
    ]);
    expect(therapies('Methotrexate is contraindicated (bridging fibrosis).')).toEqual([
      { modality: 'methotrexate', assertion: 'affirmed', outcome: 'contraindicated' },
    ]);
  });

  it('takes the stop, length and result of a course from the next sentence when it names no other therapy', () => {
    expect(
      therapies(
        'Methotrexate: started 02/12/2026 at 15 mg weekly. Patient took 4 weekly doses and stopped on her own around 03/12/2026 - did not like taking a chemo drug.',
      ),
    ).toEqual([
      { modality: 'methotrexate', assertion: 'affirmed', start: '2026-02-12', end: '2026-03-12', byChoice: true },
    ]);
    expect(
      therapies(
        'Methotrexate started 1/6/2025 at 25 mg SC weekly. Stopped 5/12 after > 3 months at full dose - plaques unchanged.',
      ),
    ).toEqual([{ modality: 'methotrexate', assertion: 'affirmed', outcome: 'failed', start: '2025-01-06', weeks: 13 }]);
  });

  it('reads a course whose next sentence gives its use up to a date, wrapped before a short bracket', () => {
    expect(
      therapies(
        '07/01/2025: started generic triamcinolone 0.1% cream BID to trunk. Used consistently through 09/15/2025\n(~11 wks) - failed: no reduction in extent or itch.',
      ),
    ).toEqual([
      {
        modality: 'topical_corticosteroid',
        assertion: 'affirmed',
        outcome: 'failed',
        start: '2025-07-01',
        end: '2025-09-15',
        weeks: 11,
      },
    ]);
  });

  it('reads who started a course and its starting dose before the date, and "16+ wks" as 16 weeks', () => {
    expect(
      therapies('Methotrexate through PCP: started 15 mg weekly 06/02/2025, 25 mg weekly since 07/14/2025.')[0],
    ).toMatchObject({ modality: 'methotrexate', start: '2025-06-02' });
    expect(therapies('Inadequate response to 16+ wks methotrexate at max dose.')).toEqual([
      { modality: 'methotrexate', assertion: 'affirmed', outcome: 'failed', weeks: 16 },
    ]);
  });

  it('places topicals tried "over the years" in the remote past, not in a recent trial', () => {
    const [tacrolimus] = therapies(
      'He has tried Protopic over the years from his previous dermatologist without lasting benefit.',
    );
    expect(tacrolimus).toMatchObject({ modality: 'topical_calcineurin_inhibitor', assertion: 'historical' });
  });

  it('reads a trailing "I think" as doubt, and an unknown reason for stopping as no stated outcome', () => {
    expect(
      therapies(
        'Prior systemic: per patient, "methotrexate, I think", from rheumatology years ago; dose, duration and reason for stopping unknown (?GI upset vs insurance change).',
      ),
    ).toEqual([{ modality: 'methotrexate', assertion: 'uncertain' }]);
  });

  it('takes a length of use the sentence states further on, when it names no other therapy, with its range', () => {
    const [tcs] = facts(
      'Minimal improvement on scheduled triamcinolone 0.1% ointment BID; exact start date uncertain (somewhere between ~3 and ~5 weeks of daily use).',
    ).filter((f): f is TherapyFact => f.kind === 'therapy');
    expect(tcs).toMatchObject({ outcome: 'failed', durationWeeks: 5, shortestWeeks: 3 });
  });

  it('reads bare "tacrolimus" as the ointment the note names, with a stop said before it and its length of use', () => {
    const [, stopped] = therapies(
      'Plan: tacrolimus 0.1% ointment bid.\nInterval: pt stopped tacrolimus on his own (used ~3 wk) - "wasn\'t doing anything so I quit".',
    );
    expect(stopped).toMatchObject({ modality: 'topical_calcineurin_inhibitor', outcome: 'failed', weeks: 3 });
    expect(therapies('Tacrolimus 1 mg PO BID for her kidney transplant.')).toEqual([]);
  });

  it("marks a course given on the patient's word", () => {
    const [mtx] = facts('Pt reports he "was on the methotrexate about 6 months".').filter(
      (f): f is TherapyFact => f.kind === 'therapy',
    );
    expect(mtx?.patientReported).toBe(true);
  });

  it("reads a stop for the patient's preference, and a payer rule's 'unless not tolerated', as no intolerance", () => {
    expect(
      therapies('2. Methotrexate x 6 weeks (15 mg/wk), self-discontinued for preference/convenience.')[0],
    ).not.toMatchObject({
      outcome: 'intolerance',
    });
    expect(
      therapies(
        'Counseled that methotrexate is being well tolerated and that her plan requires 3 months unless the agent is not tolerated.',
      )[0],
    ).not.toMatchObject({ outcome: 'intolerance' });
    expect(therapies("MTX trial ~7-8 wk (6/3 - ~7/2025), self-d/c'd, not for AE/intolerance.")[0]).not.toMatchObject({
      outcome: 'intolerance',
    });
    expect(therapies('Continue MTX 20 mg weekly; can add split dosing if nausea worsens.')[0]).not.toMatchObject({
      outcome: 'intolerance',
    });
    expect(
      therapies('Contraindication to methotrexate documented by prescriber: none identified.')[0],
    ).not.toMatchObject({
      outcome: 'contraindicated',
    });
  });
});

describe("another person's tuberculosis test", () => {
  it("is not the patient's screening", () => {
    const screens = (text: string) => facts(text).flatMap((f) => (f.kind === 'screening_test' ? [f.result] : []));
    expect(
      screens('Husband finished 4 months of rifampin for latent TB (positive IGRA at his job) last year.'),
    ).toEqual([]);
    expect(screens('Need TB screening - household contact (husband treated for latent TB 2025).')).toEqual([]);
    expect(screens('She had a TB test "a long time ago" for school and thinks it was negative; no copy.')).toEqual([]);
    expect(screens('QuantiFERON negative 01/17/2026.')).toEqual(['negative']);
  });

  it('reads latent TB screening in progress as pending, a hedged reason as no outcome and a dated lead as the date', () => {
    const tb = facts('2. Latent TB screening in progress - IGRA pending.').filter((f) => f.kind === 'screening_test');
    expect(tb.map((f) => f.kind === 'screening_test' && f.result)).toEqual(['pending']);
    const [mtx] = facts(
      'Patient reports that a dermatologist prescribed methotrexate roughly 2019-2020. He cannot recall how long he took it. He is not sure whether he stopped it because of nausea or because "it wasn\'t doing much."',
    ).filter((f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'methotrexate');
    expect(['intolerance', 'failed']).not.toContain(mtx?.outcome);
    const bsa = facts(
      'Last examination in my office 04/16/2024 (full skin exam): plaques lower back; BSA 6%; scalp mild.',
    ).find((f) => f.kind === 'measurement');
    expect(bsa?.date).toBe('2024-04-16');
  });

  it('reads a side effect told of a drug still taken as no intolerance, and a stop for it as one', () => {
    const outcome = (text: string) =>
      facts(text).find((f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'methotrexate')?.outcome;
    expect(outcome('On MTX. c/o fatigue day after dose.')).toBe('ongoing');
    expect(outcome('Methotrexate stopped 05/2025 because of fatigue and nausea.')).toBe('intolerance');
  });

  it('reads a response that was partial and then lost, or some help with the disease still there, as a failure', () => {
    const outcome = (text: string) =>
      facts(text).find((f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'triamcinolone')?.outcome;
    expect(
      outcome('Triamcinolone 0.1% BID daily (9 weeks) - partial early response on trunk, then flared in July.'),
    ).toBe('failed');
    expect(outcome('Using triamcinolone BID daily - some help on trunk, hands still cracked.')).toBe('failed');
    expect(outcome('Triamcinolone BID for 6 weeks helped, now clear.')).toBe('improved');
  });

  it('reads a drug seen in an ad, preferred or asked of the payer as not taken', () => {
    const taken = (text: string) =>
      facts(text).filter((f) => f.kind === 'therapy' && f.modality === 'biologic' && f.assertion === 'affirmed');
    expect(taken('Saw an ad for Dupixent and a friend uses it.')).toEqual([]);
    expect(taken('She strongly prefers dupilumab so that she can be done with creams.')).toEqual([]);
    expect(taken('I will submit a prior authorization request for dupilumab 300 mg q2w.')).toEqual([]);
  });

  it('reads a drug as tolerated when the next sentence says so, or the words of tolerance come before it', () => {
    const tolerated = (text: string) =>
      facts(text).find((f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'methotrexate')?.tolerated;
    expect(tolerated('Methotrexate self-discontinued after ~7 weeks. No adverse effects; labs normal.')).toBe(true);
    expect(tolerated('He had no side effects from methotrexate and his liver tests were normal.')).toBe(true);
    expect(tolerated('Methotrexate stopped after 6 weeks. Adalimumab started; no side effects.')).toBeUndefined();
  });

  it('reads a therapy declined or feared as not taken, "none helpful" as a failure, and a steroid cream by its form', () => {
    const read = (text: string) =>
      facts(text)
        .filter((f): f is TherapyFact => f.kind === 'therapy')
        .map((f) => [f.modality, f.assertion, f.outcome]);
    expect(
      read('She declines phototherapy (cannot fit visits into her schedule) and does not want methotrexate.'),
    ).toEqual([
      ['phototherapy', 'negated', undefined],
      ['methotrexate', 'negated', undefined],
    ]);
    expect(read('She is apprehensive about methotrexate.')).toEqual([['methotrexate', 'hypothetical', undefined]]);
    expect(read('Reports many prior steroid creams, none helpful.')).toEqual([
      ['topical_corticosteroid', 'affirmed', 'failed'],
    ]);
  });

  it('reads tacrolimus paired with pimecrolimus as the topical, and bare tacrolimus alone as not', () => {
    const agents = (text: string) =>
      facts(text).flatMap((f) =>
        f.kind === 'therapy' && f.modality === 'topical_calcineurin_inhibitor' ? [f.agent] : [],
      );
    expect(agents('He has never used a prescription topical - no tacrolimus/pimecrolimus.')).toEqual([
      'tacrolimus',
      'pimecrolimus',
    ]);
    expect(agents('Kidney transplant 2019 on tacrolimus and mycophenolate.')).toEqual([]);
  });

  it("reads a relative's drug, a list declined, options reviewed and a '- not tried' answer as no course", () => {
    const taken = (text: string) =>
      facts(text)
        .filter((f) => f.kind === 'therapy' && f.assertion === 'affirmed')
        .map((f) => f.kind === 'therapy' && f.modality);
    expect(taken("Stelara is her mother's medication (family history only).")).toEqual([]);
    expect(taken('Mom has severe psoriasis over most of her body + PsA, on Humira.')).toEqual([]);
    const outcomes = (text: string) =>
      facts(text).flatMap((f) => (f.kind === 'therapy' && f.agent === 'methotrexate' ? [f.outcome ?? 'none'] : []));
    expect(outcomes('MTX: took 6 doses (1/6 - 2/10), labs fine, no nausea or side effects.')).not.toContain(
      'intolerance',
    );
    expect(outcomes('ROS:\nGI: Positive for nausea (day after MTX).\nSkin: rash.')).not.toContain('intolerance');
    expect(outcomes('Stopped MTX due to nausea and fatigue.')).toContain('intolerance');
    const tac = facts('Says she used the TAC "when I remembered, maybe every few days" while traveling.').filter(
      (f) => f.kind === 'therapy' && f.agent === 'triamcinolone',
    );
    expect(tac[0]).toMatchObject({ poorAdherence: true });
    const results = facts(
      'Atopic dermatitis, failed triamcinolone 0.1% oint 2/2-3/16/26, intolerant of pimecrolimus 1% (TCI) 3/16-3/21/26.',
    ).flatMap((f) => (f.kind === 'therapy' ? [[f.agent, f.outcome]] : []));
    expect(results).toEqual([
      ['triamcinolone', 'failed'],
      ['pimecrolimus', 'intolerance'],
    ]);
    const mometasone = (text: string) =>
      facts(text).filter((f) => f.kind === 'therapy' && f.agent === 'mometasone' && f.assertion === 'affirmed');
    expect(mometasone('Continue emollients, mometasone when available.')).toEqual([]);
    expect(mometasone('Reports she used the mometasone "most days" at first, then the tube ran out.')[0]).toMatchObject(
      { poorAdherence: true },
    );
    expect(
      facts('Rinvoq will not be started.').filter((f) => f.kind === 'therapy' && f.assertion === 'affirmed'),
    ).toEqual([]);
    const denied = facts('Biologic-naive; has never had phototherapy or any oral/injectable systemic agent.')
      .filter((f) => f.kind === 'therapy' && f.assertion === 'negated')
      .map((f) => f.kind === 'therapy' && f.modality);
    expect(denied).toEqual(expect.arrayContaining(['phototherapy', 'methotrexate', 'jak_inhibitor', 'apremilast']));
    expect(taken('Declined NB-UVB and MTX.')).toEqual([]);
    expect(taken('Discussion: We reviewed methotrexate, apremilast and biologics.')).toEqual([]);
    expect(taken('Methotrexate - not tried (pt preference, see derm letter 3/12/26).')).toEqual([]);
    expect(taken('We reviewed her MRI; methotrexate 15 mg weekly since March.')).toEqual(['methotrexate']);
    expect(taken('I reviewed the outside dermatology note: methotrexate 15 mg weekly since March.')).toEqual([
      'methotrexate',
    ]);
  });

  it('reads a trial a plan sets out, a drug the patient is naive to, or one she declines or is advised as not taken', () => {
    const taken = (text: string) =>
      facts(text)
        .filter((f) => f.kind === 'therapy' && f.assertion === 'affirmed')
        .map((f) => f.kind === 'therapy' && (f.agent ?? f.modality));
    expect(taken('Recommendations: 6-week trial of tacrolimus 0.1% ointment to face, neck and folds.')).toEqual([]);
    expect(taken('Moderate atopic dermatitis; TCI-naive; biologic-naive.')).toEqual([]);
    expect(taken('She understands and continues to decline a TCI at this time.')).toEqual([]);
    expect(taken('Reviewed derm recs - TCI trial recommended first.')).toEqual([]);
    expect(
      taken('Assessment: brief trial of triamcinolone 0.1% ointment (about 10 days) discontinued by mother.'),
    ).toEqual(['triamcinolone']);
  });

  it('reads a list that denies apremilast and any biologic as the whole targeted class denied', () => {
    expect(deniedClasses('No prior methotrexate, cyclosporine, acitretin, apremilast or any biologic.')).toContain(
      'jak_inhibitor',
    );
    expect(deniedClasses('No prior biologic.')).not.toContain('jak_inhibitor');
  });

  it('reads what waits on an event, a wish for the next step, a childhood picture and a benefit that wears off', () => {
    const dupilumab = facts('Taper fluocinonide to 2-3x/week once dupilumab effect seen.').filter(
      (f) => f.kind === 'therapy' && f.agent === 'dupilumab',
    );
    expect(dupilumab.map((f) => f.assertion)).toEqual(['hypothetical']);
    expect(
      facts('I would also like her to restart the Protopic to the face.').filter(
        (f) => f.kind === 'therapy' && f.assertion === 'affirmed',
      ),
    ).toEqual([]);
    const sites = conditions('Flexural eczema as a young child (elbows/knees), mostly quiet since age ~10.').filter(
      (c) => c.assertion === 'affirmed',
    );
    expect(sites).toEqual([]);
    const outcome = facts('Triamcinolone BID daily - it helps for a few days and then it comes right back.').find(
      (f): f is TherapyFact => f.kind === 'therapy',
    )?.outcome;
    expect(outcome).toBe('failed');
    expect(facts('Fluocinonide once daily for 8 weeks, failed.').find((f) => f.kind === 'therapy')?.assertion).toBe(
      'affirmed',
    );
  });

  it("reads a figure set 'for comparison' beside another person's name as that person's", () => {
    const bsa = (text: string) =>
      facts(text)
        .filter((f) => f.kind === 'measurement' && f.assertion === 'affirmed')
        .map((f) => f.kind === 'measurement' && f.value);
    expect(bsa('For comparison, Arthur today: BSA ~15% with scalp involvement (documented in his chart).')).toEqual([]);
    expect(bsa('BSA 6% today. For comparison, BSA 12% at baseline.')).toContain(6);
  });

  it('reads a drug barred before it was taken as contraindicated, and a bar told second-hand with its test pending as open', () => {
    const outcome = (text: string) =>
      facts(text).find((f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'methotrexate')?.outcome;
    expect(outcome('Methotrexate is contraindicated in this setting (bridging fibrosis, daily alcohol).')).toBe(
      'contraindicated',
    );
    expect(
      outcome(
        'MTX contraindicated d/t elevated LFTs (per PCP) - will go straight to biologic. Hepatic function panel ordered today.',
      ),
    ).toBeUndefined();
    // A bar that waits on a result is not one yet.
    expect(outcome('If LFTs abnormal or alcohol use confirmed heavy, MTX would be contraindicated.')).toBeUndefined();
    expect(outcome('MTX would be contraindicated if the AUDIT-C is high.')).toBeUndefined();
    expect(outcome('MTX would be contraindicated given daily alcohol use.')).toBe('contraindicated');
    // What is missing is the course's details, not the drug.
    expect(outcome('Prior methotrexate trial per patient history, details unavailable.')).toBeUndefined();
  });

  it('reads a drug prescribed for the authorization request as planned, and a review of side effects as no intolerance', () => {
    const dupilumab = (text: string) =>
      facts(text).find((f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'dupilumab')?.assertion;
    expect(
      dupilumab(
        'I have prescribed dupilumab 600 mg load then 300 mg q2w and will submit for authorization to the plan.',
      ),
    ).toBe('hypothetical');
    expect(dupilumab('Continues dupilumab 300 mg q2w since 2025; will submit for authorization renewal.')).toBe(
      'affirmed',
    );
    const mtx = facts('Regarding methotrexate, I reviewed the expected benefit, monitoring, and side effects.').find(
      (f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'methotrexate',
    );
    expect(mtx?.outcome).not.toBe('intolerance');
  });

  it("reads a drug the list carried in error as never the patient's", () => {
    const adalimumab = facts(
      "Tazarotene 0.1% cream qod. [Adalimumab on med list was mother's medication entered in error during intake - removed.]",
    ).find((f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'adalimumab');
    expect(adalimumab?.assertion).not.toBe('affirmed');
  });

  it('reads what a drug may take, as the patient was advised, as no course of it', () => {
    const elidel = facts(
      "Advised per Dr Whitcomb's plan that Elidel can take 6-8 weeks for full effect, encouraged to restart.",
    ).find((f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'pimecrolimus');
    expect(elidel?.assertion).not.toBe('affirmed');
  });

  it('reads "too early to call a failure" as no result yet', () => {
    const tcs = facts('Only 2 weeks into triamcinolone 0.1% cream - too early to call a failure.').find(
      (f): f is TherapyFact => f.kind === 'therapy' && f.agent === 'triamcinolone',
    );
    expect(tcs?.outcome).not.toBe('failed');
  });

  it('a drug switched to takes no result from the words before it', () => {
    const outcome = (text: string, agent: string) =>
      facts(text).find((f): f is TherapyFact => f.kind === 'therapy' && f.agent === agent)?.outcome;
    expect(
      outcome('Derm note 7/14/26: "inadequate response, plan switch to dupilumab after relocation".', 'dupilumab'),
    ).toBeUndefined();
    expect(outcome('Inadequate response to tralokinumab, switched to dupilumab.', 'tralokinumab')).toBe('failed');
    expect(outcome('Switched to dupilumab in May without improvement.', 'dupilumab')).toBe('failed');
  });

  it('reads topical JAK and PDE4 inhibitors, a bracketed drug naming its class, and "never started" in brackets', () => {
    const therapies = (text: string) =>
      facts(text).flatMap((f) =>
        f.kind === 'therapy'
          ? [
              {
                modality: f.modality,
                agent: f.agent,
                assertion: f.assertion,
                outcome: f.outcome,
                weeks: f.durationWeeks,
              },
            ]
          : [],
      );
    expect(therapies('Sent Rx for ruxolitinib 1.5% cream to dorsal hands.')).toMatchObject([
      { modality: 'topical_jak_inhibitor', agent: 'ruxolitinib', assertion: 'affirmed' },
    ]);
    expect(therapies('Ruxolitinib cream: never prescribed. Zoryve: never filled.')).toMatchObject([
      { agent: 'ruxolitinib', assertion: 'negated' },
      { modality: 'topical_pde4_inhibitor', agent: 'roflumilast', assertion: 'negated' },
    ]);
    expect(
      therapies("Will not be combined with a JAK inhibitor; ruxolitinib cream d/c'd (never started)."),
    ).toMatchObject([{ agent: 'ruxolitinib', assertion: 'negated' }]);
    expect(
      therapies('Severe AD failing medium potency TCS (triamcinolone 0.1% oint 7/21/25-1/12/26, ~25 wks).'),
    ).toMatchObject([{ agent: 'triamcinolone', outcome: 'failed', weeks: 25 }]);
  });

  it('reads a partial help that never clears as a failure, and no side effects listed with a slash as none', () => {
    const outcome = (text: string) => facts(text).find((f) => f.kind === 'therapy')?.outcome;
    expect(outcome('Mometasone 0.1% ointment nightly, helps some but plaques on arms never clear.')).toBe('failed');
    expect(outcome('AD partially controlled on mid-potency TCS x 8 wks.')).toBe('failed');
    expect(
      outcome(
        'Pimecrolimus stopped after 2.5 weeks, not working fast enough - no burning/irritation or other adverse effect.',
      ),
    ).toBe('failed');
  });

  it('takes the length stated before a class with its dosing and potency words', () => {
    const [fact] = facts('AD mod-severe, inadequately controlled despite 6 wk daily medium-potency TCS.').filter(
      (f) => f.kind === 'therapy',
    );
    expect(fact).toMatchObject({ modality: 'topical_corticosteroid', durationWeeks: 6, outcome: 'failed' });
  });

  it('reads the grading words before a declined class as part of what is declined', () => {
    const assertions = (text: string) => facts(text).flatMap((f) => (f.kind === 'therapy' ? [f.assertion] : []));
    expect(assertions('Pt declines medium/high potency TCS and TCI.')).toEqual(['negated', 'negated']);
    expect(assertions('Declined stronger topical steroids.')).toEqual(['negated']);
  });

  it('reads a medication list mark and a discussion as no course taken', () => {
    const assertions = (text: string) => facts(text).flatMap((f) => (f.kind === 'therapy' ? [f.assertion] : []));
    expect(assertions('Meds: desonide 0.05% oint, triamcinolone 0.1% oint [not taking], cetirizine.')).toEqual([
      'affirmed',
      'negated',
    ]);
    expect(assertions('Long discussion re TCS safety; potency classes; FTU dosing.')).toEqual(['hypothetical']);
  });

  it('marks a course told with no date or length of its own', () => {
    const undated = (text: string) => facts(text).flatMap((f) => (f.kind === 'therapy' ? [f.undated ?? false] : []));
    expect(undated('Failed TCS (clobetasol) and TCI (tacrolimus) per outside records.')).toEqual([true, true]);
    expect(undated('Clobetasol 0.05% ointment 3/2024-6/2024, failed.')).toEqual([false]);
    expect(undated('Currently on clobetasol ointment, failing.')).toEqual([false]);
  });

  it('ends a course at a fill months old, and does not read "not used it since" as never used', () => {
    const [relaxant] = facts(
      'Medications:\ncyclobenzaprine 10 mg tab at bedtime as needed (last filled 05/2024)',
    ).filter((f) => f.kind === 'therapy');
    expect(relaxant).toMatchObject({ end: '2024-05-01' });
    expect(relaxant?.kind === 'therapy' ? relaxant.outcome : 'x').toBeUndefined();
    const [rux] = facts('Opzelura samples ran out 07/30 and he has not used it since.').filter(
      (f) => f.kind === 'therapy',
    );
    expect(rux?.kind === 'therapy' ? rux.neverTaken : 'x').toBeUndefined();
  });

  it('marks a denial bounded to a recent stretch, which says nothing of before', () => {
    const since = (text: string) =>
      facts(text).flatMap((f) => (f.kind === 'therapy' ? [f.deniedOnlySince ?? false] : []));
    expect(since('Pt has NOT used tacrolimus, pimecrolimus or crisaborole since establishing here.')).toEqual([
      true,
      true,
      true,
    ]);
    expect(since('No tacrolimus ointment in the past year.')).toEqual([true]);
    expect(since('Never tried tacrolimus ointment.')).toEqual([false]);
  });

  it('dates a drug listed after a class label by the range after it, and reads "never clear" as a failure', () => {
    const [tcs] = facts(
      'Prior topicals (from our records): triamcinolone 0.1% oint 03/03/25-05/16/25 (inadequate), crisaborole 2% oint.',
    ).filter((f) => f.kind === 'therapy');
    expect(tcs).toMatchObject({ agent: 'triamcinolone', start: '2025-03-03', end: '2025-05-16', outcome: 'failed' });
    const [flares] = facts(
      'Triamcinolone 0.1% ointment BID 03/03/2025 - 05/16/2025: flares on taper, never clear.',
    ).filter((f) => f.kind === 'therapy');
    expect(flares).toMatchObject({ outcome: 'failed' });
  });

  it('reads a stop dated by its last dose, and a drug discontinued in a plan as ended, not started', () => {
    const ada = (text: string) =>
      facts(text).flatMap((f) =>
        f.kind === 'therapy' && f.agent === 'adalimumab' ? [{ assertion: f.assertion, endedBy: f.endedBy }] : [],
      );
    expect(ada('Pt and I agreed at her call on 2/25 to stop adalimumab - last injection 02/23/2026.')).toEqual([
      { assertion: 'affirmed', endedBy: '2026-02-23' },
    ]);
    expect(ada('A/P:\n - Adalimumab DISCONTINUED (last dose 2/23/26) - do not restart.')).toEqual([
      { assertion: 'affirmed', endedBy: '2026-02-23' },
    ]);
  });

  it('marks a course the plan paid for', () => {
    const paid = (text: string) => facts(text).flatMap((f) => (f.kind === 'therapy' ? [f.paidByPlan ?? false] : []));
    expect(paid('Stelara: first 2 doses were samples; maintenance q12wk billed to Aetna since 08/05/2024.')).toEqual([
      true,
    ]);
    expect(paid('Adalimumab 40 mg q2wk through UHC/Optum Specialty since 2/17/2025.')).toEqual([true]);
    expect(paid('Stelara 45 mg sample administered today.')).toEqual([false]);
  });

  it('does not date the value after an arrow by the baseline date before it', () => {
    const bsa = facts(
      'Psoriasis well controlled on ustekinumab (baseline BSA 14%/PGA 4 in 03/2024 -> BSA 1%/PGA 1).',
    ).flatMap((f) => (f.kind === 'measurement' && f.name === 'bsa_percent' ? [[f.value, f.date]] : []));
    expect(bsa).toEqual([
      [14, '2024-03-01'],
      [1, '2026-03-02'],
    ]);
  });

  it('reads a stop told in the past as a stop, whatever "after" follows it', () => {
    const [mtx] = facts('She stopped MTX herself after her 09/15/2025 dose - "it wasn\'t working fast enough".').filter(
      (f) => f.kind === 'therapy',
    );
    expect(mtx).toMatchObject({ endedBy: '2025-09-15' });
    const [planned] = facts('Stop Otezla once Stelara is approved.').filter((f) => f.kind === 'therapy');
    expect(planned).not.toHaveProperty('endedBy');
  });
});

describe('courses a note tells', () => {
  const courses = (text: string) =>
    facts(text).flatMap((f) =>
      f.kind === 'therapy' ? [[f.agent ?? f.modality, f.assertion, f.durationWeeks, f.stoppedByChoice === true]] : [],
    );

  it('reads a plan that prescribes a length as planned, and a course restarted as not yet taken', () => {
    expect(courses('Plan: mometasone 0.1% cream daily to body x up to 4 weeks, 45 g + 1 refill.')).toEqual([
      ['mometasone', 'hypothetical', 4, false],
    ]);
    expect(courses('A/P: flexural eczema - triamcinolone 0.1% cream BID up to 4 wks, moisturize.')).toEqual([
      ['triamcinolone', 'hypothetical', 4, false],
    ]);
    expect(courses('Plan: meanwhile restart mometasone 0.1% ointment daily; refill sent.')).toEqual([
      ['mometasone', 'hypothetical', undefined, false],
    ]);
  });

  it('reads a length before a class in brackets, and a refill let lapse as a stop by choice', () => {
    expect(courses('Only a brief (~10 day) TCS course.')).toEqual([['topical_corticosteroid', 'affirmed', 1.4, false]]);
    expect(
      courses('Mometasone 0.1% cream: used it about 10 days, then ran out and never picked up the refill.')[0]?.[3],
    ).toBe(true);
  });
});

describe('topical and systemic courses told the way notes tell them', () => {
  const courses = (text: string): TherapyFact[] => facts(text).filter((f): f is TherapyFact => f.kind === 'therapy');

  it('reads "TAC" before a strength or a vehicle as triamcinolone, and nowhere else', () => {
    expect(courses('Excellent response to 6 wk TAC 0.1% oint.')[0]).toMatchObject({
      modality: 'topical_corticosteroid',
      agent: 'triamcinolone',
      outcome: 'improved',
    });
    expect(courses('TAC reviewed with the patient.')).toEqual([]);
  });

  it('reads "never got more than partly better" as a failure', () => {
    expect(
      courses('Used triamcinolone 0.1% oint BID 3/17 through June; never got more than partly better.')[0],
    ).toMatchObject({ outcome: 'failed' });
  });

  it('reads a drug the clause says was not prescribed or started as not given', () => {
    expect(courses('Discussed upadacitinib; pt declined. Rinvoq NOT prescribed.').at(-1)).toMatchObject({
      agent: 'upadacitinib',
      assertion: 'negated',
    });
    expect(courses('Apremilast not started due to GI concerns.')[0]).toMatchObject({ assertion: 'negated' });
  });

  it('takes "not a formal contraindication" in the sentences after a drug as the prescriber clearing it', () => {
    const [mtx] = courses(
      'Hx fatty liver; LFTs normal. Would favor avoiding MTX if possible. Consider FibroScan. Not a formal contraindication at this time.',
    );
    expect(mtx).toMatchObject({ agent: 'methotrexate', notContraindicated: true });
  });

  it('reads a drug that a records request is about as awaiting its records, with no outcome', () => {
    expect(
      courses('Records request sent to his prior dermatologist for MTX dosing/dates, labs and response.')[0],
    ).toMatchObject({ agent: 'methotrexate', recordsPending: true });
    expect(courses('Records request sent for MTX dosing/dates, labs and response.')[0]).not.toHaveProperty('outcome');
  });

  it('takes imperfect use told in the sentences after a course as its adherence, not a later "no missed days"', () => {
    const told = courses(
      'Started TAC 0.1% oint at last visit. Pt says it helps a little but it comes right back. She has been using it "pretty much every day, except when I forget".',
    );
    expect(told[0]).toMatchObject({ agent: 'triamcinolone', poorAdherence: true });
    const kept = courses(
      'On 8/4 I started triamcinolone 0.1% ointment twice daily. Mom kept a log: every day, six weeks with no missed days.',
    );
    expect(kept[0]).not.toHaveProperty('poorAdherence');
  });
});

describe('courses told in passing', () => {
  const noteOn = (date: string, text: string) =>
    extractNoteFacts({ reference: 'DocumentReference/n1', date, contentType: 'text/plain', text });
  const therapies = (date: string, text: string) => noteOn(date, text).filter((f) => f.kind === 'therapy');

  it('reads "a non-steroid cream" as no steroid, and "cannot say … whether it helped" as no outcome', () => {
    const told = therapies(
      '2026-05-21',
      'He recalls "a non-steroid cream" last year, which appears to have been pimecrolimus 1% cream; he cannot say how long he used it or whether it helped.',
    );
    expect(told.map((f) => f.kind === 'therapy' && f.modality)).toEqual(['topical_calcineurin_inhibitor']);
    expect(told.map((f) => f.kind === 'therapy' && f.outcome)).toEqual([undefined]);
  });

  it('reads "a few times a week" and "travelling and did not bring it" as poor use', () => {
    const adherence = (text: string) =>
      therapies('2026-03-10', text).map((f) => f.kind === 'therapy' && f.poorAdherence === true);
    expect(adherence('Triamcinolone 0.1% cream: uses it maybe a few times a week.')).toEqual([true]);
    expect(adherence('Triamcinolone 0.1% oint: she used it "most days" for a few weeks, then ran out.')).toEqual([
      true,
    ]);
    expect(
      adherence('Has failed topical steroids. He was travelling for work for 2 weeks in Feb and did not bring it.'),
    ).toEqual([true]);
    expect(adherence('Triamcinolone 0.1% cream BID daily for 6 weeks without response.')).toEqual([false]);
  });

  it('reads a listed drug the line says was discontinued as not taken ("Rinvoq - DISCONTINUED 01/14/2026")', () => {
    const [jak] = therapies('2026-03-09', 'Medications:\nRinvoq - DISCONTINUED 01/14/2026 (do not refill).');
    expect(jak).toMatchObject({ agent: 'upadacitinib', endedBy: '2026-01-14' });
    expect(jak).not.toHaveProperty('outcome', 'ongoing');
  });

  it('reads a list’s aside "no longer taking since July 2025" and "d/c 7/2025" as a stop', () => {
    const [listed] = therapies(
      '2026-01-27',
      'Current Medications:\n - Cibinqo 100 mg PO daily  ** pt states no longer taking since July 2025 **\n - sertraline 50 mg daily',
    );
    expect(listed).toMatchObject({ agent: 'abrocitinib', end: '2025-07-01' });
    expect(listed).not.toHaveProperty('outcome', 'ongoing');
    const [prior] = therapies('2026-01-27', 'Prior systemic JAK (abrocitinib) d/c 7/2025 - not to be restarted.');
    expect(prior).toMatchObject({ agent: 'abrocitinib', end: '2025-07-01' });
    expect(prior).not.toHaveProperty('outcome', 'ongoing');
  });

  it('reads "BSA <1%" at its bound', () => {
    const bsa = noteOn('2026-04-08', 'Exam today: 1 thin plaque L shin. BSA <1%. PGA 1.').flatMap((f) =>
      f.kind === 'measurement' && f.name === 'bsa_percent' ? [f.value] : [],
    );
    expect(bsa).toEqual([1]);
  });

  it('leaves "apremilast, prior MTX (stopped - transaminitis)" with apremilast not stopped', () => {
    const told = therapies(
      '2026-09-09',
      'Psoriasis vulgaris, partial response to apremilast, prior MTX (stopped - transaminitis).',
    );
    expect(told.map((f) => f.kind === 'therapy' && [f.agent, f.endedBy])).toEqual([
      ['apremilast', undefined],
      ['methotrexate', '2026-09-09'],
    ]);
  });

  it('reads "(3 weeks on pimecrolimus) … tolerating it without burning, stinging or irritation"', () => {
    const [course] = therapies(
      '2026-03-23',
      'Today (3 weeks on pimecrolimus) she is tolerating it without burning, stinging or irritation.',
    );
    expect(course).toMatchObject({ agent: 'pimecrolimus', durationWeeks: 3, tolerated: true });
  });

  it('reads "Explained TCI takes several weeks to work, stinging usually improves" as no course', () => {
    const [tci] = therapies(
      '2026-04-20',
      'Explained TCI takes several weeks to work, stinging usually improves after first wk.',
    );
    expect(tci?.assertion).toBe('hypothetical');
  });
});
