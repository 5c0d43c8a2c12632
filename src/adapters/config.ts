// Runtime configuration from the environment. The embedded default needs none of it.
import type { PracticeIdentity } from '../core/submission/index.ts';
import { isRole, type Role } from '../core/access/index.ts';

/** Largest request body the API accepts unless KLIVIRA_BODY_LIMIT says otherwise. Defined here, not in the HTTP
 * server, so that loading the configuration does not load the server. */
export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

export interface RateLimits {
  /** Requests a minute for one API key. */
  perKeyPerMinute: number;
  /** Requests a minute from one client address without a well-formed key. */
  perAddressPerMinute: number;
}

/** Generous for people and integrations; a flood of requests without a valid key is cut off early. */
export const DEFAULT_RATE_LIMITS: RateLimits = { perKeyPerMinute: 600, perAddressPerMinute: 120 };

/** Fastify's `trustProxy`: false (the default: the client address is the socket's), true (believe any
 * X-Forwarded-For), or the proxies' addresses and CIDR ranges, comma-separated. */
export type TrustProxy = boolean | string;

export interface Config {
  databaseUrl?: string;
  dataDir: string;
  host: string;
  port: number;
  organizationId: string;
  logLevel: string;
  bodyLimit: number;
  rateLimits: RateLimits;
  /** Browser origins allowed cross-origin access to the API; none by default. */
  corsOrigins: string[];
  /** EHRs whose CDS Hooks calls are trusted: issuer (`iss`) → the URL of its JWKS. */
  cdsTrustedIssuers: Record<string, string>;
  /** EHRs that may launch Klivira as a SMART app: each one's FHIR base and Klivira's client id there. */
  smartEhrs: { fhirBase: string; clientId: string }[];
  trustProxy: TrustProxy;
  /** The payer endpoints submissions go to (the demo points them at the bundled simulator). */
  payer: {
    pasUrl?: string;
    coreUrl?: string;
    coreUser?: string;
    corePassword?: string;
    /** OAuth 2 client credentials for the PAS endpoint (SMART Backend Services or a client secret). */
    pasAuth?: PasAuthConfig;
  };
  /** The practice's own identity, sent when the record names the ordering clinician only as a Practitioner. */
  practice?: PracticeIdentity;
  /** Our identity on the wire: X12 ISA06 / PAS transmission sender, TRN originator. */
  senderId: string;
  originatorId: string;
  /** Where the payer can reach our PAS notification webhook, and the secret it must present. */
  publicUrl?: string;
  webhookSecret?: string;
  /** Run the job worker in this process (set KLIVIRA_WORKER=0 on API-only processes). */
  worker: boolean;
  /** Outgoing notifications: email through SMTP, and where webhooks may go. */
  notifications?: NotificationConfig;
  /** People's sign-in to the web app (OpenID Connect); without it only API keys authenticate. */
  oidc?: OidcConfig;
  /** How long a web session lives: idle, and at most. */
  session: { idleMinutes: number; maxHours: number };
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  scope: string;
  /** The ID token claim naming the Klivira role. */
  roleClaim: string;
  /** The role of a person whose token has no role claim; unset, such a person cannot sign in. */
  defaultRole?: Role;
}

function oidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const { KLIVIRA_OIDC_ISSUER: issuer, KLIVIRA_OIDC_CLIENT_ID: clientId } = env;
  const { KLIVIRA_OIDC_CLIENT_SECRET: clientSecret, KLIVIRA_OIDC_DEFAULT_ROLE: defaultRole } = env;
  if (!issuer && !clientId) return undefined;
  if (!issuer || !clientId) throw new Error('web sign-in needs both KLIVIRA_OIDC_ISSUER and KLIVIRA_OIDC_CLIENT_ID');
  if (!URL.canParse(issuer)) throw new Error(`KLIVIRA_OIDC_ISSUER is not a URL (got '${issuer}')`);
  if (defaultRole && !isRole(defaultRole))
    throw new Error(
      `KLIVIRA_OIDC_DEFAULT_ROLE must be admin, coordinator, clinician or read_only (got '${defaultRole}')`,
    );
  return {
    issuer,
    clientId,
    ...(clientSecret ? { clientSecret } : {}),
    scope: env.KLIVIRA_OIDC_SCOPE ?? 'openid profile email',
    roleClaim: env.KLIVIRA_OIDC_ROLE_CLAIM ?? 'klivira_role',
    ...(defaultRole && isRole(defaultRole) ? { defaultRole } : {}),
  };
}

export interface NotificationConfig {
  /** A nodemailer SMTP URL (`smtps://user:pass@mail.example.org`); without it no email is sent. */
  smtpUrl?: string;
  mailFrom: string;
  /** Plain http webhooks to this machine (the demo, tests). */
  allowLoopbackWebhooks: boolean;
  /** Webhooks to private network addresses (an intranet receiver); refused by default (SSRF). */
  allowPrivateWebhooks: boolean;
}

function notifications(env: NodeJS.ProcessEnv): NotificationConfig {
  const smtpUrl = env.KLIVIRA_SMTP_URL;
  if (smtpUrl && !/^smtps?:$/.test(URL.parse(smtpUrl)?.protocol ?? '')) {
    throw new Error('KLIVIRA_SMTP_URL must be an smtp:// or smtps:// URL');
  }
  return {
    ...(smtpUrl ? { smtpUrl } : {}),
    mailFrom: env.KLIVIRA_MAIL_FROM ?? 'Klivira <notifications@klivira.invalid>',
    allowLoopbackWebhooks: false,
    allowPrivateWebhooks: env.KLIVIRA_WEBHOOK_ALLOW_PRIVATE === 'true',
  };
}

export interface PasAuthConfig {
  tokenUrl: string;
  clientId: string;
  /** Path of the private JWK (RS384 or ES384) that signs the client assertion (SMART Backend Services). */
  clientKeyFile?: string;
  clientSecret?: string;
  scope?: string;
}

/** Synthetic identity for the demo and its simulator; never sent to a real payer. */
export const DEMO_PRACTICE: PracticeIdentity = {
  name: 'Klivira Demo Practice',
  npi: '1999999992',
  tin: '99-0000000',
  address: '1 Demo Way, Springfield, IL 62701',
  phone: '555-0100',
};

function practice(env: NodeJS.ProcessEnv): PracticeIdentity | undefined {
  const { KLIVIRA_PROVIDER_NAME: name, KLIVIRA_PROVIDER_NPI: npi } = env;
  const { KLIVIRA_PROVIDER_TIN: tin, KLIVIRA_PROVIDER_ADDRESS: address, KLIVIRA_PROVIDER_PHONE: phone } = env;
  if (!name && !npi && !tin && !address && !phone) return undefined;
  if (!name || !npi) throw new Error('KLIVIRA_PROVIDER_NAME and KLIVIRA_PROVIDER_NPI are both needed for the practice');
  if (!/^\d{10}$/.test(npi)) throw new Error(`KLIVIRA_PROVIDER_NPI must be 10 digits (got '${npi}')`);
  return { name, npi, ...(tin ? { tin } : {}), ...(address ? { address } : {}), ...(phone ? { phone } : {}) };
}

function pasAuth(env: NodeJS.ProcessEnv): PasAuthConfig | undefined {
  const { KLIVIRA_PAS_TOKEN_URL: tokenUrl, KLIVIRA_PAS_CLIENT_ID: clientId } = env;
  const { KLIVIRA_PAS_CLIENT_KEY: clientKeyFile, KLIVIRA_PAS_CLIENT_SECRET: clientSecret } = env;
  if (!tokenUrl && !clientId && !clientKeyFile && !clientSecret) return undefined;
  if (!tokenUrl || !clientId || (!clientKeyFile && !clientSecret) || (clientKeyFile && clientSecret)) {
    throw new Error(
      'PAS authentication needs KLIVIRA_PAS_TOKEN_URL, KLIVIRA_PAS_CLIENT_ID and one of KLIVIRA_PAS_CLIENT_KEY ' +
        '(a private JWK file) or KLIVIRA_PAS_CLIENT_SECRET',
    );
  }
  if (URL.parse(tokenUrl) === null) throw new Error('KLIVIRA_PAS_TOKEN_URL is not a URL');
  return {
    tokenUrl,
    clientId,
    ...(clientKeyFile ? { clientKeyFile } : {}),
    ...(clientSecret ? { clientSecret } : {}),
    ...(env.KLIVIRA_PAS_SCOPE ? { scope: env.KLIVIRA_PAS_SCOPE } : {}),
  };
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive integer (got '${value}')`);
  return parsed;
}

function origins(value: string | undefined): string[] {
  const list = (value ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of list) {
    // An origin is scheme, host and port only; anything else would never match a browser's Origin header.
    if (URL.parse(origin)?.origin !== origin) {
      throw new Error(`KLIVIRA_CORS_ORIGINS: '${origin}' is not an origin like https://app.example.org`);
    }
  }
  return list;
}

/** `name=value` pairs, comma-separated, whose names are URLs (and values too when `valueIsUrl`). */
function pairs(
  variable: string,
  shape: string,
  value: string | undefined,
  valueIsUrl: boolean,
): Record<string, string> {
  const found: Record<string, string> = {};
  for (const pair of (value ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at);
    const right = pair.slice(at + 1);
    if (at <= 0 || !right || !URL.canParse(name) || (valueIsUrl && !URL.canParse(right))) {
      throw new Error(`${variable}: '${pair}' is not ${shape}`);
    }
    found[name] = right;
  }
  return found;
}

/** `KLIVIRA_CDS_TRUSTED_ISSUERS`: `issuer=jwks-url` pairs, comma-separated. */
function trustedIssuers(value: string | undefined): Record<string, string> {
  return pairs('KLIVIRA_CDS_TRUSTED_ISSUERS', 'issuer=jwks-url (both URLs)', value, true);
}

/** `KLIVIRA_SMART_EHRS`: `fhir-base=client-id` pairs, comma-separated. */
function smartEhrs(value: string | undefined): { fhirBase: string; clientId: string }[] {
  return Object.entries(pairs('KLIVIRA_SMART_EHRS', 'fhir-base=client-id', value, false)).map(
    ([fhirBase, clientId]) => ({ fhirBase, clientId }),
  );
}

function trustProxy(value: string | undefined): TrustProxy {
  if (value === undefined || value === '' || value === 'false') return false;
  return value === 'true' ? true : value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    dataDir: env.KLIVIRA_DATA_DIR ?? '.klivira/pgdata',
    host: env.HOST ?? '127.0.0.1',
    port: positiveInt('PORT', env.PORT, 3000),
    organizationId: env.KLIVIRA_ORGANIZATION ?? 'default',
    logLevel: env.LOG_LEVEL ?? 'info',
    bodyLimit: positiveInt('KLIVIRA_BODY_LIMIT', env.KLIVIRA_BODY_LIMIT, DEFAULT_BODY_LIMIT),
    rateLimits: {
      perKeyPerMinute: positiveInt(
        'KLIVIRA_RATE_LIMIT_PER_MINUTE',
        env.KLIVIRA_RATE_LIMIT_PER_MINUTE,
        DEFAULT_RATE_LIMITS.perKeyPerMinute,
      ),
      perAddressPerMinute: positiveInt(
        'KLIVIRA_RATE_LIMIT_PER_ADDRESS_PER_MINUTE',
        env.KLIVIRA_RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
        DEFAULT_RATE_LIMITS.perAddressPerMinute,
      ),
    },
    corsOrigins: origins(env.KLIVIRA_CORS_ORIGINS),
    cdsTrustedIssuers: trustedIssuers(env.KLIVIRA_CDS_TRUSTED_ISSUERS),
    smartEhrs: smartEhrs(env.KLIVIRA_SMART_EHRS),
    trustProxy: trustProxy(env.KLIVIRA_TRUST_PROXY),
    payer: {
      ...(env.KLIVIRA_PAS_URL ? { pasUrl: env.KLIVIRA_PAS_URL } : {}),
      ...(env.KLIVIRA_CORE_URL ? { coreUrl: env.KLIVIRA_CORE_URL } : {}),
      ...(env.KLIVIRA_CORE_USER ? { coreUser: env.KLIVIRA_CORE_USER } : {}),
      ...(env.KLIVIRA_CORE_PASSWORD ? { corePassword: env.KLIVIRA_CORE_PASSWORD } : {}),
      ...withValue('pasAuth', pasAuth(env)),
    },
    ...withValue('practice', practice(env)),
    senderId: env.KLIVIRA_SENDER_ID ?? 'KLIVIRA',
    originatorId: env.KLIVIRA_ORIGINATOR_ID ?? '1000000000',
    ...(env.KLIVIRA_PUBLIC_URL ? { publicUrl: env.KLIVIRA_PUBLIC_URL } : {}),
    ...(env.KLIVIRA_WEBHOOK_SECRET ? { webhookSecret: env.KLIVIRA_WEBHOOK_SECRET } : {}),
    worker: env.KLIVIRA_WORKER !== '0',
    notifications: notifications(env),
    ...withValue('oidc', oidcConfig(env)),
    session: {
      idleMinutes: positiveInt('KLIVIRA_SESSION_IDLE_MINUTES', env.KLIVIRA_SESSION_IDLE_MINUTES, 30),
      maxHours: positiveInt('KLIVIRA_SESSION_MAX_HOURS', env.KLIVIRA_SESSION_MAX_HOURS, 12),
    },
  };
}

function withValue<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
