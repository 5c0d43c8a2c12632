// GET /api/cases/:id/notes/:ref: one clinical note of a case's record as plain text, decoded exactly as the evidence
// reader decoded it, so a citation's start/end offsets highlight the quoted span (the web app's note viewer).
// A case read like any other: it needs `cases:read` and goes to the audit log (src/adapters/http/auth.ts).
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CaseService } from '../../../app/cases.ts';
import { toOperationOutcome } from '../../../core/fhir/index.ts';
import { OperationOutcomeSchema } from '../schemas.ts';

const NoteSchema = Type.Object({
  reference: Type.String({ description: '`DocumentReference/id` or `Composition/id`, as evidence cites it' }),
  title: Type.Optional(Type.String()),
  date: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
  contentType: Type.String({ description: 'The attachment type the text was decoded from' }),
  text: Type.String({ description: 'The decoded text; evidence offsets index into it' }),
});

const notFound = (message: string) => toOperationOutcome([{ severity: 'error', code: 'not-found', message }]);

export function notesRoutes(service: CaseService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/cases/:id/notes/:ref',
      {
        schema: {
          summary: "One note of the case's record as the evidence reader decoded it (citations' offsets index into it)",
          tags: ['cases'],
          params: Type.Object({
            id: Type.String({ format: 'uuid' }),
            ref: Type.String({
              pattern: '^(DocumentReference|Composition)/[A-Za-z0-9\\-.]{1,64}$',
              description: 'The cited reference, URL-encoded (DocumentReference%2Fabc)',
            }),
          }),
          response: { 200: NoteSchema, 404: OperationOutcomeSchema },
        },
      },
      async (request, reply) => {
        const { id, ref } = request.params;
        const notes = await service.forOrganization(request.organizationId).notes(id);
        if (!notes)
          return reply
            .status(404)
            .type('application/fhir+json')
            .send(notFound(`no case ${id}`));
        const note = notes.find((n) => n.reference === ref);
        // The reference is an id, never note text, so it may be named.
        if (!note)
          return reply
            .status(404)
            .type('application/fhir+json')
            .send(notFound(`the case has no note ${ref}`));
        return note;
      },
    );
    return Promise.resolve();
  };
}
