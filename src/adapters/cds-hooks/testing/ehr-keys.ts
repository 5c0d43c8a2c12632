// Test and bench support: an EHR's signing key, its JWKS served from a tiny local HTTP server (counting fetches), and
// CDS Hooks JWTs signed with it — valid by default, any claim or header overridable to make a bad one.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

export interface TestEhr {
  issuer: string;
  jwksUrl: string;
  /** How many times the JWKS was fetched. */
  jwksFetches: () => number;
  sign: (
    audience: string,
    overrides?: { claims?: JWTPayload; header?: Record<string, unknown>; expiresIn?: string },
  ) => Promise<string>;
  close: () => Promise<void>;
}

export async function startTestEhr(issuer = 'https://ehr.test/cds-client'): Promise<TestEhr> {
  const { privateKey, publicKey } = await generateKeyPair('ES384');
  const kid = randomUUID();
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES384', use: 'sig' }] });
  let fetches = 0;
  const server = createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  return {
    issuer,
    jwksUrl,
    jwksFetches: () => fetches,
    sign: (audience, overrides = {}) => {
      const claims = overrides.claims ?? {};
      const jwt = new SignJWT({ iss: issuer, aud: audience, jti: randomUUID(), tenant: 'test', ...claims })
        .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid, jku: jwksUrl, ...overrides.header })
        .setIssuedAt(claims.iat);
      return (claims.exp === undefined ? jwt.setExpirationTime(overrides.expiresIn ?? '5m') : jwt).sign(privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
