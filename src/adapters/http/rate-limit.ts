// Request rate limits, run before authentication so that a flood — with invalid keys or none — is cut off without a
// database lookup per request. A request carrying a well-formed API key counts against that key (by its SHA-256:
// the key itself is never held or logged); a signed-in person's request counts against their session (by the hash of
// its token), so that colleagues behind one office address do not share a bucket; any other request counts against
// its client address (behind a reverse
// proxy, see `trustProxy`). An address whose requests keep failing authentication is cut off for the rest of the
// minute whatever key it sends next, so random well-formed keys do not open a bucket each.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashApiKey } from '../../app/access.ts';
import type { RateLimits } from '../config.ts';
import { keyOf } from './auth.ts';
import { SESSION_COOKIE } from '../web/auth/index.ts';

const MINUTE = 60_000;
/** The form newApiKey() issues: `kl_` and 32 random bytes in base64url. */
const WELL_FORMED_KEY = /^kl_[A-Za-z0-9_-]{43}$/;

function presentedKey(request: FastifyRequest): string | undefined {
  const key = keyOf(request);
  return key !== undefined && WELL_FORMED_KEY.test(key) ? key : undefined;
}

/** A session token as the sign-in issues them (32 random bytes in base64url), read before the cookie parser runs. */
const SESSION_TOKEN = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([A-Za-z0-9_-]{43})(?:;|$)`);

function presentedSession(request: FastifyRequest): string | undefined {
  return SESSION_TOKEN.exec(request.headers.cookie ?? '')?.[1];
}

const tooMany = (retryAfter: string) =>
  Object.assign(new Error(`too many requests; retry in ${retryAfter}`), { statusCode: 429 });

export async function installRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    timeWindow: MINUTE,
    keyGenerator: (request) => {
      // An EHR calls CDS Hooks from its servers for every order signed: a bucket of its own, at the per-key rate.
      if (request.url.startsWith('/cds-services')) return `cds ${request.ip}`;
      const key = presentedKey(request);
      if (key !== undefined) return `key ${hashApiKey(key)}`;
      const session = presentedSession(request);
      return session === undefined ? `address ${request.ip}` : `session ${hashApiKey(session)}`;
    },
    max: (_request, bucket) => (bucket.startsWith('address ') ? limits.perAddressPerMinute : limits.perKeyPerMinute),
    errorResponseBuilder: (_request, context) => tooMany(context.after),
  });
  app.addHook('onRequest', app.rateLimit());

  const refusals = app.createRateLimit({
    timeWindow: MINUTE,
    max: limits.perAddressPerMinute,
    keyGenerator: (request) => `refused ${request.ip}`,
  });
  app.addHook('onRequest', async (request, reply) => {
    const state = await refusals(request, { increment: false });
    if (!state.isAllowed && state.isExceeded) {
      void reply.header('retry-after', String(state.ttlInSeconds));
      throw tooMany(`${String(state.ttlInSeconds)} s`);
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode === 401) await refusals(request);
  });
}
