import { describe, expect, it } from 'vitest';
import type { DocumentReference } from '@medplum/fhirtypes';
import { bundle, TEST_PATIENT } from '../../testing/fixtures.ts';
import { buildRecord } from './record.ts';
import { setAsideReason } from './request-forms.ts';

const doc = (id: string, text: string, typeText?: string): DocumentReference => ({
  resourceType: 'DocumentReference',
  id,
  status: 'current',
  subject: { reference: 'Patient/pat-1' },
  date: '2026-05-19T16:12:00Z',
  ...(typeText ? { type: { text: typeText } } : {}),
  content: [{ attachment: { contentType: 'text/plain', data: Buffer.from(text).toString('base64') } }],
});

describe('prior-authorization request forms', () => {
  it.each([
    'CVS CAREMARK / CAREFIRST ePA - QUESTION SET RESPONSES (typed by office staff)\n4. Is at least 10% of BSA affected? YES',
    'PRIOR AUTHORIZATION WORKSHEET - Westerville Family Practice\nConservative care: 6 wks PT - YES',
    'UHC provider portal - imaging prior auth (eviCore) - answers entered by staff\nRed flags: yes',
    'PA REQUEST (typed by front desk)          11/17/2026\nLesion size: 2 cm',
    'MOHS AUTH WORKSHEET - Prairie Path Dermatology\nLocation: H zone',
  ])('sets aside %j as the request, not documentation', (text) => {
    expect(setAsideReason(doc('f', text), text)).toMatch(/prior-authorization request form/);
  });

  it.each([
    'LETTER OF MEDICAL NECESSITY\nAetna - Precertification\nI am writing on behalf of my patient…',
    'DERMATOLOGY CONSULTATION\nPlan: staff to submit PA; will request methotrexate records from the PCP.',
    'FAMILY MEDICINE OFFICE NOTE\nPatient completed the Oswestry questionnaire today.',
    'Patient Portal - Pre-Visit Questionnaire (Lakes Area Dermatology)\nItch 8/10',
  ])('keeps %j as a note', (text) => {
    expect(setAsideReason(doc('n', text), text)).toBeUndefined();
  });

  it('names the form in the intake warnings and reads the clinical notes beside it', () => {
    const record = buildRecord(
      bundle([
        TEST_PATIENT,
        doc('consult', 'DERMATOLOGY CONSULTATION\nBSA ~2%. Scalp, face, palms and soles clear.'),
        doc('epa', 'Question set responses\nIs at least 10% of BSA affected? YES - scalp', 'ePA question set - staff'),
      ]),
      TEST_PATIENT,
    );
    expect(record.notes.map((n) => n.reference)).toEqual(['DocumentReference/consult']);
    expect(record.warnings).toEqual([
      {
        reference: 'DocumentReference/epa',
        message:
          "note skipped: a prior-authorization request form (the office's answers to the payer, not clinical documentation)",
      },
    ]);
  });
});

describe("a payer's decision letter", () => {
  it.each([
    'Aetna Medicare\nNOTICE OF DENIAL OF MEDICAL COVERAGE\nLumbar MRI is covered when there are objective findings of motor or reflex changes.',
    'eviCore healthcare - Cigna Radiology Program\nFINAL DETERMINATION - NOT APPROVED      04/10/2026',
    'OptumRx Prior Authorization - Coverage Determination Notice\n(administered on behalf of UnitedHealthcare)',
    'CVS Caremark - Prior Authorization Determination\nOn behalf of CareFirst BlueCross BlueShield',
    'MEDICA - PHARMACY PRIOR AUTHORIZATION\nDetermination notice                 Date: 10/23/2026',
    '[Aetna provider portal message - saved to chart]\n\nFrom: Aetna Precertification\nSubject: Precertification 26-260 - ADDITIONAL INFORMATION REQUIRED / DENIED',
  ])('sets aside %j: its reasons restate the policy', (text) => {
    expect(setAsideReason(doc('d', text), text)).toMatch(/payer's decision letter/);
  });

  it.each([
    'ADDENDUM - response to Cigna denial dated 04/24/2026\nBSA 12% today; antecubital and popliteal fossae.',
    'Desert Sun Dermatology\nADDENDUM / RECONSIDERATION REQUEST - eviCore case 26-16210774',
    'PROGRESS NOTE\nCigna coverage determination reviewed with the patient; exam today: EHL 4/5.',
    'Telephone note\nFrom: patient\nAsks whether the prior authorization was denied; itching worse, BSA unchanged.',
  ])("keeps the clinician's answer %j as a note", (text) => {
    expect(setAsideReason(doc('n', text), text)).toBeUndefined();
  });
});
