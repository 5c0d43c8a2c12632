// API chaos run (issue 16): concurrent API clients on a shared pool of cases, against two `klivira serve` processes
// (no worker in them) and two worker processes SIGKILLed at random, on server PostgreSQL, with the payer simulator
// in process approving, pending (decided later by notification), denying, answering slowly and failing with 500s.
// Afterwards one worker drains the queue and the stored cases are checked (src/testing/consistency.ts): each
// attempt received by the payer at most once (exactly once when answered), no duplicate receipt, gap-free events,
// only legal transitions, no decided case back before submission; and no 5xx answer.
//
//   node --import tsx bench/chaos/api-chaos.ts [clients=16] [seconds=60] [cases=24]
//
// Needs PostgreSQL at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test). Bounded: 10 minutes at most.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { newApiKey } from '../../src/app/access.ts';
import { PostgresAccessStore } from '../../src/adapters/db/access-store.ts';
import { openDatabase } from '../../src/adapters/db/database.ts';
import { generateDemoCases } from '../../src/demo/index.ts';
import { CasePool, ChaosClients, unanswered, type ChaosTally } from '../../src/testing/chaos-client.ts';
import { checkConsistency, failedChecks, pendingSubmissions } from '../../src/testing/consistency.ts';
import { PEND_MAX_MS, randomPayerRules } from '../../src/testing/payer-mix.ts';
import { createSchema, DATABASE_URL, sleep, startSimulator, WorkerProcesses } from './harness.ts';

const clientCount = Number(process.argv[2] ?? 16);
const seconds = Number(process.argv[3] ?? 60);
const caseCount = Number(process.argv[4] ?? 24);
const startedAt = Date.now();
const repository = fileURLToPath(new URL('../../', import.meta.url));
/** Every wait below ends by this; the timer after it is the last resort. */
const deadline = startedAt + 9 * 60_000;
const ORGANIZATION = 'chaos';

const hardStop = setTimeout(() => {
  console.error('api-chaos: hard stop after 10 minutes');
  process.exit(2);
}, 10 * 60_000);
hardStop.unref();

const bundles = generateDemoCases({ seed: 16, count: Math.max(caseCount, 30) }).map((demo) => demo.bundle);
const schema = await createSchema(DATABASE_URL, 'apichaos');
const { simulator, pasUrl, coreUrl } = await startSimulator({ rules: [] });
const database = await openDatabase({ url: DATABASE_URL, schema: schema.name, poolSize: 4 });
const { key, hash } = newApiKey();
await new PostgresAccessStore(database.db).createKey(ORGANIZATION, 'admin', 'chaos admin', hash);

const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: schema.url,
  KLIVIRA_PAS_URL: pasUrl,
  KLIVIRA_CORE_URL: coreUrl,
  KLIVIRA_WEBHOOK_SECRET: randomBytes(16).toString('hex'),
  KLIVIRA_ORGANIZATION: ORGANIZATION,
  KLIVIRA_WORKER: '0',
  // The run's clients share one key and the payer's notifications one address: no rate limit may cut them off.
  KLIVIRA_RATE_LIMIT_PER_MINUTE: '1000000',
  KLIVIRA_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
  LOG_LEVEL: 'error',
};

/** A fresh draw of the payer's answer for every member every few seconds. */
function shuffleRules(): void {
  simulator.payer.rules = randomPayerRules(bundles);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });
}

/** `klivira serve` processes; what they log at error level is counted by error and message for the summary. */
class ApiServers {
  readonly urls: string[] = [];
  readonly errors: Record<string, number> = {};
  private readonly processes: ChildProcess[] = [];

  async start(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      const port = await freePort();
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/adapters/cli/bin.ts', 'serve', '--port', `${port}`],
        {
          cwd: repository,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      createInterface({ input: child.stdout }).on('line', (line) => {
        this.keepError(line, 'stdout');
      });
      createInterface({ input: child.stderr }).on('line', (line) => {
        this.keepError(line, 'stderr');
      });
      this.processes.push(child);
      this.urls.push(`http://127.0.0.1:${String(port)}`);
    }
    process.once('exit', () => {
      for (const child of this.processes) child.kill('SIGKILL');
    });
    await Promise.all(this.urls.map((url) => this.healthy(url)));
  }

  /** SIGTERM (the server closes cleanly), SIGKILL for one that has not exited within 10 s. */
  async stop(): Promise<void> {
    await Promise.all(
      this.processes.map(async (child) => {
        if (child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(10_000)]);
        child.kill('SIGKILL');
      }),
    );
  }

  private async healthy(url: string): Promise<void> {
    while (Date.now() < deadline) {
      const ok = await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(250);
    }
    throw new Error(`${url} did not become healthy`);
  }

  /** Pino lines at error level and above, and anything else on stderr (a crash's stack). */
  private keepError(line: string, stream: 'stdout' | 'stderr'): void {
    const entry = parseLogLine(line);
    const label =
      entry && entry.level >= 50
        ? `${entry.errorName ?? ''} ${entry.msg ?? ''}`.trim()
        : stream === 'stderr' && line.trim() !== ''
          ? line.slice(0, 200)
          : undefined;
    if (label !== undefined) this.errors[label] = (this.errors[label] ?? 0) + 1;
  }
}

function parseLogLine(line: string): { level: number; errorName?: string; msg?: string } | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { level?: unknown; errorName?: string; msg?: string };
    return typeof entry.level === 'number' ? { ...entry, level: entry.level } : undefined;
  } catch {
    return undefined;
  }
}

async function waitUntil(done: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Math.min(Date.now() + ms, deadline);
  while (Date.now() < until) {
    if (await done()) return true;
    await sleep(250);
  }
  return done();
}

async function runClients(servers: ApiServers, workers: WorkerProcesses): Promise<ChaosTally> {
  const clients = new ChaosClients(
    { servers: servers.urls, headers: { authorization: `Bearer ${key}` } },
    new CasePool(caseCount),
    bundles,
  );
  await clients.seed(caseCount);
  console.log(`${String(caseCount)} cases created; ${String(clientCount)} clients for ${String(seconds)} s`);
  const shuffler = setInterval(shuffleRules, 5000);
  let finished = false;
  const run = clients.run(clientCount, seconds * 1000).finally(() => {
    finished = true;
  });
  await workers.killAtRandomUntil(() => finished, deadline);
  const tally = await run;
  clearInterval(shuffler);
  return tally;
}

/** One worker finishes the queue; then the last pends are decided and their notifications land. */
async function drain(workers: WorkerProcesses): Promise<{ drained: boolean; drainMs: number }> {
  const start = Date.now();
  workers.keepOne();
  const drained = await waitUntil(async () => (await pendingSubmissions(database.db)) === 0, 120_000);
  await sleep(PEND_MAX_MS + 2000);
  return { drained: drained && (await pendingSubmissions(database.db)) === 0, drainMs: Date.now() - start };
}

/** The run proper; the summary is printed, the exit code returned. */
async function run(servers: ApiServers, workers: WorkerProcesses): Promise<number> {
  shuffleRules();
  await servers.start(2);
  const tally = await runClients(servers, workers);
  const { drained, drainMs } = await drain(workers);
  workers.stop();
  await servers.stop();
  const report = await checkConsistency(database.db, simulator.payer.receipts);
  const failed = [
    ...failedChecks(report),
    ...(tally.serverErrors > 0 || unanswered(tally) > 0 ? ['no5xx'] : []),
    ...(drained ? [] : ['queueDrained']),
  ];
  console.log(
    JSON.stringify(
      {
        clients: clientCount,
        seconds,
        initialCases: caseCount,
        runMs: Date.now() - startedAt,
        workerKills: workers.kills,
        drainMs,
        requests: tally.requests,
        responses: tally.byOperation,
        serverErrors: tally.serverErrors,
        noAnswer: tally.noAnswer,
        serverErrorLog: servers.errors,
        workerCrashes: workers.crashes,
        notificationsSent: simulator.notificationsSent.length,
        ...report,
        failed,
      },
      null,
      2,
    ),
  );
  return failed.length === 0 ? 0 : 1;
}

const servers = new ApiServers();
const workers = new WorkerProcesses(env, 2);
const exitCode = await run(servers, workers).finally(async () => {
  // Also after a failure: nothing of the run may outlive it.
  workers.stop();
  await servers.stop();
  await database.close();
  await simulator.app.close();
  await schema.drop();
});
process.exit(exitCode);
