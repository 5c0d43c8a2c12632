// The job worker: claims due jobs (SKIP LOCKED, with a lease so a killed worker's job is taken over) and runs
// them. Several workers, in several processes, can share one server database; on the embedded default it runs
// inside the API process.
import { randomUUID } from 'node:crypto';
import type { SubmissionStore } from './submission-store.ts';
import type { SubmissionService } from './submissions.ts';

export interface WorkerOptions {
  pollMs?: number;
  leaseMs?: number;
  onError?: (error: unknown) => void;
}

export class Worker {
  readonly id = `worker-${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: SubmissionStore,
    private readonly submissions: SubmissionService,
    private readonly options: WorkerOptions = {},
  ) {}

  /** Runs due jobs until none is left; returns how many ran. */
  async drain(): Promise<number> {
    let count = 0;
    for (;;) {
      const job = await this.store.claimJob(this.id, this.options.leaseMs ?? 30_000);
      if (!job) return count;
      await this.submissions.runJob(job);
      count += 1;
    }
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
