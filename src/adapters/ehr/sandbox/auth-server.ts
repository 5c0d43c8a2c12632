// The sandbox's authorization server: oidc-provider configured for SMART App Launch 2 and SMART Backend Services.
// Access tokens are JWTs for the FHIR base (resource indicators), so the FHIR server verifies them with the JWKS;
// the launch context bound at consent goes into the access token (`patient`, `fhirUser`) and the token response.
// The ID token's `profile` claims include `klivira_role`, the role Klivira's web sign-in gives the demo user.
import type { JWK } from 'jose';
import type { ClientMetadata, KoaContextWithOIDC } from 'oidc-provider';
import Provider, { errors } from 'oidc-provider';
import { randomBytes } from 'node:crypto';
import { type LaunchContexts, tokenResponseParams } from './launch.ts';
import { parseResourceScope } from './scopes.ts';
import { findUser } from './users.ts';

export const LAUNCH_SCOPES = ['launch', 'launch/patient', 'launch/encounter'];
export const ACCESS_TOKEN_TTL_S = 3600;
/** The claim Klivira's web sign-in reads the role from (its default `KLIVIRA_OIDC_ROLE_CLAIM`). */
export const KLIVIRA_ROLE_CLAIM = 'klivira_role';

export interface AuthServerOptions {
  issuer: string;
  fhirBase: string;
  signingKey: JWK;
  clients: ClientMetadata[];
  launches: LaunchContexts;
  styleUrl: string;
}

function isBackend(client: { grantTypes?: string[] } | undefined): boolean {
  return client?.grantTypes?.includes('client_credentials') === true;
}

/** The FHIR resource server's scopes for this request: every SMART scope it asks for in the contexts the client may
 * use (system/ for backend services, patient/ and user/ for apps), so any v2 syntax is accepted without a list. */
function resourceScopes(ctx: KoaContextWithOIDC, backend: boolean): string {
  const { params, entities } = ctx.oidc;
  const requested = [params?.scope, entities.AuthorizationCode?.scope, entities.RefreshToken?.scope]
    .join(' ')
    .split(' ');
  const smart = requested.filter((scope) => {
    const parsed = parseResourceScope(scope);
    return parsed !== undefined && (parsed.context === 'system') === backend;
  });
  return [...new Set([...(backend ? [] : LAUNCH_SCOPES), ...smart])].join(' ');
}

export function buildAuthServer(options: AuthServerOptions): Provider {
  const { fhirBase, launches } = options;
  const provider = new Provider(options.issuer, {
    clients: options.clients,
    jwks: { keys: [options.signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], fhirUser: ['fhirUser'], profile: ['name', KLIVIRA_ROLE_CLAIM] },
    scopes: ['openid', 'offline_access', 'fhirUser', 'profile'],
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_S,
      ClientCredentials: ACCESS_TOKEN_TTL_S,
      AuthorizationCode: 60,
      IdToken: ACCESS_TOKEN_TTL_S,
      Interaction: 3600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      RefreshToken: 24 * 3600,
    },
    clientAuthMethods: ['none', 'client_secret_basic', 'private_key_jwt'],
    enabledJWA: { clientAuthSigningAlgValues: ['RS256', 'RS384', 'ES256', 'ES384'] },
    extraParams: {
      aud(_ctx, value) {
        if (value !== undefined && value.replace(/\/$/, '') !== fhirBase)
          throw new errors.InvalidRequest(`aud must be this server's FHIR base (${fhirBase})`);
      },
      launch(_ctx, value) {
        if (value !== undefined && !launches.launch(value))
          throw new errors.InvalidRequest('unknown or expired launch');
      },
      // Standalone launch: preselects the patient in the picker (a sandbox convenience, not SMART).
      patient: null,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => fhirBase,
        useGrantedResource: () => true,
        getResourceServerInfo(ctx, indicator, client) {
          if (indicator !== fhirBase) throw new errors.InvalidTarget(`the only resource is ${fhirBase}`);
          return {
            scope: resourceScopes(ctx, isBackend(client)),
            audience: fhirBase,
            accessTokenTTL: ACCESS_TOKEN_TTL_S,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `${new URL(options.issuer).pathname}/interaction/${interaction.uid}` },
    // Only the grant consented to in this very authorization: every authorization goes through consent, where the
    // launch context is bound to a fresh grant (reusing one would hand a second launch the first one's patient).
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    findAccount(_ctx, id) {
      const user = findUser(id);
      if (!user) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          fhirUser: `${fhirBase}/Practitioner/${user.practitionerId}`,
          name: `${user.name.given} ${user.name.family}`,
          [KLIVIRA_ROLE_CLAIM]: user.kliviraRole,
        }),
      };
    },
    extraTokenClaims(_ctx, token) {
      const user = token.accountId ? findUser(token.accountId) : undefined;
      const context = launches.forGrant(token.grantId);
      if (!user && !context?.patient) return undefined;
      return {
        ...(user ? { fhirUser: `${fhirBase}/Practitioner/${user.practitionerId}` } : {}),
        ...(context?.patient ? { patient: context.patient } : {}),
      };
    },
  });
  // SMART's launch context parameters go beside the access token in the token response.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc.route !== 'token' || typeof ctx.body !== 'object' || ctx.body === null) return;
    const context = launches.forGrant(ctx.oidc.entities.AccessToken?.grantId);
    if (context) Object.assign(ctx.body, tokenResponseParams(context, options.styleUrl));
  });
  return provider;
}
