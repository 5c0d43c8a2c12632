// The record behind a call: what the EHR prefetched, and for each template it did not fill, the same query asked of
// its FHIR server with the token it lent us. What could not be had is listed, so a card can say what went unchecked.
import type { Resource } from '@medplum/fhirtypes';
import { PREFETCH_KEYS, resolveTemplate, type PrefetchKey, type RecordQuery } from './prefetch.ts';
import { resourcesOf } from './record.ts';
import type { RecordSource } from './record-source.ts';
import type { HookRequest } from './request.ts';

export interface Unavailable {
  key: PrefetchKey;
  reason: string;
}

export interface GatheredRecord {
  resources: Resource[];
  /** Prefetch keys neither sent nor fetched. */
  unavailable: Unavailable[];
  /** Prefetch keys fetched from the EHR's FHIR server. */
  fetched: PrefetchKey[];
}

export async function gatherRecord(request: HookRequest, source: RecordSource): Promise<GatheredRecord> {
  const resources: Resource[] = [];
  const missing: RecordQuery[] = [];
  for (const key of PREFETCH_KEYS) {
    // `null` is the EHR saying it looked and there is nothing; only an absent key is fetched.
    if (key in request.prefetch) {
      resources.push(...resourcesOf(request.prefetch[key]));
      continue;
    }
    const query = resolveTemplate(key, request.context);
    if (query) missing.push(query);
  }
  if (missing.length === 0) return { resources, unavailable: [], fetched: [] };
  if (!request.fhirServer) {
    const reason = 'not prefetched, and the request names no fhirServer to read it from';
    return { resources, unavailable: missing.map(({ key }) => ({ key, reason })), fetched: [] };
  }
  const pieces = await source.fetchMissing({
    fhirServer: request.fhirServer,
    ...(request.fhirAuthorization ? { accessToken: request.fhirAuthorization.access_token } : {}),
    patientId: request.context.patientId,
    queries: missing,
  });
  const unavailable: Unavailable[] = [];
  const fetched: PrefetchKey[] = [];
  for (const piece of pieces) {
    if ('failure' in piece) unavailable.push({ key: piece.query.key, reason: piece.failure });
    else {
      resources.push(...piece.resources);
      fetched.push(piece.query.key);
    }
  }
  return { resources, unavailable, fetched };
}
