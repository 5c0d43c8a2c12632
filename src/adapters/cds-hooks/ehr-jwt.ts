// Who is calling: CDS Hooks 2.0 §Trusting CDS Clients. The EHR signs a short-lived JWT with its own key; we trust only
// issuers on an allow-list, each with its JWKS URL configured. A `jku` header is honoured only when it is that URL
// (an attacker's own key set is never fetched), key sets are cached, and a token id is accepted once.
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ReplayGuard } from './replay-guard.ts';

export interface EhrJwtOptions {
  /** Trusted EHR issuers (`iss`) and the URL of each one's JWKS. */
  trustedIssuers: Readonly<Record<string, string>>;
  /** Seconds of clock skew tolerated on exp/iat. */
  clockToleranceSeconds?: number;
  /** How long a JWKS fetch may take. */
  jwksTimeoutMs?: number;
}

export type EhrVerification = { ok: true; issuer: string } | { ok: false; reason: string };

/** CDS Hooks clients sign with ES384 or RS384. */
const ALGORITHMS = ['ES384', 'RS384'];
/** CDS Hooks: exp no more than five minutes after iat. */
const MAX_TOKEN_AGE = '5m';
const MAX_LIFETIME_SECONDS = 300;
const BEARER = /^bearer +(\S+) *$/i;

/** Why jose refused a token, in words for the 401 (never quoting the token). */
function refusalOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const claim = (error as { claim?: unknown }).claim;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return claim === 'aud'
        ? 'the token is not for this service (aud must be the service URL)'
        : `the token's ${typeof claim === 'string' ? claim : ''} claim is not acceptable`;
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return `the token must be signed with ${ALGORITHMS.join(' or ')}`;
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JOSE_GENERIC':
      return "the issuer's JWKS could not be read";
    default:
      // A JWKS fetch that failed at the network comes as a plain error, without a jose code.
      return typeof code === 'string'
        ? 'the token signature does not verify against the issuer keys'
        : "the issuer's JWKS could not be read";
  }
}

export class EhrJwtVerifier {
  private readonly keySets = new Map<string, JWTVerifyGetKey>();
  private readonly replays = new ReplayGuard();
  private readonly clockTolerance: number;

  constructor(private readonly options: EhrJwtOptions) {
    this.clockTolerance = options.clockToleranceSeconds ?? 30;
  }

  async verify(authorization: string | undefined, audience: string): Promise<EhrVerification> {
    const token = BEARER.exec(authorization ?? '')?.[1];
    if (!token) return { ok: false, reason: 'a CDS Hooks JWT is required (Authorization: Bearer <jwt>)' };
    let issuer: unknown;
    let jku: unknown;
    try {
      issuer = decodeJwt(token).iss;
      jku = decodeProtectedHeader(token).jku;
    } catch {
      return { ok: false, reason: 'the bearer token is not a JWT' };
    }
    const jwksUrl = typeof issuer === 'string' ? this.options.trustedIssuers[issuer] : undefined;
    if (typeof issuer !== 'string' || jwksUrl === undefined) return { ok: false, reason: 'the issuer is not trusted' };
    if (jku !== undefined && jku !== jwksUrl)
      return { ok: false, reason: "jku is not the issuer's registered JWKS URL" };

    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.keysAt(jwksUrl), {
        issuer,
        audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['iss', 'aud', 'exp', 'iat', 'jti'],
        maxTokenAge: MAX_TOKEN_AGE,
        clockTolerance: this.clockTolerance,
      }));
    } catch (error) {
      return { ok: false, reason: refusalOf(error) };
    }
    // Also bounds how long a token id has to be remembered.
    if ((payload.exp ?? 0) - (payload.iat ?? 0) > MAX_LIFETIME_SECONDS) {
      return { ok: false, reason: 'the token must expire within five minutes of being issued' };
    }
    const expiresAtMs = ((payload.exp ?? 0) + this.clockTolerance) * 1000;
    if (!this.replays.firstUse(`${issuer} ${payload.jti ?? ''}`, expiresAtMs)) {
      return { ok: false, reason: 'the token id (jti) has been used already' };
    }
    return { ok: true, issuer };
  }

  /** One cached key set per JWKS URL; jose refetches it when a token names a key it does not hold (rotation). */
  private keysAt(url: string): JWTVerifyGetKey {
    let keys = this.keySets.get(url);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(url), {
        timeoutDuration: this.options.jwksTimeoutMs ?? 3_000,
        cacheMaxAge: 10 * 60_000,
        cooldownDuration: 30_000,
      });
      this.keySets.set(url, keys);
    }
    return keys;
  }
}
