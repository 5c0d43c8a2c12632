import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRequestedInformation } from './information-request.ts';

const fixture: unknown = JSON.parse(
  readFileSync(new URL('../../../fixtures/payer-requests/pas-pended-with-requests.json', import.meta.url), 'utf8'),
);

describe('readRequestedInformation', () => {
  it('reads each CommunicationRequest of a pended ClaimResponse, in a Bundle entry or contained', () => {
    expect(readRequestedInformation(fixture)).toEqual([
      {
        code: '11506-3',
        system: 'http://loinc.org',
        description: 'Physical therapy notes for the last 6 weeks',
        pwkControlNumber: 'PEND0001-1',
        itemSequence: 1,
      },
      {
        code: 'PN',
        system: 'https://codesystem.x12.org/005010/755',
        description: 'Physical therapy notes',
        pwkControlNumber: 'PEND0001-2',
      },
    ]);
  });

  it('finds them inside a rest-hook notification, and nothing in what is not a response', () => {
    const notification = {
      resourceType: 'Bundle',
      type: 'history',
      entry: [{ resource: { resourceType: 'Parameters' } }, { resource: fixture }],
    };
    expect(readRequestedInformation(notification)).toHaveLength(2);
    expect(readRequestedInformation({ resourceType: 'Patient' })).toEqual([]);
    expect(readRequestedInformation('not json')).toEqual([]);
  });
});
