// Where the prefetch the EHR did not send comes from: a narrow port, so that the full record puller
// (src/adapters/ehr/pull/) can take over from the plain-fetch implementation here.
import type { Resource } from '@medplum/fhirtypes';
import type { RecordQuery } from './prefetch.ts';
import { resourcesOf } from './record.ts';

export interface RecordRequest {
  fhirServer: string;
  accessToken?: string;
  patientId: string;
  /** The prefetch queries still missing, their tokens filled in. */
  queries: readonly RecordQuery[];
}

/** One query's answer: its resources, or why it could not be had (said on a card; never thrown). */
export type RecordPiece = { query: RecordQuery; resources: Resource[] } | { query: RecordQuery; failure: string };

export interface RecordSource {
  fetchMissing(request: RecordRequest): Promise<RecordPiece[]>;
}

export interface FhirRecordSourceOptions {
  /** Per query; the queries run in parallel, so this bounds the whole fetch. */
  timeoutMs?: number;
}

/** One GET per query with the EHR's bearer token; a read that finds nothing (404) is an empty answer. */
export class FhirRecordSource implements RecordSource {
  private readonly timeoutMs: number;

  constructor(options: FhirRecordSourceOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 3_000;
  }

  fetchMissing(request: RecordRequest): Promise<RecordPiece[]> {
    return Promise.all(request.queries.map((query) => this.fetchOne(request, query)));
  }

  private async fetchOne(request: RecordRequest, query: RecordQuery): Promise<RecordPiece> {
    try {
      const response = await fetch(`${request.fhirServer}/${query.query}`, {
        headers: {
          accept: 'application/fhir+json',
          ...(request.accessToken ? { authorization: `Bearer ${request.accessToken}` } : {}),
        },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (response.status === 404) {
        await response.body?.cancel();
        return { query, resources: [] };
      }
      if (!response.ok) {
        await response.body?.cancel();
        return { query, failure: `the EHR answered HTTP ${response.status}` };
      }
      return { query, resources: resourcesOf(await response.json()) };
    } catch (error) {
      return { query, failure: this.describe(error) };
    }
  }

  private describe(error: unknown): string {
    if (error instanceof SyntaxError) return "the EHR's answer was not JSON";
    if (error instanceof Error && error.name === 'TimeoutError')
      return `no answer from the EHR within ${this.timeoutMs} ms`;
    return 'the EHR could not be reached';
  }
}
