// SMART Backend Services: client_credentials with a private_key_jwt client assertion (RS384 or ES384, as the spec
// requires), the token endpoint discovered from the FHIR server, the token kept until shortly before it expires.
import type { JWK } from 'jose';
import { assertionAlgorithm, CLIENT_ASSERTION_TYPE, signClientAssertion } from '../../oauth/client-assertion.ts';
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

export function backendServicesAuth(options: BackendServicesOptions): FhirAuth {
  // A key that cannot sign is refused when the client is made, not at its first request.
  assertionAlgorithm(options.privateJwk);
  const scope = options.scope ?? 'system/*.rs';
  let tokenUrl = options.tokenUrl;

  async function fetchToken(): Promise<CachedToken> {
    tokenUrl ??= (await discoverSmart(options.fhirBase)).tokenEndpoint;
    const assertion = await signClientAssertion(options.privateJwk, options.clientId, tokenUrl);
    const grant = await requestToken(tokenUrl, {
      grant_type: 'client_credentials',
      scope,
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: assertion,
    });
    return cachedToken(grant.access_token, grant.expires_in, Date.now());
  }

  return renewingAuth(fetchToken);
}
