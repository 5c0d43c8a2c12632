// A new attempt after an adverse decision may change the order (e.g. lumbar MRI without contrast, 72148, instead of
// without and with contrast, 72149). The case's intake bundle is amended so that the determination and every later
// request are made for the changed order. Pure: returns a new bundle.
import type { Bundle, ServiceRequest } from '@medplum/fhirtypes';
import { SYSTEMS } from '../evidence/index.ts';
import { InvalidInputError } from '../fhir/index.ts';

const CPT_OR_HCPCS = /^([0-9]{4}[0-9FTU]|[A-V][0-9]{4})$/;

export interface ChangedOrder {
  code: string;
  display?: string;
}

/** The bundle with the order `orderReference` (`ServiceRequest/id`) coded as `change`; other resources untouched. */
export function withOrderCode(bundle: Bundle, orderReference: string, change: ChangedOrder): Bundle {
  const [type, id] = orderReference.split('/');
  if (type !== 'ServiceRequest') {
    throw new InvalidInputError([
      {
        severity: 'error',
        code: 'not-supported',
        message: `only a service order (ServiceRequest) can be re-coded; this case's order is a ${type ?? 'resource of no type'}`,
        location: 'body.orderCode',
      },
    ]);
  }
  if (!CPT_OR_HCPCS.test(change.code)) {
    throw new InvalidInputError([
      {
        severity: 'error',
        code: 'value',
        message: `'${change.code}' is not a well-formed CPT or HCPCS Level II code`,
        location: 'body.orderCode',
      },
    ]);
  }
  const system = /^[A-V]/.test(change.code) ? SYSTEMS.hcpcs : SYSTEMS.cpt;
  let found = false;
  const entry = (bundle.entry ?? []).map((e) => {
    const resource = e.resource;
    if (resource?.resourceType !== 'ServiceRequest' || resource.id !== id) return e;
    found = true;
    const order: ServiceRequest = {
      ...resource,
      // The old text would describe the old service: the changed order is named by its code (and display).
      code: {
        coding: [{ system, code: change.code, ...(change.display ? { display: change.display } : {}) }],
        ...(change.display ? { text: change.display } : {}),
      },
    };
    return { ...e, resource: order };
  });
  if (!found) throw new Error(`the case's intake bundle has no ${orderReference}`);
  return { ...bundle, entry };
}
