// /api/cases: create a case from a FHIR Bundle (validated, determined, stored) and read cases back.
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { CaseService } from '../../../app/cases.ts';
import { DeterminationSchema } from '../../../core/determination/index.ts';
import { toOperationOutcome } from '../../../core/fhir/index.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { OperationOutcomeSchema } from '../schemas.ts';

const CaseEventSchema = Type.Object({
  seq: Type.Integer(),
  type: Type.String(),
  actor: Type.String(),
  at: Type.String({ format: 'date-time' }),
  payload: Type.Any(),
});

const StoredCaseSchema = Type.Object({
  caseId: Type.String(),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  determination: DeterminationSchema,
  events: Type.Array(CaseEventSchema),
});

const CaseSummarySchema = Type.Object({
  caseId: Type.String(),
  status: Type.String(),
  determination: Type.String(),
  paRequired: Type.Union([Type.Boolean(), Type.Literal('unknown')]),
  order: Type.Object({ system: Type.String(), code: Type.String(), display: Type.String() }),
  payer: Type.Object({ id: Type.String(), name: Type.String(), lineOfBusiness: Type.String() }),
  createdAt: Type.String({ format: 'date-time' }),
});

function caseNotFound(reply: FastifyReply, id: string) {
  return reply
    .status(404)
    .type('application/fhir+json')
    .send(toOperationOutcome([{ severity: 'error', code: 'not-found', message: `no case ${id}` }]));
}

export function casesRoutes(service: CaseService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/cases',
      {
        schema: {
          summary: 'Create a case: validate the FHIR Bundle, determine against the payer policy, store',
          tags: ['cases'],
          querystring: Type.Object({
            order: Type.Optional(
              Type.String({ description: '`ResourceType/id` of the order when the bundle has several' }),
            ),
            asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Evaluation date' })),
          }),
          body: Type.Any({ description: 'FHIR R4 Bundle (collection, document, transaction or batch)' }),
          response: { 201: DeterminationSchema, 400: OperationOutcomeSchema, 422: OperationOutcomeSchema },
        },
      },
      async (request, reply) => {
        const stored = await service.forOrganization(request.organizationId).create(
          request.body,
          {
            ...(request.query.order ? { orderReference: request.query.order } : {}),
            ...(request.query.asOf ? { asOf: request.query.asOf } : {}),
          },
          'api',
        );
        const d = stored.determination;
        request.log.info(
          { caseId: stored.caseId, determination: d.determination, policy: d.policy?.id ?? null, payer: d.payer.id },
          'case created',
        );
        return reply.status(201).header('location', `/api/cases/${stored.caseId}`).send(d);
      },
    );

    app.get(
      '/api/cases/:id',
      {
        schema: {
          summary: 'Read a stored case, its determination and its history',
          tags: ['cases'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: StoredCaseSchema, 404: OperationOutcomeSchema },
        },
      },
      async (request, reply) => {
        const stored = await service.forOrganization(request.organizationId).get(request.params.id);
        return stored ?? caseNotFound(reply, request.params.id);
      },
    );

    app.post(
      '/api/cases/:id/determination',
      {
        schema: {
          summary: 'Determine the case again, as of today (new evidence, a new policy version)',
          tags: ['cases'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }),
          response: { 200: StoredCaseSchema, 404: OperationOutcomeSchema },
        },
      },
      async (request, reply) => {
        const stored = await service
          .forOrganization(request.organizationId)
          .redetermine(request.params.id, request.principal?.label ?? 'api', request.body.reason);
        return stored ?? caseNotFound(reply, request.params.id);
      },
    );

    app.get(
      '/api/cases',
      {
        schema: {
          summary: 'List cases, newest first',
          tags: ['cases'],
          querystring: Type.Object({
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            before: Type.Optional(Type.String({ description: 'Cursor from the previous page (nextCursor)' })),
          }),
          response: {
            200: Type.Object({
              cases: Type.Array(CaseSummarySchema),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
          },
        },
      },
      async (request) => {
        const cursor =
          request.query.before === undefined ? undefined : decodeCursor(request.query.before, 'query.before');
        const before = cursor && { createdAt: cursor.at, caseId: cursor.id };
        const cases = await service.forOrganization(request.organizationId).list(request.query.limit, before);
        const last = cases.at(-1);
        const nextCursor =
          last && cases.length === request.query.limit ? encodeCursor({ at: last.createdAt, id: last.caseId }) : null;
        return { cases, nextCursor };
      },
    );
    return Promise.resolve();
  };
}
