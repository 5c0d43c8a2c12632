// Operations metrics in Prometheus' text format (prom-client), behind the `jobs:read` permission: the job queue's
// depth by state and how long its oldest due job has waited, read from the database at scrape time (so every
// process reports the shared queue), plus the process's own default metrics.
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { JobQueue } from '../../../app/submission-store.ts';

function metricsRegistry(jobs: JobQueue): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'klivira_' });
  const depth = new Gauge({
    name: 'klivira_jobs',
    help: 'Jobs in the durable queue by state (dead: out of retries, waiting for a person)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const stats = await jobs.stats();
      depth.set({ state: 'queued' }, stats.queued);
      depth.set({ state: 'running' }, stats.running);
      depth.set({ state: 'dead' }, stats.dead);
      oldest.set(stats.oldestDueSeconds);
    },
  });
  const oldest = new Gauge({
    name: 'klivira_jobs_oldest_due_seconds',
    help: 'How long the oldest due job has waited to be claimed',
    registers: [registry],
  });
  return registry;
}

export function metricsRoutes(jobs: JobQueue): FastifyPluginAsyncTypebox {
  const registry = metricsRegistry(jobs);
  return async (app) => {
    app.get(
      '/api/metrics',
      { schema: { summary: 'Operations metrics (Prometheus text format)', tags: ['operations'] } },
      async (_request, reply) =>
        reply
          .type(registry.contentType)
          .header('cache-control', 'no-store')
          .send(await registry.metrics()),
    );
    return Promise.resolve();
  };
}
