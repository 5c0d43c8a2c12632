// Server-side, short-lived, single-use values behind an unguessable key: the authorization request's state (with
// its PKCE verifier) and an order choice in progress (with the user's token). Nothing of them goes to the browser
// but the key; a key is good once, and for minutes.
import { randomBytes } from 'node:crypto';

export class Pending<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(
    private readonly ttlMs: number,
    /** Bounds the memory an attacker starting launches without finishing them can take. */
    private readonly limit = 10_000,
  ) {}

  put(value: T): string {
    const key = randomBytes(32).toString('base64url');
    this.entries.set(key, { value, until: Date.now() + this.ttlMs });
    for (const [old, entry] of this.entries) {
      if (this.entries.size <= this.limit && entry.until > Date.now()) break;
      this.entries.delete(old);
    }
    return key;
  }

  /** The value, removed: a second take of the same key finds nothing. */
  take(key: string): T | undefined {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return entry && entry.until > Date.now() ? entry.value : undefined;
  }
}
