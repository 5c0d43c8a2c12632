// The case documents service wired to PostgreSQL and the pdfmake renderers, as `klivira serve` and the tests use it.
import type { Kysely } from 'kysely';
import { AppealDocumentService } from '../../app/documents.ts';
import type { PolicyLibrary } from '../../core/policy/index.ts';
import { PostgresCaseRepository } from '../db/case-repository.ts';
import { PostgresDocumentStore } from '../db/document-store.ts';
import type { Database } from '../db/schema.ts';
import { pdfRenderer } from './renderer.ts';

export function appealDocumentService(db: Kysely<Database>, library: PolicyLibrary, today: () => string) {
  return new AppealDocumentService({
    cases: new PostgresCaseRepository(db),
    documents: new PostgresDocumentStore(db),
    library,
    render: pdfRenderer,
    today,
  });
}
