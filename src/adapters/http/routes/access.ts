// API keys (admin only) and a case's audit trail.
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { newApiKey, type AccessStore } from '../../../app/access.ts';
import { ROLES } from '../../../core/access/index.ts';
import { toOperationOutcome } from '../../../core/fhir/index.ts';

const notFound = (reply: FastifyReply, message: string) =>
  reply
    .status(404)
    .type('application/fhir+json')
    .send(toOperationOutcome([{ severity: 'error', code: 'not-found', message }]));

export function accessRoutes(store: AccessStore): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/keys',
      {
        schema: {
          summary: 'Create an API key for this organization (shown once; stored hashed)',
          tags: ['access'],
          body: Type.Object({ role: Type.Enum(ROLES), label: Type.String({ minLength: 1, maxLength: 200 }) }),
        },
      },
      async (request, reply) => {
        const { key, hash } = newApiKey();
        const id = await store.createKey(request.organizationId, request.body.role, request.body.label, hash);
        return reply.status(201).send({ id, key, role: request.body.role, label: request.body.label });
      },
    );

    app.delete(
      '/api/keys/:id',
      {
        schema: {
          summary: 'Revoke an API key',
          tags: ['access'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        },
      },
      async (request, reply) => {
        const revoked = await store.revokeKey(request.organizationId, request.params.id);
        if (!revoked) return notFound(reply, `no active key ${request.params.id}`);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/cases/:id/audit',
      {
        schema: {
          summary: 'Who viewed or changed the case, when, and with which role',
          tags: ['access'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        },
      },
      async (request, reply) => {
        // Another organization's case is as unknown as one that does not exist: its existence does not leak.
        if (!(await store.caseExists(request.organizationId, request.params.id)))
          return notFound(reply, `no case ${request.params.id}`);
        return { entries: await store.auditTrail(request.organizationId, `case/${request.params.id}`) };
      },
    );
    return Promise.resolve();
  };
}
