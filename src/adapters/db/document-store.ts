// DocumentStore on PostgreSQL: the documents of a case are the rows of case_documents (attachments and the final
// appeal packet as base64 with their title and type, the intake bundle and questionnaire answers as FHIR JSON, the
// payer's responses as received), listed with a title and type derived from their kind and read back byte for byte.
// The appeal letter's edits and its finalization are case events through the one path (lockCase + changeCase).
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { StoredResponse } from '../../core/appeal-documents/index.ts';
import { CaseConflictError } from '../../core/case/index.ts';
import {
  EDITED,
  FINALIZED,
  type DocumentContent,
  type DocumentEntry,
  type DocumentStore,
  type FinalPacket,
} from '../../app/documents.ts';
import { caseExists, changeCase, lockCase, type LockedCase } from './case-events.ts';
import type { Database } from './schema.ts';

const iso = (value: Date | string): string => new Date(value).toISOString();

const FHIR_TITLES: Record<string, string> = {
  'intake-bundle': 'Intake record (FHIR Bundle)',
  'questionnaire-response': 'Documentation questionnaire answers (FHIR QuestionnaireResponse)',
};

interface Row {
  /** bigint: a string from node-postgres, whatever PGlite makes of it. */
  id: string | number | bigint;
  kind: string;
  content: unknown;
  created_at: Date;
}

/** A stored row as a document: its title, type and exact bytes, whatever its kind. */
function asDocument(row: Row): DocumentContent {
  const base = { documentId: String(row.id), kind: row.kind, storedAt: iso(row.created_at) };
  const content = row.content as { title?: unknown; contentType?: unknown; data?: unknown; body?: unknown };
  if (typeof content.data === 'string' && typeof content.contentType === 'string') {
    const bytes = Buffer.from(content.data, 'base64');
    return {
      ...base,
      title: typeof content.title === 'string' ? content.title : row.kind,
      contentType: content.contentType,
      bytes: bytes.length,
      content: bytes,
    };
  }
  if (row.kind.startsWith('payer-response:') && typeof content.body === 'string') {
    const bytes = Buffer.from(content.body, 'utf8');
    return {
      ...base,
      title: `Payer response (${row.kind.slice('payer-response:'.length)})`,
      contentType: typeof content.contentType === 'string' ? content.contentType : 'text/plain',
      bytes: bytes.length,
      content: bytes,
    };
  }
  const bytes = Buffer.from(JSON.stringify(row.content), 'utf8');
  return {
    ...base,
    title: FHIR_TITLES[row.kind] ?? row.kind,
    contentType: row.kind in FHIR_TITLES ? 'application/fhir+json' : 'application/json',
    bytes: bytes.length,
    content: bytes,
  };
}

function entryOf(document: DocumentContent): DocumentEntry {
  const { content, ...entry } = document;
  return { ...entry, bytes: content.length };
}

/** The sequence number of the case's last event of this type (null: none). */
async function lastEvent(tx: Transaction<Database>, locked: LockedCase, type: string): Promise<number | null> {
  const row = await tx
    .selectFrom('case_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('case_id', '=', locked.caseId)
    .where('type', '=', type)
    .executeTakeFirst();
  return row?.seq ?? null;
}

export class PostgresDocumentStore implements DocumentStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(organizationId: string, caseId: string): Promise<DocumentEntry[] | undefined> {
    if (!(await caseExists(this.db, organizationId, caseId))) return undefined;
    const rows = await this.db
      .selectFrom('case_documents')
      .select(['id', 'kind', 'content', 'created_at'])
      .where('organization_id', '=', organizationId)
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
    return rows.map((row) => entryOf(asDocument(row)));
  }

  async read(organizationId: string, caseId: string, documentId: string): Promise<DocumentContent | undefined> {
    const row = await this.db
      .selectFrom('case_documents')
      .select(['id', 'kind', 'content', 'created_at'])
      .where('organization_id', '=', organizationId)
      .where('case_id', '=', caseId)
      .where('id', '=', documentId)
      .executeTakeFirst();
    return row ? asDocument(row) : undefined;
  }

  async payerResponses(organizationId: string, caseId: string): Promise<StoredResponse[]> {
    const rows = await this.db
      .selectFrom('case_documents')
      .select(['content', 'created_at'])
      .where('organization_id', '=', organizationId)
      .where('case_id', '=', caseId)
      .where('kind', 'like', 'payer-response:%')
      .orderBy('id')
      .execute();
    return rows.flatMap((row) => {
      const content = row.content as { contentType?: unknown; body?: unknown };
      return typeof content.body === 'string'
        ? [
            {
              contentType: typeof content.contentType === 'string' ? content.contentType : '',
              body: content.body,
              storedAt: iso(row.created_at),
            },
          ]
        : [];
    });
  }

  async saveLetter(organizationId: string, caseId: string, text: string, actor: string): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const locked = await lockCase(tx, caseId, organizationId);
      if ((await lastEvent(tx, locked, FINALIZED)) !== null) {
        throw new CaseConflictError('the appeal letter is final and can no longer be edited');
      }
      return changeCase(tx, locked, { type: EDITED, actor, payload: { text } });
    });
  }

  async finalizeLetter(
    organizationId: string,
    caseId: string,
    packet: FinalPacket,
    actor: string,
  ): Promise<DocumentEntry> {
    return this.db.transaction().execute(async (tx) => {
      const locked = await lockCase(tx, caseId, organizationId);
      if ((await lastEvent(tx, locked, FINALIZED)) !== null) {
        throw new CaseConflictError('the appeal letter is already final');
      }
      if ((await lastEvent(tx, locked, EDITED)) !== packet.editSeq) {
        throw new CaseConflictError('the appeal letter was edited while it was being made final; make it final again');
      }
      const row = await tx
        .insertInto('case_documents')
        .values({
          case_id: caseId,
          organization_id: organizationId,
          kind: 'appeal-packet',
          content: JSON.stringify({
            title: 'Appeal packet (final)',
            contentType: 'application/pdf',
            data: packet.pdf.toString('base64'),
          }),
        })
        .returning(['id', 'kind', 'content', 'created_at'])
        .executeTakeFirstOrThrow();
      const stored = entryOf(asDocument(row));
      await changeCase(tx, locked, {
        type: FINALIZED,
        actor,
        payload: {
          documentId: stored.documentId,
          text: packet.text,
          bytes: packet.pdf.length,
          sha256: createHash('sha256').update(packet.pdf).digest('hex'),
        },
      });
      return stored;
    });
  }
}
