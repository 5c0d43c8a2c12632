// How a pull authenticates to the EHR's FHIR server: SMART Backend Services (backend-services.ts) or a user's
// launch token (user-token.ts). Implementations keep tokens to themselves: no token ever goes into a log or an
// error message.
export interface FhirAuth {
  /** The Authorization header for the next request (`Bearer …`). */
  authorization(): Promise<string>;
  /** The server answered 401 to the current token: forget it, so that the next call gets a new one. */
  refused(): void;
}

/** An access token and when it stops being used: a margin before its stated expiry, so it never expires in flight. */
export interface CachedToken {
  accessToken: string;
  usableUntil: number;
}

const EXPIRY_MARGIN_MS = 30_000;

export function cachedToken(accessToken: string, expiresInSeconds: number | undefined, now: number): CachedToken {
  // Without expires_in, assume the common five minutes rather than forever.
  const lifetime = (expiresInSeconds ?? 300) * 1000;
  return { accessToken, usableUntil: now + Math.max(lifetime - Math.min(EXPIRY_MARGIN_MS, lifetime / 10), 0) };
}

/** A FhirAuth over a way to obtain tokens: the current one until it is due, then one new one for all callers. */
export function renewingAuth(obtain: () => Promise<CachedToken>, initial?: CachedToken): FhirAuth {
  let token = initial;
  let pending: Promise<CachedToken> | undefined;
  return {
    async authorization() {
      if (!token || token.usableUntil <= Date.now()) {
        pending ??= obtain().finally(() => {
          pending = undefined;
        });
        token = await pending;
      }
      return `Bearer ${token.accessToken}`;
    },
    refused() {
      token = undefined;
    },
  };
}
