// /api/cases/:id/questionnaire and /api/cases/:id/questionnaire-response: the DTR loop over a stored case. The
// questionnaire comes as a collection Bundle (the Questionnaire first, then the prefilled draft response), as DTR's
// $questionnaire-package returns it; a completed response is checked, stored, and the case determined again.
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { CaseService } from '../../../app/cases.ts';
import { toOperationOutcome } from '../../../core/fhir/index.ts';
import { OperationOutcomeSchema } from '../schemas.ts';

const notFound = (reply: FastifyReply, id: string) =>
  reply
    .status(404)
    .type('application/fhir+json')
    .send(toOperationOutcome([{ severity: 'error', code: 'not-found', message: `no case ${id}` }]));

export function questionnaireRoutes(service: CaseService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/cases/:id/questionnaire',
      {
        schema: {
          summary: "The documentation questionnaire for the case's unknown criteria, with a prefilled draft response",
          tags: ['questionnaires'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: {
            200: Type.Any({
              description: 'FHIR collection Bundle: the Questionnaire, then the draft QuestionnaireResponse',
            }),
            404: OperationOutcomeSchema,
            409: OperationOutcomeSchema,
          },
        },
      },
      async (request, reply) => {
        const result = await service.forOrganization(request.organizationId).caseQuestionnaire(request.params.id);
        if (!result) return notFound(reply, request.params.id);
        const draft = { ...result.draft, subject: { reference: `urn:klivira:case:${request.params.id}` } };
        return reply.type('application/fhir+json').send({
          resourceType: 'Bundle',
          type: 'collection',
          entry: [{ resource: result.questionnaire }, { resource: draft }],
        });
      },
    );

    app.post(
      '/api/cases/:id/questionnaire-response',
      {
        schema: {
          summary:
            'Accept a completed QuestionnaireResponse: validate it, record it with its author, and determine the case again',
          tags: ['questionnaires'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: Type.Any({
            description: 'FHIR QuestionnaireResponse (status completed) answering GET …/questionnaire',
          }),
          response: {
            200: Type.Any({ description: 'The stored case: status, the new determination, event history' }),
            404: OperationOutcomeSchema,
            409: OperationOutcomeSchema,
            422: OperationOutcomeSchema,
          },
        },
      },
      async (request, reply) => {
        const stored = await service.forOrganization(request.organizationId).answerCase(
          request.params.id,
          request.body,
          request.principal?.label ?? 'api',
          request.principal
            ? {
                display: request.principal.label,
                identifier: request.principal.userId
                  ? { system: 'urn:klivira:user', value: request.principal.userId }
                  : { system: 'urn:klivira:api-key', value: request.principal.keyId ?? '' },
              }
            : undefined,
        );
        if (!stored) return notFound(reply, request.params.id);
        request.log.info(
          { caseId: stored.caseId, determination: stored.determination.determination },
          'documentation received',
        );
        return stored;
      },
    );
    return Promise.resolve();
  };
}
