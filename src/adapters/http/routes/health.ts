// Liveness and readiness: the process answers and its database answers.
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export function healthRoutes(ping: () => Promise<void>, storage: string): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/healthz',
      {
        schema: {
          summary: 'Health check',
          tags: ['health'],
          security: [],
          response: {
            200: Type.Object({ status: Type.Literal('ok'), storage: Type.String() }),
            503: Type.Object({ status: Type.Literal('unavailable'), storage: Type.String() }),
          },
        },
      },
      async (request, reply) => {
        try {
          await ping();
          return { status: 'ok' as const, storage };
        } catch {
          request.log.error('health check: database did not answer');
          return reply.status(503).send({ status: 'unavailable' as const, storage });
        }
      },
    );
    return Promise.resolve();
  };
}
