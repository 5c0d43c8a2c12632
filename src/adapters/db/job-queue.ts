// JobQueue on PostgreSQL: the outbox's durable jobs. Claims use SKIP LOCKED, so several workers in several processes
// never take the same job; a lease that is not renewed expires and the job is taken over. Every change after the
// claim is checked against the lease holder, so a worker that lost its job cannot complete or retry it.
import { sql, type Kysely } from 'kysely';
import type { DeadJob, Job, JobQueue, QueueStats } from '../../app/submission-store.ts';
import type { Database } from './schema.ts';

export class PostgresJobQueue implements JobQueue {
  constructor(private readonly db: Kysely<Database>) {}

  async claimJob(workerId: string, leaseMs: number): Promise<Job | undefined> {
    const result = await sql<{
      id: string;
      organization_id: string;
      kind: string;
      payload: unknown;
      attempts: number;
      max_attempts: number;
    }>`
      update jobs set state = 'running', attempts = attempts + 1, locked_by = ${workerId},
        locked_until = now() + (${leaseMs} * interval '1 millisecond'), updated_at = now()
      where id = (
        select id from jobs
        where (state = 'queued' and run_at <= now()) or (state = 'running' and locked_until < now())
        order by run_at, id
        limit 1
        for update skip locked
      )
      returning id::text as id, organization_id, kind, payload, attempts, max_attempts`.execute(this.db);
    const row = result.rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      organizationId: row.organization_id,
      lockedBy: workerId,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      ...({ kind: row.kind, payload: row.payload } as Pick<Job, 'kind' | 'payload'>),
    } as Job;
  }

  async renewLease(job: Job, leaseMs: number): Promise<boolean> {
    const result = await sql`
      update jobs set locked_until = now() + (${leaseMs} * interval '1 millisecond'), updated_at = now()
      where id = ${job.id} and state = 'running' and locked_by = ${job.lockedBy}`.execute(this.db);
    return (result.numAffectedRows ?? 0n) > 0n;
  }

  completeJob(job: Job): Promise<boolean> {
    return this.finish(job, { state: 'done', locked_until: null });
  }

  retryJob(job: Job, error: string, runAt: Date): Promise<boolean> {
    return this.finish(job, {
      state: 'queued',
      run_at: runAt,
      locked_until: null,
      locked_by: null,
      last_error: error.slice(0, 2000),
    });
  }

  buryJob(job: Job, error: string): Promise<boolean> {
    return this.finish(job, { state: 'dead', locked_until: null, last_error: error.slice(0, 2000) });
  }

  private async finish(
    job: Job,
    changes: {
      state: 'queued' | 'done' | 'dead';
      run_at?: Date;
      locked_until: null;
      locked_by?: null;
      last_error?: string;
    },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ ...changes, updated_at: new Date() })
      .where('id', '=', job.id)
      .where('state', '=', 'running')
      .where('locked_by', '=', job.lockedBy)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async deadJobs(organizationId: string): Promise<DeadJob[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .select([sql<string>`id::text`.as('id'), 'kind', 'payload', 'attempts', 'last_error', 'updated_at'])
      .where('organization_id', '=', organizationId)
      .where('state', '=', 'dead')
      .orderBy('updated_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      payload: r.payload,
      attempts: r.attempts,
      lastError: r.last_error,
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }

  async purgeFinishedJobs(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('jobs')
      .where('state', '=', 'done')
      .where('updated_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async stats(): Promise<QueueStats> {
    const result = await sql<{ queued: string; running: string; dead: string; oldest: string | null }>`
      select count(*) filter (where state = 'queued')::text as queued,
             count(*) filter (where state = 'running')::text as running,
             count(*) filter (where state = 'dead')::text as dead,
             extract(epoch from now() - min(run_at) filter (where state = 'queued' and run_at <= now()))::text as oldest
      from jobs where state in ('queued', 'running', 'dead')`.execute(this.db);
    const row = result.rows[0];
    return {
      queued: Number(row?.queued ?? 0),
      running: Number(row?.running ?? 0),
      dead: Number(row?.dead ?? 0),
      oldestDueSeconds: row?.oldest ? Math.max(0, Number(row.oldest)) : 0,
    };
  }
}
