// What a pull is asked for: one patient (`123` or `Patient/123`) and one order (`ServiceRequest/…` or
// `MedicationRequest/…`), checked before any request so that a typo is a clear error, not a 404 later.
export class PullInputError extends Error {}

export type OrderType = 'ServiceRequest' | 'MedicationRequest';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

export function patientId(text: string): string {
  const id = text.replace(/^Patient\//, '');
  if (!FHIR_ID.test(id)) throw new PullInputError(`'${text}' is not a Patient id (1-64 letters, digits, '-', '.')`);
  return id;
}

export function orderTarget(text: string): { type: OrderType; id: string; reference: string } {
  const [type = '', id = '', ...rest] = text.split('/');
  if ((type !== 'ServiceRequest' && type !== 'MedicationRequest') || !FHIR_ID.test(id) || rest.length > 0)
    throw new PullInputError(`'${text}' is not an order reference: ServiceRequest/<id> or MedicationRequest/<id>`);
  return { type, id, reference: `${type}/${id}` };
}
