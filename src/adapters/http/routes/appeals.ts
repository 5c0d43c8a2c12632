// After an adverse decision, over HTTP: open an appeal (or reconsideration, external review) with its clock, record
// that it was filed and its outcome, or start a new attempt (optionally for a changed order). Each step is a case
// event; a step the case's state does not allow is 409, one past a deadline or out of order in time is 422.
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { AppealService } from '../../../app/appeals.ts';
import { APPEAL_KINDS } from '../../../core/appeal/index.ts';
import { APPEAL_OUTCOMES } from '../../../core/case/index.ts';
import { toOperationOutcome } from '../../../core/fhir/index.ts';
import { OperationOutcomeSchema } from '../schemas.ts';

const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Level = Type.Object({ kind: Type.Enum(APPEAL_KINDS), level: Type.Integer(), name: Type.String() });

export const AppealSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Enum(APPEAL_KINDS),
    level: Type.Integer({ minimum: 1 }),
    lineOfBusiness: Type.String(),
    expedited: Type.Boolean(),
    state: Type.Enum(['drafting', 'filed', 'decided', 'withdrawn']),
    appealedStatus: Type.String(),
    openedAt: Instant,
    filingDeadline: Nullable(Instant),
    lateFilingReason: Nullable(Type.String()),
    filedAt: Nullable(Instant),
    decisionDueAt: Nullable(Instant),
    outcome: Nullable(Type.Enum(APPEAL_OUTCOMES)),
    decidedAt: Nullable(Instant),
    authorizationNumber: Nullable(Type.String()),
    reason: Type.String(),
    decisionWindow: Nullable(Type.Object({ hours: Type.Integer(), text: Type.String() })),
    sources: Type.Array(Type.String(), { description: 'The regulations behind the clock' }),
    unknown: Nullable(Type.String({ description: 'Why a figure of the clock is unknown' })),
    timeLeftSeconds: Nullable(
      Type.Integer({ description: 'To the filing deadline while drafting, to the decision due once filed' }),
    ),
    overdue: Type.Boolean(),
    nextLevel: Nullable(Level),
  },
  { description: 'An appeal of an adverse decision, with its clock' },
);

/** What `GET /api/cases/:id` adds. */
export const CaseAppealsProperties = {
  attempt: Type.Optional(Type.Integer({ minimum: 1, description: 'The attempt the case is on (1, 2, ...)' })),
  appeals: Type.Optional(Type.Array(AppealSchema)),
  authorization: Type.Optional(
    Nullable(
      Type.Object({ number: Type.String(), validFrom: Nullable(Type.String()), validTo: Nullable(Type.String()) }),
    ),
  ),
};

const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const AppealParams = Type.Object({ id: Type.String({ format: 'uuid' }), appealId: Type.String({ format: 'uuid' }) });
const Reason = Type.String({ minLength: 3, maxLength: 1000 });
const StepResponse = Type.Object({ caseStatus: Type.String(), appeal: AppealSchema });
const refusals = { 404: OperationOutcomeSchema, 409: OperationOutcomeSchema, 422: OperationOutcomeSchema };

function notFound(reply: FastifyReply, message: string) {
  return reply
    .status(404)
    .type('application/fhir+json')
    .send(toOperationOutcome([{ severity: 'error', code: 'not-found', message }]));
}

export function appealRoutes(appeals: AppealService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/cases/:id/appeals',
      {
        schema: {
          summary: 'Open an appeal of a denied, partially approved or modified case, with its clock',
          tags: ['appeals'],
          params: Params,
          body: Type.Object(
            {
              kind: Type.Enum(APPEAL_KINDS),
              expedited: Type.Optional(Type.Boolean()),
              reason: Reason,
              lateFilingReason: Type.Optional(
                Type.String({ minLength: 3, maxLength: 1000, description: 'Good cause for filing past the deadline' }),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 201: StepResponse, ...refusals },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const appeal = await appeals.open(request.organizationId, id, request.principal?.label ?? 'api', request.body);
        if (!appeal) return notFound(reply, `no case ${id}`);
        return reply
          .status(201)
          .header('location', `/api/cases/${id}`)
          .send({ caseStatus: 'in_appeal', appeal: appeals.view(appeal) });
      },
    );

    app.post(
      '/api/cases/:id/appeals/:appealId/filed',
      {
        schema: {
          summary: "Record that the appeal reached the payer: the reviewer's decision clock starts",
          tags: ['appeals'],
          params: AppealParams,
          body: Type.Object({ filedAt: Type.Optional(Instant) }, { additionalProperties: false }),
          response: { 200: StepResponse, ...refusals },
        },
      },
      async (request, reply) => {
        const { id, appealId } = request.params;
        const appeal = await appeals.file(
          request.organizationId,
          id,
          appealId,
          request.principal?.label ?? 'api',
          request.body,
        );
        if (!appeal) return notFound(reply, `no appeal ${appealId} of case ${id}`);
        return { caseStatus: 'in_appeal', appeal: appeals.view(appeal) };
      },
    );

    app.post(
      '/api/cases/:id/appeals/:appealId/outcome',
      {
        schema: {
          summary: "Record the reviewer's outcome: overturned (approved), partially overturned, or upheld",
          tags: ['appeals'],
          params: AppealParams,
          body: Type.Object(
            {
              outcome: Type.Enum(APPEAL_OUTCOMES),
              decidedAt: Type.Optional(Instant),
              authorizationNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: StepResponse, ...refusals },
        },
      },
      async (request, reply) => {
        const { id, appealId } = request.params;
        const decided = await appeals.decide(
          request.organizationId,
          id,
          appealId,
          request.principal?.label ?? 'api',
          request.body,
        );
        if (!decided) return notFound(reply, `no appeal ${appealId} of case ${id}`);
        return { caseStatus: decided.caseStatus, appeal: appeals.view(decided.appeal) };
      },
    );

    app.post(
      '/api/cases/:id/attempts',
      {
        schema: {
          summary: 'Start a new attempt after an adverse decision, optionally for a changed order; determined again',
          tags: ['appeals'],
          params: Params,
          body: Type.Object(
            {
              reason: Reason,
              orderCode: Type.Optional(Type.String({ pattern: '^([0-9]{4}[0-9FTU]|[A-V][0-9]{4})$' })),
              orderDisplay: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({
              caseId: Type.String(),
              attempt: Type.Integer(),
              status: Type.String(),
              determination: Type.String(),
              order: Type.Object({ system: Type.String(), code: Type.String(), display: Type.String() }),
            }),
            ...refusals,
          },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const started = await appeals.startAttempt(
          request.organizationId,
          id,
          request.principal?.label ?? 'api',
          request.body,
        );
        if (!started) return notFound(reply, `no case ${id}`);
        return reply.status(201).header('location', `/api/cases/${id}`).send(started);
      },
    );
    return Promise.resolve();
  };
}
