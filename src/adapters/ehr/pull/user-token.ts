// A user's token from a SMART launch: used as granted, and renewed with the refresh token when it expires (or the
// FHIR server refuses it). Without a refresh token an expired launch cannot continue: the user launches again.
import { cachedToken, type CachedToken, type FhirAuth, renewingAuth } from './auth.ts';
import { requestToken, type TokenGrant } from './token-endpoint.ts';

export interface UserTokenOptions {
  tokenUrl: string;
  /** The app's client id (a public client: no secret). */
  clientId: string;
  grant: Pick<TokenGrant, 'access_token' | 'expires_in' | 'refresh_token'>;
  /** When the grant was issued (ms since the epoch; default now). */
  issuedAt?: number;
}

export function userTokenAuth(options: UserTokenOptions): FhirAuth {
  let refreshToken = options.grant.refresh_token;

  async function renew(): Promise<CachedToken> {
    if (refreshToken === undefined)
      throw new Error('the launch token has expired and no refresh token was granted: launch the app again');
    const grant = await requestToken(options.tokenUrl, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: options.clientId,
    });
    // Servers may rotate the refresh token; the old one then no longer works.
    refreshToken = grant.refresh_token ?? refreshToken;
    return cachedToken(grant.access_token, grant.expires_in, Date.now());
  }

  return renewingAuth(
    renew,
    cachedToken(options.grant.access_token, options.grant.expires_in, options.issuedAt ?? Date.now()),
  );
}
