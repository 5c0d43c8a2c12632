// Test and bench support: a demo case as an EHR would send it on order-sign or order-select — the case's order as a
// draft, and its record split into the services' prefetch, each key answered as the EHR would answer its query.
import type { Bundle, Coverage, Resource, ServiceRequest } from '@medplum/fhirtypes';
import type { DemoCase } from '../../../demo/index.ts';
import { PREFETCH_KEYS, PREFETCH_TEMPLATES, type PrefetchKey } from '../prefetch.ts';
import type { HookName } from '../request.ts';

/** Demo bundles link by `urn:uuid:<id>`; an EHR's resources link by `Type/id`. */
function literalReferences<T>(value: T, types: ReadonlyMap<string, string>): T {
  if (Array.isArray(value)) return value.map((v: unknown) => literalReferences(v, types)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const id = k === 'reference' && typeof v === 'string' && v.startsWith('urn:uuid:') ? v.slice(9) : undefined;
    out[k] = id !== undefined && types.has(id) ? `${types.get(id) ?? ''}/${id}` : literalReferences(v, types);
  }
  return out as T;
}

const searchset = (resources: readonly Resource[]): Bundle => ({
  resourceType: 'Bundle',
  type: 'searchset',
  total: resources.length,
  entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
});

function prefetchValue(key: PrefetchKey, record: readonly Resource[], ids: { encounter?: string; user?: string }) {
  const byRef = (ref: string | undefined) => record.find((r) => `${r.resourceType}/${r.id ?? ''}` === ref) ?? null;
  switch (key) {
    case 'patient':
      return record.find((r) => r.resourceType === 'Patient') ?? null;
    case 'encounter':
      return byRef(ids.encounter);
    case 'user':
      return byRef(ids.user);
    case 'coverage': {
      const coverages = record.filter((r): r is Coverage => r.resourceType === 'Coverage');
      const payors = coverages.flatMap((c) => c.payor.map((p) => byRef(p.reference)).filter((r) => r !== null));
      return searchset([...coverages, ...payors]);
    }
    case 'notes': {
      const notes = record.filter((r) => r.resourceType === 'DocumentReference') as { date?: string }[];
      return searchset(notes.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '')).slice(0, 10) as Resource[]);
    }
    default: {
      const type = PREFETCH_TEMPLATES[key].split('?')[0];
      return searchset(record.filter((r) => r.resourceType === type));
    }
  }
}

export interface DemoHookOptions {
  hook: HookName;
  /** Prefetch keys the EHR leaves out (to be fetched from `fhirServer`). */
  omit?: PrefetchKey[];
  fhirServer?: string;
  accessToken?: string;
}

export function demoHookRequest(demo: DemoCase, options: DemoHookOptions): Record<string, unknown> {
  const entries = (demo.bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
  const types = new Map(entries.map((r) => [r.id ?? '', r.resourceType]));
  const record = entries.map((r) => literalReferences(r, types));
  const order = record.find((r): r is ServiceRequest => r.resourceType === 'ServiceRequest');
  const patient = record.find((r) => r.resourceType === 'Patient');
  if (!order?.id || !patient?.id) throw new Error(`${demo.id} has no order or patient`);
  const draft: ServiceRequest = { ...order, status: 'draft' };
  const ids = { encounter: order.encounter?.reference, user: order.requester?.reference ?? 'Practitioner/unknown' };
  const history = record.filter((r) => r !== order);
  const omit = new Set(options.omit ?? []);
  const prefetch = Object.fromEntries(
    PREFETCH_KEYS.filter((key) => !omit.has(key)).map((key) => [key, prefetchValue(key, history, ids)]),
  );
  const draftOrders: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: draft }] };
  return {
    hook: options.hook,
    hookInstance: crypto.randomUUID(),
    ...(options.fhirServer ? { fhirServer: options.fhirServer } : {}),
    ...(options.accessToken
      ? {
          fhirAuthorization: {
            access_token: options.accessToken,
            token_type: 'Bearer',
            scope: 'system/*.rs',
            expires_in: 300,
            subject: 'klivira',
          },
        }
      : {}),
    context: {
      userId: ids.user,
      patientId: patient.id,
      ...(ids.encounter ? { encounterId: ids.encounter.replace(/^Encounter\//, '') } : {}),
      ...(options.hook === 'order-select' ? { selections: [`ServiceRequest/${order.id}`] } : {}),
      draftOrders,
    },
    prefetch,
  };
}
