// The relying party of the web sign-in: OpenID Connect authorization code flow with PKCE (S256), state and nonce,
// through openid-client against any provider (Okta, Entra ID, the demo's sandbox EHR). The provider's metadata is
// discovered once, on the first sign-in. The ID token names the person; the role comes from a configurable claim,
// else the configured default role; a person with neither is not let in.
import * as oidc from 'openid-client';
import { isRole, type Role } from '../../../core/access/index.ts';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Confidential clients authenticate with client_secret_basic; without a secret the client is public (PKCE). */
  clientSecret?: string;
  /** Klivira's callback as registered with the provider: `<public URL>/auth/callback`. */
  redirectUri: string;
  /** Scopes asked for; `openid` is always among them. */
  scope: string;
  /** The ID token claim carrying the role (a string, or a list whose first role-named entry counts). */
  roleClaim: string;
  /** The role of a person whose token has no role claim; without it such a person is refused. */
  defaultRole?: Role;
}

/** What the browser must bring back to the callback, kept in a short-lived cookie between the two. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  /** A same-origin path to land on after sign-in. */
  returnTo: string;
}

export interface Identity {
  issuer: string;
  subject: string;
  name: string;
  email?: string;
  role: Role;
}

/** The provider refused, the answer did not check out, or the person has no role here: sign-in fails, says why. */
export class SignInError extends Error {}

export class OidcSignIn {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(private readonly settings: OidcSettings) {}

  /** Where to send the browser, and what to remember until it comes back. */
  async start(returnTo: string): Promise<{ url: string; pending: PendingSignIn }> {
    const config = await this.config();
    const pending: PendingSignIn = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      returnTo,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, pending };
  }

  /** The callback's query checked against the pending sign-in; the code exchanged; the ID token's person. */
  async finish(query: string, pending: PendingSignIn): Promise<Identity> {
    const config = await this.config();
    // The registered redirect URI, not the request's own address (a proxy may have rewritten it).
    const current = new URL(this.settings.redirectUri);
    current.search = query;
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw new SignInError(`the identity provider did not sign you in (${describe(error)})`);
    }
    if (!claims) throw new SignInError('the identity provider returned no ID token');
    return this.identityOf(claims);
  }

  private identityOf(claims: oidc.IDToken): Identity {
    const role = roleOf(claims[this.settings.roleClaim]) ?? this.settings.defaultRole;
    if (!role) throw new SignInError(`your account has no Klivira role (claim '${this.settings.roleClaim}')`);
    const text = (name: string): string | undefined => {
      const value = claims[name];
      return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : undefined;
    };
    const email = text('email');
    return {
      issuer: claims.iss,
      subject: claims.sub,
      name: text('name') ?? text('preferred_username') ?? email ?? claims.sub,
      ...(email ? { email } : {}),
      role,
    };
  }

  private config(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    this.configuration ??= oidc
      .discovery(
        new URL(issuer),
        clientId,
        { redirect_uris: [this.settings.redirectUri], response_types: ['code'] },
        clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None(),
        // Plain http only for a provider on this machine (the demo's sandbox EHR); anything else needs TLS.
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated only to flag it: loopback only here
        isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = undefined; // a provider that was down is asked again next time
        throw new SignInError(`the identity provider could not be reached (${describe(error)})`);
      });
    return this.configuration;
  }
}

function roleOf(claim: unknown): Role | undefined {
  const values = Array.isArray(claim) ? claim : [claim];
  return values.find((v): v is Role => typeof v === 'string' && isRole(v));
}

function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
}

/** An error's code or message, short, for the person and the log: never a token (openid-client puts none there). */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown; error?: unknown }).error ?? (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : error.message.slice(0, 200);
  }
  return 'unknown error';
}
