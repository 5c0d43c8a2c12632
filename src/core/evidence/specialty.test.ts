// A clinician's specialty from encounters, note headings and note authors, cited with its source.
import { describe, expect, it } from 'vitest';
import type { Bundle, Patient } from '@medplum/fhirtypes';
import { buildRecord } from '../fhir/record.ts';
import { specialtyFacts, specialtiesOfConcepts } from './specialty.ts';

const note = (id: string, text: string, author?: string) => ({
  resource: {
    resourceType: 'DocumentReference' as const,
    id,
    status: 'current' as const,
    subject: { reference: 'Patient/p' },
    date: '2026-02-03T10:00:00Z',
    ...(author ? { author: [{ reference: author }] } : {}),
    content: [{ attachment: { contentType: 'text/plain', data: Buffer.from(text).toString('base64') } }],
  },
});

function record(entries: Bundle['entry']) {
  const patient: Patient = { resourceType: 'Patient', id: 'p' };
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ resource: patient }, ...(entries ?? [])],
  };
  return buildRecord(bundle, patient);
}

describe('specialty evidence', () => {
  it('reads NUCC codes and words', () => {
    expect(specialtiesOfConcepts([{ coding: [{ code: '207N00000X' }] }])).toEqual(['dermatology']);
    expect(specialtiesOfConcepts([{ text: 'Pediatric Allergy and Immunology' }])).toEqual(['allergy_immunology']);
    expect(specialtiesOfConcepts([{ text: 'Annual physical' }])).toEqual([]);
    // A code of a group whose every member is one kind of clinician (363L: nurse practitioners); a family nurse
    // practitioner practises family medicine.
    expect(specialtiesOfConcepts([{ coding: [{ code: '363LA2200X' }] }])).toEqual(['nurse_practitioner']);
    expect(specialtiesOfConcepts([{ coding: [{ code: '363LF0000X' }] }])).toEqual(['family_medicine']);
    expect(specialtiesOfConcepts([{ coding: [{ code: '207NP0225X' }] }])).toEqual(['dermatology']);
  });

  it('reads a practice letterhead and a board diplomate signature as the specialty', () => {
    const head = specialtyFacts(
      record([
        note(
          'n1',
          'NORTH STAR ALLERGY & CLINICAL IMMUNOLOGY, P.A.\nAllergy, Asthma & Clinical Immunology\nDear Dr. Lind,',
        ),
      ]),
    );
    expect(head[0]).toMatchObject({ specialty: 'allergy_immunology' });
    const signed = specialtyFacts(
      record([
        note(
          'n2',
          'Plan: dupilumab.\n\nSincerely,\n\nA. Thorsgaard, MD\nDiplomate, American Board of Allergy and Immunology',
        ),
      ]),
    );
    expect(signed.map((f) => f.specialty)).toContain('allergy_immunology');
  });

  it('reads an eConsult response heading as a consultation with that specialty', () => {
    const facts = specialtyFacts(record([note('n1', 'PRAIRIE LAKES DERMATOLOGY - eCONSULT RESPONSE\nQuestion: AD.')]));
    expect(facts[0]).toMatchObject({ specialty: 'dermatology', consult: true });
    const qualified = specialtyFacts(record([note('n1', 'DERMATOLOGY INTERPROFESSIONAL E-CONSULT\nQuestion: AD.')]));
    expect(qualified[0]).toMatchObject({ specialty: 'dermatology', consult: true });
  });

  it('reads a specialty seen by telehealth ("Teledermatology consult") as that specialty', () => {
    expect(specialtiesOfConcepts([{ text: 'Teledermatology consult (live video)' }])).toEqual(['dermatology']);
    const facts = specialtyFacts(
      record([note('n1', 'GREAT PLAINS DERMATOLOGY - TELEDERMATOLOGY CONSULT NOTE\nReason: psoriasis.')]),
    );
    expect(facts[0]).toMatchObject({ specialty: 'dermatology', consult: true });
  });

  it('reads a note heading, not a passing mention further down', () => {
    const facts = specialtyFacts(
      record([
        note('n1', 'RHEUMATOLOGY CONSULT\nReason: joint pain with plaques.', 'Practitioner/dr-a'),
        note(
          'n2',
          'Progress note\nS: itchy rash.\nO: plaques.\nA: psoriasis.\nP: refer to dermatology clinic next month.',
        ),
      ]),
    );
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({
      specialty: 'rheumatology',
      via: 'note_heading',
      consult: true,
      practitioners: ['Practitioner/dr-a'],
      source: { reference: 'DocumentReference/n1', text: 'RHEUMATOLOGY CONSULT' },
    });
  });

  it('names a note’s author by Type/id when the export writes urn:uuid references', () => {
    const facts = specialtyFacts(
      record([
        {
          fullUrl: 'urn:uuid:0b7c6c52-0000-4000-8000-000000000001',
          resource: { resourceType: 'Practitioner', id: '0b7c6c52-0000-4000-8000-000000000001' },
        },
        note('n1', 'DERMATOLOGY CLINIC - RIVER SKIN\nS: plaques.', 'urn:uuid:0b7c6c52-0000-4000-8000-000000000001'),
      ]),
    );
    expect(facts[0]?.practitioners).toEqual(['Practitioner/0b7c6c52-0000-4000-8000-000000000001']);
  });

  it('reads the signature block and names the signer among the record’s practitioners', () => {
    const facts = specialtyFacts(
      record([
        { resource: { resourceType: 'Practitioner', id: 'dr-k', name: [{ family: 'Albrecht', given: ['Kenji'] }] } },
        { resource: { resourceType: 'Practitioner', id: 'dr-x', name: [{ family: 'Greenhalgh' }] } },
        note(
          'n1',
          'Progress note\nA: atopic dermatitis.\nP: dupilumab.\n\nKenji Albrecht, MD\nBoard-certified Dermatologist',
        ),
        note('n2', 'A: psoriasis.\n\nL. Greenhalgh, MD, FAAD'),
      ]),
    );
    expect(facts.map((f) => [f.via, f.specialty, f.practitioners])).toEqual([
      ['note_signature', 'dermatology', ['Practitioner/dr-k']],
      ['note_signature', 'dermatology', ['Practitioner/dr-x']],
    ]);
  });

  it('reads a service beside the signer’s credential only when the line names a practitioner of the record', () => {
    const facts = specialtyFacts(
      record([
        { resource: { resourceType: 'Practitioner', id: 'dr-c', name: [{ family: 'Castellanos', given: ['Owen'] }] } },
        note('n1', 'A: hand and foot eczema.\nP: dupilumab.\nOwen Castellanos, MD - Dermatology'),
        note('n2', 'Referred by J. Smith, MD - Dermatology (outside).'),
      ]),
    );
    expect(facts.map((f) => [f.via, f.specialty, f.practitioners])).toEqual([
      ['note_signature', 'dermatology', ['Practitioner/dr-c']],
    ]);
  });

  it('reads a service on its own line under the signer’s name and credential', () => {
    const facts = specialtyFacts(
      record([
        { resource: { resourceType: 'Practitioner', id: 'dr-b', name: [{ family: 'Beecham', given: ['Howard'] }] } },
        note('n1', 'Plan: start risankizumab.\n\nHoward J. Beecham, MD\nDermatology\nElectronically signed 03/10/2026'),
      ]),
    );
    expect(facts.map((f) => [f.via, f.specialty, f.practitioners])).toEqual([
      ['note_signature', 'dermatology', ['Practitioner/dr-b']],
    ]);
  });

  it('reads an encounter type and a note author role', () => {
    const facts = specialtyFacts(
      record([
        {
          resource: {
            resourceType: 'Encounter',
            id: 'e1',
            status: 'finished',
            class: { code: 'AMB' },
            type: [{ text: 'Dermatology office visit' }],
            participant: [{ individual: { reference: 'Practitioner/dr-b' } }],
            period: { start: '2026-02-03' },
          },
        },
        {
          resource: {
            resourceType: 'Practitioner',
            id: 'dr-c',
            qualification: [{ code: { coding: [{ code: '207K00000X' }] } }],
          },
        },
        note('n3', 'Follow-up\nEczema better.', 'Practitioner/dr-c'),
      ]),
    );
    expect(facts.map((f) => [f.via, f.specialty])).toEqual([
      ['encounter', 'dermatology'],
      ['note_author', 'allergy_immunology'],
    ]);
  });
});
