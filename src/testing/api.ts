// The API in process over a test database, for route tests (`app.inject`): one case service for an organization,
// the health check on the database, and whatever other route groups a test adds; or the full server with API keys,
// submissions and the work queue. Rate limits are out of reach unless a test sets them (tests fire requests far
// faster than any client).
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { PasChannel } from '../adapters/channels/pas-channel.ts';
import { PostgresAccessStore } from '../adapters/db/access-store.ts';
import { PostgresCaseRepository } from '../adapters/db/case-repository.ts';
import { PostgresAppealStore } from '../adapters/db/appeal-store.ts';
import { AppealService } from '../app/appeals.ts';
import type { OpenDatabase } from '../adapters/db/database.ts';
import { postgresSubmissionPorts } from '../adapters/db/submission-ports.ts';
import { PostgresAnalyticsStore } from '../adapters/db/analytics-store.ts';
import { PostgresWorkQueueStore } from '../adapters/db/work-queue-store.ts';
import { PostgresUserStore } from '../adapters/db/user-store.ts';
import { notificationService } from '../adapters/notify/service.ts';
import { appealDocumentService } from '../adapters/documents/service.ts';
import { buildServer, type ServerOptions } from '../adapters/http/server.ts';
import { loadPolicyLibrary } from '../adapters/policies/load.ts';
import { payerRequestService } from '../adapters/runtime.ts';
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
  /** The case service the API uses, when a test wires other services around it. */
  cases?: CaseService;
  server?: Partial<ServerOptions>;
}

export async function testApi(database: OpenDatabase, options: TestApiOptions = {}): Promise<TestApi> {
  const repository = new PostgresCaseRepository(database.db);
  const today = () => options.today ?? '2026-03-02';
  const cases =
    options.cases ??
    new CaseService({
      library: loadPolicyLibrary(),
      repository,
      organizationId: options.organizationId ?? 'org-test',
      today,
    });
  const appeals = new AppealService({ store: new PostgresAppealStore(database.db), cases, repository, today });
  const app = await buildServer({
    service: cases,
    appeals,
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

/**
 * Every route group beyond the case routes, over one database, as `klivira serve` wires them. Submissions are only
 * queued (no worker runs), so the PAS channel, pointed nowhere, is never called.
 */
export function allRouteGroups(database: OpenDatabase, today: () => string): Partial<ServerOptions> {
  const repository = new PostgresCaseRepository(database.db);
  const ports = postgresSubmissionPorts(database.db);
  const submissions = new SubmissionService({
    ...ports,
    cases: repository,
    channels: {
      pas: new PasChannel({
        baseUrl: 'http://127.0.0.1:9/fhir',
        timeoutMs: 100,
        submissionSystem: 'urn:x',
        fullUrlBase: 'urn:x',
      }),
    },
  });
  return {
    workQueue: { store: new PostgresWorkQueueStore(database.db) },
    users: new PostgresUserStore(database.db),
    documents: appealDocumentService(database.db, loadPolicyLibrary(), today),
    analytics: { store: new PostgresAnalyticsStore(database.db) },
    notifications: notificationService(database.db, ports.jobs, { publicUrl: 'https://klivira.test' }),
    submissions: {
      submissions,
      jobs: ports.jobs,
      idempotency: ports.idempotency,
      webhookSecret: TEST_WEBHOOK_SECRET,
    },
    payerRequests: {
      service: payerRequestService(database.db, ports, submissions, repository, {}),
      idempotency: ports.idempotency,
    },
  };
}

/** Every route group, with an admin API key for the organization. */
export async function fullTestApi(
  database: OpenDatabase,
  options: TestApiOptions = {},
): Promise<TestApi & { access: PostgresAccessStore; adminKey: string }> {
  const access = new PostgresAccessStore(database.db);
  const api = await testApi(database, {
    ...options,
    server: {
      access,
      ...allRouteGroups(database, () => options.today ?? '2026-03-02'),
      ...options.server,
    },
  });
  const { key, hash } = newApiKey();
  await access.createKey(options.organizationId ?? 'org-test', 'admin', 'test admin', hash);
  return { ...api, access, adminKey: key };
}
