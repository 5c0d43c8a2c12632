// A finding quoted from another clinician, checked against that clinician's own note (quoted-findings.ts).
import { describe, expect, it } from 'vitest';
import type { ClinicalNote } from '../fhir/record.ts';
import { extractNoteFacts } from './notes/index.ts';
import { checkQuotedFindings } from './quoted-findings.ts';

const note = (reference: string, date: string, text: string): ClinicalNote => ({
  reference,
  date,
  contentType: 'text/plain',
  text,
});
const referral = note(
  'DocumentReference/pcp',
  '2026-07-13',
  'From: Bradley Koenig, MD\nExam: SLR positive on the left at 45 degrees. Strength testing limited by pain (give-way). Reflexes hard to elicit at both ankles.\nBradley Koenig, MD',
);
const reply = (text: string) =>
  note('DocumentReference/spine', '2026-07-20', `E-consult response. Requesting: Bradley Koenig, MD\n${text}`);

function deficits(notes: ClinicalNote[]) {
  const facts = checkQuotedFindings(
    notes.flatMap((n) => extractNoteFacts(n)),
    notes,
  );
  return facts
    .filter((f) => f.kind === 'neuro_finding' && (f.finding === 'reflex_change' || f.finding === 'motor_weakness'))
    .map((f) => [f.source.reference, f.assertion]);
}

describe('a finding quoted from another clinician', () => {
  it("is contested when that clinician's own examination does not record it, with the conclusion drawn from it", () => {
    const quoted = reply(
      'Summary: per Dr. Koenig, left L5 radicular pain with an absent left ankle jerk.\nAssessment: with an objective motor deficit after 6 weeks of failed care, MRI is indicated.',
    );
    expect(deficits([referral, quoted]).filter(([ref]) => ref === 'DocumentReference/spine')).toEqual([
      ['DocumentReference/spine', 'uncertain'],
      ['DocumentReference/spine', 'uncertain'],
    ]);
  });

  it("stands when the clinician's note records it, or when that note is not in the record", () => {
    const recorded = note(
      'DocumentReference/pcp',
      '2026-07-13',
      'From: Bradley Koenig, MD\nExam: SLR positive on the left. Left ankle jerk absent.\nBradley Koenig, MD',
    );
    const quoted = reply('Summary: per Dr. Koenig, left L5 radicular pain with an absent left ankle jerk.');
    expect(deficits([recorded, quoted]).filter(([ref]) => ref === 'DocumentReference/spine')).toEqual([
      ['DocumentReference/spine', 'affirmed'],
    ]);
    expect(deficits([quoted])).toEqual([['DocumentReference/spine', 'affirmed']]);
  });
});
