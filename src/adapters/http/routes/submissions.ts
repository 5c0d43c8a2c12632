// Submission over HTTP: queue a case's submission (checked first, idempotent with an Idempotency-Key), withdraw a
// case before it is sent, see the dead-letter list, and receive the payer's PAS rest-hook notifications.
import { timingSafeEqual } from 'node:crypto';
import Type from 'typebox';
import { answerIdempotently } from '../idempotent.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { CaseService } from '../../../app/cases.ts';
import type { IdempotencyStore, JobQueue } from '../../../app/submission-store.ts';
import { NotificationError, type SubmissionService } from '../../../app/submissions.ts';
import { CaseConflictError } from '../../../core/case/index.ts';
import { toOperationOutcome, type IssueCode } from '../../../core/fhir/index.ts';
import { SubmissionRefusedError } from '../../../core/submission/index.ts';

export interface SubmissionRoutesOptions {
  submissions: SubmissionService;
  jobs: JobQueue;
  idempotency: IdempotencyStore;
  /** Bearer secret the payer's notifications must carry (set in the Subscription's channel header). */
  webhookSecret?: string;
}

const outcome = (code: IssueCode, message: string) => toOperationOutcome([{ severity: 'error', code, message }]);

const fhirError = (reply: FastifyReply, status: number, code: IssueCode, message: string) =>
  reply.status(status).type('application/fhir+json').send(outcome(code, message));

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(`Bearer ${expected}`);
  return a.length === b.length && timingSafeEqual(a, b);
}

const OverrideSchema = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 1000 }) },
  { description: "A person's decision to send a case that is not `meets` (or needs no PA), with the reason; recorded" },
);

export function submissionRoutes(options: SubmissionRoutesOptions, cases: CaseService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/cases/:id/submissions',
      {
        schema: {
          summary: 'Submit a case to its payer (checked, then queued; the worker sends it exactly once)',
          tags: ['submissions'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
          body: Type.Object(
            {
              channel: Type.Union([Type.Literal('pas'), Type.Literal('x12-278')]),
              override: Type.Optional(OverrideSchema),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        const { channel, override } = request.body;
        const produce = async (): Promise<{ status: number; response: unknown }> => {
          try {
            const submission = await options.submissions.request(
              request.organizationId,
              request.params.id,
              channel,
              request.principal?.label ?? 'api',
              override,
            );
            if (!submission) return { status: 404, response: outcome('not-found', `no case ${request.params.id}`) };
            return {
              status: 202,
              response: {
                submissionId: submission.submissionId,
                attempt: submission.attempt,
                caseStatus: 'submitting',
              },
            };
          } catch (error) {
            if (error instanceof SubmissionRefusedError) {
              return {
                status: 422,
                response: toOperationOutcome(
                  error.blockers.map((b) => ({ severity: 'error', code: 'business-rule', message: b.message })),
                ),
              };
            }
            if (error instanceof CaseConflictError)
              return { status: 409, response: outcome('conflict', error.message) };
            throw error;
          }
        };
        return answerIdempotently(request, reply, options.idempotency, request.params.id, produce);
      },
    );

    app.post(
      '/api/cases/:id/cancel',
      {
        schema: {
          summary: 'Withdraw a case before it is sent to the payer',
          tags: ['submissions'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: Type.Object(
            { reason: Type.String({ minLength: 3, maxLength: 1000 }) },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        try {
          const stored = await cases
            .forOrganization(request.organizationId)
            .cancel(request.params.id, request.body.reason, request.principal?.label ?? 'api');
          return stored ?? (await fhirError(reply, 404, 'not-found', `no case ${request.params.id}`));
        } catch (error) {
          if (error instanceof CaseConflictError) return fhirError(reply, 409, 'conflict', error.message);
          throw error;
        }
      },
    );

    app.get(
      '/api/jobs/dead',
      { schema: { summary: 'Jobs that ran out of retries (dead letters)', tags: ['submissions'] } },
      async (request) => ({
        jobs: await options.jobs.deadJobs(request.organizationId),
      }),
    );

    app.post(
      '/api/pas/notifications',
      {
        schema: {
          summary: 'PAS rest-hook notification endpoint (Subscriptions Backport; authenticated by its own secret)',
          tags: ['submissions'],
          security: [],
        },
      },
      async (request, reply) => {
        if (options.webhookSecret === undefined || !sameSecret(request.headers.authorization, options.webhookSecret)) {
          return fhirError(reply, 401, 'security', 'the notification is not authenticated');
        }
        try {
          const result = await options.submissions.receiveNotification(request.body);
          if (result.status === 'unknown_submission') {
            // The id came from the request body: not logged.
            request.log.warn('notification for an unknown submission');
            return await fhirError(reply, 404, 'not-found', `no submission ${result.submissionId}`);
          }
          if (result.status === 'recorded') {
            request.log.info(
              { caseId: result.caseId, applied: result.record.applied, status: result.record.status },
              'notification recorded',
            );
          }
          return await reply.status(200).send(result);
        } catch (error) {
          if (error instanceof NotificationError) return fhirError(reply, 400, 'invalid', error.message);
          throw error;
        }
      },
    );
    return Promise.resolve();
  };
}
