// The job worker: claims due jobs (SKIP LOCKED, with a lease so a killed worker's job is taken over) and runs
// them, renewing the lease while a job runs so that a slow send is never taken over by another worker. Several
// workers, in several processes, can share one server database; on the embedded default it runs inside the API
// process. It also deletes finished jobs past their retention.
import { randomUUID } from 'node:crypto';
import type { Job, JobQueue } from './submission-store.ts';

export interface WorkerOptions {
  pollMs?: number;
  leaseMs?: number;
  /** How long finished jobs are kept (default 7 days); dead letters are kept until a person has dealt with them. */
  retentionMs?: number;
  onError?: (error: unknown) => void;
  /** Periodic work beside the jobs (the re-authorization scan), run at most every `scanEveryMs` (default 60 s). */
  scanners?: (() => Promise<unknown>)[];
  scanEveryMs?: number;
}

/** What the worker runs: one claimed job to its end (the submission service). */
export interface JobRunner {
  runJob(job: Job): Promise<void>;
}

/**
 * One worker for every kind of job: notification jobs go to their service, answers to a payer's request for
 * information to theirs (a process without it buries them: nothing else can send them), the others to submission.
 */
export function routeJobs(
  submissions: { runJob(job: Exclude<Job, { kind: 'notify' | 'send_information' }>): Promise<void> },
  notifications: { runJob(job: Extract<Job, { kind: 'notify' }>): Promise<void> },
  information?: { runJob(job: Extract<Job, { kind: 'send_information' }>): Promise<void> },
): JobRunner {
  return {
    runJob: (job) => {
      if (job.kind === 'notify') return notifications.runJob(job);
      if (job.kind === 'send_information') {
        return information ? information.runJob(job) : Promise.reject(new Error('no runner for send_information'));
      }
      return submissions.runJob(job);
    },
  };
}

const DAY_MS = 86_400_000;
const PURGE_EVERY_MS = 3_600_000;

export class Worker {
  readonly id = `worker-${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastPurge = 0;
  private lastScan = 0;

  constructor(
    private readonly jobs: JobQueue,
    private readonly runner: JobRunner,
    private readonly options: WorkerOptions = {},
  ) {}

  private get leaseMs(): number {
    return this.options.leaseMs ?? 30_000;
  }

  /** Runs due jobs until none is left; returns how many ran. */
  async drain(): Promise<number> {
    await this.purgeWhenDue();
    await this.scanWhenDue();
    let count = 0;
    for (;;) {
      const job = await this.jobs.claimJob(this.id, this.leaseMs);
      if (!job) return count;
      await this.runLeased(job);
      count += 1;
    }
  }

  /** Runs one job, renewing its lease every third of the lease until it ends. */
  private async runLeased(job: Job): Promise<void> {
    const renewal = setInterval(() => {
      this.jobs.renewLease(job, this.leaseMs).then(
        (held) => {
          if (!held) clearInterval(renewal);
        },
        (error: unknown) => this.options.onError?.(error),
      );
    }, this.leaseMs / 3);
    try {
      await this.runner.runJob(job);
    } finally {
      clearInterval(renewal);
    }
  }

  private async purgeWhenDue(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    await this.jobs.purgeFinishedJobs(new Date(Date.now() - (this.options.retentionMs ?? 7 * DAY_MS)));
  }

  private async scanWhenDue(): Promise<void> {
    if (Date.now() - this.lastScan < (this.options.scanEveryMs ?? 60_000)) return;
    this.lastScan = Date.now();
    for (const scan of this.options.scanners ?? []) await scan();
  }

  start(): void {
    this.stopped = false;
    const tick = (): void => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs ?? 250);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
