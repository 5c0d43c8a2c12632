// The MRN the work queue shows: the identifier typed MR (HL7 v2-0203), else the first one with a value.
import { describe, expect, it } from 'vitest';
import { medicalRecordNumber } from './queue-columns.ts';

const MR = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] };

describe('medical record number', () => {
  it('prefers the identifier typed MR, else takes the first with a value', () => {
    expect(
      medicalRecordNumber({
        resourceType: 'Patient',
        identifier: [
          { system: 'urn:ssn', value: '999-00-1234' },
          { type: MR, value: 'MRN-1' },
        ],
      }),
    ).toBe('MRN-1');
    expect(medicalRecordNumber({ resourceType: 'Patient', identifier: [{ system: 'x' }, { value: 'first' }] })).toBe(
      'first',
    );
    expect(medicalRecordNumber({ resourceType: 'Patient' })).toBeNull();
  });
});
