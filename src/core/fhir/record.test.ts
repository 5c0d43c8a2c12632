import { describe, expect, it } from 'vitest';
import type { Composition, DiagnosticReport, DocumentReference } from '@medplum/fhirtypes';
import { extractNoteFacts } from '../evidence/notes/index.ts';
import { bundle, TEST_PATIENT } from '../../testing/fixtures.ts';
import { buildRecord } from './record.ts';

const composition: Composition = {
  resourceType: 'Composition',
  id: 'visit-1',
  status: 'final',
  type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }] },
  subject: { reference: 'Patient/pat-1' },
  date: '2026-02-27T10:00:00Z',
  author: [{ display: 'Dr. Example' }],
  title: 'Spine clinic follow-up',
  section: [
    {
      title: 'History of Present Illness',
      text: {
        status: 'generated',
        div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Low back pain radiating down the left leg for 8 weeks.</p><p>Denies saddle anesthesia or bladder changes.</p></div>',
      },
    },
    {
      title: 'Assessment',
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Lumbar radiculopathy, L5.</div>' },
      section: [
        {
          title: 'Plan',
          text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">MRI lumbar spine.</div>' },
        },
      ],
    },
  ],
};

describe('Composition sections as notes', () => {
  it('reads the section narratives, titles as headings, and the note reader cites the Composition', () => {
    const record = buildRecord(bundle([TEST_PATIENT, composition]), TEST_PATIENT);
    const note = record.notes[0];
    expect(note?.reference).toBe('Composition/visit-1');
    expect(note?.date).toBe('2026-02-27');
    expect(note?.text).toContain('History of Present Illness:\nLow back pain radiating down the left leg for 8 weeks.');
    expect(note?.text).toContain('Plan:\nMRI lumbar spine.');
    const facts = note ? extractNoteFacts(note) : [];
    expect(facts.length).toBeGreaterThan(0);
    for (const fact of facts) {
      expect(fact.source.reference).toBe('Composition/visit-1');
      if (fact.source.start !== undefined)
        expect(note?.text.slice(fact.source.start, fact.source.end)).toBe(fact.source.text);
    }
    const saddle = facts.find((f) => f.kind === 'red_flag' && f.flag === 'saddle_anesthesia');
    expect(saddle?.assertion).toBe('negated');
  });

  it('skips a Composition without narrative with a warning', () => {
    const empty: Composition = { ...composition, id: 'empty', section: [{ title: 'Plan' }] };
    const record = buildRecord(bundle([TEST_PATIENT, { ...empty, section: [] }]), TEST_PATIENT);
    expect(record.notes).toEqual([]);
    expect(record.warnings).toEqual([
      { reference: 'Composition/empty', message: 'composition skipped: no section narrative' },
    ]);
  });
});

describe('notes the record withdraws', () => {
  const doc = (id: string, text: string, extra: Partial<DocumentReference> = {}): DocumentReference => ({
    resourceType: 'DocumentReference',
    id,
    status: 'current',
    subject: { reference: 'Patient/pat-1' },
    date: '2026-02-27T10:00:00Z',
    content: [{ attachment: { contentType: 'text/plain', data: Buffer.from(text).toString('base64') } }],
    ...extra,
  });

  it('skips a note entered in error, and one a corrected version replaces, each with a warning', () => {
    const record = buildRecord(
      bundle([
        TEST_PATIENT,
        doc('wrong-chart', 'Saddle anesthesia.', { status: 'entered-in-error' }),
        doc('draft-error', 'Saddle anesthesia.', { docStatus: 'entered-in-error' }),
        doc('older-visit', 'Started PT.', { status: 'superseded' }),
        doc('v1', 'Completed 8 weeks of PT.', { status: 'superseded' }),
        doc('v2', 'Correction: completed 2 weeks of PT.', {
          relatesTo: [{ code: 'replaces', target: { reference: 'DocumentReference/v1' } }],
        }),
        doc('addendum', 'Addendum: PT notes received.', {
          relatesTo: [{ code: 'appends', target: { reference: 'DocumentReference/v2' } }],
        }),
      ]),
      TEST_PATIENT,
    );
    // `superseded` alone is an older visit note (Synthea marks every one so): read.
    expect(record.notes.map((n) => n.reference)).toEqual([
      'DocumentReference/older-visit',
      'DocumentReference/v2',
      'DocumentReference/addendum',
    ]);
    expect(record.warnings).toEqual([
      { reference: 'DocumentReference/wrong-chart', message: 'note skipped: entered in error' },
      { reference: 'DocumentReference/draft-error', message: 'note skipped: entered in error' },
      { reference: 'DocumentReference/v1', message: 'note skipped: replaced by DocumentReference/v2' },
    ]);
  });

  it('a replacement pointing outside the bundle or at itself retires nothing', () => {
    const record = buildRecord(
      bundle([
        TEST_PATIENT,
        doc('v3', 'Note.', { relatesTo: [{ code: 'replaces', target: { reference: 'DocumentReference/v3' } }] }),
        doc('v4', 'Note.', { relatesTo: [{ code: 'replaces', target: { reference: 'DocumentReference/gone' } }] }),
      ]),
      TEST_PATIENT,
    );
    expect(record.notes).toHaveLength(2);
    expect(record.warnings).toEqual([]);
  });
});

describe("a report's full text as a note", () => {
  it('reads a DiagnosticReport presentedForm as a note dated by the report, and a feature its comment states', () => {
    const text = [
      'FINAL DIAGNOSIS: Skin, right anterior thigh, punch biopsy: INVASIVE SQUAMOUS CELL CARCINOMA, moderately',
      'differentiated, extending to the deep margin. See comment.',
      '',
      'COMMENT: Focal perineural invasion is identified, involving a single dermal nerve. No lymphovascular invasion.',
    ].join('\n');
    const report: DiagnosticReport = {
      resourceType: 'DiagnosticReport',
      id: 'path-1',
      status: 'final',
      code: { text: 'Surgical pathology report' },
      subject: { reference: 'Patient/pat-1' },
      effectiveDateTime: '2026-09-09T08:00:00-05:00',
      issued: '2026-09-14T16:30:00-05:00',
      presentedForm: [{ contentType: 'text/plain', data: Buffer.from(text).toString('base64') }],
    };
    const record = buildRecord(bundle([TEST_PATIENT, report]), TEST_PATIENT);
    expect(record.notes).toMatchObject([{ reference: 'DiagnosticReport/path-1', date: '2026-09-14', text }]);
    const cancers = extractNoteFacts(record.notes[0] ?? { reference: '', contentType: '', text: '' }).filter(
      (f) => f.kind === 'cancer',
    );
    const perineural = cancers.find((f) => f.kind === 'cancer' && f.aggressiveSubtype === true);
    expect(perineural?.source.text).toContain('Focal perineural invasion is identified');
    expect(perineural).toMatchObject({ cancerType: 'cutaneous_scc', assertion: 'affirmed' });
    // A feature the specimen could not show is no finding of the tumour.
    const open = buildRecord(
      bundle([
        TEST_PATIENT,
        {
          ...report,
          presentedForm: [
            {
              contentType: 'text/plain',
              data: Buffer.from(
                'DIAGNOSIS: Invasive squamous cell carcinoma.\nCOMMENT: Final assessment for perineural invasion requires the excision specimen.',
              ).toString('base64'),
            },
          ],
        },
      ]),
      TEST_PATIENT,
    );
    const openFacts = extractNoteFacts(open.notes[0] ?? { reference: '', contentType: '', text: '' });
    expect(openFacts.some((f) => f.kind === 'cancer' && f.aggressiveSubtype === true)).toBe(false);
  });
});
