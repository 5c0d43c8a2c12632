// A coded cancer the notes still weigh in a differential is contested, not settled by the code.
import { describe, expect, it } from 'vitest';
import type { Fact } from './fact.ts';
import { contestUnconfirmedDiagnosis } from './unconfirmed-diagnosis.ts';

const cancer = (assertion: Fact['assertion'], reference: string, text: string): Fact => ({
  kind: 'cancer',
  cancerType: 'merkel_cell',
  assertion,
  date: '2026-10-09',
  source: { reference, text },
});

const note = (text: string) => ({
  reference: 'DocumentReference/s',
  date: '2026-10-20',
  contentType: 'text/plain',
  text,
});

describe('an unconfirmed coded diagnosis', () => {
  const coded = cancer('affirmed', 'Condition/mcc', 'Merkel cell carcinoma of other parts of face (C4A.39)');

  it('is uncertain while every note names the cancer only in a differential', () => {
    const ddx = cancer('uncertain', 'DocumentReference/n', 'Ddx: Merkel cell ca vs lymphoma vs pseudolymphoma.');
    const [contested] = contestUnconfirmedDiagnosis([coded, ddx]);
    expect(contested).toMatchObject({ assertion: 'uncertain', contestedBy: { reference: 'DocumentReference/n' } });
  });

  it('stands when a note or report affirms the cancer, or the doubt is not a differential', () => {
    const ddx = cancer('uncertain', 'DocumentReference/n', 'Ddx: Merkel cell ca vs lymphoma.');
    const final = cancer('affirmed', 'DiagnosticReport/p', 'FINAL: Merkel cell carcinoma, CK20 perinuclear dot.');
    expect(contestUnconfirmedDiagnosis([coded, ddx, final])[0]?.assertion).toBe('affirmed');
    const spread = cancer('uncertain', 'DocumentReference/n', 'Concern for nodal spread of the Merkel cell carcinoma.');
    expect(contestUnconfirmedDiagnosis([coded, spread])[0]?.assertion).toBe('affirmed');
  });

  it('is uncertain, with the notes that call it biopsy-proven, while the only pathology is preliminary and a note awaits the final report', () => {
    const prelim = cancer(
      'uncertain',
      'DiagnosticReport/p',
      'PRELIMINARY: small round blue cell neoplasm; differential includes Merkel cell carcinoma.',
    );
    const hearsay = cancer('affirmed', 'DocumentReference/s', 'Per referral biopsy proven Merkel cell carcinoma.');
    const awaiting = note('Path - final report not yet in our system; prelim in chart. Have requested final.');
    const out = contestUnconfirmedDiagnosis([coded, prelim, hearsay], [awaiting]);
    expect(out.map((f) => f.assertion)).toEqual(['uncertain', 'uncertain', 'uncertain']);
    // Without a note awaiting the final report, the clinician's word stands.
    const settled = contestUnconfirmedDiagnosis([coded, prelim, hearsay], [note('Merkel cell carcinoma R arm.')]);
    expect(settled.map((f) => f.assertion)).toEqual(['affirmed', 'uncertain', 'affirmed']);
  });

  it('is uncertain while the only pathology is not diagnostic and the stain that decides it is still to come', () => {
    const read = cancer(
      'uncertain',
      'DiagnosticReport/p',
      'Atypical proliferation; concerning for but not diagnostic of the tumour. Addendum to follow.',
    );
    const assessed = cancer('affirmed', 'DocumentReference/s', '1. Merkel cell carcinoma L cheek.');
    const out = contestUnconfirmedDiagnosis(
      [coded, read, assessed],
      [note('PRAME addendum not yet back; called the lab.')],
    );
    expect(out.map((f) => f.assertion)).toEqual(['uncertain', 'uncertain', 'uncertain']);
  });
});
