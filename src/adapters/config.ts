// Runtime configuration from the environment. The embedded default needs none of it.

/** Largest request body the API accepts unless KLIVIRA_BODY_LIMIT says otherwise. Defined here, not in the HTTP
 * server, so that loading the configuration does not load the server. */
export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

export interface Config {
  databaseUrl?: string;
  dataDir: string;
  host: string;
  port: number;
  organizationId: string;
  logLevel: string;
  bodyLimit: number;
  /** The payer endpoints submissions go to (the demo points them at the bundled simulator). */
  payer: {
    pasUrl?: string;
    coreUrl?: string;
    coreUser?: string;
    corePassword?: string;
  };
  /** Our identity on the wire: X12 ISA06 / PAS transmission sender, TRN originator. */
  senderId: string;
  originatorId: string;
  /** Where the payer can reach our PAS notification webhook, and the secret it must present. */
  publicUrl?: string;
  webhookSecret?: string;
  /** Run the job worker in this process (set KLIVIRA_WORKER=0 on API-only processes). */
  worker: boolean;
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive integer (got '${value}')`);
  return parsed;
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
    payer: {
      ...(env.KLIVIRA_PAS_URL ? { pasUrl: env.KLIVIRA_PAS_URL } : {}),
      ...(env.KLIVIRA_CORE_URL ? { coreUrl: env.KLIVIRA_CORE_URL } : {}),
      ...(env.KLIVIRA_CORE_USER ? { coreUser: env.KLIVIRA_CORE_USER } : {}),
      ...(env.KLIVIRA_CORE_PASSWORD ? { corePassword: env.KLIVIRA_CORE_PASSWORD } : {}),
    },
    senderId: env.KLIVIRA_SENDER_ID ?? 'KLIVIRA',
    originatorId: env.KLIVIRA_ORIGINATOR_ID ?? '1000000000',
    ...(env.KLIVIRA_PUBLIC_URL ? { publicUrl: env.KLIVIRA_PUBLIC_URL } : {}),
    ...(env.KLIVIRA_WEBHOOK_SECRET ? { webhookSecret: env.KLIVIRA_WEBHOOK_SECRET } : {}),
    worker: env.KLIVIRA_WORKER !== '0',
  };
}
