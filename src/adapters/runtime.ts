// Wires the adapters together for a process: database (embedded or server), policy library, case service, the
// submission channels configured, and the job worker.
import { tokensFromConfig } from './channels/oauth-client.ts';
import { PasChannel } from './channels/pas-channel.ts';
import { X12CoreChannel } from './channels/x12-core-channel.ts';
import { PostgresCaseRepository } from './db/case-repository.ts';
import { nextControlNumbers } from './db/control-numbers.ts';
import { postgresSubmissionPorts, type SubmissionPorts } from './db/submission-ports.ts';
import { SubmissionService, type SubmissionDeps } from '../app/submissions.ts';
import type { CaseRepository } from '../app/case-repository.ts';
import { routeJobs, Worker } from '../app/worker.ts';
import type { NotificationService } from '../app/notifications.ts';
import { notificationService } from './notify/service.ts';
import type { ChannelName, SubmissionChannel } from '../core/channel/index.ts';
import { openDatabase, type OpenDatabase } from './db/database.ts';
import { loadPolicyLibrary } from './policies/load.ts';
import { CaseService } from '../app/cases.ts';
import { AppealService } from '../app/appeals.ts';
import { PostgresAppealStore } from './db/appeal-store.ts';
import { PayerRequestService } from '../app/payer-requests.ts';
import { PostgresPayerRequestStore } from './db/payer-request-store.ts';
import type { PolicyLibrary } from '../core/policy/index.ts';
import type { Config } from './config.ts';

export interface Runtime {
  database: OpenDatabase;
  library: PolicyLibrary;
  service: CaseService;
  ports: SubmissionPorts;
  submissions: SubmissionService;
  pas?: PasChannel;
  worker: Worker;
  notifications: NotificationService;
  /** Appeals and new attempts after an adverse decision. */
  appeals: AppealService;
  /** A payer's requests for more information and their answers. */
  payerRequests: PayerRequestService;
}

export const today = (): string => new Date().toISOString().slice(0, 10);

export async function startRuntime(config: Config): Promise<Runtime> {
  const library = loadPolicyLibrary();
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  const repository = new PostgresCaseRepository(database.db);
  const service = new CaseService({ library, repository, organizationId: config.organizationId, today });
  const ports = postgresSubmissionPorts(database.db);
  const channels: Partial<Record<ChannelName, SubmissionChannel>> = {};
  let pas: PasChannel | undefined;
  const practice = config.practice ? { practice: config.practice } : {};
  if (config.payer.pasUrl) {
    const timeoutMs = 15_000;
    pas = new PasChannel({
      baseUrl: config.payer.pasUrl,
      timeoutMs,
      ...(config.payer.pasAuth ? { auth: tokensFromConfig(config.payer.pasAuth, timeoutMs) } : {}),
      ...practice,
      submissionSystem: `urn:trnorg:${config.originatorId}`,
      fullUrlBase: `${config.publicUrl ?? `http://${config.host}:${String(config.port)}`}/fhir`,
      transmission: { interchangeSenderID: config.senderId, interchangeReceiverID: 'PAYER' },
    });
    channels.pas = pas;
  }
  if (config.payer.coreUrl) {
    const { coreUser, corePassword } = config.payer;
    channels['x12-278'] = new X12CoreChannel({
      url: config.payer.coreUrl,
      style: 'soap',
      ...(coreUser && corePassword ? { credentials: { username: coreUser, password: corePassword } } : {}),
      // CAQH CORE's real-time limit is 20 s.
      timeoutMs: 20_000,
      addressing: {
        senderId: config.senderId,
        receiverId: 'PAYER',
        usage: 'T',
        originatorId: config.originatorId,
        payers: library.payers,
        ...practice,
      },
      controlNumbers: () => nextControlNumbers(database.db),
    });
  }
  const submissions = new SubmissionService({
    ...ports,
    cases: repository,
    channels,
    decisionDue: decisionDueOf(service),
  });
  const notifications = notificationService(database.db, ports.jobs, {
    publicUrl: config.publicUrl ?? `http://${config.host}:${String(config.port)}`,
    notifications: config.notifications,
  });
  const payerRequests = payerRequestService(database.db, ports, submissions, repository, channels);
  const worker = new Worker(ports.jobs, routeJobs(submissions, notifications, payerRequests), {
    scanners: [() => notifications.scan()],
  });
  const appeals = new AppealService({ store: new PostgresAppealStore(database.db), cases: service, repository, today });
  return {
    database,
    library,
    service,
    ports,
    submissions,
    worker,
    notifications,
    appeals,
    payerRequests,
    ...(pas ? { pas } : {}),
  };
}

/** A service without storage, for commands that only compute (`check`, `facts`). */
export function offlineService(config: Config): CaseService {
  return new CaseService({ library: loadPolicyLibrary(), organizationId: config.organizationId, today });
}

/** The payer's decision clock from the policy library's coverage data, started at the moment of sending. */
export function decisionDueOf(service: CaseService): NonNullable<SubmissionDeps['decisionDue']> {
  return (request, receivedAt) => service.check(request.bundle, { receivedAt }).determination.coverage?.deadline?.due;
}

/** Requests for more information over the database, answered on the channels the submissions went out on. */
export function payerRequestService(
  db: OpenDatabase['db'],
  ports: SubmissionPorts,
  submissions: SubmissionService,
  cases: CaseRepository,
  channels: Partial<Record<ChannelName, SubmissionChannel>>,
): PayerRequestService {
  return new PayerRequestService({
    store: new PostgresPayerRequestStore(db),
    submissions: ports.store,
    requestFor: (submission) => submissions.requestFor(submission),
    cases,
    jobs: ports.jobs,
    channels,
  });
}
