// `klivira serve`: the API on the embedded database (or DATABASE_URL), its job worker, and with --demo the demo
// cases and a bundled payer simulator that the submission channels point at (unless real payer URLs are set).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { DEMO_PRACTICE, type Config } from '../config.ts';
import { newApiKey } from '../../app/access.ts';
import { PostgresAccessStore } from '../db/access-store.ts';
import { PostgresRevocationListener } from '../db/revocation-listener.ts';
import { PostgresWorkQueueStore } from '../db/work-queue-store.ts';
import { buildServer } from '../http/server.ts';
import { startRuntime } from '../runtime.ts';
import { loadDemo } from './demo.ts';
import type { CliIo } from './main.ts';

export async function serve(config: Config, options: { demo: boolean }, io: CliIo): Promise<void> {
  let effective = config;
  let closeSimulator: (() => Promise<void>) | undefined;
  if (options.demo && !config.payer.pasUrl && !config.payer.coreUrl) {
    const { buildSimulator } = await import('../../sim/server.ts');
    const simulator = buildSimulator({ rules: [], latencyMs: 300 });
    const simUrl = await simulator.app.listen({ host: '127.0.0.1', port: config.port + 100 });
    closeSimulator = () => simulator.app.close();
    effective = {
      ...config,
      payer: { pasUrl: `${simUrl}/fhir`, coreUrl: `${simUrl}/core` },
      webhookSecret: config.webhookSecret ?? randomBytes(16).toString('hex'),
      // The demo's synthetic practice stands in for the ordering clinician's organization.
      practice: config.practice ?? DEMO_PRACTICE,
    };
    io.out(`demo: payer simulator on ${simUrl} (approves everything; PAS and X12 278 over CORE)\n`);
  }
  // Refused (e.g. the data folder is another process's): the simulator must not keep this process alive.
  const runtime = await startRuntime(effective).catch(async (error: unknown) => {
    await closeSimulator?.();
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
  if (options.demo) {
    // The demo's EHR: a SMART on FHIR server with the demo and Synthea patients, Klivira registered as its app.
    const { startSandboxEhr } = await import('../ehr/sandbox/server.ts');
    const { describeSandbox } = await import('./sandbox-ehr.ts');
    const ehr = await startSandboxEhr({
      host: effective.host,
      port: effective.port + 200,
      redirectUris: [`${klivira}/smart/callback`],
      appLaunchUrl: `${klivira}/smart/launch`,
      warn: (message) => {
        io.err(`${message}\n`);
      },
    });
    closeSandbox = () => ehr.close();
    sandboxText = `demo: ${describeSandbox(ehr)}`;
    ehrs.push({ fhirBase: ehr.fhirBase, clientId: ehr.appClient.clientId });
  }
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
}
