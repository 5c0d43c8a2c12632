// The redirect to the EHR's authorization endpoint: PKCE S256, a state kept server-side, aud = the FHIR base.
import { createHash, randomBytes } from 'node:crypto';
import type { SmartConfiguration } from '../pull/smart-configuration.ts';

/** What SMART asks an app like Klivira to request; a standalone launch also asks the EHR to pick a patient. */
export const LAUNCH_SCOPE = 'launch openid fhirUser patient/*.rs offline_access';
export const STANDALONE_SCOPE = `${LAUNCH_SCOPE} launch/patient`;

export interface AuthorizationRequest {
  smart: SmartConfiguration;
  clientId: string;
  redirectUri: string;
  iss: string;
  scope: string;
  state: string;
  codeChallenge: string;
  /** The EHR launch's opaque context id; absent for a standalone launch. */
  launch?: string;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizationUrl(request: AuthorizationRequest): string {
  const methods = request.smart.codeChallengeMethods;
  if (methods.length > 0 && !methods.includes('S256'))
    throw new Error('the EHR does not support PKCE S256, which SMART App Launch requires');
  const url = new URL(request.smart.authorizationEndpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: request.scope,
    state: request.state,
    aud: request.iss,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
    ...(request.launch ? { launch: request.launch } : {}),
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}
