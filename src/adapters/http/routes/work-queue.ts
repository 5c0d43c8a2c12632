// The coordinator's work queue over HTTP: list, filter, search and sort cases in saved views, keyset-paged; assign,
// comment, attach documents (each recorded with the signed-in user, or the API key, as its actor).
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { sortInstant, viewFilter, type QueueFilter, type WorkQueueStore } from '../../../app/work-queue.ts';
import { CASE_STATUSES, isCaseStatus } from '../../../core/case/index.ts';
import { toOperationOutcome } from '../../../core/fhir/index.ts';
import { NotFoundError } from '../../../app/errors.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';

export interface WorkQueueRoutesOptions {
  store: WorkQueueStore;
  /** Largest attached document, in bytes after base64 decoding. */
  maxDocumentBytes?: number;
}

const notFound = (id: string) =>
  toOperationOutcome([{ severity: 'error', code: 'not-found', message: `no case ${id}` }]);
/** Who the event is recorded as made by: the signed-in user's name, or the API key's label. */
const actorOf = (request: FastifyRequest): string => request.principal?.label ?? 'api';
const invalid = (message: string) => toOperationOutcome([{ severity: 'error', code: 'invalid', message }]);

export function workQueueRoutes(options: WorkQueueRoutesOptions): FastifyPluginAsyncTypebox {
  const maxBytes = options.maxDocumentBytes ?? 10 * 1024 * 1024;
  return async (app) => {
    app.get(
      '/api/work-queue',
      {
        schema: {
          summary: 'The work queue: cases filtered by status, payer, service and assignee; sorted and paged',
          tags: ['work queue'],
          querystring: Type.Object({
            status: Type.Optional(Type.String({ description: `comma-separated: ${CASE_STATUSES.join(', ')}` })),
            payer: Type.Optional(Type.String()),
            code: Type.Optional(Type.String({ description: 'the order code (CPT/HCPCS or drug)' })),
            assignee: Type.Optional(Type.String({ description: "an assignee, or 'none'" })),
            updatedBefore: Type.Optional(Type.String({ format: 'date-time' })),
            updatedAfter: Type.Optional(Type.String({ format: 'date-time' })),
            dueBefore: Type.Optional(Type.String({ format: 'date-time', description: 'payer decision due before' })),
            q: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 100,
                description: "part of the patient's name, MRN or authorization number",
              }),
            ),
            view: Type.Optional(
              Type.Union(
                [Type.Literal('mine'), Type.Literal('due_today'), Type.Literal('overdue'), Type.Literal('pended')],
                {
                  description:
                    "saved view: 'mine' (assigned to the signed-in user's id), 'due_today', 'overdue', 'pended'",
                },
              ),
            ),
            sort: Type.Union([Type.Literal('updated'), Type.Literal('created'), Type.Literal('due')], {
              default: 'updated',
              description: "'due': the payer's decision deadline (cases without one last)",
            }),
            order: Type.Optional(
              Type.Union([Type.Literal('asc'), Type.Literal('desc')], {
                description: "default 'asc' for the due sort (soonest first), else 'desc' (newest first)",
              }),
            ),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            cursor: Type.Optional(Type.String()),
          }),
        },
      },
      async (request, reply) => {
        const q = request.query;
        const statuses =
          q.status
            ?.split(',')
            .map((s) => s.trim())
            .filter(Boolean) ?? [];
        const unknown = statuses.filter((s) => !isCaseStatus(s));
        if (unknown.length > 0)
          return reply
            .status(400)
            .type('application/fhir+json')
            .send(invalid(`unknown status ${unknown.join(', ')}`));
        const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, 'query.cursor');
        let view: QueueFilter = {};
        if (q.view) {
          const userId = request.principal?.userId;
          const found = viewFilter(q.view, { now: new Date(), ...(userId ? { userId } : {}) });
          if (!found)
            return reply
              .status(400)
              .type('application/fhir+json')
              .send(invalid(`view=${q.view} is for a signed-in person`));
          view = found;
        }
        // A view's own conditions win over the same query parameter (the view is what was asked for).
        const filter: QueueFilter = {
          statuses: statuses.filter(isCaseStatus),
          ...(q.payer ? { payerId: q.payer } : {}),
          ...(q.code ? { code: q.code } : {}),
          ...(q.assignee ? { assignee: q.assignee } : {}),
          ...(q.updatedBefore ? { updatedBefore: q.updatedBefore } : {}),
          ...(q.updatedAfter ? { updatedAfter: q.updatedAfter } : {}),
          ...(q.dueBefore ? { dueBefore: q.dueBefore } : {}),
          ...(q.q ? { search: q.q } : {}),
          ...view,
        };
        const direction = q.order ?? (q.sort === 'due' ? 'asc' : 'desc');
        const items = await options.store.list(request.organizationId, filter, {
          sort: q.sort,
          direction,
          limit: q.limit,
          ...(after ? { after } : {}),
        });
        const last = items.at(-1);
        const nextCursor =
          last && items.length === q.limit ? encodeCursor({ at: sortInstant(last, q.sort), id: last.caseId }) : null;
        return { items, nextCursor };
      },
    );

    const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
    const handle = async <T>(id: string, action: () => Promise<T>): Promise<{ status: number; body: unknown }> => {
      try {
        return { status: 200, body: await action() };
      } catch (error) {
        if (error instanceof NotFoundError) return { status: 404, body: notFound(id) };
        throw error;
      }
    };

    app.put(
      '/api/cases/:id/assignee',
      {
        schema: {
          summary: 'Assign the case to a person (null to unassign)',
          tags: ['work queue'],
          params,
          body: Type.Object({ assignee: Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]) }),
        },
      },
      async (request, reply) => {
        const result = await handle(request.params.id, async () => {
          await options.store.assign(
            request.organizationId,
            request.params.id,
            request.body.assignee,
            actorOf(request),
          );
          return { assignee: request.body.assignee };
        });
        return reply.status(result.status).send(result.body);
      },
    );

    app.post(
      '/api/cases/:id/comments',
      {
        schema: {
          summary: 'Comment on the case (kept in its history)',
          tags: ['work queue'],
          params,
          body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 10_000 }) }),
        },
      },
      async (request, reply) => {
        const result = await handle(request.params.id, async () => ({
          seq: await options.store.comment(
            request.organizationId,
            request.params.id,
            request.body.text,
            actorOf(request),
          ),
        }));
        return reply.status(result.status === 200 ? 201 : result.status).send(result.body);
      },
    );

    app.post(
      '/api/cases/:id/documents',
      {
        schema: {
          summary: 'Attach a document to the case (base64; PDF, image or text)',
          tags: ['work queue'],
          params,
          body: Type.Object({
            title: Type.String({ minLength: 1, maxLength: 300 }),
            contentType: Type.Union([
              Type.Literal('application/pdf'),
              Type.Literal('image/png'),
              Type.Literal('image/jpeg'),
              Type.Literal('image/tiff'),
              Type.Literal('text/plain'),
              Type.Literal('text/html'),
            ]),
            data: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9+/=\\s]+$' }),
          }),
        },
      },
      async (request, reply) => {
        const bytes = Buffer.from(request.body.data, 'base64').length;
        if (bytes === 0) return reply.status(400).type('application/fhir+json').send(invalid('the document is empty'));
        if (bytes > maxBytes) {
          return reply
            .status(413)
            .type('application/fhir+json')
            .send(invalid(`the document is larger than ${String(maxBytes)} bytes`));
        }
        const result = await handle(request.params.id, async () => ({
          seq: await options.store.attach(request.organizationId, request.params.id, request.body, actorOf(request)),
          bytes,
        }));
        return reply.status(result.status === 200 ? 201 : result.status).send(result.body);
      },
    );
    return Promise.resolve();
  };
}
