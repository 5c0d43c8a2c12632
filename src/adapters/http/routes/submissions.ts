// Submission over HTTP: queue a case's submission (idempotent with an Idempotency-Key), see the dead-letter list,
// and receive the payer's PAS rest-hook notifications.
import { createHash, timingSafeEqual } from 'node:crypto';
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IllegalTransitionError } from '../../../core/case/lifecycle.ts';
import { toOperationOutcome } from '../../../core/fhir/outcome.ts';
import type { SubmissionStore } from '../../../app/submission-store.ts';
import { NotificationError, type SubmissionService } from '../../../app/submissions.ts';
import { NotFoundError } from '../../db/submission-store.ts';

export interface SubmissionRoutesOptions {
  submissions: SubmissionService;
  store: SubmissionStore;
  /** Bearer secret the payer's notifications must carry (set in the Subscription's channel header). */
  webhookSecret?: string;
}

const outcome = (code: 'not-found' | 'conflict' | 'invalid' | 'security', message: string) =>
  toOperationOutcome([{ severity: 'error', code: code as 'invalid', message }]);

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(`Bearer ${expected}`);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function submissionRoutes(options: SubmissionRoutesOptions): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/cases/:id/submissions',
      {
        schema: {
          summary: 'Submit a case to its payer (queued; the worker sends it exactly once)',
          tags: ['submissions'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
          body: Type.Object({ channel: Type.Union([Type.Literal('pas'), Type.Literal('x12-278')]) }),
        },
      },
      async (request, reply) => {
        const produce = async () => {
          try {
            const submission = await options.submissions.request(
              request.organizationId,
              request.params.id,
              request.body.channel,
              'api',
            );
            return {
              status: 202,
              response: {
                submissionId: submission.submissionId,
                attempt: submission.attempt,
                caseStatus: 'submitting',
              },
            };
          } catch (error) {
            if (error instanceof NotFoundError)
              return { status: 404, response: outcome('not-found', `no case ${request.params.id}`) };
            if (error instanceof IllegalTransitionError)
              return { status: 409, response: outcome('conflict', error.message) };
            throw error;
          }
        };
        const key = request.headers['idempotency-key'];
        if (key === undefined) {
          const result = await produce();
          return reply.status(result.status).send(result.response);
        }
        const hash = createHash('sha256').update(`${request.params.id}|${request.body.channel}`).digest('hex');
        const result = await options.store.rememberIdempotent(request.organizationId, key, hash, produce);
        if (result.conflict) {
          return reply.status(422).send(outcome('invalid', 'this Idempotency-Key was used for a different request'));
        }
        return reply.status(result.status).header('idempotent-replayed', String(result.replayed)).send(result.response);
      },
    );

    app.get(
      '/api/jobs/dead',
      { schema: { summary: 'Jobs that ran out of retries (dead letters)', tags: ['submissions'] } },
      async (request) => ({
        jobs: await options.store.deadJobs(request.organizationId),
      }),
    );

    app.post(
      '/api/pas/notifications',
      { schema: { summary: 'PAS rest-hook notification endpoint (Subscriptions Backport)', tags: ['submissions'] } },
      async (request, reply) => {
        if (options.webhookSecret === undefined || !sameSecret(request.headers.authorization, options.webhookSecret)) {
          return reply
            .status(401)
            .type('application/fhir+json')
            .send(outcome('security', 'the notification is not authenticated'));
        }
        try {
          const result = await options.submissions.receiveNotification(request.body);
          if (result.status === 'unknown_submission') {
            request.log.warn({ submissionId: result.submissionId }, 'notification for an unknown submission');
            return await reply
              .status(404)
              .type('application/fhir+json')
              .send(outcome('not-found', `no submission ${result.submissionId}`));
          }
          if (result.status === 'recorded') {
            request.log.info(
              { caseId: result.caseId, applied: result.record.applied, status: result.record.status },
              'notification recorded',
            );
          }
          return await reply.status(200).send(result);
        } catch (error) {
          if (error instanceof NotificationError)
            return reply.status(400).type('application/fhir+json').send(outcome('invalid', error.message));
          throw error;
        }
      },
    );
    return Promise.resolve();
  };
}
