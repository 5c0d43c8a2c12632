// What the chaos runs share: a fresh schema on server PostgreSQL (dropped at the end), the payer simulator in
// process, and worker processes (worker.ts) killed with SIGKILL at random and started again.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildSimulator, type Simulator, type SimulatorOptions } from '../../src/sim/server.ts';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Schema {
  name: string;
  /** The connection URL with the schema as its search path: what child processes get as DATABASE_URL. */
  url: string;
  drop(): Promise<void>;
}

export async function createSchema(url: string, prefix: string): Promise<Schema> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${name}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${name}`);
  return { name, url: scoped.toString(), drop: () => admin(`drop schema ${name} cascade`) };
}

/** The simulator listening on a free loopback port, with its PAS (`…/fhir`) and CORE (`…/core`) base URLs. */
export async function startSimulator(
  options: SimulatorOptions,
): Promise<{ simulator: Simulator; pasUrl: string; coreUrl: string }> {
  const simulator = buildSimulator(options);
  await simulator.app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${String((simulator.app.server.address() as AddressInfo).port)}`;
  return { simulator, pasUrl: `${base}/fhir`, coreUrl: `${base}/core` };
}

const workerFile = fileURLToPath(new URL('./worker.ts', import.meta.url));

/**
 * Worker processes (worker.ts) with the environment given. Until killing stops, each worker is killed with SIGKILL
 * at a random moment 0.5–2 s after it has started working (often enough to land mid-send, rarely enough that it
 * gets work done) and replaced by a new one. They are all killed when this process exits, however it exits.
 */
export class WorkerProcesses {
  kills = 0;
  /** Workers that exited on their own (a crash, to be looked at): each is replaced after a second. */
  crashes = 0;
  private readonly workers = new Set<ChildProcess>();
  private killing = true;
  private stopped = false;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    count: number,
  ) {
    for (let i = 0; i < count; i += 1) this.spawn();
    process.once('exit', () => {
      this.stop();
    });
  }

  /** Goes on killing until `done` says so or the deadline passes, then stops killing. */
  async killAtRandomUntil(done: () => boolean | Promise<boolean>, deadline: number): Promise<void> {
    while (!(await done()) && Date.now() < deadline) await sleep(250);
    this.killing = false;
  }

  /** Kills all but one, which is left to finish the work. */
  keepOne(): void {
    for (const worker of [...this.workers].slice(1)) this.end(worker);
  }

  stop(): void {
    this.stopped = true;
    for (const worker of this.workers) this.end(worker);
  }

  private spawn(): void {
    const worker = fork(workerFile, [], {
      env: this.env,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.workers.add(worker);
    worker.once('exit', () => {
      if (!this.workers.delete(worker)) return;
      this.crashes += 1;
      setTimeout(() => {
        if (!this.stopped) this.spawn();
      }, 1000);
    });
    worker.once('message', () => {
      const timer = setTimeout(
        () => {
          if (!this.killing || !this.workers.has(worker)) return;
          this.end(worker);
          this.kills += 1;
          this.spawn();
        },
        500 + Math.random() * 1500,
      );
      worker.once('exit', () => {
        clearTimeout(timer);
      });
    });
  }

  private end(worker: ChildProcess): void {
    this.workers.delete(worker);
    worker.kill('SIGKILL');
  }
}
