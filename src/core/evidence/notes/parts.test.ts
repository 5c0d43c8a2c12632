// Unit tests of the layers under extractNoteFacts: sections, sentences, ConText scopes, dates and durations.
import { describe, expect, it } from 'vitest';
import { NoteContext } from './context.ts';
import { detectSections } from './sections.ts';
import { splitSentences } from './sentences.ts';
import { findDates, findDurations, findStarts } from './when.ts';

function sentences(text: string) {
  return splitSentences(text, detectSections(text));
}

function flagsOf(text: string, target: string) {
  const ss = sentences(text);
  const ctx = new NoteContext(text, ss);
  const at = text.indexOf(target);
  const si = ctx.sentenceAt(at);
  return ctx.flags(si, at, at + target.length);
}

describe('phrases wrapped at a line end', () => {
  it('reads a management question split over two lines, and "not yet trialed" as a negation', async () => {
    const { extractNoteFacts } = await import('./index.ts');
    const read = (text: string) =>
      extractNoteFacts({ reference: 'DocumentReference/w', date: '2026-04-30', contentType: 'text/plain', text });
    expect(
      read(
        'Melanoma, stage IIIC.\nPLAN:\n- FDG PET/CT skull base to mid-thigh to\n  determine whether the nodule is solitary.',
      ).some((f) => f.kind === 'management_change'),
    ).toBe(true);
    const tci = read('Per your 4/14 note she has not yet trialed a topical calcineurin inhibitor.');
    expect(tci.filter((f) => f.kind === 'therapy').map((f) => f.assertion)).toEqual(['negated']);
    expect(flagsOf('Biopsy results not yet known, pending.', 'Biopsy').negated).toBe(false);
  });
});

describe('sections', () => {
  it('reads markdown, labelled, abbreviated and upper-case headings', () => {
    const text = `# Chief Complaint\nback pain\n# History of Present Illness\nx\nROS: neg\nPMH: HTN\nFH: none\nA/P: plan\nPE: ok\nPHYSICAL EXAM\nfine\n## Plan\nPT`;
    expect(detectSections(text).map((s) => s.section)).toEqual([
      'chief_complaint',
      'hpi',
      'ros',
      'pmh',
      'fh',
      'assessment',
      'exam',
      'exam',
      'plan',
    ]);
  });

  it('keeps unknown labels ("Location:", "Neuro:") inside the current section', () => {
    const text = 'Exam:\nNeuro: 5/5 strength\nLocation: left cheek';
    expect(detectSections(text).map((s) => s.section)).toEqual(['exam']);
  });

  it('reads a heading with a bracketed qualifier, and "ASSESSMENT / PLAN" with spaces around its slash', () => {
    const text = 'ALLERGIES: tape.\n\nEXAM (video, limited):\nWell appearing.\n\nASSESSMENT / PLAN:\n1. New papule.';
    expect(detectSections(text).map((s) => s.section)).toEqual(['allergies', 'exam', 'assessment']);
  });
});

describe('sentences', () => {
  it('keeps each line of a dated list its own item, while a single date-led line continues its sentence', () => {
    const list = '01/28/2025  PET/CT - baseline staging\n08/12/2025  PET/CT - surveillance\n11/18/2025  CT C/A/P';
    expect(sentences(list).length).toBe(3);
    expect(sentences('applied triamcinolone to body\n8/25-10/20 (8 weeks)').length).toBe(1);
  });

  it('keeps each row of a list with leader dots its own item, with the wrapped line of its first row', () => {
    const list = [
      'MEDICATION LIST',
      ' methotrexate 2.5 mg tablet - take 6 tabs (15 mg) by mouth once',
      '    weekly .............................. start 09/12/2025   ACTIVE',
      ' folic acid 1 mg tablet daily ........... start 09/12/2025   ACTIVE',
      ' ondansetron 4 mg ODT prn nausea ........ start 10/20/2025   ACTIVE',
    ].join('\n');
    const texts = sentences(list).map((s) => s.text);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toMatch(/methotrexate[\s\S]*weekly/);
    expect(texts[2]).toMatch(/^ondansetron/);
  });

  it('goes on into the next line after an arrow or an open bracket', () => {
    expect(sentences('1. Psoriasis, now well controlled (BSA 8% ->\n   2%).').length).toBe(1);
  });

  it('keeps an outcome field on the same line with the course it reports', () => {
    const text = '1. TCS - mometasone 0.1% ointment BID: 11/03/2025 -> 01/12/2026 (10 weeks). Outcome: FAILED.';
    expect(sentences(text).map((s) => s.text)).toEqual([text]);
    expect(sentences('Mometasone stopped.\nOutcome: unknown').length).toBe(2);
  });

  it('survives clinical abbreviations, decimals and disc levels, and keeps offsets', () => {
    const text =
      'HPI: Seen by Dr. Smith, pt. reports pain at L4-5 for 2 wks. Naproxen 500 mg b.i.d. Lesion 1.2 mm deep, e.g. on the arm. Tried PT x 6 wks. Pain persists.';
    const ss = sentences(text);
    expect(ss.map((s) => s.text)).toEqual([
      'Seen by Dr. Smith, pt. reports pain at L4-5 for 2 wks.',
      'Naproxen 500 mg b.i.d.',
      'Lesion 1.2 mm deep, e.g. on the arm.',
      'Tried PT x 6 wks.',
      'Pain persists.',
    ]);
    for (const s of ss) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('splits bullets and numbered lists, joins wrapped lines, and links items to their lead', () => {
    const text = 'Denies:\n- fever\n- weight loss\n1. PT x 6 wks\n2. NSAIDs\nPain radiates to the left\nleg and foot.';
    const ss = sentences(text);
    expect(ss.map((s) => s.text)).toEqual([
      'Denies:',
      'fever',
      'weight loss',
      '1. PT x 6 wks',
      '2. NSAIDs',
      'Pain radiates to the left\nleg and foot.',
    ]);
    expect(ss[1]?.lead).toBe(0);
    expect(ss[2]?.lead).toBe(0);
  });
});

describe('ConText', () => {
  it('reads what a visit discusses as hypothetical, but not who it was discussed with, nor the reason "now that"', () => {
    const teaching = 'Discussed dupilumab: mechanism, every-2-week injection, conjunctivitis.';
    expect(flagsOf(teaching, 'conjunctivitis').hypothetical).toBe(true);
    expect(flagsOf('Discussed with Dr. Yoon: SLN positive.', 'SLN positive').hypothetical).toBe(false);
    const reason = 'Discussed repeat MRI unlikely to change mgmt now that sx resolved.';
    expect(flagsOf(reason, 'repeat MRI').hypothetical).toBe(true);
    expect(flagsOf(reason, 'sx resolved').hypothetical).toBe(false);
  });

  it('reads an option only mentioned, and an exception requested, as hypothetical', () => {
    const text = 'Also mentioned tacrolimus/pimecrolimus as steroid-sparing option for neck/face.';
    expect(flagsOf(text, 'tacrolimus').hypothetical).toBe(true);
    expect(flagsOf('I am requesting a medical exception to the TCI step.', 'TCI').hypothetical).toBe(true);
    expect(flagsOf('Patient mentioned that PT helped.', 'PT').hypothetical).toBe(false);
  });

  it('negates what a work-up ruled out, before or after the words', () => {
    expect(flagsOf('Bladder sx resolved, ED ruled out CES.', 'CES').negated).toBe(true);
    expect(flagsOf('Cauda equina was ruled out by MRI.', 'Cauda equina').negated).toBe(true);
  });

  it('reads "planned to switch him to Dupixent" as a plan for what follows', () => {
    expect(flagsOf('Stopped tralokinumab and planned to switch him to Dupixent.', 'Dupixent').hypothetical).toBe(true);
    expect(flagsOf('MRI lumbar spine planned.', 'MRI lumbar spine').hypothetical).toBe(true);
  });

  it('reads everything after a conditional heading as hypothetical, past its semicolons', () => {
    const text = 'If SLN positive: review adjuvant options; nodal basin ultrasound surveillance.';
    expect(flagsOf(text, 'ultrasound surveillance').hypothetical).toBe(true);
    expect(flagsOf('If pain persists, PT; MRI done today.', 'MRI done').hypothetical).toBe(false);
  });

  it('negates through a list and stops at a semicolon and a positive marker', () => {
    const text = 'No fever, chills or weight loss; + numbness L5.';
    expect(flagsOf(text, 'weight loss').negated).toBe(true);
    expect(flagsOf(text, 'numbness').negated).toBe(false);
  });

  it('stops negation at "but" and does not fire on pseudo-triggers', () => {
    expect(flagsOf('Denies fever but reports weight loss.', 'weight loss').negated).toBe(false);
    expect(flagsOf('No increase in weakness.', 'weakness').negated).toBe(false);
    expect(flagsOf('Not only back pain but numbness.', 'back pain').negated).toBe(false);
    expect(flagsOf('Grew gram negative rods.', 'rods').negated).toBe(false);
  });

  it('matches a trigger phrase across a line wrap, and reads what the criteria say as no finding of the patient', () => {
    expect(flagsOf('Denies any\nsaddle anesthesia.', 'saddle anesthesia').negated).toBe(true);
    const letter = 'Prior radiation and pharmacologic immunosuppression are\nrecognized modifiers in the AUC.';
    expect(flagsOf(letter, 'Prior radiation').hypothetical).toBe(true);
    expect(flagsOf(letter, 'immunosuppression').hypothetical).toBe(true);
  });

  it('reads the consequent of a sentence that opens on a condition as conditional, up to a semicolon', () => {
    const text = 'If the axillary node is real & FNA +, this is clinical stage III; melanoma excised.';
    expect(flagsOf(text, 'stage III').hypothetical).toBe(true);
    expect(flagsOf(text, 'melanoma').hypothetical).toBe(false);
    // A hedge inside the condition stays a hedge ("to exclude metastatic disease" is raised, not planned).
    expect(
      flagsOf('If this was melanoma, imaging to exclude metastatic disease.', 'metastatic disease').uncertain,
    ).toBe(true);
  });

  it('reads return precautions and "should ... develop" as hypothetical', () => {
    expect(flagsOf('Return to ED if bowel incontinence develops.', 'bowel incontinence').hypothetical).toBe(true);
    expect(flagsOf('Should saddle anesthesia develop, call.', 'saddle anesthesia').hypothetical).toBe(true);
    expect(flagsOf('f/u 4-6 wks, return sooner for weakness, bowel/bladder issues', 'bowel/bladder').hypothetical).toBe(
      true,
    );
    expect(flagsOf('RTC prn for saddle numbness.', 'saddle numbness').hypothetical).toBe(true);
    expect(flagsOf('Earlier re-evaluation for any progressive weakness.', 'progressive weakness').hypothetical).toBe(
      true,
    );
    expect(
      flagsOf('ED precautions reviewed (bowel/bladder sx, progressive weakness).', 'progressive weakness').hypothetical,
    ).toBe(true);
  });

  it('reads relatives, FH sections, history and uncertainty', () => {
    expect(flagsOf('Mother had melanoma.', 'melanoma').family).toBe(true);
    expect(flagsOf('FH: melanoma', 'melanoma').family).toBe(true);
    expect(flagsOf('A friend of mine is on Tremfya and is totally clear.', 'Tremfya').family).toBe(true);
    expect(flagsOf('Wife is currently receiving chemotherapy for lymphoma.', 'lymphoma').family).toBe(true);
    expect(flagsOf('His wife is a liver transplant recipient on tacrolimus.', 'transplant').family).toBe(true);
    expect(flagsOf('Patient requests MRI given family cancer history.', 'cancer').family).toBe(true);
    expect(flagsOf('He read online that back pain can be a sign of cancer.', 'cancer').hypothetical).toBe(true);
    expect(flagsOf('She is worried it could be cancer.', 'cancer').hypothetical).toBe(true);
    expect(flagsOf("Pt remains very anxious re: cancer given mom's hx.", 'cancer').hypothetical).toBe(true);
    expect(flagsOf('Mohs is reserved for recurrent or aggressive tumors.', 'recurrent').hypothetical).toBe(true);
    expect(flagsOf('Histologic subtype: BCC - infiltrative component suspected;', 'infiltrative').uncertain).toBe(true);
    expect(flagsOf('Histologic subtype: BCC - infiltrative component suspected;', 'BCC').uncertain).toBe(false);
    expect(flagsOf('Nodal ultrasound surveillance discussed as an alternative.', 'surveillance').hypothetical).toBe(
      true,
    );
    expect(flagsOf('History of basal cell carcinoma 2010, excised.', 'basal cell carcinoma').historical).toBe(true);
    expect(flagsOf('PMH: sciatica.', 'sciatica').historical).toBe(true);
    // A numbered item ending on a colon leads the lettered items under it: each is a differential's.
    const ddx =
      'ASSESSMENT\n2. Axillary node, uncertain significance. Differential diagnosis:\n   a) nodal metastasis of melanoma;\n   b) reactive node.\n3. Melanoma of the back.';
    expect(flagsOf(ddx, 'nodal metastasis').uncertain).toBe(true);
    expect(flagsOf(ddx, 'Melanoma of the back').uncertain).toBe(false);
    // A templated review of systems abbreviates "negative": "Neg saddle numbness."
    expect(flagsOf('Neg saddle numbness.', 'saddle numbness').negated).toBe(true);
    expect(flagsOf('SLR neg bilat. Weakness of left EHL.', 'Weakness').negated).toBe(false);
    // A suspicion of any degree raises a diagnosis without making it; its grounds are findings.
    expect(flagsOf('Low suspicion for vertebral osteomyelitis at this time.', 'osteomyelitis').uncertain).toBe(true);
    const grounds = 'High index of suspicion for cauda equina given new saddle anesthesia.';
    expect(flagsOf(grounds, 'cauda equina').uncertain).toBe(true);
    expect(flagsOf(grounds, 'saddle anesthesia').uncertain).toBe(false);
    // An instruction for later is no course: "may be used for flares up to 2 weeks at a time".
    expect(
      flagsOf('Mometasone ointment may be used for flares up to 2 weeks at a time.', 'Mometasone').hypothetical,
    ).toBe(true);
    // What the patient asks the clinician to prescribe, or wants to discuss, is not yet taken.
    expect(flagsOf('He asks me to prescribe Dupixent, which his mother uses.', 'Dupixent').hypothetical).toBe(true);
    expect(flagsOf('Eczema, wants to discuss Dupixent.', 'Dupixent').hypothetical).toBe(true);
    // What is new after a past procedure is not its history.
    const sp = 's/p L4-5 microdiscectomy with new and progressive L5 radiculopathy and new foot drop.';
    expect(flagsOf(sp, 'microdiscectomy').historical).toBe(true);
    expect(flagsOf(sp, 'radiculopathy').historical).toBe(false);
    expect(flagsOf(sp, 'foot drop').historical).toBe(false);
    // A diagnosis the clinician withholds, and a bracketed feature list "unknown at this time".
    expect(flagsOf('Cannot call this nodal disease until FNA is back.', 'nodal disease').uncertain).toBe(true);
    const listed = 'SCC s/p Mohs - details (depth, perineural invasion, margin status) unknown at this time.';
    expect(flagsOf(listed, 'perineural invasion').uncertain).toBe(true);
    expect(flagsOf(listed, 'SCC').uncertain).toBe(false);
    expect(flagsOf('Possible L5 radiculopathy.', 'radiculopathy').uncertain).toBe(true);
    expect(flagsOf('Patient cannot say whether it was melanoma or "the regular kind".', 'melanoma').uncertain).toBe(
      true,
    );
    expect(flagsOf('Unclear whether the 2016 lesion was melanoma.', 'melanoma').uncertain).toBe(true);
    expect(flagsOf('R/o cauda equina.', 'cauda equina').uncertain).toBe(true);
    expect(flagsOf('MRI to exclude metastatic disease.', 'metastatic disease').uncertain).toBe(true);
    expect(flagsOf('No surgical indication; spine surgery referral not recommended.', 'spine surgery').negated).toBe(
      true,
    );
  });

  it('reads a fact the record calls unconfirmed, a differential list and an unassessable feature as uncertain', () => {
    const text = 'Night pain in a woman with a possible, unconfirmed history of breast cancer.';
    expect(flagsOf(text, 'breast cancer').uncertain).toBe(true);
    expect(flagsOf('Prior melanoma (unverified).', 'melanoma').uncertain).toBe(true);
    expect(flagsOf('They said it is MBL, maybe early CLL, just watching.', 'CLL').uncertain).toBe(true);
    expect(flagsOf('Plaque psoriasis vs nummular dermatitis.', 'Plaque psoriasis').uncertain).toBe(true);
    expect(flagsOf('Clinically SCC vs hypertrophic AK.', 'hypertrophic AK').uncertain).toBe(true);
    const ddx = 'DDx: Merkel cell carcinoma (favored), amelanotic melanoma, cutaneous lymphoma.';
    expect(flagsOf(ddx, 'amelanotic melanoma').uncertain).toBe(true);
    const path = 'Depth of invasion and perineural invasion cannot be assessed on this specimen.';
    expect(flagsOf(path, 'perineural invasion').uncertain).toBe(true);
  });

  it('negates backwards with "not identified" although "not" alone looks forward', () => {
    const text = 'Perineural invasion: not identified in the limited tissue sampled.';
    expect(flagsOf(text, 'Perineural invasion').negated).toBe(true);
    expect(flagsOf('Not tender over the spine.', 'tender').negated).toBe(true);
  });

  it('reads template fields: a "no" value negates its label, an unticked box asserts nothing', () => {
    expect(flagsOf('Saddle numbness: no    Leg weakness: no', 'Leg weakness').negated).toBe(true);
    expect(flagsOf('Red flags: [ ] fever [ ] cancer hx', 'cancer hx').hypothetical).toBe(true);
    expect(flagsOf('Red flags: [x] fever [ ] cancer hx', 'fever').hypothetical).toBe(false);
  });

  it('reads the risks of a consent discussion as hypothetical', () => {
    const text =
      'Risks including bleeding, infection, scarring, nerve injury, recurrence and the need for a flap were discussed.';
    expect(flagsOf(text, 'recurrence').hypothetical).toBe(true);
  });

  it("carries a lead line's negation to its bullet items", () => {
    expect(flagsOf('Patient denies:\n- fever\n- saddle anesthesia', 'saddle anesthesia').negated).toBe(true);
  });
});

describe('dates and durations', () => {
  it('reads durations in weeks and skips dosing intervals, ages and follow-up times', () => {
    expect(findDurations('PT x 6 wks, naproxen for 3 months').map((d) => d.value)).toEqual([6, 13]);
    // A frequency is no length: "2-3 times a week", "2x a week".
    expect(findDurations('PT 2x a week for 6 weeks').map((d) => d.value)).toEqual([6]);
    expect(findDurations('cannot attend phototherapy 2-3 times a week')).toEqual([]);
    expect(findDurations('back pain for a week').map((d) => d.value)).toEqual([1]);
    expect(findDurations('dupilumab q2 weeks, 54 years old, return in 4 weeks, AD flare')).toEqual([]);
    expect(findDurations('a 6-week course').map((d) => d.value)).toEqual([6]);
    // A whole number and a half: "about 2 1/2 weeks", "3½ wks".
    expect(findDurations('stopped after about 2 1/2 weeks; x 3½ wks').map((d) => d.value)).toEqual([2.5, 3.5]);
  });

  it('reads a range of lengths as its longest reading with the shortest it can be', () => {
    const [range] = findDurations('somewhere between ~3 and ~5 weeks of daily use');
    expect(range).toMatchObject({ value: 5, shortestWeeks: 3 });
    expect(findDurations('PT for 3-5 weeks')[0]).toMatchObject({ value: 5, shortestWeeks: 3 });
    expect(findDurations('PT x 6 wks')[0]?.shortestWeeks).toBeUndefined();
  });

  it('resolves start dates against the note date', () => {
    expect(findStarts('pain since March', '2025-06-15').map((d) => d.value)).toEqual(['2025-03-01']);
    expect(findStarts('pain since October', '2025-06-15').map((d) => d.value)).toEqual(['2024-10-01']);
    // A day without its year, after "since": the latest such day not after the note's date; not after "started".
    expect(findStarts('PT 2x/wk since 6/9 (11 visits)', '2026-07-20').map((d) => d.value)).toEqual(['2026-06-09']);
    expect(findStarts('PT since 12/28', '2026-01-10').map((d) => d.value)).toEqual(['2025-12-28']);
    expect(findStarts('MTX started 8/4 at 15 mg weekly', '2025-10-27')).toEqual([]);
    expect(findStarts('began 3 months ago', '2025-06-15').map((d) => d.value)).toEqual(['2025-03-16']);
    expect(findStarts('since 02/2025', '2025-06-15').map((d) => d.value)).toEqual(['2025-02-01']);
    expect(findStarts('since March', 'not-a-date')).toEqual([]);
  });

  it('reads a stated range as one start and end, bounded by the note date', () => {
    const range = (text: string): [string, string | undefined][] =>
      findStarts(text, '2025-11-18').map((d) => [d.value, d.until]);
    expect(range('tacrolimus from 5/19 to 9/15/2025, inadequate')).toEqual([['2025-05-19', '2025-09-15']]);
    expect(range('from January 6 to April 7')).toEqual([['2025-01-06', '2025-04-07']]);
    expect(range('methotrexate 10/2024-12/2024')).toEqual([['2024-10-01', '2024-12-31']]);
    expect(range('09/2024 to 01/2025')).toEqual([['2024-09-01', '2025-01-31']]);
    expect(range('Jan–Mar 2025')).toEqual([['2025-01-01', '2025-03-31']]);
    // A year-less month is the latest such month not after the note date; a range still running ends on it.
    expect(range('Dec to Feb')).toEqual([['2024-12-01', '2025-02-28']]);
    expect(range('Oct-Nov')).toEqual([['2025-10-01', '2025-11-18']]);
    expect(range('since early February')).toEqual([['2025-02-01', undefined]]);
    expect(range('BP 120/80 - 130/85')).toEqual([]);
    // Two-digit years, and a range that runs to "present" (the note's date).
    expect(range('triamcinolone 0.1% oint 7/21/25-1/12/26, ~25 wks')).toEqual([['2025-07-21', '2025-11-18']]);
    expect(range('tacrolimus 0.1% 9/8/25-present')).toEqual([['2025-09-08', '2025-11-18']]);
  });

  it('reads "a few years ago" as when, not a course running since, and a hedged reason as no outcome', async () => {
    const { extractNoteFacts } = await import('./index.ts');
    const [mtx] = extractNoteFacts({
      reference: 'DocumentReference/h',
      date: '2026-01-12',
      contentType: 'text/plain',
      text: 'Took methotrexate a few years ago, thinks she stopped because it was not doing much or maybe the nausea.',
    }).filter((f) => f.kind === 'therapy' && f.agent === 'methotrexate');
    expect(mtx).toBeDefined();
    expect(mtx).not.toHaveProperty('durationWeeks');
    expect(mtx).not.toHaveProperty('outcome');
    const [started] = extractNoteFacts({
      reference: 'DocumentReference/s',
      date: '2026-01-12',
      contentType: 'text/plain',
      text: 'Started methotrexate 4 months ago, no improvement.',
    }).filter((f) => f.kind === 'therapy' && f.agent === 'methotrexate');
    expect(started).toMatchObject({ outcome: 'failed' });
    expect(started?.kind === 'therapy' ? started.durationWeeks : 0).toBeGreaterThan(16);
  });

  it('reads "MTX", a stated tolerance that is no intolerance, and a month range with its shortest reading', async () => {
    const { extractNoteFacts } = await import('./index.ts');
    const read = (text: string) =>
      extractNoteFacts({
        reference: 'DocumentReference/m',
        date: '2025-09-29',
        contentType: 'text/plain',
        text,
      }).filter((f) => f.kind === 'therapy');
    expect(read('Took MTX 15 mg weekly 6/2 - 7/28 (8 wks), tolerated well, no nausea.')[0]).toMatchObject({
      agent: 'methotrexate',
      durationWeeks: 8,
      tolerated: true,
    });
    expect(read('Took MTX 15 mg weekly 6/2 - 7/28 (8 wks), tolerated well, no nausea.')[0]).not.toHaveProperty(
      'outcome',
    );
    expect(read('MTX 10/2024-12/2024, d/c for inadequate response.')[0]).toMatchObject({
      durationWeeks: 13,
      shortestWeeks: 4.4,
      outcome: 'failed',
    });
    const naive = extractNoteFacts({
      reference: 'DocumentReference/t',
      date: '2025-09-29',
      contentType: 'text/plain',
      text: 'No prior biologic or other targeted therapy.',
    });
    const denied = naive.flatMap((f) => (f.kind === 'therapy' && f.assertion === 'negated' ? [f.modality] : []));
    expect(denied).toEqual(expect.arrayContaining(['apremilast', 'biologic', 'jak_inhibitor']));
  });

  it('reads a requested drug as asked for, not taken, and gives "continue" to the drug it names', async () => {
    const { extractNoteFacts } = await import('./index.ts');
    const drugs = (text: string) =>
      extractNoteFacts({
        reference: 'DocumentReference/q',
        date: '2025-07-28',
        contentType: 'text/plain',
        text,
      }).flatMap((f) => (f.kind === 'therapy' ? [[f.agent, f.assertion, f.outcome ?? '']] : []));
    expect(drugs('Letter of Medical Necessity - STELARA (ustekinumab)')).toEqual([['ustekinumab', 'hypothetical', '']]);
    expect(drugs('Will request Humira (adalimumab); continue MTX until decision.')).toEqual(
      expect.arrayContaining([['methotrexate', 'affirmed', 'ongoing']]),
    );
    expect(drugs('Will request Humira (adalimumab); continue MTX until decision.')).not.toEqual(
      expect.arrayContaining([['adalimumab', 'affirmed', 'ongoing']]),
    );
    expect(drugs('He saw a TV ad for Humira and asks to start it.')).toEqual([['adalimumab', 'hypothetical', '']]);
  });

  it('reads "off Rinvoq > 2 months" and "stopped 04/11/2025" as the end of the course, not its length', async () => {
    const { extractNoteFacts } = await import('./index.ts');
    const read = (text: string) =>
      extractNoteFacts({ reference: 'DocumentReference/o', date: '2025-06-16', contentType: 'text/plain', text }).find(
        (f) => f.kind === 'therapy',
      );
    const off = read('Interval: off Rinvoq > 2 months.');
    expect(off).toMatchObject({ agent: 'upadacitinib', endedBy: '2025-06-16' });
    expect(off).not.toHaveProperty('durationWeeks');
    expect(read('Rinvoq 15 mg -> STOPPED 04/11/2025 d/t severe acne.')).toMatchObject({
      end: '2025-04-11',
      endedBy: '2025-04-11',
    });
  });

  it('reads "primary non-response to secukinumab" as a failure, not a response', async () => {
    const { extractNoteFacts } = await import('./index.ts');
    const [fact] = extractNoteFacts({
      reference: 'DocumentReference/r',
      date: '2026-05-28',
      contentType: 'text/plain',
      text: 'Plaque psoriasis - primary non-response to secukinumab after ~18 weeks.',
    }).filter((f) => f.kind === 'therapy');
    expect(fact).toMatchObject({ agent: 'secukinumab', outcome: 'failed' });
  });

  it('gives a therapy with a stated range that start and end', async () => {
    const { extractNoteFacts } = await import('./index.ts');
    const facts = extractNoteFacts({
      reference: 'DocumentReference/r',
      date: '2025-11-18',
      contentType: 'text/plain',
      text: 'Assessment: triamcinolone 0.1% ointment BID from 3/10 to 5/19/2025 with poor control.',
    });
    const tcs = facts.filter((f) => f.kind === 'therapy' && f.agent === 'triamcinolone');
    expect(tcs).toHaveLength(1);
    expect(tcs[0]).toMatchObject({ start: '2025-03-10', end: '2025-05-19', durationWeeks: 10 });
    const transient = extractNoteFacts({
      reference: 'DocumentReference/t',
      date: '2025-11-18',
      contentType: 'text/plain',
      text: 'Pimecrolimus to face from 8/25 to 10/20 with only transient improvement.',
    });
    expect(transient.find((f) => f.kind === 'therapy' && f.agent === 'pimecrolimus')).toMatchObject({
      start: '2025-08-25',
      end: '2025-10-20',
      outcome: 'failed',
    });
    // A parent applying the treatment is the patient's course; a wrapped line may go on with its dates.
    const wrapped = extractNoteFacts({
      reference: 'DocumentReference/w',
      date: '2025-11-18',
      contentType: 'text/plain',
      text: 'Dad applied hydrocortisone 2.5% cream BID to body\n9/01-10/20 (7 weeks) with little improvement.',
    });
    expect(wrapped.find((f) => f.kind === 'therapy' && f.agent === 'hydrocortisone')).toMatchObject({
      assertion: 'affirmed',
      start: '2025-09-01',
      end: '2025-10-20',
      outcome: 'failed',
    });
  });

  it('reads explicit dates and skips invalid ones', () => {
    expect(findDates('seen 03/14/2025, PET 02/2025, BCC in 2019, 2025-02-30, 13/45/2025').map((d) => d.value)).toEqual([
      '2025-03-14',
      '2025-02-01',
      '2019-01-01',
    ]);
  });
});

describe('HTML notes', () => {
  it('reads sections and facts from a decoded text/html note', async () => {
    const { htmlToText } = await import('../../fhir/notes.ts');
    const { extractNoteFacts } = await import('./index.ts');
    const html =
      '<h2>History of Present Illness</h2><p>Low back pain x 8 weeks. Denies saddle anesthesia.</p><h2>Plan</h2><ul><li>Continue PT</li></ul>';
    const text = htmlToText(html);
    const facts = extractNoteFacts({
      reference: 'DocumentReference/h',
      date: '2025-05-01',
      contentType: 'text/html',
      text,
    });
    expect(
      facts.some((f) => f.kind === 'red_flag' && f.flag === 'saddle_anesthesia' && f.assertion === 'negated'),
    ).toBe(true);
    const pt = facts.find((f) => f.kind === 'therapy' && f.modality === 'physical_therapy');
    expect(pt?.source.section).toBe('plan');
    for (const f of facts) expect(text.slice(f.source.start, f.source.end)).toBe(f.source.text);
  });
});

describe('lexicon breadth', () => {
  it('reads "nor", "watch for", "former" and other people with a verb', () => {
    expect(flagsOf('Neither fever nor weight loss.', 'weight loss').negated).toBe(true);
    expect(flagsOf('Watch for saddle numbness.', 'saddle numbness').hypothetical).toBe(true);
    expect(flagsOf('Former IV drug user.', 'IV drug user').historical).toBe(true);
    expect(flagsOf('Her husband has melanoma.', 'melanoma').family).toBe(true);
    expect(flagsOf('Victim of intimate partner abuse, chronic low back pain.', 'low back pain').family).toBe(false);
  });
});
