// The product in process against the payer simulator, as `klivira serve` wires it, for integration tests: a test
// database, the simulator on an ephemeral port, the case service, both submission channels, the submission,
// payer-request and appeal services, a job worker and the API listening on loopback with the route groups serve
// mounts. One `close()` stops them all. Tests set only what differs: organization, date, channel timeout, worker
// timing, a submission clock, a webhook secret (then the PAS channel subscribes), API keys, notifications.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { PasChannel } from '../adapters/channels/pas-channel.ts';
import type { X12CoreChannel } from '../adapters/channels/x12-core-channel.ts';
import { PostgresAccessStore } from '../adapters/db/access-store.ts';
import { PostgresAnalyticsStore } from '../adapters/db/analytics-store.ts';
import { PostgresAppealStore } from '../adapters/db/appeal-store.ts';
import { PostgresCaseRepository } from '../adapters/db/case-repository.ts';
import type { OpenDatabase } from '../adapters/db/database.ts';
import { postgresSubmissionPorts, type SubmissionPorts } from '../adapters/db/submission-ports.ts';
import { PostgresWorkQueueStore } from '../adapters/db/work-queue-store.ts';
import { appealDocumentService } from '../adapters/documents/service.ts';
import type { ServerOptions } from '../adapters/http/server.ts';
import { loadPolicyLibrary } from '../adapters/policies/load.ts';
import { decisionDueOf, payerRequestService } from '../adapters/runtime.ts';
import { AppealService } from '../app/appeals.ts';
import { CaseService } from '../app/cases.ts';
import type { NotificationService } from '../app/notifications.ts';
import type { PayerRequestService } from '../app/payer-requests.ts';
import type { JobQueue } from '../app/submission-store.ts';
import { SubmissionService } from '../app/submissions.ts';
import { routeJobs, Worker, type WorkerOptions } from '../app/worker.ts';
import type { ScenarioRule } from '../sim/scenarios.ts';
import { buildSimulator, type Simulator } from '../sim/server.ts';
import { testApi } from './api.ts';
import type { TestDatabase } from './databases.ts';
import { simulatorChannels } from './simulator-channels.ts';

export interface PayerConnectedOptions {
  organizationId: string;
  /** The date the case and appeal services see (YYYY-MM-DD). */
  today: string;
  simulator?: { rules?: ScenarioRule[]; tickMs?: number };
  /** How long a channel waits for the simulator. */
  channelTimeoutMs: number;
  worker?: WorkerOptions;
  /** The payer's decision clock started at sending (deadline.set events), as serve does; false leaves it out. */
  decisionDue?: boolean;
  /** The clock submission retries are scheduled from. */
  clock?: () => Date;
  /** The PAS notification webhook's secret: set, the PAS channel subscribes the API's webhook with it. */
  webhookSecret?: string;
  /** API keys required (returned `access` makes them). */
  access?: boolean;
  /** The notification service jobs and routes use, made on the product's queue; without it a notification job fails. */
  notifications?: (database: OpenDatabase, jobs: JobQueue) => NotificationService;
  /** Route groups beyond those serve mounts, or in place of them. */
  server?: Partial<ServerOptions>;
}

export interface PayerConnected {
  database: OpenDatabase;
  simulator: Simulator;
  /** The API's address on loopback, e.g. http://127.0.0.1:41234. */
  apiBase: string;
  app: FastifyInstance;
  cases: CaseService;
  ports: SubmissionPorts;
  submissions: SubmissionService;
  payerRequests: PayerRequestService;
  appeals: AppealService;
  channels: { pas: PasChannel; x12: X12CoreChannel };
  /** The worker of the process (not started: tests drain it or start it). */
  worker: Worker;
  /** Another worker over the same jobs, as a second process would run it. */
  newWorker(options?: WorkerOptions): Worker;
  access: PostgresAccessStore;
  notifications?: NotificationService;
  close(): Promise<void>;
}

const noNotifications = { runJob: () => Promise.reject(new Error('no notification jobs in this test')) };

export async function payerConnected(target: TestDatabase, options: PayerConnectedOptions): Promise<PayerConnected> {
  const database = await target.open();
  const simulator = buildSimulator({
    tickMs: options.simulator?.tickMs ?? 10,
    ...(options.simulator?.rules ? { rules: options.simulator.rules } : {}),
  });
  await simulator.app.listen({ host: '127.0.0.1', port: 0 });
  const library = loadPolicyLibrary();
  const today = () => options.today;
  const repository = new PostgresCaseRepository(database.db);
  const ports = postgresSubmissionPorts(database.db);
  const channels = simulatorChannels(simulator, database, options.channelTimeoutMs);
  const wired = { pas: channels.pas, 'x12-278': channels.x12 };
  const cases = new CaseService({ library, repository, organizationId: options.organizationId, today });
  const submissions = new SubmissionService({
    ...ports,
    cases: repository,
    channels: wired,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.decisionDue === false ? {} : { decisionDue: decisionDueOf(cases) }),
  });
  const payerRequests = payerRequestService(database.db, ports, submissions, repository, wired);
  const notifications = options.notifications?.(database, ports.jobs);
  const appeals = new AppealService({ store: new PostgresAppealStore(database.db), cases, repository, today });
  const newWorker = (workerOptions: WorkerOptions = options.worker ?? {}) =>
    new Worker(ports.jobs, routeJobs(submissions, notifications ?? noNotifications, payerRequests), workerOptions);
  const access = new PostgresAccessStore(database.db);
  const { app } = await testApi(database, {
    cases,
    today: options.today,
    server: {
      appeals,
      ...(options.access ? { access } : {}),
      submissions: {
        submissions,
        jobs: ports.jobs,
        idempotency: ports.idempotency,
        ...(options.webhookSecret ? { webhookSecret: options.webhookSecret } : {}),
      },
      payerRequests: { service: payerRequests, idempotency: ports.idempotency },
      workQueue: { store: new PostgresWorkQueueStore(database.db) },
      documents: appealDocumentService(database.db, library, today),
      analytics: { store: new PostgresAnalyticsStore(database.db) },
      ...(notifications ? { notifications } : {}),
      ...options.server,
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const apiBase = `http://127.0.0.1:${String((app.server.address() as AddressInfo).port)}`;
  if (options.webhookSecret) {
    await channels.pas.subscribe(`${apiBase}/api/pas/notifications`, options.webhookSecret, 'KLIVIRA01');
  }
  const worker = newWorker();
  return {
    database,
    simulator,
    apiBase,
    app,
    cases,
    ports,
    submissions,
    payerRequests,
    appeals,
    channels,
    worker,
    newWorker,
    access,
    ...(notifications ? { notifications } : {}),
    async close() {
      await worker.stop();
      await app.close();
      await simulator.app.close();
      await database.close();
    },
  };
}
