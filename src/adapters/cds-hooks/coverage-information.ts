// The Da Vinci CRD coverage-information extension, returned as a CDS Hooks 2.0 systemAction that updates each draft
// order: the EHR stores Klivira's assertion on the order itself (covered, PA needed, documentation needed), so that a
// later PAS or DTR step can cite it by its assertion id.
import { randomUUID } from 'node:crypto';
import type { Extension } from '@medplum/fhirtypes';
import type { Determination } from '../../core/determination/index.ts';
import type { DraftOrder } from './request.ts';

export const COVERAGE_INFORMATION_URL =
  'http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information';

export interface SystemAction {
  type: 'create' | 'update' | 'delete';
  description: string;
  resource: DraftOrder;
}

type Covered = 'covered' | 'not-covered' | 'conditional';
type PaNeeded = 'auth-needed' | 'no-auth' | 'satisfied' | 'performpa' | 'conditional';
type DocNeeded = 'no-doc' | 'clinical' | 'admin' | 'both' | 'conditional';

interface Assertion {
  covered: Covered;
  paNeeded?: PaNeeded;
  docNeeded: DocNeeded;
  docPurpose?: 'withpa' | 'retain-doc';
  reason?: string;
}

/** What Klivira can assert from a determination; nothing when it cannot tell whether authorization is needed. */
function assertionOf(d: Determination): Assertion | undefined {
  if (d.paRequired === 'unknown') return undefined;
  const gaps = d.missingDocumentation.length;
  const reason =
    d.determination === 'does_not_meet'
      ? `the record does not meet ${d.policy?.title ?? 'the policy'}`
      : d.determination === 'insufficient_documentation'
        ? `${gaps} documentation item${gaps === 1 ? '' : 's'} missing for ${d.policy?.title ?? 'the policy'}`
        : undefined;
  if (d.paRequired) {
    // The request carries the clinical record whatever it shows; the reason says what it lacks.
    return {
      covered: 'covered',
      paNeeded: 'auth-needed',
      docNeeded: 'clinical',
      docPurpose: 'withpa',
      ...(reason ? { reason } : {}),
    };
  }
  // Without authorization a coverage policy that is not met (an NCD) means the service is not covered; CRD then
  // leaves pa-needed out.
  if (d.determination === 'does_not_meet')
    return { covered: 'not-covered', docNeeded: 'no-doc', ...(reason ? { reason } : {}) };
  return gaps > 0
    ? {
        covered: 'covered',
        paNeeded: 'no-auth',
        docNeeded: 'clinical',
        docPurpose: 'retain-doc',
        ...(reason ? { reason } : {}),
      }
    : { covered: 'covered', paNeeded: 'no-auth', docNeeded: 'no-doc' };
}

export function coverageInformation(d: Determination, coverage: string, date: string): Extension | undefined {
  const assertion = assertionOf(d);
  if (!assertion) return undefined;
  const code = (url: string, value: string): Extension => ({ url, valueCode: value });
  return {
    url: COVERAGE_INFORMATION_URL,
    extension: [
      { url: 'coverage', valueReference: { reference: coverage } },
      code('covered', assertion.covered),
      ...(assertion.paNeeded ? [code('pa-needed', assertion.paNeeded)] : []),
      code('doc-needed', assertion.docNeeded),
      ...(assertion.docPurpose ? [code('doc-purpose', assertion.docPurpose)] : []),
      ...(assertion.reason ? [{ url: 'reason', valueCodeableConcept: { text: assertion.reason } }] : []),
      { url: 'date', valueDate: date },
      { url: 'coverage-assertion-id', valueString: randomUUID() },
    ],
  };
}

/** The order with the assertion added (replacing an earlier one for the same coverage), as an `update` action. */
export function coverageInformationAction(
  order: DraftOrder,
  d: Determination,
  coverage: string | undefined,
  date: string,
): SystemAction | undefined {
  const extension = coverage ? coverageInformation(d, coverage, date) : undefined;
  if (!coverage || !extension) return undefined;
  const earlier = (order.extension ?? []).filter(
    (e) =>
      !(
        e.url === COVERAGE_INFORMATION_URL &&
        e.extension?.some((x) => x.url === 'coverage' && x.valueReference?.reference === coverage)
      ),
  );
  return {
    type: 'update',
    description: `Coverage information for ${order.resourceType}/${order.id ?? ''}`,
    resource: { ...order, extension: [...earlier, extension] } as DraftOrder,
  };
}
