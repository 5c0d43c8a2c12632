// /api/cases: create a case from a FHIR Bundle (validated, determined, stored) and read cases back. A bundle for
// the same patient, order and payer as a case of the last 30 days is answered 409 naming it, unless confirmed.
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { AppealService } from '../../../app/appeals.ts';
import type { CaseService } from '../../../app/cases.ts';
import { DuplicateCaseError } from '../../../app/duplicates.ts';
import { DeterminationSchema } from '../../../core/determination/index.ts';
import { toOperationOutcome } from '../../../core/fhir/index.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { OperationOutcomeSchema } from '../schemas.ts';
import { CaseAppealsProperties } from './appeals.ts';
import type { PayerRequestService } from '../../../app/payer-requests.ts';
import { CasePayerRequestsProperties } from './payer-requests.ts';

const CaseEventSchema = Type.Object({
  seq: Type.Integer(),
  type: Type.String(),
  actor: Type.String(),
  at: Type.String({ format: 'date-time' }),
  payload: Type.Any(),
});

const NullableString = Type.Union([Type.String(), Type.Null()]);

const StoredCaseSchema = Type.Object({
  caseId: Type.String(),
  patient: Type.Object({ name: NullableString, birthDate: NullableString, mrn: NullableString }),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  determination: DeterminationSchema,
  events: Type.Array(CaseEventSchema),
  ...CaseAppealsProperties,
  ...CasePayerRequestsProperties,
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

const DuplicateOutcomeSchema = Type.Object(
  {
    resourceType: Type.Literal('OperationOutcome'),
    issue: Type.Array(Type.Any()),
    duplicateOf: Type.Object({
      caseId: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
      status: Type.String(),
    }),
  },
  { description: 'FHIR OperationOutcome naming the earlier case (also in duplicateOf)' },
);

function caseNotFound(reply: FastifyReply, id: string) {
  return reply
    .status(404)
    .type('application/fhir+json')
    .send(toOperationOutcome([{ severity: 'error', code: 'not-found', message: `no case ${id}` }]));
}

export function casesRoutes(
  service: CaseService,
  appeals?: AppealService,
  payerRequests?: PayerRequestService,
): FastifyPluginAsyncTypebox {
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
            confirmDuplicate: Type.Boolean({
              default: false,
              description: 'create it even though a case of the last 30 days has the same patient, order and payer',
            }),
          }),
          body: Type.Any({ description: 'FHIR R4 Bundle (collection, document, transaction or batch)' }),
          response: {
            201: DeterminationSchema,
            400: OperationOutcomeSchema,
            409: DuplicateOutcomeSchema,
            422: OperationOutcomeSchema,
          },
        },
      },
      async (request, reply) => {
        let stored;
        try {
          stored = await service.forOrganization(request.organizationId).create(
            request.body,
            {
              ...(request.query.order ? { orderReference: request.query.order } : {}),
              ...(request.query.asOf ? { asOf: request.query.asOf } : {}),
              confirmDuplicate: request.query.confirmDuplicate,
            },
            request.principal?.label ?? 'api',
          );
        } catch (error) {
          if (!(error instanceof DuplicateCaseError)) throw error;
          request.log.info({ duplicateOf: error.earlier.caseId }, 'duplicate case refused');
          return reply
            .status(409)
            .type('application/fhir+json')
            .send({
              ...toOperationOutcome([{ severity: 'error', code: 'duplicate', message: error.message }]),
              duplicateOf: error.earlier,
            });
        }
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
        if (!stored) return caseNotFound(reply, request.params.id);
        // After a decision: the attempt, the appeals with their clocks, the authorization held.
        const withAppeals = appeals ? { ...stored, ...(await appeals.caseAppeals(stored)) } : stored;
        // What the payer asked for on a pended request, and where each answer stands.
        return payerRequests
          ? { ...withAppeals, payerRequests: await payerRequests.forCase(request.organizationId, stored.caseId) }
          : withAppeals;
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
