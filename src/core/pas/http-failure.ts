// An HTTP failure of a PAS call, classified for the caller's retry logic. PAS: a 4xx carries one OperationOutcome
// and means the request itself is wrong (fix the build, do not resend); a 5xx, a time-out or a dropped connection
// is temporary (resend with backoff, idempotent by the Bundle and Claim identifiers). Business rejections are not
// here: they arrive as HTTP 2xx with ClaimResponse.error and are read by readPasResponse.
import { arrayOf, isObject, stringOf } from './json.ts';

export type HttpFailure =
  | { kind: 'rejected'; retry: false; status: number; reasons: string[] }
  | { kind: 'transient'; retry: true; status?: number; reason: string };

export function classifyHttpFailure(status: number | 'timeout' | 'network_error', body?: unknown): HttpFailure {
  if (status === 'timeout') return { kind: 'transient', retry: true, reason: 'no answer before the time-out' };
  if (status === 'network_error') return { kind: 'transient', retry: true, reason: 'the connection failed' };
  // 408 and 429 are the server asking to be tried again later, not a verdict on the request.
  if (status >= 500 || status === 408 || status === 429) {
    return { kind: 'transient', retry: true, status, reason: `HTTP ${status}` };
  }
  if (status >= 400) {
    const reasons = outcomeReasons(body);
    return {
      kind: 'rejected',
      retry: false,
      status,
      reasons: reasons.length > 0 ? reasons : [`HTTP ${status} without an OperationOutcome`],
    };
  }
  return { kind: 'rejected', retry: false, status, reasons: [`HTTP ${status} is not an answer a PAS call expects`] };
}

/** One readable line per OperationOutcome issue: severity, code, text and where (body as object or JSON text). */
export function outcomeReasons(body: unknown): string[] {
  const outcome = typeof body === 'string' ? parseJson(body) : body;
  if (!isObject(outcome) || outcome.resourceType !== 'OperationOutcome') return [];
  return arrayOf(outcome.issue as unknown[] | undefined).map((issue) => {
    if (!isObject(issue)) return 'unreadable issue';
    const text = (isObject(issue.details) ? stringOf(issue.details.text) : undefined) ?? stringOf(issue.diagnostics);
    const where = arrayOf(issue.expression as unknown[] | undefined).filter((e) => typeof e === 'string');
    return [
      `${stringOf(issue.severity) ?? 'error'} ${stringOf(issue.code) ?? 'unknown'}`,
      text,
      where.length > 0 ? `at ${where.join(', ')}` : undefined,
    ]
      .filter((part) => part !== undefined)
      .join(': ');
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
