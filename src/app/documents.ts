// The documents of a case: every stored document listed and downloadable (attachments, the intake record, the
// payer's responses, the final appeal packet), and the documents that answer a denial: the appeal packet, whose
// letter a person edits until it is made final (then the packet is frozen and stored with the case), and the
// peer-to-peer brief. The storage port is implemented in adapters/db, the PDF renderer in adapters/documents.
import type { PeerToPeerPolicy } from '../core/appeal/index.ts';
import {
  buildAppealPacket,
  buildPeerToPeerBrief,
  denialOf,
  type AppealCase,
  type AppealPacket,
  type BriefLimits,
  type PeerToPeerBrief,
  type StoredResponse,
} from '../core/appeal-documents/index.ts';
import { CaseConflictError } from '../core/case/index.ts';
import type { PolicyLibrary } from '../core/policy/index.ts';
import type { CaseRepository, StoredCase } from './case-repository.ts';
import { NotFoundError } from './errors.ts';

/** One stored document as listed: what it is, never its content. */
export interface DocumentEntry {
  documentId: string;
  /** `attachment`, `intake-bundle`, `payer-response:<channel>`, `questionnaire-response`, `appeal-packet`, ... */
  kind: string;
  title: string;
  contentType: string;
  bytes: number;
  storedAt: string;
}

export interface DocumentContent extends DocumentEntry {
  content: Buffer;
}

export interface FinalPacket {
  text: string;
  pdf: Buffer;
  /** The sequence number of the edit the text is (null: the draft), so that an edit made meanwhile is not lost. */
  editSeq: number | null;
}

/** Storage of case documents and of the appeal letter's edits (each a case event). */
export interface DocumentStore {
  /** The case's documents, oldest first; undefined when the organization has no such case. */
  list(organizationId: string, caseId: string): Promise<DocumentEntry[] | undefined>;
  /** One document with its exact bytes; undefined when the organization has no such case or document. */
  read(organizationId: string, caseId: string, documentId: string): Promise<DocumentContent | undefined>;
  /** The payer's responses as received, oldest first. */
  payerResponses(organizationId: string, caseId: string): Promise<StoredResponse[]>;
  /** Records an edit of the letter (`appeal_letter.edited`); CaseConflictError once the letter is final. */
  saveLetter(organizationId: string, caseId: string, text: string, actor: string): Promise<number>;
  /**
   * Stores the final packet as a case document and records `appeal_letter.finalized`, under the case's lock;
   * CaseConflictError when it already is final, or when the letter was edited after `packet.editSeq`.
   */
  finalizeLetter(organizationId: string, caseId: string, packet: FinalPacket, actor: string): Promise<DocumentEntry>;
}

export interface DocumentRenderer {
  appealPacket(packet: AppealPacket, letter: string): Promise<Buffer>;
  /** The brief built with limits that make it fit one page. */
  peerToPeerBrief(build: (limits: BriefLimits) => PeerToPeerBrief): Promise<Buffer>;
}

export interface AppealLetter {
  text: string;
  /** `draft` as generated, `edited` once a person saved a change, `final` once frozen. */
  state: 'draft' | 'edited' | 'final';
  editedAt: string | null;
  finalizedAt: string | null;
  /** The stored packet, once final. */
  documentId: string | null;
}

export interface AppealDocumentDeps {
  cases: CaseRepository;
  documents: DocumentStore;
  library: PolicyLibrary;
  render: DocumentRenderer;
  /** Today's date (YYYY-MM-DD): the date the documents are prepared on. */
  today: () => string;
  /** The payer's configured peer-to-peer window, when known. */
  peerToPeer?: (payerId: string) => PeerToPeerPolicy | undefined;
}

export const EDITED = 'appeal_letter.edited';
export const FINALIZED = 'appeal_letter.finalized';

interface LetterEvents {
  edit?: { text: string; at: string; seq: number };
  final?: { text: string; at: string; documentId: string };
}

function letterEvents(stored: StoredCase): LetterEvents {
  const found: LetterEvents = {};
  for (const event of stored.events) {
    const payload = event.payload as { text?: string; documentId?: string };
    if (event.type === EDITED && typeof payload.text === 'string')
      found.edit = { text: payload.text, at: event.at, seq: event.seq };
    if (event.type === FINALIZED && typeof payload.text === 'string') {
      found.final = { text: payload.text, at: event.at, documentId: String(payload.documentId) };
    }
  }
  return found;
}

export class AppealDocumentService {
  constructor(private readonly deps: AppealDocumentDeps) {}

  listDocuments(organizationId: string, caseId: string): Promise<DocumentEntry[] | undefined> {
    return this.deps.documents.list(organizationId, caseId);
  }

  readDocument(organizationId: string, caseId: string, documentId: string): Promise<DocumentContent | undefined> {
    return this.deps.documents.read(organizationId, caseId, documentId);
  }

  async letter(organizationId: string, caseId: string): Promise<AppealLetter> {
    const { stored, packet } = await this.appealCase(organizationId, caseId);
    const { edit, final } = letterEvents(stored);
    return {
      text: final?.text ?? edit?.text ?? packet.letter,
      state: final ? 'final' : edit ? 'edited' : 'draft',
      editedAt: edit?.at ?? null,
      finalizedAt: final?.at ?? null,
      documentId: final?.documentId ?? null,
    };
  }

  async saveLetter(organizationId: string, caseId: string, text: string, actor: string): Promise<AppealLetter> {
    await this.appealCase(organizationId, caseId);
    await this.deps.documents.saveLetter(organizationId, caseId, text, actor);
    return this.letter(organizationId, caseId);
  }

  async finalizeLetter(organizationId: string, caseId: string, actor: string): Promise<AppealLetter> {
    const { stored, packet } = await this.appealCase(organizationId, caseId);
    const { edit, final } = letterEvents(stored);
    if (final) throw new CaseConflictError('the appeal letter is already final');
    const text = edit?.text ?? packet.letter;
    const pdf = await this.deps.render.appealPacket(packet, text);
    await this.deps.documents.finalizeLetter(organizationId, caseId, { text, pdf, editSeq: edit?.seq ?? null }, actor);
    return this.letter(organizationId, caseId);
  }

  /** The packet: the stored one once final, else rendered from the case with the current letter. */
  async appealPacketPdf(organizationId: string, caseId: string): Promise<Buffer> {
    const { stored, packet } = await this.appealCase(organizationId, caseId);
    const { edit, final } = letterEvents(stored);
    if (final) {
      const document = await this.deps.documents.read(organizationId, caseId, final.documentId);
      if (document) return document.content;
    }
    return this.deps.render.appealPacket(packet, edit?.text ?? packet.letter);
  }

  async peerToPeerBriefPdf(organizationId: string, caseId: string): Promise<Buffer> {
    const { input } = await this.appealCase(organizationId, caseId);
    const payerPolicy = this.deps.peerToPeer?.(input.determination.payer.id);
    return this.deps.render.peerToPeerBrief((limits) =>
      buildPeerToPeerBrief({ ...input, ...(payerPolicy ? { peerToPeer: payerPolicy } : {}) }, limits),
    );
  }

  /** Everything the documents are built from; NotFoundError without the case, CaseConflictError without a denial. */
  private async appealCase(
    organizationId: string,
    caseId: string,
  ): Promise<{ stored: StoredCase; input: AppealCase; packet: AppealPacket }> {
    const stored = await this.deps.cases.get(organizationId, caseId);
    if (!stored) throw new NotFoundError(`no case ${caseId}`);
    const found = denialOf(stored.events, await this.deps.documents.payerResponses(organizationId, caseId));
    if ('none' in found) throw new CaseConflictError(found.none);
    const d = stored.determination;
    const policies = this.deps.library.policies;
    const created = stored.events.find((e) => e.type === 'case.created')?.payload as { order?: unknown } | undefined;
    const documents = (await this.deps.documents.list(organizationId, caseId)) ?? [];
    // The version the determination was made against; the library's current one when that version is gone.
    const policy =
      policies.find((p) => p.id === d.policy?.id && p.version === d.policy.version) ??
      policies.find((p) => p.id === d.policy?.id);
    // The national guideline of the service's family (else one that lists the ordered code).
    const guideline = policies.find(
      (p) =>
        p.kind === 'guideline' &&
        (policy?.family
          ? p.family === policy.family
          : [...(p.codes.cpt ?? []), ...(p.codes.hcpcs ?? [])].includes(d.order.code)),
    );
    const input: AppealCase = {
      caseId,
      determination: d,
      policy,
      guideline,
      denial: found.denial,
      bundle: await this.deps.cases.intakeBundle(organizationId, caseId),
      orderReference: typeof created?.order === 'string' ? created.order : undefined,
      attachments: documents.filter((doc) => doc.kind === 'attachment'),
      preparedOn: this.deps.today(),
    };
    return { stored, input, packet: buildAppealPacket(input) };
  }
}
