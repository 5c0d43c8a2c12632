// /api/policies: the policy library — list (filter by payer and code) and one policy in full.
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findPolicy, listPolicies, payerIdOf } from '../../../core/coverage/index.ts';
import { toOperationOutcome } from '../../../core/fhir/index.ts';
import { OperationOutcomeSchema } from '../schemas.ts';
import type { PolicyLibrary } from '../../../core/policy/index.ts';

const PolicyListingSchema = Type.Object({
  id: Type.String(),
  version: Type.String(),
  title: Type.String(),
  kind: Type.String(),
  payers: Type.Array(Type.String()),
  linesOfBusiness: Type.Array(Type.String()),
  codes: Type.Array(Type.String()),
  priorAuth: Type.String(),
  effective: Type.String(),
  expires: Type.Optional(Type.String()),
  reviewer: Type.Optional(Type.String()),
  source: Type.String(),
});

export function policiesRoutes(library: PolicyLibrary): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/policies',
      {
        schema: {
          summary: 'List the policy library, optionally for one payer and one code',
          tags: ['policies'],
          querystring: Type.Object({
            payer: Type.Optional(
              Type.String({ description: 'Payer id, name or alias (uhc, UnitedHealthcare, Optum)' }),
            ),
            code: Type.Optional(Type.String({ description: 'CPT/HCPCS/RxNorm code or drug ingredient' })),
          }),
          response: { 200: Type.Object({ policies: Type.Array(PolicyListingSchema) }), 404: OperationOutcomeSchema },
        },
      },
      async (request, reply) => {
        const { payer, code } = request.query;
        if (payer !== undefined && payerIdOf(library, payer) === undefined) {
          return reply
            .status(404)
            .type('application/fhir+json')
            .send(
              toOperationOutcome([
                { severity: 'error', code: 'not-found', message: `no payer '${payer}' in the payer directory` },
              ]),
            );
        }
        return {
          policies: listPolicies(library, {
            ...(payer !== undefined ? { payer } : {}),
            ...(code !== undefined ? { code } : {}),
          }),
        };
      },
    );

    app.get(
      '/api/policies/:id',
      {
        schema: {
          summary: 'One policy in full: applicability, codes, criteria tree, exceptions, exclusions, source',
          tags: ['policies'],
          params: Type.Object({ id: Type.String() }),
          querystring: Type.Object({
            asOf: Type.Optional(
              Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'The version in force on this date' }),
            ),
          }),
          response: {
            // The policy format (src/core/policy/schema.ts) is recursive; it is sent as stored.
            200: Type.Any({
              description:
                'The policy as in the library: appliesTo, codes, criteria tree, exceptions, exclusions, source',
            }),
            404: OperationOutcomeSchema,
          },
        },
      },
      async (request, reply) => {
        const policy = findPolicy(library, request.params.id, request.query.asOf);
        if (!policy) {
          return reply
            .status(404)
            .type('application/fhir+json')
            .send(
              toOperationOutcome([{ severity: 'error', code: 'not-found', message: `no policy ${request.params.id}` }]),
            );
        }
        return policy;
      },
    );
    return Promise.resolve();
  };
}
