// A payer's requests for more information over HTTP: the requests of a case, the answer drafted from the case's
// documents and cited evidence for a person to review, and the reviewed answer queued to be sent exactly once
// (idempotent with an Idempotency-Key, like a submission). The requests also show on GET /api/cases/:id.
import Type from 'typebox';
import { answerIdempotently } from '../idempotent.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { PayerRequestService } from '../../../app/payer-requests.ts';
import type { IdempotencyStore } from '../../../app/submission-store.ts';
import { CaseConflictError } from '../../../core/case/index.ts';
import { InvalidInputError, toOperationOutcome, type IssueCode } from '../../../core/fhir/index.ts';
import { OperationOutcomeSchema } from '../schemas.ts';

const RequestedItemSchema = Type.Object({
  code: Type.String({ description: 'X12 755 report type (PWK01) or LOINC attachment code' }),
  system: Type.String(),
  description: Type.String(),
  pwkControlNumber: Type.Optional(Type.String({ description: 'PWK06 / CommunicationRequest.identifier' })),
  itemSequence: Type.Optional(Type.Integer({ description: 'The requested item (service line) it concerns' })),
});

const PayerRequestSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  requestedAt: Type.String({ format: 'date-time' }),
  channel: Type.String(),
  items: Type.Array(RequestedItemSchema),
  state: Type.Union([Type.Literal('open'), Type.Literal('answering'), Type.Literal('answered')]),
  answerId: Type.Optional(Type.String()),
  sentAt: Type.Optional(Type.String({ format: 'date-time' })),
  lastError: Type.Optional(Type.String()),
});

/** What GET /api/cases/:id adds: the payer's requests for more information, oldest first. */
export const CasePayerRequestsProperties = { payerRequests: Type.Optional(Type.Array(PayerRequestSchema)) };

const DocumentChoiceSchema = Type.Object({
  documentId: Type.String({ description: '`evidence-summary`, `note:<Type/id>` or `attachment:<n>`' }),
  source: Type.Union([Type.Literal('record'), Type.Literal('attachment'), Type.Literal('evidence')]),
  title: Type.String(),
  contentType: Type.String(),
  date: Type.Optional(Type.String()),
});

const DraftSchema = Type.Object({
  requestId: Type.String(),
  channel: Type.String(),
  state: Type.String(),
  items: Type.Array(
    Type.Object({
      itemIndex: Type.Integer(),
      requested: RequestedItemSchema,
      suggestedDocumentIds: Type.Array(Type.String()),
    }),
  ),
  documents: Type.Array(DocumentChoiceSchema),
  evidenceSummary: Type.Object({
    policy: Type.Any(),
    asOf: Type.String(),
    criteria: Type.Array(
      Type.Object({
        id: Type.String(),
        text: Type.String(),
        status: Type.String(),
        reason: Type.Optional(Type.String()),
        evidence: Type.Array(
          Type.Object({
            reference: Type.String(),
            quote: Type.String(),
            source: Type.Optional(Type.String()),
            date: Type.Optional(Type.String()),
          }),
        ),
      }),
    ),
    missingDocumentation: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
  }),
});

const Params = Type.Object({ id: Type.String({ format: 'uuid' }), requestId: Type.String({ format: 'uuid' }) });

const outcome = (code: IssueCode, message: string) => toOperationOutcome([{ severity: 'error', code, message }]);
const fhirError = (reply: FastifyReply, status: number, code: IssueCode, message: string) =>
  reply.status(status).type('application/fhir+json').send(outcome(code, message));

export interface PayerRequestRoutesOptions {
  service: PayerRequestService;
  idempotency: IdempotencyStore;
}

export function payerRequestRoutes(options: PayerRequestRoutesOptions): FastifyPluginAsyncTypebox {
  const { service } = options;
  return async (app) => {
    app.get(
      '/api/cases/:id/payer-requests',
      {
        schema: {
          summary: "The payer's requests for more information on the case",
          tags: ['payer requests'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: Type.Object({ items: Type.Array(PayerRequestSchema) }), 404: OperationOutcomeSchema },
        },
      },
      async (request, reply) => {
        const items = await service.list(request.organizationId, request.params.id);
        return items ? { items } : fhirError(reply, 404, 'not-found', `no case ${request.params.id}`);
      },
    );

    app.get(
      '/api/cases/:id/payer-requests/:requestId/answer',
      {
        schema: {
          summary: "The answer to a payer's request, drafted from the case's documents and cited evidence, for review",
          tags: ['payer requests'],
          params: Params,
          response: { 200: DraftSchema, 404: OperationOutcomeSchema },
        },
      },
      async (request, reply) => {
        const draft = await service.draft(request.organizationId, request.params.id, request.params.requestId);
        return draft ?? fhirError(reply, 404, 'not-found', `no request ${request.params.requestId} on this case`);
      },
    );

    app.post(
      '/api/cases/:id/payer-requests/:requestId/answer',
      {
        schema: {
          summary: 'Send the reviewed answer (queued; the worker sends it once through the case’s channel)',
          tags: ['payer requests'],
          params: Params,
          headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
          body: Type.Object(
            {
              items: Type.Array(
                Type.Object(
                  {
                    itemIndex: Type.Integer({ minimum: 0, maximum: 999 }),
                    documentIds: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 100 }),
                  },
                  { additionalProperties: false },
                ),
                { minItems: 1, maxItems: 100 },
              ),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        const { id, requestId } = request.params;
        const produce = async (): Promise<{ status: number; response: unknown }> => {
          try {
            const queued = await service.answer(
              request.organizationId,
              id,
              requestId,
              request.body,
              request.principal?.label ?? 'api',
            );
            if (!queued) return { status: 404, response: outcome('not-found', `no request ${requestId} on this case`) };
            return { status: 202, response: { requestId, answerId: queued.answerId, state: queued.state } };
          } catch (error) {
            if (error instanceof InvalidInputError) return { status: 422, response: toOperationOutcome(error.issues) };
            if (error instanceof CaseConflictError)
              return { status: 409, response: outcome('conflict', error.message) };
            throw error;
          }
        };
        return answerIdempotently(request, reply, options.idempotency, `${id}|${requestId}`, produce);
      },
    );
    return Promise.resolve();
  };
}
