// The part of oidc-provider 8's API the sandbox uses (the package ships no types and none are installed).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type UnknownObject = Record<string, unknown>;

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
    token_endpoint_auth_signing_alg?: string;
    jwks?: { keys: UnknownObject[] };
    scope?: string;
  }

  export interface Client {
    clientId: string;
    grantTypes?: string[];
  }

  export interface BaseToken {
    grantId?: string;
    accountId?: string;
    scope?: string;
  }

  export interface KoaContextWithOIDC {
    body?: unknown;
    oidc: {
      route?: string;
      params?: { scope?: string } & UnknownObject;
      client?: Client;
      result?: { consent?: { grantId?: string } };
      provider: { Grant: typeof Grant };
      entities: {
        AccessToken?: BaseToken;
        AuthorizationCode?: BaseToken;
        RefreshToken?: BaseToken;
      };
    };
  }

  export interface ResourceServerInfo {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'opaque' | 'jwt';
    jwt?: { sign?: { alg?: string } };
  }

  export interface Account {
    accountId: string;
    claims: (use: string, scope: string) => UnknownObject | Promise<UnknownObject>;
  }

  export interface Configuration {
    clients?: ClientMetadata[];
    jwks?: { keys: UnknownObject[] };
    cookies?: { keys?: string[] };
    claims?: Record<string, string[]>;
    scopes?: string[];
    clientAuthMethods?: string[];
    ttl?: Record<string, number>;
    enabledJWA?: { clientAuthSigningAlgValues?: string[] };
    extraParams?: Record<string, ((ctx: KoaContextWithOIDC, value: string | undefined, client: Client) => void) | null>;
    features?: {
      devInteractions?: { enabled: boolean };
      clientCredentials?: { enabled: boolean };
      rpInitiatedLogout?: { enabled: boolean };
      resourceIndicators?: {
        enabled: boolean;
        defaultResource?: (ctx: KoaContextWithOIDC) => string;
        useGrantedResource?: (ctx: KoaContextWithOIDC) => boolean;
        getResourceServerInfo?: (ctx: KoaContextWithOIDC, indicator: string, client: Client) => ResourceServerInfo;
      };
    };
    interactions?: { url: (ctx: KoaContextWithOIDC, interaction: { uid: string }) => string };
    loadExistingGrant?: (ctx: KoaContextWithOIDC) => Promise<Grant | undefined>;
    findAccount?: (ctx: KoaContextWithOIDC, id: string) => Account | undefined;
    extraTokenClaims?: (ctx: KoaContextWithOIDC, token: BaseToken) => UnknownObject | undefined;
  }

  export interface Interaction {
    uid: string;
    prompt: { name: string; details: UnknownObject };
    params: UnknownObject;
    session?: { accountId: string };
    lastSubmission?: UnknownObject;
  }

  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(indicator: string, scope: string): void;
    save(): Promise<string>;
    static find(id: string): Promise<Grant | undefined>;
  }

  type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly Grant: typeof Grant;
    use(middleware: Middleware): void;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: UnknownObject,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }

  export const errors: {
    InvalidRequest: new (description: string) => Error;
    InvalidTarget: new (description?: string) => Error;
  };
}
