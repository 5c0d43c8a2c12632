// The documents that answer a denial: the appeal letter (a generated draft, edited by a person until it is made
// final, then frozen with its packet stored as a case document), the appeal packet PDF and the one-page
// peer-to-peer brief PDF. A case without a denial, partial approval or modification to appeal is answered 409.
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { AppealDocumentService } from '../../../app/documents.ts';
import { NotFoundError } from '../../../app/errors.ts';
import { OperationOutcomeSchema } from '../schemas.ts';
import { attachmentDisposition } from './documents.ts';

const params = Type.Object({ id: Type.String({ format: 'uuid' }) });

const AppealLetterSchema = Type.Object({
  text: Type.String(),
  state: Type.Union([Type.Literal('draft'), Type.Literal('edited'), Type.Literal('final')]),
  editedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  finalizedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  documentId: Type.Union([Type.String(), Type.Null()], { description: 'The stored packet, once final' }),
});

const PdfSchema = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' });

const refusals = { 404: OperationOutcomeSchema, 409: OperationOutcomeSchema };

/** The action's result; a case the organization does not have is refused 404 through the one error handler. */
async function found<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof NotFoundError) throw Object.assign(new Error(error.message), { statusCode: 404 });
    throw error;
  }
}

const pdf = (reply: FastifyReply, name: string, bytes: Buffer) =>
  reply
    .type('application/pdf')
    .header('content-disposition', attachmentDisposition(name, 'application/pdf'))
    .header('cache-control', 'no-store')
    .send(bytes);

export function appealDocumentRoutes(service: AppealDocumentService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/cases/:id/appeal-letter',
      {
        schema: {
          summary: 'The appeal letter: the generated draft, the saved edit, or the final text',
          tags: ['appeals'],
          params,
          response: { 200: AppealLetterSchema, ...refusals },
        },
      },
      (request) => found(() => service.letter(request.organizationId, request.params.id)),
    );

    app.put(
      '/api/cases/:id/appeal-letter',
      {
        schema: {
          summary: 'Save an edit of the appeal letter (a case event); 409 once the letter is final',
          tags: ['appeals'],
          params,
          body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 100_000 }) }),
          response: { 200: AppealLetterSchema, ...refusals },
        },
      },
      (request) =>
        found(() =>
          service.saveLetter(
            request.organizationId,
            request.params.id,
            request.body.text,
            request.principal?.label ?? 'api',
          ),
        ),
    );

    app.post(
      '/api/cases/:id/appeal-letter/final',
      {
        schema: {
          summary: 'Make the appeal letter final: the packet is frozen and stored as a case document (a case event)',
          tags: ['appeals'],
          params,
          response: { 201: AppealLetterSchema, ...refusals },
        },
      },
      async (request, reply) => {
        const letter = await found(() =>
          service.finalizeLetter(request.organizationId, request.params.id, request.principal?.label ?? 'api'),
        );
        return reply.status(201).send(letter);
      },
    );

    app.get(
      '/api/cases/:id/appeal-packet.pdf',
      {
        schema: {
          summary: 'The appeal packet PDF (the stored final packet once the letter is final)',
          tags: ['appeals'],
          params,
          response: { 200: PdfSchema, ...refusals },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        return pdf(
          reply,
          `appeal-packet-${id}`,
          await found(() => service.appealPacketPdf(request.organizationId, id)),
        );
      },
    );

    app.get(
      '/api/cases/:id/p2p-brief.pdf',
      {
        schema: {
          summary: 'The one-page peer-to-peer brief PDF for the ordering clinician',
          tags: ['appeals'],
          params,
          response: { 200: PdfSchema, ...refusals },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        return pdf(reply, `p2p-brief-${id}`, await found(() => service.peerToPeerBriefPdf(request.organizationId, id)));
      },
    );
    return Promise.resolve();
  };
}
