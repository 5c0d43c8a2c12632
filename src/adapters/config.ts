// Runtime configuration from the environment. The embedded default needs none of it.
import { DEFAULT_BODY_LIMIT } from './http/server.ts';

export interface Config {
  databaseUrl?: string;
  dataDir: string;
  host: string;
  port: number;
  organizationId: string;
  logLevel: string;
  bodyLimit: number;
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
  };
}
