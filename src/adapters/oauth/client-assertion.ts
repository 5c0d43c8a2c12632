// The SMART Backend Services client assertion (RFC 7523 private_key_jwt), shared by every client that authenticates
// to a token endpoint with our private key: the EHR record pull and the payer's PAS endpoint.
import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWK } from 'jose';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const SPEC_ALGORITHMS: Record<string, string> = { RSA: 'RS384', EC: 'ES384' };
const ASSERTION_SECONDS = 300;

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

/** iss = sub = the client id, aud = the token URL, a fresh jti, valid five minutes. */
export async function signClientAssertion(
  jwk: JWK,
  clientId: string,
  tokenUrl: string,
  nowMs = Date.now(),
): Promise<string> {
  const alg = assertionAlgorithm(jwk);
  const key = await importJWK(jwk, alg);
  const issuedAt = Math.floor(nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg, typ: 'JWT', ...(jwk.kid ? { kid: jwk.kid } : {}) })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrl)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ASSERTION_SECONDS)
    .sign(key);
}
