// The API in process over a test database, for route tests (`app.inject`): one case service for an organization,
// the health check on the database, and whatever other route groups a test adds; or the full server with API keys,
// submissions and the work queue. Rate limits are out of reach unless a test sets them (tests fire requests far
// faster than any client).
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { PasChannel } from '../adapters/channels/pas-channel.ts';
import { PostgresAccessStore } from '../adapters/db/access-store.ts';
import { PostgresCaseRepository } from '../adapters/db/case-repository.ts';
import type { OpenDatabase } from '../adapters/db/database.ts';
import { postgresSubmissionPorts } from '../adapters/db/submission-ports.ts';
import { PostgresWorkQueueStore } from '../adapters/db/work-queue-store.ts';
import { buildServer, type ServerOptions } from '../adapters/http/server.ts';
import { loadPolicyLibrary } from '../adapters/policies/load.ts';
import { newApiKey } from '../app/access.ts';
import { CaseService } from '../app/cases.ts';
import { SubmissionService } from '../app/submissions.ts';

const UNLIMITED = { perKeyPerMinute: 1_000_000, perAddressPerMinute: 1_000_000 };

export interface TestApi {
  app: FastifyInstance;
  cases: CaseService;
}

export interface TestApiOptions {
  organizationId?: string;
  today?: string;
  server?: Partial<ServerOptions>;
}

export async function testApi(database: OpenDatabase, options: TestApiOptions = {}): Promise<TestApi> {
  const cases = new CaseService({
    library: loadPolicyLibrary(),
    repository: new PostgresCaseRepository(database.db),
    organizationId: options.organizationId ?? 'org-test',
    today: () => options.today ?? '2026-03-02',
  });
  const app = await buildServer({
    service: cases,
    ping: async () => {
      await sql`select 1`.execute(database.db);
    },
    storage: database.kind,
    logLevel: 'silent',
    rateLimits: UNLIMITED,
    ...options.server,
  });
  return { app, cases };
}

/** The secret the full server's PAS notification webhook expects. */
export const TEST_WEBHOOK_SECRET = 'test-webhook-secret';

/** Every route group, with an admin API key for the organization. Submissions are only queued (no worker runs),
 * so the PAS channel, pointed nowhere, is never called. */
export async function fullTestApi(
  database: OpenDatabase,
  options: TestApiOptions = {},
): Promise<TestApi & { access: PostgresAccessStore; adminKey: string }> {
  const access = new PostgresAccessStore(database.db);
  const ports = postgresSubmissionPorts(database.db);
  const submissions = new SubmissionService({
    ...ports,
    cases: new PostgresCaseRepository(database.db),
    channels: {
      pas: new PasChannel({
        baseUrl: 'http://127.0.0.1:9/fhir',
        timeoutMs: 100,
        submissionSystem: 'urn:x',
        fullUrlBase: 'urn:x',
      }),
    },
  });
  const api = await testApi(database, {
    ...options,
    server: {
      access,
      workQueue: { store: new PostgresWorkQueueStore(database.db) },
      submissions: {
        submissions,
        jobs: ports.jobs,
        idempotency: ports.idempotency,
        webhookSecret: TEST_WEBHOOK_SECRET,
      },
      ...options.server,
    },
  });
  const { key, hash } = newApiKey();
  await access.createKey(options.organizationId ?? 'org-test', 'admin', 'test admin', hash);
  return { ...api, access, adminKey: key };
}
