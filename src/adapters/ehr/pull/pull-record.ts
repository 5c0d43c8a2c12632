// A patient's record for one order, pulled from an EHR's FHIR server into the collection Bundle the product's
// intake takes: the Patient and the order (without them there is no case: an error), then concurrently the
// coverages with their payers and the clinical history, the clinicians and organizations referenced, and the notes'
// Binary attachments inlined. What cannot be had is a warning, and the case is made from the rest.
//
//   const { bundle, warnings } = await pullRecord({ fhirBase, auth, patient: '123', order: 'ServiceRequest/9' });
import type { Bundle, MedicationRequest, Patient, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { inlineAttachments } from './attachments.ts';
import type { FhirAuth } from './auth.ts';
import { PullBudget } from './budget.ts';
import { FhirClient } from './fhir-client.ts';
import { type PullLimits, pullLimits } from './limits.ts';
import { inPool } from './pool.ts';
import { missingReferenceSearches } from './references.ts';
import { keyOf, RecordSet } from './record-set.ts';
import { fetchJson, type PullContext, searchAll } from './search.ts';
import { orderTarget, patientId } from './targets.ts';

export interface PullRequest {
  fhirBase: string;
  /** Absent for an open server. */
  auth?: FhirAuth;
  /** `123` or `Patient/123`. */
  patient: string;
  /** `ServiceRequest/…` or `MedicationRequest/…`. */
  order: string;
  limits?: Partial<PullLimits>;
}

export interface PullStats {
  resources: number;
  bytes: number;
  requests: number;
  retries: number;
  durationMs: number;
}

export interface PullResult {
  bundle: Bundle;
  warnings: string[];
  stats: PullStats;
}

/** The patient or the order could not be had: there is no case to make. */
export class PullError extends Error {}

/** The patient's history the criteria read, each searched by `patient=`. */
export const CLINICAL_TYPES = [
  'Condition',
  'Observation',
  'Procedure',
  'MedicationRequest',
  'MedicationStatement',
  'DiagnosticReport',
  'ImagingStudy',
  'Encounter',
  'FamilyMemberHistory',
  'DocumentReference',
] as const;

/** Rounds of following references (a PractitionerRole's Organization is the second). */
const REFERENCE_ROUNDS = 2;

type Order = ServiceRequest | MedicationRequest;

interface Search {
  label: string;
  query: string;
}

function query(path: string, params: [string, string][]): string {
  return `${path}?${new URLSearchParams(params).toString()}`;
}

async function pullPatient(context: PullContext, id: string): Promise<Patient> {
  const read = await fetchJson<Resource>(context, 'the Patient', context.client.resolve(`Patient/${id}`));
  if (!read.ok) throw new PullError(read.warning);
  if (read.value.resourceType !== 'Patient' || read.value.id !== id)
    throw new PullError('the Patient read answered another resource');
  return read.value;
}

/** The order with its requester (and a requesting PractitionerRole's Practitioner) in one search. */
async function pullOrder(context: PullContext, target: ReturnType<typeof orderTarget>): Promise<Resource[]> {
  const label = `the order ${target.reference}`;
  const search = await searchAll(
    context,
    label,
    context.client.resolve(
      query(target.type, [
        ['_id', target.id],
        ['_include', `${target.type}:requester`],
        ['_include:iterate', 'PractitionerRole:practitioner'],
      ]),
    ),
  );
  if (search.ok && search.value.some((r) => keyOf(r) === target.reference)) return search.value;
  // A server without _include support refuses the search; a plain read still finds the order.
  const read = await fetchJson<Resource>(context, label, context.client.resolve(target.reference));
  if (!read.ok) throw new PullError(read.warning);
  return [read.value];
}

function clinicalSearches(patientRef: string, pageSize: number): Search[] {
  const count: [string, string] = ['_count', String(pageSize)];
  return [
    {
      label: 'Coverage search',
      query: query('Coverage', [['patient', patientRef], ['_include', 'Coverage:payor'], count]),
    },
    ...CLINICAL_TYPES.map((type) => ({
      label: `${type} search`,
      query: query(type, [['patient', patientRef], count]),
    })),
  ];
}

/** The requester's roles, for the prescriber's specialty, when the order names the Practitioner. */
function requesterRoleSearch(order: Order, pageSize: number): Search[] {
  const requester = order.requester?.reference;
  if (!requester?.startsWith('Practitioner/')) return [];
  return [
    {
      label: 'PractitionerRole search',
      query: query('PractitionerRole', [
        ['practitioner', requester],
        ['_count', String(pageSize)],
      ]),
    },
  ];
}

async function runSearches(
  context: PullContext,
  set: RecordSet,
  searches: Search[],
  concurrency: number,
): Promise<string[]> {
  const results = await inPool(searches, concurrency, (s) =>
    searchAll(context, s.label, context.client.resolve(s.query)),
  );
  const warnings: string[] = [];
  for (const result of results) {
    if (result.ok) for (const resource of result.value) set.add(resource);
    if (result.warning) warnings.push(result.warning);
  }
  return warnings;
}

export async function pullRecord(request: PullRequest): Promise<PullResult> {
  const started = performance.now();
  const limits = pullLimits(request.limits);
  const id = patientId(request.patient);
  const target = orderTarget(request.order);
  const patientRef = `Patient/${id}`;
  const budget = new PullBudget(limits);
  const client = new FhirClient(request.fhirBase, limits, request.auth);
  const context: PullContext = { client, budget };
  const set = new RecordSet(budget);

  const [patient, orderResources] = await Promise.all([pullPatient(context, id), pullOrder(context, target)]);
  const order = orderResources.find((r): r is Order => keyOf(r) === target.reference);
  if (!order) throw new PullError(`the order ${target.reference} was not found`);
  if (order.subject.reference !== patientRef && order.subject.reference !== client.resolve(patientRef))
    throw new PullError(`the order ${target.reference} is for another patient`);
  set.add(patient, true);
  set.add(order, true);
  for (const resource of orderResources) set.add(resource);

  const warnings = await runSearches(
    context,
    set,
    [...clinicalSearches(patientRef, limits.pageSize), ...requesterRoleSearch(order, limits.pageSize)],
    limits.concurrency,
  );
  const searched = new Set<string>();
  for (let round = 0; round < REFERENCE_ROUNDS && budget.open; round++) {
    const searches = missingReferenceSearches(set.all(), set, searched, client, limits.pageSize).map((s) => ({
      label: `${s.type} search (referenced)`,
      query: s.query,
    }));
    if (searches.length === 0) break;
    warnings.push(...(await runSearches(context, set, searches, limits.concurrency)));
  }
  warnings.push(...(await inlineAttachments(context, set.all(), limits)));
  const capped = budget.warning();
  if (capped) warnings.push(capped);

  return {
    bundle: set.toBundle(client.base.href),
    warnings,
    stats: {
      resources: set.size,
      bytes: client.stats.bytes,
      requests: client.stats.requests,
      retries: client.stats.retries,
      durationMs: Math.round(performance.now() - started),
    },
  };
}
