// When to try a FHIR request again and how long to wait: 429 (Retry-After honoured), 5xx, timeouts and network
// errors are transient; exponential backoff with full jitter keeps many clients from retrying in step.
import type { PullLimits } from './limits.ts';

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(at - now, 0);
}

/** The wait before retry number `attempt` (0 for the first retry). */
export function backoffMs(
  attempt: number,
  limits: Pick<PullLimits, 'backoffMs' | 'maxBackoffMs'>,
  random = Math.random,
): number {
  const ceiling = Math.min(limits.backoffMs * 2 ** attempt, limits.maxBackoffMs);
  return Math.round(random() * ceiling);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
