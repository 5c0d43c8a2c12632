import { describe, expect, it } from 'vitest';
import { backoffMs, isRetryableStatus, retryAfterMs } from './retry.ts';

describe('retry policy', () => {
  it('retries 429 and the transient 5xx only', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 501].some(isRetryableStatus)).toBe(false);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-06T10:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Sun, 06 Dec 2026 10:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Sun, 06 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('doubles the backoff ceiling each retry, with full jitter, up to the maximum', () => {
    const limits = { backoffMs: 100, maxBackoffMs: 1000 };
    expect([0, 1, 2, 3, 4].map((a) => backoffMs(a, limits, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffMs(3, limits, () => 0)).toBe(0);
  });
});
