// Searches that page: every `next` link followed (on the same server, a bounded number of pages, within the
// budget), matches and _include'd resources together. A refusal (400 for an unsupported parameter, 403 outside the
// token's scopes) or a request that failed after its retries is a warning: the rest of the record still counts.
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { PullBudget } from './budget.ts';
import { type FhirClient, FhirFetchError, type FhirResponse } from './fhir-client.ts';

/** A server that keeps sending `next` links stops being followed here (200 resources a page: 200,000). */
const MAX_PAGES = 1000;

export interface PullContext {
  client: FhirClient;
  budget: PullBudget;
}

export type Fetched<T> = { ok: true; value: T; warning?: string } | { ok: false; warning: string };

/** Why the server said no, from its OperationOutcome (server text, shortened), else the status alone. */
export function refusal(label: string, response: FhirResponse): string {
  let detail = '';
  try {
    const outcome = JSON.parse(response.body.toString('utf8')) as OperationOutcome;
    const issue = outcome.issue?.[0];
    const text = issue?.details?.text ?? issue?.diagnostics ?? issue?.code;
    if (outcome.resourceType === 'OperationOutcome' && text) detail = `: ${text.slice(0, 160)}`;
  } catch {
    // Not JSON: the status says enough.
  }
  return `${label}: the server answered ${response.status}${detail}`;
}

export function parseJson(label: string, response: FhirResponse): unknown {
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch {
    throw new FhirFetchError(`${label}: the server did not answer JSON`);
  }
}

/** One GET whose JSON body is the value, or the warning saying why there is none. */
export async function fetchJson<T>(context: PullContext, label: string, url: string): Promise<Fetched<T>> {
  try {
    const response = await context.client.get(url, label);
    context.budget.chargeBytes(response.body.byteLength);
    if (response.status < 200 || response.status >= 300) return { ok: false, warning: refusal(label, response) };
    return { ok: true, value: parseJson(label, response) as T };
  } catch (error) {
    if (error instanceof FhirFetchError) return { ok: false, warning: error.message };
    throw error;
  }
}

export async function searchAll(context: PullContext, label: string, url: string): Promise<Fetched<Resource[]>> {
  const resources: Resource[] = [];
  const visited = new Set<string>();
  let next: string | undefined = url;
  for (let page = 0; next !== undefined && page < MAX_PAGES; page++) {
    if (!context.budget.open) return { ok: true, value: resources };
    visited.add(next);
    const fetched: Fetched<Bundle> = await fetchJson<Bundle>(context, label, next);
    if (!fetched.ok)
      return resources.length === 0
        ? fetched
        : { ok: true, value: resources, warning: `${fetched.warning} (after ${page} pages)` };
    for (const entry of fetched.value.entry ?? []) if (entry.resource) resources.push(entry.resource);
    const link: string | undefined = fetched.value.link?.find((l) => l.relation === 'next')?.url;
    if (link !== undefined && !context.client.owns(link))
      return { ok: true, value: resources, warning: `${label}: a next link leaves the FHIR server; not followed` };
    next = link !== undefined && !visited.has(link) ? link : undefined;
  }
  return next === undefined
    ? { ok: true, value: resources }
    : { ok: true, value: resources, warning: `${label}: stopped after ${MAX_PAGES} pages` };
}
