// SMART Backend Services: client_credentials with a private_key_jwt client assertion (RS384 or ES384, as the spec
// requires), the token endpoint discovered from the FHIR server, the token kept until shortly before it expires.
import { randomUUID } from 'node:crypto';
import { importJWK, type JWK, SignJWT } from 'jose';
import { cachedToken, type CachedToken, type FhirAuth, renewingAuth } from './auth.ts';
import { discoverSmart } from './smart-configuration.ts';
import { requestToken } from './token-endpoint.ts';

export interface BackendServicesOptions {
  fhirBase: string;
  clientId: string;
  /** The client's private key (its public half registered with the EHR); `kid` identifies it to the EHR. */
  privateJwk: JWK;
  /** Default `system/*.rs`. */
  scope?: string;
  /** Skips discovery when known. */
  tokenUrl?: string;
}

const SPEC_ALGORITHMS: Record<string, string> = { RSA: 'RS384', EC: 'ES384' };

/** RS384 for an RSA key, ES384 for an EC key (P-384): the algorithms SMART Backend Services requires. */
export function assertionAlgorithm(jwk: JWK): string {
  const alg = jwk.alg ?? SPEC_ALGORITHMS[jwk.kty ?? ''];
  if (alg !== 'RS384' && alg !== 'ES384')
    throw new Error(
      `the client key must be an RSA (RS384) or EC P-384 (ES384) private JWK (got ${alg ?? jwk.kty ?? 'no kty'})`,
    );
  if (jwk.d === undefined) throw new Error('the client key is a public JWK; the private key is needed to sign');
  return alg;
}

export function backendServicesAuth(options: BackendServicesOptions): FhirAuth {
  const alg = assertionAlgorithm(options.privateJwk);
  const scope = options.scope ?? 'system/*.rs';
  let tokenUrl = options.tokenUrl;

  async function fetchToken(): Promise<CachedToken> {
    tokenUrl ??= (await discoverSmart(options.fhirBase)).tokenEndpoint;
    const key = await importJWK(options.privateJwk, alg);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg, typ: 'JWT', ...(options.privateJwk.kid ? { kid: options.privateJwk.kid } : {}) })
      .setIssuer(options.clientId)
      .setSubject(options.clientId)
      .setAudience(tokenUrl)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    const grant = await requestToken(tokenUrl, {
      grant_type: 'client_credentials',
      scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    });
    return cachedToken(grant.access_token, grant.expires_in, Date.now());
  }

  return renewingAuth(fetchToken);
}
