import { afterEach, describe, expect, it, vi } from 'vitest';
import { Pending } from './pending.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('pending sign-ins', () => {
  it('gives a value back once, under an unguessable key', () => {
    const pending = new Pending<string>(60_000);
    const key = pending.put('verifier');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pending.take(key)).toBe('verifier');
    expect(pending.take(key)).toBeUndefined();
  });

  it('forgets a value after its time, and the oldest beyond the limit', () => {
    vi.useFakeTimers();
    const pending = new Pending<number>(1000, 2);
    const late = pending.put(1);
    vi.advanceTimersByTime(1001);
    expect(pending.take(late)).toBeUndefined();
    const [a, b, c] = [pending.put(1), pending.put(2), pending.put(3)];
    expect([pending.take(a), pending.take(b), pending.take(c)]).toEqual([undefined, 2, 3]);
  });
});
