import type { Bundle, Claim, DocumentReference, Resource } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPasBundle } from './check.ts';
import { buildPasRequest } from './request.ts';
import { dupilumabInput, inputFor, lumbarMriCase, lumbarMriInput, petCtInput } from '../../testing/pas-cases.ts';
import { EXTENSIONS, SYSTEMS } from './vocabulary.ts';

function claimOf(bundle: Bundle): Claim {
  const claim = bundle.entry?.[0]?.resource;
  if (claim?.resourceType !== 'Claim') throw new Error('first entry is not a Claim');
  return claim;
}

function resource<T extends Resource['resourceType']>(
  bundle: Bundle,
  reference: `${T}/${string}`,
): Extract<Resource, { resourceType: T }> {
  const found = bundle.entry?.find(
    (e) => e.resource && `${e.resource.resourceType}/${e.resource.id ?? ''}` === reference,
  );
  if (!found?.resource) throw new Error(`${reference} not in bundle`);
  return found.resource as Extract<Resource, { resourceType: T }>;
}

function decoded(document: DocumentReference): string {
  return Buffer.from(document.content[0]?.attachment.data ?? '', 'base64').toString('utf8');
}

const extension = (element: { extension?: { url: string }[] }, url: string): unknown =>
  element.extension?.find((e) => e.url === url);

describe('buildPasRequest', () => {
  it.each([
    ['lumbar MRI', lumbarMriInput],
    ['PET/CT', petCtInput],
    ['dupilumab', dupilumabInput],
  ])('%s: a self-contained collection with the Claim first, passing our structural checks', (_, makeInput) => {
    const bundle = buildPasRequest(makeInput());
    expect(bundle.type).toBe('collection');
    expect(bundle.identifier?.value).toMatch(/^KLV-2026-/);
    expect(bundle.timestamp).toBe('2026-03-02T14:05:00Z');
    expect(claimOf(bundle).use).toBe('preauthorization');
    expect(checkPasBundle(bundle)).toEqual([]);
  });

  it('is deterministic, JSON-clean, and leaves its input untouched', () => {
    const input = lumbarMriInput();
    const before = structuredClone(input.patient);
    const bundle = buildPasRequest(input);
    expect(bundle).toStrictEqual(buildPasRequest(lumbarMriInput()));
    expect(JSON.parse(JSON.stringify(bundle))).toStrictEqual(bundle);
    expect(input.patient).toEqual(before);
  });

  it('whatever notes arrive, each becomes its own document and the Bundle stays self-contained', () => {
    const note = fc.record({
      reference: fc.oneof(
        fc.string({ maxLength: 80 }).map((id) => `DocumentReference/${id}`),
        fc.string({ maxLength: 10 }).map((id) => `Composition/${id}`),
      ),
      contentType: fc.constant('text/plain'),
      text: fc.string(),
    });
    fc.assert(
      fc.property(fc.array(note, { maxLength: 6 }), (notes) => {
        const bundle = buildPasRequest({ ...lumbarMriInput(), notes });
        expect(checkPasBundle(bundle)).toEqual([]);
        const sources = new Set(notes.map((n) => n.reference)).size;
        expect(claimOf(bundle).supportingInfo).toHaveLength(sources + 1);
      }),
      { numRuns: 200 },
    );
  });

  it('gives each entry its REST URL as fullUrl and includes every reached resource once', () => {
    const bundle = buildPasRequest(lumbarMriInput());
    const urls = (bundle.entry ?? []).map((e) => e.fullUrl);
    expect(urls).toEqual([
      'https://ehr.example.test/fhir/Claim/KLV-2026-0001',
      'https://ehr.example.test/fhir/Patient/pat-7',
      'https://ehr.example.test/fhir/Organization/org-uhc',
      'https://ehr.example.test/fhir/Organization/org-clinic',
      'https://ehr.example.test/fhir/DocumentReference/note-pt',
      'https://ehr.example.test/fhir/DocumentReference/KLV-2026-0001-evidence',
      'https://ehr.example.test/fhir/Coverage/cov-org-uhc',
      'https://ehr.example.test/fhir/ServiceRequest/sr-mri',
      'https://ehr.example.test/fhir/Practitioner/prac-1',
    ]);
    // Links to resources the caller did not provide are dropped rather than left dangling.
    expect(resource(bundle, 'Patient/pat-7').generalPractitioner).toBeUndefined();
  });

  it('maps the claim: identifiers, parties, level of service, diagnoses and the item', () => {
    const claim = claimOf(buildPasRequest(lumbarMriInput()));
    expect(claim.identifier).toEqual([{ system: 'urn:trnorg:1999999992', value: 'KLV-2026-0001' }]);
    expect(claim.status).toBe('active');
    expect(claim.patient.reference).toBe('Patient/pat-7');
    expect(claim.insurer?.reference).toBe('Organization/org-uhc');
    expect(claim.provider?.reference).toBe('Organization/org-clinic');
    expect(claim.priority.coding?.[0]?.code).toBe('normal');
    expect(claim.insurance).toEqual([{ sequence: 1, focal: true, coverage: { reference: 'Coverage/cov-org-uhc' } }]);
    expect(extension(claim, EXTENSIONS.levelOfService)).toMatchObject({
      valueCodeableConcept: { coding: [{ code: 'E' }] },
    });
    expect(extension(claim, EXTENSIONS.transmissionIdentifiers)).toMatchObject({
      extension: [
        { url: 'interchangeSenderID', valueString: '1999999992' },
        { url: 'interchangeReceiverID', valueString: '87726' },
      ],
    });
    // SNOMED 128196005 maps to M54.16; the ICD-10 coded condition is sent as is.
    expect(claim.diagnosis?.map((d) => d.diagnosisCodeableConcept?.coding?.[0]?.code)).toEqual(['M54.16', 'M54.50']);
    expect(claim.careTeam?.[0]).toMatchObject({ sequence: 1, provider: { reference: 'Organization/org-clinic' } });
    const item = claim.item?.[0];
    expect(item).toMatchObject({
      sequence: 1,
      careTeamSequence: [1],
      diagnosisSequence: [1, 2],
      informationSequence: [1, 2],
      category: { coding: [{ code: '62' }] },
      productOrService: { coding: [{ system: SYSTEMS.cpt, code: '72148' }] },
      servicedDate: '2026-03-10',
      locationCodeableConcept: { coding: [{ code: '11' }] },
      quantity: { value: 1, code: 'FL' },
    });
    expect(item && extension(item, EXTENSIONS.certificationType)).toMatchObject({
      valueCodeableConcept: { coding: [{ code: 'I' }] },
    });
    expect(item && extension(item, EXTENSIONS.requestedService)).toMatchObject({
      valueReference: { reference: 'ServiceRequest/sr-mri' },
    });
  });

  it('sends the notes and an evidence summary inline, each described by documentInformation', () => {
    const bundle = buildPasRequest(lumbarMriInput());
    const claim = claimOf(bundle);
    expect(claim.supportingInfo?.map((s) => s.valueReference?.reference)).toEqual([
      'DocumentReference/note-pt',
      'DocumentReference/KLV-2026-0001-evidence',
    ]);
    expect(claim.supportingInfo?.[0]?.extension?.[0]).toMatchObject({
      url: EXTENSIONS.documentInformation,
      extension: [
        { url: 'reportTypeCode', valueCodeableConcept: { coding: [{ code: 'M1' }] } },
        { url: 'transmissionMethod', valueCodeableConcept: { coding: [{ code: 'EL' }] } },
        { url: 'description', valueString: 'Physical therapy discharge note, 2026-02-27' },
      ],
    });
    const note = resource(bundle, 'DocumentReference/note-pt');
    expect(note.type?.coding?.[0]?.code).toBe('11506-3');
    expect(note.author).toEqual([{ reference: 'Practitioner/prac-1' }]);
    expect(note.date).toBe('2026-02-27T09:30:00Z');
    expect(note.content[0]?.attachment.url).toBeUndefined();
    expect(decoded(note)).toContain('Completed 8 weeks of physical therapy');
    const summary = decoded(resource(bundle, 'DocumentReference/KLV-2026-0001-evidence'));
    expect(summary).toContain('[met] Conservative therapy for at least six weeks');
    expect(summary).toContain(
      'Evidence (DocumentReference/note-pt): "Completed 8 weeks of physical therapy without relief."',
    );
    expect(summary).toContain('- Confirm no lumbar imaging in the past 12 months');
  });

  it('a note dated by a day where FHIR requires an instant goes out without that date, its day in the period', () => {
    const testCase = lumbarMriCase();
    const note = testCase.bundle.entry?.find((e) => e.resource?.id === 'note-pt')?.resource as DocumentReference;
    note.date = '2026-02-27';
    const bundle = buildPasRequest(inputFor(testCase, 'KLV-2026-0001'));
    const sent = resource(bundle, 'DocumentReference/note-pt');
    expect(sent.date).toBeUndefined();
    expect(sent.context?.period?.start).toBe('2026-02-27');
    expect(checkPasBundle(bundle)).toEqual([]);
  });

  it('PET/CT for Medicare: modifier PS as HCPCS, urgent, a PractitionerRole requester with its practitioner', () => {
    const bundle = buildPasRequest(petCtInput());
    const claim = claimOf(bundle);
    // Intake gives a display-less code its own code as display; that is not sent as a display.
    expect(claim.item?.[0]?.productOrService).toEqual({ coding: [{ system: SYSTEMS.cpt, code: '78815' }] });
    expect(claim.item?.[0]?.modifier).toEqual([{ coding: [{ system: SYSTEMS.hcpcs, code: 'PS' }] }]);
    expect(claim.priority.coding?.[0]?.code).toBe('stat');
    expect(claim.provider?.reference).toBe('PractitionerRole/role-onc');
    expect(resource(bundle, 'Practitioner/prac-1').id).toBe('prac-1');
    expect(resource(bundle, 'Organization/org-clinic').name).toBe('Northfield Spine Clinic');
    // Medicare member id from subscriberId becomes the MB identifier PAS Coverage requires.
    expect(resource(bundle, 'Coverage/cov-org-cms').identifier).toEqual([
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MB' }] },
        value: '1EG4TE5MK73',
      },
    ]);
  });

  it('dupilumab: no NDC, so not-applicable plus the RxNorm code; urn:uuid references become Type/id', () => {
    const bundle = buildPasRequest(dupilumabInput());
    const item = claimOf(bundle).item?.[0];
    expect(item?.productOrService.coding).toEqual([
      { system: SYSTEMS.dataAbsentReason, code: 'not-applicable' },
      { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1876376', display: 'dupilumab' },
    ]);
    expect(item?.category?.coding?.[0]?.code).toBe('88');
    expect(item?.quantity?.value).toBe(2);
    const order = resource(bundle, 'MedicationRequest/mr-dupi');
    expect(order.subject.reference).toBe('Patient/pat-7');
    expect(order.requester?.reference).toBe('Practitioner/prac-1');
  });
});
