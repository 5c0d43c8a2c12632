// How far a record pull may go: per-request timeout and retries, and the total it may bring back. A pull that
// reaches a cap stops and warns rather than fail: a partial record still makes a case, marked incomplete.
export interface PullLimits {
  /** Each request (headers and body) in milliseconds. */
  timeoutMs: number;
  /** Retries after a 429, a 5xx, a timeout or a network error (so at most retries + 1 attempts). */
  retries: number;
  /** First backoff; it doubles each retry, with full jitter, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** The longest Retry-After honoured; a server asking for more is given up on. */
  maxRetryAfterMs: number;
  /** Response bytes of the whole pull (JSON and Binary). */
  maxBytes: number;
  /** Resources in the bundle. */
  maxResources: number;
  /** One Binary attachment. */
  maxBinaryBytes: number;
  /** `_count` of each search page. */
  pageSize: number;
  /** Searches in flight at once. */
  concurrency: number;
}

export const DEFAULT_PULL_LIMITS: PullLimits = {
  timeoutMs: 15_000,
  retries: 3,
  backoffMs: 250,
  maxBackoffMs: 8_000,
  maxRetryAfterMs: 30_000,
  maxBytes: 50_000_000,
  maxResources: 20_000,
  // The product reads notes up to 1 MB (core/fhir/notes.ts); PDFs and images are kept as evidence up to this.
  maxBinaryBytes: 5_000_000,
  pageSize: 200,
  concurrency: 4,
};

export function pullLimits(overrides: Partial<PullLimits> = {}): PullLimits {
  return { ...DEFAULT_PULL_LIMITS, ...overrides };
}
