// Integration: the job queue's leases on a real database (PGlite; server PostgreSQL when configured): a worker that
// lost its lease can neither renew, complete, retry nor bury the job; finished jobs are purged after retention,
// dead letters kept; the queue's depth and oldest wait are reported.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../testing/databases.ts';
import type { OpenDatabase } from './database.ts';
import { PostgresJobQueue } from './job-queue.ts';

describe.each(TEST_DATABASES)('job queue on $name', (target) => {
  let database: OpenDatabase;
  let jobs: PostgresJobQueue;

  beforeAll(async () => {
    database = await target.open();
    jobs = new PostgresJobQueue(database.db);
    await sql`insert into organizations (id, name) values ('org-jobs', 'org-jobs')`.execute(database.db);
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await sql`delete from jobs`.execute(database.db);
  });

  const enqueue = (runAt = 'now()') =>
    sql`insert into jobs (organization_id, kind, payload, run_at)
        values ('org-jobs', 'reminder', '{}', ${sql.raw(runAt)})`.execute(database.db);
  const expireLeases = () =>
    sql`update jobs set locked_until = now() - interval '1 second' where state = 'running'`.execute(database.db);

  it('lets only the lease holder renew, complete, retry or bury a job', async () => {
    await enqueue();
    const first = await jobs.claimJob('worker-a', 60_000);
    if (!first) throw new Error('no job claimed');
    expect(await jobs.claimJob('worker-b', 60_000)).toBeUndefined();
    expect(await jobs.renewLease(first, 60_000)).toBe(true);
    await expireLeases();
    const second = await jobs.claimJob('worker-b', 60_000);
    expect(second?.id).toBe(first.id);
    expect(second?.attempts).toBe(2);
    expect(await jobs.renewLease(first, 60_000)).toBe(false);
    expect(await jobs.completeJob(first)).toBe(false);
    expect(await jobs.retryJob(first, 'late', new Date())).toBe(false);
    expect(await jobs.buryJob(first, 'late')).toBe(false);
    if (!second) throw new Error('no job taken over');
    expect(await jobs.completeJob(second)).toBe(true);
    const row = await sql<{ state: string }>`select state from jobs`.execute(database.db);
    expect(row.rows).toEqual([{ state: 'done' }]);
  });

  it('purges finished jobs after retention and keeps dead letters', async () => {
    await enqueue();
    await enqueue();
    const done = await jobs.claimJob('w', 60_000);
    const dead = await jobs.claimJob('w', 60_000);
    if (!done || !dead) throw new Error('no jobs claimed');
    await jobs.completeJob(done);
    await jobs.buryJob(dead, 'out of retries');
    expect(await jobs.purgeFinishedJobs(new Date(Date.now() - 60_000))).toBe(0);
    expect(await jobs.purgeFinishedJobs(new Date(Date.now() + 60_000))).toBe(1);
    expect((await jobs.deadJobs('org-jobs')).map((j) => j.lastError)).toEqual(['out of retries']);
  });

  it('reports the queue depth and how long the oldest due job has waited', async () => {
    expect(await jobs.stats()).toEqual({ queued: 0, running: 0, dead: 0, oldestDueSeconds: 0 });
    await enqueue("now() - interval '90 seconds'");
    await enqueue("now() + interval '1 hour'");
    await enqueue();
    const stats = await jobs.stats();
    expect(stats).toMatchObject({ queued: 3, running: 0, dead: 0 });
    expect(stats.oldestDueSeconds).toBeGreaterThanOrEqual(90);
    expect(stats.oldestDueSeconds).toBeLessThan(120);
  });
});
