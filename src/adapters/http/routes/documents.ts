// /api/cases/:id/documents: every document stored with a case (attachments, the intake record, the payer's
// responses, the final appeal packet), listed and downloaded byte for byte. A download is a view of the case, so
// the audit hook records it (src/adapters/http/auth.ts), naming the document.
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppealDocumentService } from '../../../app/documents.ts';
import { toOperationOutcome } from '../../../core/fhir/index.ts';
import { OperationOutcomeSchema } from '../schemas.ts';

/** A stored document's id (a positive integer). */
export const DOCUMENT_ID = '^[1-9][0-9]{0,15}$';

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/tiff': 'tif',
  'text/plain': 'txt',
  'text/html': 'html',
  'application/fhir+json': 'json',
  'application/json': 'json',
  'application/edi-x12': 'x12',
};

/** A download's file name: the case and document ids only, never the title a person typed (it may name the patient). */
export const attachmentDisposition = (name: string, contentType: string): string =>
  `attachment; filename="${name}.${EXTENSIONS[contentType] ?? 'bin'}"`;

const notFound = (what: string) =>
  toOperationOutcome([{ severity: 'error', code: 'not-found', message: `no ${what}` }]);

const DocumentEntrySchema = Type.Object({
  documentId: Type.String(),
  kind: Type.String({ description: 'attachment, intake-bundle, payer-response:<channel>, appeal-packet, ...' }),
  title: Type.String(),
  contentType: Type.String(),
  bytes: Type.Integer(),
  storedAt: Type.String({ format: 'date-time' }),
});

export function documentRoutes(service: AppealDocumentService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/cases/:id/documents',
      {
        schema: {
          summary: "The case's stored documents (attachments, intake record, payer responses, appeal packet)",
          tags: ['documents'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: Type.Object({ items: Type.Array(DocumentEntrySchema) }), 404: OperationOutcomeSchema },
        },
      },
      async (request, reply) => {
        const items = await service.listDocuments(request.organizationId, request.params.id);
        if (!items)
          return reply
            .status(404)
            .type('application/fhir+json')
            .send(notFound(`case ${request.params.id}`));
        return { items };
      },
    );

    app.get(
      '/api/cases/:id/documents/:documentId',
      {
        schema: {
          summary: 'Download one stored document, with its content type (audited)',
          tags: ['documents'],
          params: Type.Object({
            id: Type.String({ format: 'uuid' }),
            documentId: Type.String({ pattern: DOCUMENT_ID }),
          }),
          response: {
            200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The document as stored' }),
            404: OperationOutcomeSchema,
          },
        },
      },
      async (request, reply) => {
        const { id, documentId } = request.params;
        const document = await service.readDocument(request.organizationId, id, documentId);
        if (!document) {
          return reply
            .status(404)
            .type('application/fhir+json')
            .send(notFound(`document ${documentId} on case ${id}`));
        }
        return reply
          .type(document.contentType)
          .header(
            'content-disposition',
            attachmentDisposition(`case-${id}-document-${documentId}`, document.contentType),
          )
          .header('cache-control', 'no-store')
          .send(document.content);
      },
    );
    return Promise.resolve();
  };
}
