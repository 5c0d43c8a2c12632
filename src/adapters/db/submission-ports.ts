// The submission ports on one PostgreSQL database, assembled once for a process or a test.
import type { Kysely } from 'kysely';
import type { DeadlineStore, IdempotencyStore, JobQueue, SubmissionStore } from '../../app/submission-store.ts';
import { PostgresDeadlineStore } from './deadline-store.ts';
import { PostgresIdempotencyStore } from './idempotency-store.ts';
import { PostgresJobQueue } from './job-queue.ts';
import type { Database } from './schema.ts';
import { PostgresSubmissionStore } from './submission-store.ts';

export interface SubmissionPorts {
  store: SubmissionStore;
  deadlines: DeadlineStore;
  jobs: JobQueue;
  idempotency: IdempotencyStore;
}

export function postgresSubmissionPorts(db: Kysely<Database>): SubmissionPorts {
  return {
    store: new PostgresSubmissionStore(db),
    deadlines: new PostgresDeadlineStore(db),
    jobs: new PostgresJobQueue(db),
    idempotency: new PostgresIdempotencyStore(db),
  };
}
