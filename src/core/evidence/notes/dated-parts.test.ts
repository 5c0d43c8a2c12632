import { describe, expect, it } from 'vitest';
import { extractNoteFacts } from './index.ts';
import { datedParts, partDateAt } from './dated-parts.ts';

const faxed = `10/02/2026 15:48  QUEEN CITY NEUROSURGERY  ->  DELHI TWP INT MED      PAGE 001/003
Patient: DOE, RON     DOB 04/11/1960
*** NEW PATIENT CONSULTATION - 08/12/2025 - V. Lindahl, MD ***
HPI: Symptoms progressive x ~18 months despite PT.
LABS (07/30/2025): CBC normal.
*** POST-OPERATIVE VISIT (3 MONTH) - 12/10/2025 ***
S: Leg pain and claudication resolved.`;

describe('dated parts of a note', () => {
  it('dates each statement under a decorated header by the header, and no banner or label line', () => {
    expect(datedParts(faxed, '2026-10-02').map((p) => p.date)).toEqual(['2025-08-12', '2025-12-10']);
    const courses = extractNoteFacts({
      reference: 'DocumentReference/fax',
      date: '2026-10-02',
      contentType: 'text/plain',
      text: faxed,
    }).filter((f) => f.kind === 'symptom_course');
    expect(courses.map((f) => (f.kind === 'symptom_course' ? [f.trend, f.date] : []))).toEqual([
      ['progressive', '2025-08-12'],
      ['resolved', '2025-12-10'],
    ]);
  });

  it('dates every sentence of a chronology line that opens on its date', () => {
    const chronology = [
      'Chronology:',
      '- 06/12/2025 (Chesapeake, Dr. P. Ndiaye): New diagnosis plaque psoriasis. Exam: plaques trunk, arms. BSA 12%.',
      '- 08/01/2025: Partial improvement, BSA 8%.',
      'Exam today: BSA 4%.',
    ].join('\n');
    const bsa = extractNoteFacts({
      reference: 'DocumentReference/summary',
      date: '2026-08-25',
      contentType: 'text/plain',
      text: chronology,
    }).flatMap((f) => (f.kind === 'measurement' && f.name === 'bsa_percent' ? [[f.value, f.date]] : []));
    expect(bsa).toEqual([
      [12, '2025-06-12'],
      [8, '2025-08-01'],
      [4, '2026-08-25'],
    ]);
  });

  it('dates the value a change started from by the time the sentence gives it', () => {
    const bsa = extractNoteFacts({
      reference: 'DocumentReference/n',
      date: '2026-08-25',
      contentType: 'text/plain',
      text: 'Plaque psoriasis, mild-to-moderate (BSA 4%), improved from BSA 12% last year; no crucial-area involvement.',
    }).flatMap((f) => (f.kind === 'measurement' && f.name === 'bsa_percent' ? [[f.value, f.date]] : []));
    expect(bsa).toEqual([
      [4, '2026-08-25'],
      [12, '2025-08-25'],
    ]);
  });

  it('ignores a header dated after the note (a scheduled visit) and one without a full day', () => {
    expect(datedParts('=== Follow-up 11/30/2026 ===\n=== Summer 2024 ===\n', '2026-10-02')).toEqual([]);
  });
});

describe('addenda', () => {
  it('dates an addendum by its own day, on or after the note', () => {
    const text = 'A/P: PT 6 wk.\nAddendum 06/04/2024: PT discharge received - pain resolved.\n';
    expect(datedParts(text, '2024-04-20').map((p) => p.date)).toEqual(['2024-06-04']);
    expect(datedParts('Addendum 01/02/2024: reviewed.', '2024-04-20')).toEqual([]);
  });
});

describe('bracketed asides', () => {
  it('dates every sentence of an aside that opens on a dated label, and only up to its closing bracket', () => {
    const text =
      'HPI: flaring since Feb.\n(Prior visit 3/10/25: Patches on the antecubital fossae. BSA 4%. IGA 2.)\nExam: BSA 18%.';
    const parts = datedParts(text, '2026-05-11');
    expect(parts.map((p) => p.date)).toEqual(['2025-03-10']);
    expect(partDateAt(parts, text.indexOf('BSA 4%'))).toBe('2025-03-10');
    expect(partDateAt(parts, text.indexOf('BSA 18%'))).toBeUndefined();
    // A bracket without a dated label, or a demographic one, dates nothing.
    expect(datedParts('(see phone note: pt called.)\n(DOB 12/07/1980: verified.)', '2026-05-11')).toEqual([]);
  });
});

describe('visit lines in pasted records', () => {
  it('dates what follows an older visit line, and not by the note’s own date of service', () => {
    const text =
      '[OUTSIDE RECORDS - received 10/14/2026 via fax]\n\nOffice Visit 06/30/2025\nP: Continue tacrolimus to face/neck.\n';
    expect(datedParts(text, '2026-10-14').map((p) => p.date)).toEqual(['2025-06-30']);
    expect(datedParts('Date of service: 10/19/2026\nHPI: flare.', '2026-10-19')).toEqual([]);
  });
});

describe('copy-forward markers', () => {
  it('dates the line a marker ends or opens by the marker’s day, and nothing past that line', () => {
    const text = [
      'HPI: 10 days of R leg pain. Pain 8/10, worse sitting. Numbness lateral R foot. [carried forward from 05/20/2026]',
      'Interval: leg pain resolved since early July.',
      '[Exam from 05/20/2026 carried forward: R SLR + 30 deg.]',
      '(copied forward from 04/02/2026) Strength 4/5 R ankle PF.',
    ].join('\n');
    const parts = datedParts(text, '2026-08-05');
    expect(partDateAt(parts, text.indexOf('Pain 8/10'))).toBe('2026-05-20');
    expect(partDateAt(parts, text.indexOf('resolved'))).toBeUndefined();
    expect(partDateAt(parts, text.indexOf('Strength 4/5'))).toBe('2026-04-02');
    // A month will do, and the marker may close the sentence.
    const copied = 'HPI: Pt with psoriasis of scalp, elbows and knees (copied from 06/2025 note).\nToday: scalp clear.';
    const copiedParts = datedParts(copied, '2026-08-26');
    expect(partDateAt(copiedParts, copied.indexOf('scalp'))).toBe('2025-06-01');
    expect(partDateAt(copiedParts, copied.indexOf('clear'))).toBeUndefined();
    // A marker inside a line dates its own sentence only.
    const inline =
      'HPI: 38M w/ psoriasis since 2021. Pt with scalp psoriasis (copied from 06/2025 note). Scalp clear now.';
    const inlineParts = datedParts(inline, '2026-08-26');
    expect(partDateAt(inlineParts, inline.indexOf('scalp psoriasis'))).toBe('2025-06-01');
    expect(partDateAt(inlineParts, inline.indexOf('since 2021'))).toBeUndefined();
    expect(partDateAt(inlineParts, inline.indexOf('Scalp clear'))).toBeUndefined();
  });
});
