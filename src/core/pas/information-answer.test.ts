import type { Claim, DocumentReference } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { informationAnswer } from '../../testing/pas-answers.ts';
import { petCtInput } from '../../testing/pas-cases.ts';
import { checkPasBundle } from './check.ts';
import { EXTENSIONS } from './vocabulary.ts';

describe('buildPasInformationAnswer', () => {
  const bundle = informationAnswer();
  const claim = bundle.entry?.[0]?.resource as Claim;

  it('is a Claim Update of the pended Claim, under the answer identifier, passing the PAS checks', () => {
    expect(claim.identifier?.[0]?.value).toBe('KLV-2026-0001-A1');
    expect(claim.related?.[0]?.claim?.reference).toBe(`Claim/${petCtInput().submission.id}`);
    expect(checkPasBundle(bundle)).toEqual([]);
  });

  it('adds one additionalInformation per document, tied to the request by its control number', () => {
    const added = (claim.supportingInfo ?? []).filter((info) =>
      info.extension?.some((e) => e.url === EXTENSIONS.infoChanged && e.valueCode === 'added'),
    );
    const parts = added.map((info) =>
      info.extension
        ?.find((e) => e.url === EXTENSIONS.documentInformation)
        ?.extension?.map((e) => e.valueString ?? e.valueCodeableConcept?.coding?.[0]?.code),
    );
    expect(parts, JSON.stringify(parts)).toEqual([
      ['OZ', 'EL', 'PEND-1', 'Physical therapy progress note (answers: Progress note)'],
      ['PN', 'EL', 'PEND-2', 'Evidence summary (answers: Physical therapy notes)'],
    ]);
    const documents = added.map(
      (info) =>
        bundle.entry?.find((e) => `DocumentReference/${e.resource?.id ?? ''}` === info.valueReference?.reference)
          ?.resource as DocumentReference | undefined,
    );
    expect(documents.map((d) => d?.content[0]?.attachment.title)).toEqual([
      'Physical therapy progress note',
      'Evidence summary',
    ]);
    expect(new Set(added.map((info) => info.sequence)).size).toBe(2);
  });
});
