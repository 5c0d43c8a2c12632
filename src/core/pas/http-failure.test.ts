import { describe, expect, it } from 'vitest';
import { hasShared } from '../../testing/shared.ts';
import { classifyHttpFailure } from './http-failure.ts';
import { sharedResources } from '../../testing/pas-profile-validator.ts';

const OUTCOME = {
  resourceType: 'OperationOutcome',
  issue: [
    {
      severity: 'error',
      code: 'invalid',
      details: { text: 'Claim.insurance is required' },
      expression: ['Bundle.entry[0].resource.insurance'],
    },
    { severity: 'error', code: 'structure', diagnostics: '999 AK9*R' },
  ],
};

describe('classifyHttpFailure', () => {
  it('a 4xx with an OperationOutcome is a rejection with its reasons: do not retry', () => {
    expect(classifyHttpFailure(422, OUTCOME)).toEqual({
      kind: 'rejected',
      retry: false,
      status: 422,
      reasons: [
        'error invalid: Claim.insurance is required: at Bundle.entry[0].resource.insurance',
        'error structure: 999 AK9*R',
      ],
    });
  });

  it('reads the OperationOutcome from JSON text too', () => {
    expect(classifyHttpFailure(400, JSON.stringify(OUTCOME))).toMatchObject({ retry: false, reasons: { length: 2 } });
  });

  it('a 4xx without an OperationOutcome is still a rejection', () => {
    expect(classifyHttpFailure(404, '<html>not found</html>')).toEqual({
      kind: 'rejected',
      retry: false,
      status: 404,
      reasons: ['HTTP 404 without an OperationOutcome'],
    });
  });

  it.each([500, 502, 503, 504, 408, 429])('HTTP %i is transient: retry', (status) => {
    expect(classifyHttpFailure(status, OUTCOME)).toEqual({
      kind: 'transient',
      retry: true,
      status,
      reason: `HTTP ${status}`,
    });
  });

  it('time-outs and dropped connections are transient', () => {
    expect(classifyHttpFailure('timeout')).toMatchObject({ kind: 'transient', retry: true });
    expect(classifyHttpFailure('network_error')).toMatchObject({ kind: 'transient', retry: true });
  });

  it('an unexpected status (a redirect) is not retried', () => {
    expect(classifyHttpFailure(302)).toMatchObject({ kind: 'rejected', retry: false });
  });

  it.skipIf(!hasShared('pas', 'examples'))('the IG invalid-request example reads as a rejection', () => {
    const outcome = sharedResources('pas', 'examples').get('OperationOutcome-InvalidRequestResponse.json');
    expect(classifyHttpFailure(400, outcome)).toMatchObject({
      retry: false,
      reasons: ['error invalid: The input request is not of the desired format.'],
    });
  });
});
