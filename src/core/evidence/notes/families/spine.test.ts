// The spine family's examination findings: what a clinician observed, not what the patient says.
import { describe, expect, it } from 'vitest';
import type { NeuroFindingFact } from '../../fact.ts';
import { extractNoteFacts } from '../index.ts';

const read = (text: string, date = '2026-03-02') =>
  extractNoteFacts({ reference: 'DocumentReference/n1', date, contentType: 'text/plain', text });
const findings = (text: string): NeuroFindingFact[] =>
  read(text).filter((f): f is NeuroFindingFact => f.kind === 'neuro_finding');

describe('spine examination findings', () => {
  it("does not take the patient's own words for a weakness or sensory finding", () => {
    expect(findings('She says the leg "feels weak at times" and the calf feels "numb-ish."')).toEqual([]);
    expect(findings('Patient reports numbness in the right foot.')).toEqual([]);
  });

  it('keeps a finding observed on examination, also when the sentence begins with a report', () => {
    expect(findings('Exam:\nDecreased sensation to light touch over the L5 dermatome.')[0]).toMatchObject({
      finding: 'sensory_loss',
      assertion: 'affirmed',
    });
    expect(findings('She reports weakness; on exam EHL weakness on the left.')[0]).toMatchObject({
      finding: 'motor_weakness',
      assertion: 'affirmed',
    });
  });

  it('reads a return precaution after its own semicolon, and candidacy under a condition, as hypothetical', () => {
    const facts = read(
      'RTC 6-8 wk; sooner for weakness, bowel/bladder changes.\nConsider MRI if not improving after 6 weeks or if candidate for ESI.',
      '2026-03-09',
    );
    expect(facts.filter((f) => f.kind === 'red_flag').map((f) => f.assertion)).toEqual(['hypothetical']);
    expect(
      facts.filter((f) => f.kind === 'evaluation' && f.type === 'injection_candidate').map((f) => f.assertion),
    ).toEqual(['hypothetical']);
    // The consequent of "if MRI shows …" waits for the scan, whatever modal opens it.
    const conditional = [
      ...read('- if MRI shows HNP w/ root compression could consider ESI referral', '2026-07-27'),
      ...read('- no imaging now - no red flags; if not improving at 6 wks -> MRI and consider ESI', '2026-08-03'),
    ];
    expect(
      conditional.filter((f) => f.kind === 'evaluation' && f.type === 'injection_candidate').map((f) => f.assertion),
    ).toEqual(['hypothetical', 'hypothetical']);
  });

  it('dates the course of an earlier episode as history, not as the current trend', () => {
    const facts = read('Had a similar but milder episode of back pain in 2021 that resolved with PT.', '2025-04-15');
    expect(facts.filter((f) => f.kind === 'symptom_course').map((f) => f.assertion)).toEqual(['historical']);
  });

  it('reads a next assessment a plan sets, and ESI to be discussed after the MRI, as not done yet', () => {
    const evaluations = (text: string) =>
      read(text, '2026-03-30').flatMap((f) => (f.kind === 'evaluation' ? [[f.type, f.assertion]] : []));
    expect(evaluations('Plan: continue HEP, core progression. Re-assess at visit 8.')).toEqual([
      ['re_evaluation', 'hypothetical'],
    ]);
    expect(evaluations('He will schedule an office visit once MRI results are back to review & discuss ESI.')).toEqual([
      ['injection_candidate', 'hypothetical'],
    ]);
  });

  it('reads a cancer concern that relates to family history, and an entry the clinician corrects, as no red flag', () => {
    const flags = (text: string) =>
      read(text, '2026-08-29').flatMap((f) => (f.kind === 'red_flag' && f.assertion === 'affirmed' ? [f.flag] : []));
    expect(flags('Cancer concern relates to family history; pt has no personal history of malignancy.')).toEqual([]);
    expect(flags('The problem list says long term steroid use, that is not correct.')).toEqual([]);
  });

  it('reads a scheduling template’s label as no statement of the course', () => {
    const facts = read(
      'Here for follow-up L lumbar radiculopathy ("persistent radiculopathy - f/u" per scheduling template).',
      '2026-09-22',
    );
    expect(facts.filter((f) => f.kind === 'symptom_course').map((f) => f.assertion)).toEqual(['historical']);
  });

  it('dates a resolution told beside a recurrence as the earlier episode’s', () => {
    const facts = read(
      '74 y.o. male with hx of L lumbar radiculopathy (4/2025, resolved w/ PT) here for recurrent L leg pain.',
      '2026-01-12',
    );
    expect(facts.filter((f) => f.kind === 'symptom_course').map((f) => f.assertion)).toEqual(['historical']);
  });

  it('reads an injection the patient has not taken up ("wants to think about it") as no candidacy yet', () => {
    const candidacy = (text: string) =>
      read(text, '2026-07-10')
        .filter((f) => f.kind === 'evaluation' && f.type === 'injection_candidate')
        .map((f) => f.assertion);
    expect(candidacy('Discussed ESI as an option; pt wants to think about it.')).toEqual(['hypothetical']);
    expect(candidacy('Good candidate for L5 TFESI; patient agrees.')).toEqual(['affirmed']);
  });

  it('reads a return visit asked for ("RETURN IN 6 WEEKS for re-evaluation") as no re-evaluation yet', () => {
    const evaluations = read(
      'L5 radiculopathy. RETURN IN 6 WEEKS for re-evaluation, sooner if worse.',
      '2026-02-09',
    ).filter((f) => f.kind === 'evaluation' && f.type === 're_evaluation');
    expect(evaluations.map((f) => f.assertion)).toEqual(['hypothetical']);
  });

  it('does not read a denied worsening ("no new or progressive deficit") as a progressive course', () => {
    const trends = (text: string) =>
      read(text, '2026-06-22').flatMap((f) => (f.kind === 'symptom_course' && f.trend ? [f.trend] : []));
    expect(trends('A: L S1 radiculopathy, resolving; no new or progressive deficit.')).toEqual(['improving']);
    expect(trends('Back pain worsening despite PT.')).toEqual(['progressive']);
    expect(trends('No meaningful improvement: leg pain 7/10 today.')).toEqual(['persistent']);
  });

  it('reads what makes the pain worse or better ("worse sitting", "better walking") as no course, and "symptoms persist" as one', () => {
    const trends = (text: string) =>
      read(text, '2026-06-02').flatMap((f) => (f.kind === 'symptom_course' && f.trend ? [f.trend] : []));
    expect(trends('Pain 8/10, worse sitting.')).toEqual([]);
    expect(trends('Pain 6/10 at worst, worse with prolonged sitting, better walking.')).toEqual([]);
    expect(trends('Leg pain getting worse over 3 weeks.')).toEqual(['progressive']);
    expect(trends('Leg pain about the same, maybe a little better at night.')).toEqual(['unchanged']);
    expect(trends('Radicular symptoms to dorsum of R foot persist; centralization not achieved.')).toEqual([
      'persistent',
    ]);
  });

  it('reads degenerative disease and spondylolisthesis a radiograph names or denies', () => {
    const conditions = read(
      'XR L-spine: normal alignment, no spondylolisthesis, no degenerative change. Prior MRI: mild DDD L4-5 with facet arthropathy.',
      '2026-06-02',
    ).flatMap((f) => (f.kind === 'condition' ? [[f.icd10?.[0], f.assertion]] : []));
    expect(conditions).toEqual(
      expect.arrayContaining([
        ['M43.1', 'negated'],
        ['M51.36', 'negated'],
        ['M51.36', 'historical'],
        ['M47.8', 'historical'],
      ]),
    );
  });

  it('reads "radiculopathy -- markedly improved after TFESI" as the course, and a past year\'s episode as history', () => {
    const courses = (text: string) =>
      read(text, '2026-06-30').flatMap((f) => (f.kind === 'symptom_course' ? [[f.trend, f.assertion]] : []));
    expect(
      courses('1. L L5 radiculopathy from L4-5 HNP -- markedly improved after TFESI, neuro deficit resolved.'),
    ).toEqual([['improving', 'affirmed']]);
    expect(courses('Outside records: 2025 episode of R L5 radiculopathy improved with PT.')).toEqual([
      ['improving', 'historical'],
    ]);
  });

  it('reads a referral talked over between two routes, or waiting on the patient, as no candidacy yet', () => {
    const candidacy = (text: string) =>
      read(text, '2026-06-02').flatMap((f) =>
        f.kind === 'evaluation' && f.type !== 'in_person_visit' ? [[f.type, f.assertion]] : [],
      );
    expect(
      candidacy('Talked about referral to spine surgeon vs pain management for possible epidural injection.'),
    ).toEqual([['surgical_candidate', 'hypothetical']]);
    expect(candidacy('Will revisit surgical referral once pt decides.')).toEqual([
      ['surgical_candidate', 'hypothetical'],
    ]);
    expect(candidacy('Referral to spine surgery placed.')).toEqual([['surgical_candidate', 'affirmed']]);
  });

  it('reads what a caller is asked ("asked if any new weakness/bowel/bladder") as no finding', () => {
    const flags = read('Asked if any new weakness/bowel/bladder: pt says "no I don\'t think so".', '2026-06-19');
    expect(flags.filter((f) => f.assertion === 'affirmed')).toEqual([]);
    const asked = read(
      'When I asked directly whether he was told he had cancer he said "I don\'t think so".',
      '2026-09-17',
    );
    expect(asked.filter((f) => f.assertion === 'affirmed')).toEqual([]);
  });

  it('reads "Cauda equina precautions." as a return precaution, not a suspected syndrome', () => {
    const flags = read('Discussed MRI if deficit progresses. Cauda equina precautions.', '2026-06-02').filter(
      (f) => f.kind === 'red_flag',
    );
    expect(flags.map((f) => f.assertion)).toEqual(['hypothetical']);
  });

  it('reads "the leg pain has really settled down" as an improving course', () => {
    const facts = read('The leg pain has really settled down, now only an occasional twinge.', '2026-07-07');
    expect(facts.filter((f) => f.kind === 'symptom_course').map((f) => f.kind === 'symptom_course' && f.trend)).toEqual(
      ['improving'],
    );
  });

  it('reads "not improving" as a course that persists, and "one episode around 2019" as history', () => {
    const courses = (text: string) =>
      read(text, '2026-04-28')
        .filter((f) => f.kind === 'symptom_course')
        .map((f) => (f.kind === 'symptom_course' ? [f.trend, f.assertion] : []));
    expect(courses('L lumbago with sciatica, not improving after 6 weeks of meds and PT.')).toEqual([
      ['persistent', 'affirmed'],
    ]);
    expect(courses('Had one episode of LBP around 2019 which resolved with a few chiropractic visits.')).toEqual([
      ['resolved', 'historical'],
    ]);
  });

  it("reads an improvement said of the symptoms over a 'no change' said of the status, and a referral letter's word as history", () => {
    const courses = (text: string) =>
      read(text, '2026-03-20')
        .filter((f) => f.kind === 'symptom_course')
        .map((f) => (f.kind === 'symptom_course' ? [f.trend, f.assertion] : []));
    expect(
      courses(
        'Opinion:\n1. His symptoms have improved substantially with therapy, and there has been no change in his clinical status since the November MRI other than improvement.',
      ),
    ).toEqual([['improving', 'affirmed']]);
    expect(courses('Assessment: back pain unchanged since the MRI.')).toEqual([['unchanged', 'affirmed']]);
    expect(
      courses('Your letter describes back pain since October 2025 and "persistent back pain despite PT."'),
    ).toEqual([['persistent', 'historical']]);
  });

  it('does not take a worry voiced and answered ("reassurance regarding her concern about cancer") as a cancer history', () => {
    const cancer = (text: string) =>
      read(text).flatMap((f) => (f.kind === 'red_flag' && f.flag === 'cancer_history' ? [f.assertion] : []));
    expect(cancer('5. Reassurance regarding her concern about cancer is appropriate.')).toEqual(['hypothetical']);
    expect(cancer('History of cancer (breast, 2019).')).toEqual(['affirmed']);
  });

  it("reads what a spouse died of as another's, and hearing aids as no AIDS", () => {
    const flags = (text: string) => read(text).flatMap((f) => (f.kind === 'red_flag' ? [[f.flag, f.assertion]] : []));
    expect(flags('Lives alone since wife Margit passed (03/2024, metastatic breast cancer).')).toEqual([]);
    expect(flags('Hearing: uses bilateral aids. Pt hard of hearing (aids in).')).toEqual([]);
    expect(flags('History of AIDS, on antiretrovirals.')).toEqual([['immunosuppression', 'affirmed']]);
  });

  it('does not read a workplace injury report as trauma', () => {
    const trauma = (text: string) =>
      read(text).flatMap((f) => (f.kind === 'red_flag' && f.flag === 'significant_trauma' ? [f.assertion] : []));
    expect(trauma('Workplace injury report was NOT filed per patient; using Medicaid.')).toEqual([]);
    expect(trauma('Acute LBP w/ L sciatica (day 9), improving slightly. Workplace injury - BWC forms given.')).toEqual(
      [],
    );
    expect(trauma('Fell from a ladder at work, injury to the low back.')).toContain('affirmed');
  });

  it('reads "a little better … but it isn\'t going away" as a course that persists', () => {
    const trends = read("Leg pain maybe a little better than in September but it isn't going away.").flatMap((f) =>
      f.kind === 'symptom_course' && f.trend ? [f.trend] : [],
    );
    expect(trends).toEqual(['persistent']);
  });

  it('reads the care of "that episode", which resolved years ago, as history', () => {
    const pt = read(
      'That episode was treated with eight weeks of formal physical therapy at Riverside PT, and it resolved by July 2024.',
      '2026-06-08',
    ).filter((f) => f.kind === 'therapy' && f.modality === 'physical_therapy');
    expect(pt.map((f) => f.assertion)).toEqual(['historical']);
  });

  it('does not take a review of systems for an examination', () => {
    expect(findings('ROS:\nNeurological: negative for weakness, numbness.')).toEqual([]);
  });

  it('reads an intake checklist with dot leaders, and a cancer screening as no cancer', () => {
    const flags = read(
      'RED FLAG SCREEN\nHistory of cancer ............................. No\nIV drug use ................................... No\n4. Health maintenance - colon cancer screening due at 45.',
      '2026-03-10',
    ).filter((f) => f.kind === 'red_flag');
    expect(flags.map((f) => (f.kind === 'red_flag' ? [f.flag, f.assertion] : [])).sort()).toEqual([
      ['cancer_history', 'negated'],
      ['iv_drug_use', 'negated'],
    ]);
  });

  it("reads the patient's refusal of a procedure as candidacy denied, and not a refusal under a condition or another's", () => {
    const candidacy = (text: string) =>
      read(text)
        .filter((f) => f.kind === 'evaluation' && f.type !== 're_evaluation')
        .map((f) => (f.kind === 'evaluation' ? [f.type, f.assertion, f.refused ?? false] : []));
    expect(
      candidacy(
        'She firmly declines any injection and states she would not have spine surgery under any circumstances.',
      ),
    ).toEqual([
      ['surgical_candidate', 'negated', true],
      ['injection_candidate', 'negated', true],
    ]);
    expect(candidacy('She is firmly against any injections or needle procedures.')).toEqual([
      ['injection_candidate', 'negated', true],
    ]);
    expect(candidacy('Patient declines pain management and neurosurgery referrals at this time.')).toEqual([
      ['surgical_candidate', 'negated', true],
      ['injection_candidate', 'negated', true],
    ]);
    expect(candidacy('He does not want surgery.')).toEqual([['surgical_candidate', 'negated', true]]);
    expect(candidacy('If she declines surgery, we will continue PT.')).toEqual([]);
    expect(candidacy('Her sister declined surgery after a fusion.')).toEqual([]);
  });

  it('dates a course begun on a stated day, and counts the visits attended out of those scheduled', () => {
    const courses = (text: string) =>
      read(text, '2026-02-17')
        .filter((f) => f.kind === 'therapy')
        .map((f) => (f.kind === 'therapy' ? [f.modality, f.start, f.assertion] : []));
    expect(courses('Seen 01/12/2026 for L5 radicular pain; started naproxen and HEP at that visit.')).toEqual([
      ['nsaid', '2026-01-12', 'affirmed'],
      ['home_exercise', '2026-01-12', 'affirmed'],
    ]);
    expect(courses('Started HEP on 01/12/2026.')).toEqual([['home_exercise', '2026-01-12', 'affirmed']]);
    expect(courses('Will start HEP on 02/20/2026.')).toEqual([['home_exercise', undefined, 'hypothetical']]);
    expect(courses('PT: attended 5 of 8 scheduled visits (01/22 - 02/12).')).toEqual([
      ['physical_therapy', '2026-01-22', 'affirmed'],
    ]);
    expect(courses('PT: 8 visits scheduled (01/22 - 02/12).')).toEqual([
      ['physical_therapy', '2026-01-22', 'hypothetical'],
    ]);
  });

  it('reads a referral to PT as care asked for, not given, and "has not seen any provider or PT" as none', () => {
    const courses = (text: string) =>
      read(text, '2026-03-30')
        .filter((f) => f.kind === 'therapy')
        .map((f) => (f.kind === 'therapy' ? [f.modality, f.assertion, f.durationWeeks] : []));
    expect(courses('A/P: mechanical LBP.\n- PT referral - lumbar stabilization, 6 wks')).toEqual([
      ['physical_therapy', 'hypothetical', 6],
    ]);
    expect(courses('Seen 3/16, started naproxen BID and referred to PT. PT eval not until 4/6.')).toEqual([
      ['nsaid', 'affirmed', undefined],
      ['physical_therapy', 'hypothetical', undefined],
    ]);
    expect(courses('Referred to PT 1/5, completed 6 weeks without relief.')).toEqual([
      ['physical_therapy', 'affirmed', 6],
    ]);
    expect(courses('Has not seen any other provider, chiropractor or PT for this.').map((c) => c[1])).toEqual([
      'negated',
      'negated',
    ]);
    expect(courses('Has not seen any improvement with PT.').map((c) => c[1])).toEqual(['affirmed']);
  });

  it('reads a spine surgery department in a provider line as a specialty, not an operation', () => {
    const surgeries = (text: string) =>
      read(text).filter((f) => f.kind === 'therapy' && f.modality === 'spinal_surgery').length;
    expect(surgeries('Provider: Priya Venkataraman, MD, Orthopaedic Spine Surgery')).toBe(0);
    expect(surgeries('Referred by Lakeside Spine Surgery Associates.')).toBe(0);
    expect(surgeries('s/p lumbar surgery 2019.')).toBe(1);
  });

  it("reads 'acute kidney injury' as no trauma, and a pronoun of the relative's sex as the relative's", () => {
    const flags = (text: string) => read(text).filter((f) => f.kind === 'red_flag' && f.assertion === 'affirmed');
    expect(flags('PRINCIPAL DIAGNOSIS: Acute kidney injury, prerenal, with NSAID contribution.')).toEqual([]);
    expect(
      flags(
        'His mother was diagnosed with colon cancer at 58 - her first symptom was back pain - and she died of metastatic disease.',
      ),
    ).toEqual([]);
    expect(flags('Her mother had breast cancer; she has new back pain and weight loss.').length).toBe(1);
    expect(
      flags('His mother passed away in 2019 from what he calls bone cancer and her illness started with back pain.'),
    ).toEqual([]);
  });

  it('marks a red flag the clinician firmly suspects, and not one held less likely', () => {
    const infection = (text: string) =>
      read(text)
        .filter((f) => f.kind === 'red_flag' && f.flag === 'spinal_infection')
        .map((f) => f.kind === 'red_flag' && f.suspected === true);
    expect(infection('A/P: High concern for hematogenous vertebral osteomyelitis / discitis (L3-L4).')).toEqual([true]);
    expect(infection('A/P: discitis less likely; check ESR/CRP.')).toEqual([false]);
  });

  it('reads a template answer after a dash, a long-standing bladder complaint and a conditional referral', () => {
    const affirmed = (text: string) =>
      read(text)
        .filter((f) => f.kind === 'red_flag' && f.assertion === 'affirmed')
        .map((f) => f.kind === 'red_flag' && f.flag);
    expect(affirmed('Saddle numbness - denies.')).toEqual([]);
    expect(
      affirmed('Cauda equina syndrome considered given the urinary complaint - not suspected: PVR 30 mL.'),
    ).toEqual([]);
    expect(
      affirmed('She has had stress urinary incontinence with coughing since about 2015, uses 1 pad per day.'),
    ).toEqual([]);
    expect(affirmed('New urinary incontinence since Tuesday.')).toEqual(['bowel_bladder_dysfunction']);
    const candidacy = (text: string) =>
      read(text)
        .filter((f) => f.kind === 'evaluation' && f.type === 'injection_candidate')
        .map((f) => f.assertion);
    expect(candidacy('If EMG confirms L5 radiculopathy, then refer to pain management to discuss an ESI.')).toEqual([
      'hypothetical',
    ]);
    expect(candidacy('Refer to pain management for an L5 ESI.')).toEqual(['affirmed']);
  });

  it('reads a finding that has resolved as past, and a symptom "90 percent gone" as improving', () => {
    const weakness = read('Strength 5/5 (the left EHL weakness noted in March has resolved).').filter(
      (f) => f.kind === 'neuro_finding' && f.finding === 'motor_weakness' && f.assertion === 'affirmed',
    );
    expect(weakness).toEqual([]);
    const trends = (text: string) =>
      read(text).flatMap((f) => (f.kind === 'symptom_course' && f.trend ? [f.trend] : []));
    expect(trends('Today she describes her leg symptoms as "about 90 percent gone".')).toEqual(['improving']);
    expect(trends('IMPRESSION: Left L5 radiculitis, clinically resolving after conservative care.')).toEqual([
      'improving',
    ]);
  });

  it("reads pain that stops above the knee as referred, and a late wife's cancer told on the next line as hers", () => {
    const radicular = (text: string) => read(text).flatMap((f) => (f.kind === 'radicular_pain' ? [f.assertion] : []));
    expect(radicular('Pain radiates to R buttock and back of thigh, not below knee.')).toEqual(['negated']);
    expect(radicular('Pain radiates down the left leg to the lateral foot.')).toEqual(['affirmed']);
    const cancer = (text: string) =>
      read(text).filter((f) => f.kind === 'red_flag' && f.flag === 'cancer_history' && f.assertion === 'affirmed');
    expect(cancer('Lives alone since wife Margit passed\n(03/2024, metastatic breast cancer). Son nearby.')).toEqual(
      [],
    );
    expect(cancer("Son's concern relates to his late mother's (patient's wife's) cancer.")).toEqual([]);
  });

  it("reads a label answered in the patient's words as a report, and a choice left to the scan as no candidacy", () => {
    const weakness = read(
      'Weakness: when asked, pt states "I don\'t know, my leg just feels heavy at the end of a shift."',
    );
    expect(weakness.filter((f) => f.kind === 'neuro_finding' && f.assertion === 'affirmed')).toEqual([]);
    const candidacy = (text: string) =>
      read(text).flatMap((f) => (f.kind === 'evaluation' && f.type !== 're_evaluation' ? [f.assertion] : []));
    expect(candidacy('Will decide on spine surgery referral after MRI.')).toEqual(['hypothetical']);
    expect(
      candidacy('Consider referral for epidural steroid injection vs spine surgery depending on results.'),
    ).not.toContain('affirmed');
    expect(candidacy('Refer to spine surgery for L5 discectomy evaluation.')).toEqual(['affirmed']);
    expect(
      candidacy(
        'We talked in general terms that depending on what MRI shows next steps could be referral to pain mgmt for possible injections, surgical opinion, or continuing therapy.',
      ),
    ).not.toContain('affirmed');
  });

  it('reads "not a candidate for injection or surgery" as both denied, and "no ongoing symptoms" as no persistence', () => {
    const facts = read('Not a candidate for injection or surgery at this time - no ongoing radicular symptoms.');
    const candidacy = facts.flatMap((f) => (f.kind === 'evaluation' ? [`${f.type}:${f.assertion}`] : []));
    expect(candidacy.sort()).toEqual(['injection_candidate:negated', 'surgical_candidate:negated']);
    expect(facts.some((f) => f.kind === 'symptom_course' && f.trend === 'persistent')).toBe(false);
  });

  it('reads lumbosacral radicular pain as the lumbosacral radiculopathy diagnosis', () => {
    const codes = read('Gabapentin for lumbosacral radicular pain.').flatMap((f) =>
      f.kind === 'condition' ? f.icd10 : [],
    );
    expect(codes).toContain('M54.17');
  });

  it('reads a fall that hurt nothing as no trauma, and a reviewed list with no changes as not denied', () => {
    const flags = (text: string) =>
      read(text).flatMap((f) => (f.kind === 'red_flag' ? [`${f.flag}:${f.assertion}`] : []));
    expect(flags('Falls in past 12 mo: 1 (slipped on wet boat ramp this spring, no injury reported).')).toEqual([]);
    expect(flags('Slipped on ice and fell onto her back 2 weeks ago; no head injury.')).toContain(
      'significant_trauma:affirmed',
    );
    const conditions = read(
      'Active problem list (reviewed, no changes):\n - HTN\n - Chronic low back pain - stable, uses acetaminophen prn\n',
    ).flatMap((f) => (f.kind === 'condition' ? [f.assertion] : []));
    expect(conditions).not.toContain('negated');
  });

  it('reads a worsening the note is unsure of as no progressive course', () => {
    const trends = (text: string) =>
      read(text).flatMap((f) => (f.kind === 'symptom_course' && f.assertion === 'affirmed' ? [f.trend] : []));
    expect(
      trends(
        'HPI: Unclear if this is different from her usual back pain - "kind of like before but maybe worse, I don\'t know".',
      ),
    ).not.toContain('progressive');
    expect(trends('HPI: Low back pain, progressively worse over 3 weeks.')).toContain('progressive');
  });

  it('reads a line labelled as the history as history, not as the course today', () => {
    const courses = read(
      'Back pain history: L leg pain radiating to dorsum of foot w/ numbness, 7/10, progressively worse.',
    ).flatMap((f) => (f.kind === 'symptom_course' ? [f.assertion] : []));
    expect(courses).toEqual(['historical']);
  });

  it('reads a slightly low reflex the same on both sides as no root deficit, and an option weighed as no candidacy', () => {
    const reflexes = read('Reflexes: patellar 2+ symmetric, Achilles 1+ bilaterally.').flatMap((f) =>
      f.kind === 'neuro_finding' && f.finding === 'reflex_change' ? [f.assertion] : [],
    );
    expect(reflexes).not.toContain('affirmed');
    expect(
      read('Reflexes: L Achilles absent, R 2+.').some(
        (f) => f.kind === 'neuro_finding' && f.finding === 'reflex_change' && f.assertion === 'affirmed',
      ),
    ).toBe(true);
    const candidacy = read(
      'Discussed option of epidural steroid injection vs continuing conservative care. Discussed options going forward including referral for a possible epidural steroid injection, or a surgical opinion.',
    ).flatMap((f) => (f.kind === 'evaluation' ? [f.assertion] : []));
    expect(candidacy).not.toContain('affirmed');
  });
});

describe('candidacy, refusals and the course of the complaint', () => {
  const evaluations = (text: string) =>
    read(text).flatMap((f) => (f.kind === 'evaluation' ? [[f.type, f.assertion]] : []));

  it('reads a candidacy a note wraps mid-phrase', () => {
    expect(
      evaluations(
        'PLAN: MRI lumbar spine for injection planning. She is a candidate for a right\nL4-5 transforaminal epidural steroid injection.',
      ),
    ).toContainEqual(['injection_candidate', 'affirmed']);
  });

  it('reads a referral after a condition with no comma ("If MRI shows X will refer") as conditional', () => {
    expect(evaluations('If MRI shows disc herniation will refer to spine for a surgical opinion.')).toEqual([
      ['surgical_candidate', 'hypothetical'],
    ]);
  });

  it('reads "MRI if not improving, would consider TFESI" as conditional candidacy', () => {
    expect(evaluations('f/u 6-7 wks; MRI if not improving, would consider S1 TFESI.')).toEqual([
      ['injection_candidate', 'hypothetical'],
    ]);
  });

  it('reads a new deficit only the patient reports as suspected, one examined as shown', () => {
    const flags = (text: string) =>
      read(text).flatMap((f) =>
        f.kind === 'red_flag' && f.flag === 'progressive_neurological_deficit' ? [f.assertion] : [],
      );
    expect(flags('Pt reports new numbness bottom of L foot since ~August.')).toEqual(['uncertain']);
    expect(flags('Exam: new foot drop on the left, EHL 2/5.')).toEqual(['affirmed']);
  });

  it('reads an injection "discussed as a future option if she does not improve" as no candidacy yet', () => {
    expect(evaluations('Discussed L5 TFESI as a future option if she does not improve with PT/meds.')).toEqual([
      ['injection_candidate', 'hypothetical'],
    ]);
  });

  it('reads "shots" refused as injections, but not a vaccine shot', () => {
    expect(evaluations('He says he "would not want shots or surgery anyway."')).toEqual([
      ['surgical_candidate', 'negated'],
      ['injection_candidate', 'negated'],
    ]);
    expect(evaluations('Declines flu shot today.')).toEqual([]);
  });

  it('takes a change stated of a chronic complaint for its course', () => {
    const trend = (text: string) => read(text).flatMap((f) => (f.kind === 'symptom_course' ? [f.trend] : []));
    expect(trend('Chronic low back pain with left sciatica, substantially improved after PT and NSAID.')).toEqual([
      'improving',
    ]);
    expect(trend('Chronic low back pain, not improved after PT.')).toEqual(['persistent']);
  });
});
