// The patient's record as cql-exec-fhir reads it: one Bundle per patient whose first Patient is the patient. A
// transaction or collection Bundle (fullUrls or not) is flattened into that shape; the order and the Coverage the
// response's context names are found in it by `Type/id`.
import type { Bundle, BundleEntry, Coverage, Patient, Resource } from '@medplum/fhirtypes';
import { PrefillInputError } from './errors.ts';

/** The Bundle types that carry a record's resources (a searchset too, as an EHR query returns them). */
const RECORD_TYPES = new Set(['transaction', 'collection', 'batch', 'searchset', 'document']);

export interface PatientRecord {
  /** A collection Bundle: the patient first, then every other resource (other Patients left out). */
  bundle: Bundle;
  patient: Patient;
  order: Resource;
  /** The Coverage the order names (or the patient's only one); undefined when the record has none. */
  coverage?: { reference: string; resource?: Coverage };
}

const ORDER = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

const refOf = (r: Resource): string => `${r.resourceType}/${r.id ?? ''}`;

function matches(entry: BundleEntry, reference: string): boolean {
  const r = entry.resource;
  if (!r) return false;
  return refOf(r) === reference || entry.fullUrl === reference || (entry.fullUrl?.endsWith(`/${reference}`) ?? false);
}

function referenceField(resource: Resource, field: string): string | undefined {
  const value = (resource as unknown as Record<string, unknown>)[field];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'object' || first === null) return undefined;
  // DeviceRequest.insurance is Reference[]; CRD/DTR put the Coverage there, as do ServiceRequest and MedicationRequest.
  const reference = (first as { reference?: unknown }).reference;
  return typeof reference === 'string' ? reference : undefined;
}

/** `ResourceType/id` → its resource type; throws for anything else (the caller's --order). */
export function orderType(orderReference: string): string {
  const type = ORDER.exec(orderReference)?.[1];
  if (type === undefined) {
    throw new PrefillInputError('options', `--order '${orderReference}' is not a reference ResourceType/id`);
  }
  return type;
}

export function readRecord(input: unknown, orderReference: string): PatientRecord {
  const type = orderType(orderReference);
  if (typeof input !== 'object' || input === null || (input as Resource).resourceType !== 'Bundle') {
    throw new PrefillInputError('record', 'is not a FHIR Bundle (expected a transaction or collection Bundle)');
  }
  const bundle = input as Bundle;
  if (bundle.type !== undefined && !RECORD_TYPES.has(bundle.type)) {
    throw new PrefillInputError('record', `Bundle.type is '${bundle.type}': expected transaction or collection`);
  }
  const entries = (bundle.entry ?? []).filter((e): e is BundleEntry & { resource: Resource } => !!e.resource);
  const orderEntry = entries.find((e) => matches(e, orderReference));
  if (!orderEntry) {
    const sameType = entries.filter((e) => e.resource.resourceType === type).map((e) => refOf(e.resource));
    throw new PrefillInputError(
      'record',
      `has no ${orderReference} (the --order)${sameType.length > 0 ? `; it has ${sameType.join(', ')}` : ''}`,
    );
  }
  const order = orderEntry.resource;
  const patients = entries.filter(
    (e): e is BundleEntry & { resource: Patient } => e.resource.resourceType === 'Patient',
  );
  const subject = referenceField(order, 'subject');
  const patientEntry = subject
    ? patients.find((e) => matches(e, subject))
    : patients.length === 1
      ? patients[0]
      : undefined;
  if (!patientEntry) {
    throw new PrefillInputError(
      'record',
      patients.length === 0
        ? 'has no Patient resource'
        : `has no Patient the order's subject names (${subject ?? `${patients.length} Patients, no subject on the order`})`,
    );
  }
  const patient = patientEntry.resource;
  const insurance = referenceField(order, 'insurance');
  const coverages = entries.filter((e) => e.resource.resourceType === 'Coverage');
  const coverageEntry = insurance
    ? coverages.find((e) => matches(e, insurance))
    : coverages.length === 1
      ? coverages[0]
      : undefined;
  const coverageReference = coverageEntry ? refOf(coverageEntry.resource) : insurance;
  return {
    bundle: {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: patient },
        ...entries.filter((e) => e.resource.resourceType !== 'Patient').map((e) => ({ resource: e.resource })),
      ],
    },
    patient,
    order,
    ...(coverageReference !== undefined
      ? {
          coverage: {
            reference: coverageReference,
            ...(coverageEntry ? { resource: coverageEntry.resource as Coverage } : {}),
          },
        }
      : {}),
  };
}
