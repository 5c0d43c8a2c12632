import type { Bundle, Claim, ClaimItem, ClaimSupportingInfo } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { checkPasBundle } from './check.ts';
import { buildPasRequest, type PasRequestInput } from './request.ts';
import { lumbarMriInput } from '../../testing/pas-cases.ts';
import { buildPasCancel, buildPasUpdate } from './update.ts';
import { EXTENSIONS } from './vocabulary.ts';

const submission = (id: string): PasRequestInput['submission'] => ({
  id,
  system: 'urn:trnorg:1999999992',
  timestamp: '2026-03-04T09:00:00Z',
});

function claims(bundle: Bundle): Claim[] {
  return (bundle.entry ?? []).flatMap((e) => (e.resource?.resourceType === 'Claim' ? [e.resource] : []));
}

function first(bundle: Bundle): Claim {
  const [claim] = claims(bundle);
  if (!claim) throw new Error('no claim');
  return claim;
}

const changeOf = (element: ClaimItem | ClaimSupportingInfo): string | undefined =>
  element.extension?.find((e) => e.url === EXTENSIONS.infoChanged)?.valueCode;
const isCancelled = (element: ClaimItem | ClaimSupportingInfo): boolean =>
  element.modifierExtension?.some((e) => e.url === EXTENSIONS.infoCancelled && e.valueBoolean) ?? false;
const certificationOf = (element: {
  extension?: { url: string; valueCodeableConcept?: { coding?: { code?: string }[] } }[];
}) => element.extension?.find((e) => e.url === EXTENSIONS.certificationType)?.valueCodeableConcept?.coding?.[0]?.code;

function changedInput(id: string): PasRequestInput {
  const input = { ...lumbarMriInput(), submission: submission(id) };
  return {
    ...input,
    orderCode: { ...input.orderCode, code: '72158', display: 'MRI lumbar spine w/o & w/ contrast' },
    notes: [
      ...input.notes,
      {
        reference: 'DocumentReference/note-neuro',
        contentType: 'text/plain',
        date: '2026-03-03',
        text: 'New foot drop.',
      },
    ],
  };
}

describe('buildPasUpdate', () => {
  const original = buildPasRequest(lumbarMriInput());
  const update = buildPasUpdate(changedInput('KLV-2026-0001-U1'), original);
  const claim = first(update);

  it('is a Claim Update referencing the earlier Claim, which travels in the Bundle', () => {
    expect(claim.id).toBe('KLV-2026-0001-U1');
    expect(claim.meta?.profile).toEqual([
      'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-claim-update',
    ]);
    expect(claim.related).toEqual([
      {
        claim: { reference: 'Claim/KLV-2026-0001' },
        relationship: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/ex-relatedclaimrelationship', code: 'prior' }],
        },
      },
    ]);
    expect(claims(update).map((c) => c.id)).toEqual(['KLV-2026-0001-U1', 'KLV-2026-0001']);
    expect(update.identifier?.value).toBe('KLV-2026-0001-U1');
    expect(checkPasBundle(update)).toEqual([]);
  });

  it('keeps the item sequence and marks the changed service as changed and revised', () => {
    const [item] = claim.item ?? [];
    expect(item?.sequence).toBe(1);
    expect(item?.productOrService.coding?.[0]?.code).toBe('72158');
    expect(item && changeOf(item)).toBe('changed');
    expect(item && certificationOf(item)).toBe('S');
  });

  it('keeps sequences of documents already sent, numbers new ones after them, resends the dropped one cancelled', () => {
    const rows = (claim.supportingInfo ?? []).map((info) => [
      info.sequence,
      info.valueReference?.reference,
      changeOf(info) ?? '',
      isCancelled(info),
    ]);
    expect(rows).toEqual([
      [1, 'DocumentReference/note-pt', '', false],
      [3, 'DocumentReference/note-neuro', 'added', false],
      [4, 'DocumentReference/KLV-2026-0001-U1-evidence', 'added', false],
      [2, 'DocumentReference/KLV-2026-0001-evidence', 'changed', true],
    ]);
    expect(claim.item?.[0]?.informationSequence).toEqual([1, 3, 4]);
  });

  it('an unchanged resend carries no change marks', () => {
    const resend = first(buildPasUpdate({ ...lumbarMriInput(), submission: submission('KLV-2026-0001-U2') }, original));
    expect(resend.item?.map(changeOf)).toEqual([undefined]);
    expect(resend.item?.[0] && certificationOf(resend.item[0])).toBe('I');
  });

  it('an update of an update names the first request by identifier instead of carrying it', () => {
    const second = buildPasUpdate(changedInput('KLV-2026-0001-U3'), update);
    expect(claims(second).map((c) => c.id)).toEqual(['KLV-2026-0001-U3', 'KLV-2026-0001-U1']);
    expect(claims(second)[1]?.related?.[0]?.claim).toEqual({
      identifier: { system: 'urn:trnorg:1999999992', value: 'KLV-2026-0001' },
    });
    // The item did not change since U1: no mark, and the certification type it was last sent with (revised).
    expect(first(second).item?.map(changeOf)).toEqual([undefined]);
    expect(first(second).item?.map(certificationOf)).toEqual(['S']);
    expect(checkPasBundle(second)).toEqual([]);
  });
});

describe('buildPasUpdate with an item dropped', () => {
  it('resends the dropped item cancelled (UM02 3, infoCancelled, changed), unlinked from renumbered entries', () => {
    const original = buildPasRequest(lumbarMriInput());
    const earlier = first(original);
    const [item] = earlier.item ?? [];
    if (!item) throw new Error('no item');
    earlier.item?.push({ ...item, sequence: 2, diagnosisSequence: [2], informationSequence: [1, 2] });
    const update = buildPasUpdate({ ...lumbarMriInput(), conditions: [], submission: submission('U') }, original);
    const dropped = first(update).item?.find((candidate) => candidate.sequence === 2);
    expect(dropped && [certificationOf(dropped), changeOf(dropped), isCancelled(dropped)]).toEqual([
      '3',
      'changed',
      true,
    ]);
    expect(dropped?.diagnosisSequence).toBeUndefined();
    expect(first(update).diagnosis).toBeUndefined();
    expect(checkPasBundle(update)).toEqual([]);
  });
});

describe('buildPasCancel', () => {
  const original = buildPasRequest(lumbarMriInput());
  const cancel = buildPasCancel(original, submission('KLV-2026-0001-C'));
  const claim = first(cancel);

  it('sends certification type 3 on the Claim, status active, referencing the earlier Claim', () => {
    expect(claim.status).toBe('active');
    expect(certificationOf(claim)).toBe('3');
    expect(claim.related?.[0]?.claim).toEqual({ reference: 'Claim/KLV-2026-0001' });
    expect(claim.identifier).toEqual([{ system: 'urn:trnorg:1999999992', value: 'KLV-2026-0001-C' }]);
    expect(claim.created).toBe('2026-03-04T09:00:00Z');
    expect(claims(cancel).map((c) => c.id)).toEqual(['KLV-2026-0001-C', 'KLV-2026-0001']);
    expect(cancel.entry?.[0]?.fullUrl).toBe('https://ehr.example.test/fhir/Claim/KLV-2026-0001-C');
    expect(checkPasBundle(cancel)).toEqual([]);
  });

  it('resends the earlier items with their sequences', () => {
    expect(claim.item?.map((item) => [item.sequence, item.productOrService.coding?.[0]?.code])).toEqual([[1, '72148']]);
  });

  it('refuses a Bundle that does not start with a Claim', () => {
    expect(() => buildPasCancel({ resourceType: 'Bundle', type: 'collection' }, submission('X'))).toThrow(
      /does not start with a Claim/,
    );
  });
});
