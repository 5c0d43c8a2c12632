// `klivira serve`: the API on the embedded database (or DATABASE_URL), its job worker, and with --demo the demo
// cases and a bundled payer simulator that the submission channels point at (unless real payer URLs are set).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { DEMO_PRACTICE, type Config } from '../config.ts';
import { newApiKey } from '../../app/access.ts';
import { PostgresAccessStore } from '../db/access-store.ts';
import { PostgresRevocationListener } from '../db/revocation-listener.ts';
import { PostgresWorkQueueStore } from '../db/work-queue-store.ts';
import { appealDocumentService } from '../documents/service.ts';
import { PostgresAnalyticsStore } from '../db/analytics-store.ts';
import { PostgresUserStore } from '../db/user-store.ts';
import { PostgresWebSessionStore } from '../db/web-session-store.ts';
import { WebSessions } from '../../app/web-session.ts';
import { webAuth } from '../web/auth/index.ts';
import type { OidcConfig } from '../config.ts';
import { buildServer } from '../http/server.ts';
import { startRuntime, today } from '../runtime.ts';
import { loadDemo } from './demo.ts';
import type { CliIo } from './main.ts';
import type { ScenarioRule } from '../../sim/scenarios.ts';
import { DEMO_PAYER_SCENARIOS } from '../../demo/index.ts';

export interface ServeOptions {
  demo: boolean;
  /** How the demo's payer simulator answers (first match wins); DEMO_PAYER_SCENARIOS unless set. */
  simulatorRules?: ScenarioRule[];
}

/** A running server: its address, and how to stop it (the command stops on SIGINT/SIGTERM; tests call it). */
export interface Serving {
  address: string;
  stop: () => Promise<void>;
}

export async function serve(config: Config, options: ServeOptions, io: CliIo): Promise<Serving> {
  let effective = config;
  let closeSimulator: (() => Promise<void>) | undefined;
  if (options.demo && !config.payer.pasUrl && !config.payer.coreUrl) {
    const { buildSimulator } = await import('../../sim/server.ts');
    const simulator = buildSimulator({ rules: [...(options.simulatorRules ?? DEMO_PAYER_SCENARIOS)], latencyMs: 300 });
    const simUrl = await simulator.app.listen({ host: '127.0.0.1', port: config.port + 100 });
    closeSimulator = () => simulator.app.close();
    effective = {
      ...config,
      payer: { pasUrl: `${simUrl}/fhir`, coreUrl: `${simUrl}/core` },
      webhookSecret: config.webhookSecret ?? randomBytes(16).toString('hex'),
      // The demo's synthetic practice stands in for the ordering clinician's organization.
      practice: config.practice ?? DEMO_PRACTICE,
    };
    io.out(
      `demo: payer simulator on ${simUrl} (PAS and X12 278 over CORE: 72148 pended then approved, 72158 asks for documents, 17311 denied, the rest approved)\n`,
    );
  }
  let closeMailbox: (() => Promise<void>) | undefined;
  if (options.demo) {
    // Imported only for the demo, which receives its own mail on a local SMTP server.
    const { startDemoMailbox } = await import('../notify/demo-mailbox.ts');
    const mailbox = await startDemoMailbox(effective, effective.port + 300, (line) => {
      io.out(line);
    }).catch(async (error: unknown) => {
      await closeSimulator?.();
      throw error;
    });
    effective = mailbox.config;
    closeMailbox = mailbox.close;
  }
  // Refused (e.g. the data folder is another process's): the simulator must not keep this process alive.
  const runtime = await startRuntime(effective).catch(async (error: unknown) => {
    await closeSimulator?.();
    await closeMailbox?.();
    throw error;
  });
  // Server PostgreSQL: revocations made by other API processes reach this one's key cache.
  const revocations = effective.databaseUrl ? new PostgresRevocationListener(effective.databaseUrl) : undefined;
  await revocations?.start();
  const access = new PostgresAccessStore(runtime.database.db, revocations);
  const klivira = effective.publicUrl ?? `http://${effective.host}:${String(effective.port)}`;
  let closeSandbox: (() => Promise<void>) | undefined;
  let sandboxText = '';
  const ehrs = [...effective.smartEhrs];
  let oidc: OidcConfig | undefined = effective.oidc;
  if (options.demo) {
    // The demo's EHR: a SMART on FHIR server with the demo and Synthea patients, Klivira registered as its app.
    const { startSandboxEhr } = await import('../ehr/sandbox/server.ts');
    const { describeSandbox } = await import('./sandbox-ehr.ts');
    const ehr = await startSandboxEhr({
      host: effective.host,
      port: effective.port + 200,
      redirectUris: [`${klivira}/smart/callback`],
      webRedirectUris: [`${klivira}/auth/callback`],
      appLaunchUrl: `${klivira}/smart/launch`,
      warn: (message) => {
        io.err(`${message}\n`);
      },
    });
    closeSandbox = () => ehr.close();
    sandboxText = `demo: ${describeSandbox(ehr)}`;
    ehrs.push({ fhirBase: ehr.fhirBase, clientId: ehr.appClient.clientId });
    // People sign in to the web app at the sandbox EHR unless another identity provider is configured.
    oidc ??= {
      issuer: ehr.issuer,
      clientId: ehr.webClient.clientId,
      clientSecret: ehr.webClient.clientSecret,
      scope: 'openid profile',
      roleClaim: 'klivira_role',
    };
  }
  const web = oidc
    ? webAuth({
        oidc: { ...oidc, redirectUri: `${klivira}/auth/callback` },
        sessions: new WebSessions(new PostgresWebSessionStore(runtime.database.db), {
          idleMs: effective.session.idleMinutes * 60_000,
          absoluteMs: effective.session.maxHours * 3_600_000,
        }),
        users: new PostgresUserStore(runtime.database.db),
        organizationId: effective.organizationId,
        publicOrigin: new URL(klivira).origin,
      })
    : undefined;
  const app = await buildServer({
    service: runtime.service,
    access,
    ping: async () => {
      await sql`select 1`.execute(runtime.database.db);
    },
    storage: runtime.database.kind,
    bodyLimit: effective.bodyLimit,
    rateLimits: effective.rateLimits,
    corsOrigins: effective.corsOrigins,
    cdsHooks: { publicUrl: klivira, trustedIssuers: effective.cdsTrustedIssuers },
    // Klivira as a SMART app of the EHRs registered with it (the demo's sandbox EHR included).
    smartLaunch: {
      service: runtime.service,
      organizationId: effective.organizationId,
      ehrs,
      redirectUri: `${klivira}/smart/callback`,
    },
    trustProxy: effective.trustProxy,
    logLevel: effective.logLevel,
    workQueue: { store: new PostgresWorkQueueStore(runtime.database.db) },
    documents: appealDocumentService(runtime.database.db, runtime.library, today),
    appeals: runtime.appeals,
    payerRequests: { service: runtime.payerRequests, idempotency: runtime.ports.idempotency },
    analytics: { store: new PostgresAnalyticsStore(runtime.database.db) },
    ...(web ? { webAuth: web } : {}),
    users: new PostgresUserStore(runtime.database.db),
    notifications: runtime.notifications,
    submissions: {
      submissions: runtime.submissions,
      jobs: runtime.ports.jobs,
      idempotency: runtime.ports.idempotency,
      ...(effective.webhookSecret ? { webhookSecret: effective.webhookSecret } : {}),
    },
  });
  if (options.demo) {
    // A fresh admin key for this demo run (keys are stored hashed, so an old one cannot be shown again).
    const { key, hash } = newApiKey();
    await access.createKey(effective.organizationId, 'admin', 'demo admin', hash);
    io.out(`demo: admin API key for organization '${effective.organizationId}': ${key}\n`);
    const loaded = await loadDemo(runtime, '.klivira/demo');
    const { seedDemoNotifications } = await import('../notify/demo-mailbox.ts');
    await seedDemoNotifications(runtime.notifications, effective.organizationId);
    io.out(
      `demo: ${String(loaded.stored)} cases stored (${String(loaded.skipped)} already there); bundles in ${loaded.dir}\n`,
    );
  }
  if (sandboxText) io.out(sandboxText);
  if (effective.worker) runtime.worker.start();
  const stop = async (): Promise<void> => {
    await runtime.worker.stop();
    await app.close();
    await closeSandbox?.();
    await revocations?.close();
    await closeSimulator?.();
    await closeMailbox?.();
    await runtime.database.close();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  const address = await app.listen({ host: effective.host, port: effective.port });
  runtime.database.lock?.announce(address);
  if (runtime.pas && effective.webhookSecret) {
    const endpoint = `${effective.publicUrl ?? address}/api/pas/notifications`;
    const id = await runtime.pas.subscribe(endpoint, effective.webhookSecret, effective.senderId);
    io.out(`PAS subscription ${id} → ${endpoint}\n`);
  }
  io.out(
    `Klivira API on ${address} (storage: ${runtime.database.kind === 'pglite' ? `embedded PGlite in ${effective.dataDir}` : 'PostgreSQL server'})\n` +
      `  OpenAPI docs  ${address}/docs\n  health        ${address}/healthz\n`,
  );
  if (web) {
    const demoUsers =
      options.demo && !effective.oidc ? ' (demo users coordinator / coordinator-demo, clinician / clinician-demo)' : '';
    io.out(`  web app       ${klivira}/  sign in at ${klivira}/auth/login${demoUsers}\n`);
  }
  return { address, stop };
}
