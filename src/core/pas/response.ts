// Reads what a payer sends back to a PAS call: a `$submit` response Bundle, an `$inquire` result, or a rest-hook
// notification, down to the ClaimResponse, whose per-item decisions claim-response.ts reads. Input is untrusted
// JSON: a response with no ClaimResponse to read is refused with a PasResponseError that names why, never a crash.
import type { ClaimResponse } from '@medplum/fhirtypes';
import { readClaimResponse } from './claim-response.ts';
import type { PasDecision } from './decision.ts';
import { outcomeReasons } from './http-failure.ts';
import { arrayOf, isObject, stringOf } from './json.ts';

export type PasResponseProblem =
  'not_a_resource' | 'operation_outcome' | 'not_a_response' | 'first_entry_not_claim_response';

export class PasResponseError extends Error {
  readonly problem: PasResponseProblem;

  constructor(problem: PasResponseProblem, message: string) {
    super(message);
    this.name = 'PasResponseError';
    this.problem = problem;
  }
}

/**
 * A `$submit` response Bundle, an `$inquire` Parameters (any parameter holding a Bundle), or a rest-hook
 * notification (a history Bundle whose entries include the response Bundle): the first response found is read.
 */
export function readPasResponse(input: unknown): PasDecision {
  if (!isObject(input) || typeof input.resourceType !== 'string') {
    throw new PasResponseError('not_a_resource', 'the response is not a FHIR resource');
  }
  if (input.resourceType === 'OperationOutcome') {
    throw new PasResponseError(
      'operation_outcome',
      `the payer returned an OperationOutcome: ${outcomeReasons(input).join('; ')}`,
    );
  }
  if (input.resourceType === 'Parameters') {
    const bundle = arrayOf(input.parameter as unknown[] | undefined)
      .map((parameter) => (isObject(parameter) ? parameter.resource : undefined))
      .find((resource) => isObject(resource) && resource.resourceType === 'Bundle');
    if (bundle === undefined) throw new PasResponseError('not_a_response', 'the Parameters hold no response Bundle');
    return readPasResponse(bundle);
  }
  if (input.resourceType !== 'Bundle') {
    throw new PasResponseError('not_a_response', `expected a response Bundle, got ${input.resourceType}`);
  }
  const entries = arrayOf(input.entry as unknown[] | undefined).map((entry) =>
    isObject(entry) ? entry.resource : undefined,
  );
  if (input.type === 'history') {
    const inner = entries.find((resource) => isObject(resource) && resource.resourceType === 'Bundle');
    if (inner === undefined) {
      throw new PasResponseError('not_a_response', 'the notification carries no response Bundle');
    }
    return readPasResponse(inner);
  }
  const [first] = entries;
  if (!isObject(first) || first.resourceType !== 'ClaimResponse') {
    throw new PasResponseError(
      'first_entry_not_claim_response',
      'the first entry of a PAS response Bundle must be the ClaimResponse',
    );
  }
  const identifier = isObject(input.identifier) ? stringOf(input.identifier.value) : undefined;
  return readClaimResponse(first as unknown as ClaimResponse, identifier);
}

/**
 * An `$inquire` result: a Parameters with 0..* inquiry response Bundles (the IG's example names the parameter
 * `responseBundle`, the OperationDefinition `return`; any parameter holding a Bundle counts). None found is an empty
 * list, not an error: the payer knows of no matching authorization.
 */
export function readPasInquiryResult(input: unknown): PasDecision[] {
  if (!isObject(input) || input.resourceType !== 'Parameters') return [readPasResponse(input)];
  return arrayOf(input.parameter as unknown[] | undefined)
    .map((parameter) => (isObject(parameter) ? parameter.resource : undefined))
    .filter((resource) => isObject(resource) && resource.resourceType === 'Bundle')
    .map((bundle) => readPasResponse(bundle));
}
