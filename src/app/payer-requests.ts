// Answering a payer's request for more information. The payer's pend named what it wants (X12 PWK, PAS
// CommunicationRequest); Klivira drafts the answer from what the case already holds (its documents and the evidence
// the determination cites, as a summary of each criterion with its quotes, sources and dates) for a person to review;
// the reviewed selection is resolved into documents, stored and queued in one transaction, and the worker sends it
// once through the case's channel (PAS Claim update, X12 275) under the answer's own id, so that a resend after a
// crash is recognised by the payer. The payer's decision that follows is recorded on the case like any other.
import {
  ChannelError,
  type AnswerDocument,
  type ChannelName,
  type RequestedInformation,
  type SubmissionChannel,
  type SubmissionRequest,
} from '../core/channel/index.ts';
import type { Determination } from '../core/determination/index.ts';
import { InvalidInputError } from '../core/fhir/index.ts';
import { parseIntake } from '../core/intake/index.ts';
import { evidenceSummaryText } from '../core/pas/index.ts';
import type { CaseRepository } from './case-repository.ts';
import type { PayerRequest, PayerRequestStore, ReviewedAnswer } from './payer-request-store.ts';
import type { Job, JobQueue, Submission, SubmissionStore } from './submission-store.ts';
import { backoffMs } from './submissions.ts';

export type DocumentSource = 'record' | 'attachment' | 'evidence';

/** A document the case holds, as the reviewer sees it (content is fetched only when the answer is sent). */
export interface CaseDocumentChoice {
  /** `evidence-summary`, `note:<Type/id>` (a note of the record) or `attachment:<n>` (the n-th attached document). */
  documentId: string;
  source: DocumentSource;
  title: string;
  contentType: string;
  date?: string;
}

export interface CitedEvidence {
  reference: string;
  quote: string;
  /** The note's title and date, when the citation is in a note of the record. */
  source?: string;
  date?: string;
}

export interface EvidenceSummary {
  policy: Determination['policy'];
  asOf: string;
  criteria: { id: string; text: string; status: string; reason?: string; evidence: CitedEvidence[] }[];
  missingDocumentation: { id: string; text: string }[];
}

export interface AnswerDraft {
  requestId: string;
  channel: ChannelName;
  state: PayerRequest['state'];
  items: {
    itemIndex: number;
    requested: RequestedInformation;
    /** The documents suggested for this item: the evidence summary and every document the evidence cites. */
    suggestedDocumentIds: string[];
  }[];
  documents: CaseDocumentChoice[];
  evidenceSummary: EvidenceSummary;
}

export interface AnswerSelection {
  items: { itemIndex: number; documentIds: string[] }[];
}

export interface PayerRequestDeps {
  store: PayerRequestStore;
  submissions: Pick<SubmissionStore, 'findSubmission'>;
  /** Rebuilds the pended submission's request as it was sent. */
  requestFor: (submission: Submission) => Promise<SubmissionRequest>;
  cases: CaseRepository;
  jobs: JobQueue;
  channels: Partial<Record<ChannelName, SubmissionChannel>>;
  clock?: () => Date;
}

export type InformationJob = Extract<Job, { kind: 'send_information' }>;

const EVIDENCE_SUMMARY = 'evidence-summary';

interface CaseMaterial {
  intake: ReturnType<typeof parseIntake>;
  determination: Determination;
  attachments: { title: string; contentType: string; data: string }[];
}

export class PayerRequestService {
  private readonly clock: () => Date;

  constructor(private readonly deps: PayerRequestDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** The requests of a case; undefined when the organization has no such case. */
  async list(organizationId: string, caseId: string): Promise<PayerRequest[] | undefined> {
    const stored = await this.deps.cases.get(organizationId, caseId);
    return stored ? this.forCase(organizationId, caseId) : undefined;
  }

  /** The requests of a case already read (GET /api/cases/:id). */
  forCase(organizationId: string, caseId: string): Promise<PayerRequest[]> {
    return this.deps.store.listForCase(organizationId, caseId);
  }

  /** The answer drafted for review; undefined when there is no such request or case. */
  async draft(organizationId: string, caseId: string, requestId: string): Promise<AnswerDraft | undefined> {
    const request = await this.deps.store.find(organizationId, caseId, requestId);
    const material = request && (await this.material(organizationId, caseId));
    if (!request || !material) return undefined;
    const documents = documentChoices(material);
    const cited = new Set(material.determination.criteria.flatMap((c) => c.evidence.map((e) => `note:${e.reference}`)));
    const suggested = [
      EVIDENCE_SUMMARY,
      ...documents.filter((d) => cited.has(d.documentId) || d.source === 'attachment').map((d) => d.documentId),
    ];
    return {
      requestId: request.id,
      channel: request.channel,
      state: request.state,
      items: request.items.map((requested, itemIndex) => ({ itemIndex, requested, suggestedDocumentIds: suggested })),
      documents,
      evidenceSummary: evidenceSummary(material),
    };
  }

  /**
   * Stores the reviewed selection as the documents to send and queues the send (InvalidInputError for a selection
   * that names an unknown item or document; CaseConflictError when the request is no longer open).
   */
  async answer(
    organizationId: string,
    caseId: string,
    requestId: string,
    selection: AnswerSelection,
    actor: string,
  ): Promise<PayerRequest | undefined> {
    const request = await this.deps.store.find(organizationId, caseId, requestId);
    const material = request && (await this.material(organizationId, caseId));
    if (!request || !material) return undefined;
    const choices = new Map(documentChoices(material).map((choice) => [choice.documentId, choice]));
    const problems: string[] = [];
    const documents: AnswerDocument[] = [];
    const seen = new Set<number>();
    for (const item of selection.items) {
      const requested = request.items[item.itemIndex];
      if (requested === undefined) {
        problems.push(`items: the request has no item ${String(item.itemIndex)}`);
        continue;
      }
      if (seen.has(item.itemIndex)) problems.push(`items: item ${String(item.itemIndex)} is listed twice`);
      seen.add(item.itemIndex);
      for (const documentId of new Set(item.documentIds)) {
        if (!choices.has(documentId)) {
          problems.push(`items[${String(item.itemIndex)}].documentIds: the case has no document '${documentId}'`);
          continue;
        }
        documents.push(resolve(documentId, requested, material));
      }
    }
    if (problems.length === 0 && documents.length === 0) problems.push('items: select at least one document to send');
    if (problems.length > 0) {
      throw new InvalidInputError(problems.map((message) => ({ severity: 'error', code: 'invalid', message })));
    }
    const answer: ReviewedAnswer = { answerId: request.id, documents, reviewedBy: actor };
    return this.deps.store.queueAnswer(organizationId, caseId, requestId, answer, actor);
  }

  /** Sends one queued answer: answered, scheduled for retry, or dead-lettered (the request open again). */
  async runJob(job: InformationJob): Promise<void> {
    const { store, jobs } = this.deps;
    const request = await store.findForJob(job.payload.requestId);
    if (!request?.answer) {
      await jobs.buryJob(job, `no answer queued for request ${job.payload.requestId}`);
      return;
    }
    if (request.state !== 'answering') {
      await jobs.completeJob(job);
      return;
    }
    try {
      const channel = this.deps.channels[request.channel];
      if (!channel?.sendInformation) {
        throw new ChannelError('rejected', `the ${request.channel} channel cannot send requested information`);
      }
      const submission = await this.deps.submissions.findSubmission(request.submissionId);
      if (!submission) throw new ChannelError('rejected', `no submission ${request.submissionId}`);
      const original = { ...(await this.deps.requestFor(submission)), timestamp: this.clock().toISOString() };
      await store.markSending(request.id);
      const decision = await channel.sendInformation({
        answerId: request.answer.answerId,
        original,
        documents: request.answer.documents,
      });
      await store.recordSent(request.id, decision, `${request.channel}:information`);
      await jobs.completeJob(job);
    } catch (error) {
      const message = error instanceof Error ? error.message : 'unknown failure';
      const retryable = error instanceof ChannelError && error.retryable;
      if (retryable && job.attempts < job.maxAttempts) {
        await store.recordFailure(request.id, message, false);
        await jobs.retryJob(job, message, new Date(this.clock().getTime() + backoffMs(job.attempts)));
        return;
      }
      await store.recordFailure(request.id, message, true);
      await jobs.buryJob(job, message);
    }
  }

  private async material(organizationId: string, caseId: string): Promise<CaseMaterial | undefined> {
    const { cases } = this.deps;
    const [stored, bundle, attached] = await Promise.all([
      cases.get(organizationId, caseId),
      cases.intakeBundle(organizationId, caseId),
      cases.documents(organizationId, caseId, 'attachment'),
    ]);
    if (!stored || !bundle) return undefined;
    return {
      intake: parseIntake(bundle),
      determination: stored.determination,
      attachments: attached.flatMap((content) => {
        const document = content as { title?: unknown; contentType?: unknown; data?: unknown };
        return typeof document.title === 'string' &&
          typeof document.contentType === 'string' &&
          typeof document.data === 'string'
          ? [{ title: document.title, contentType: document.contentType, data: document.data }]
          : [];
      }),
    };
  }
}

/** One entry per source note (a note in several parts is one document), the attachments, and the evidence summary. */
function documentChoices(material: CaseMaterial): CaseDocumentChoice[] {
  const notes = new Map<string, CaseDocumentChoice>();
  for (const note of material.intake.record.notes) {
    if (notes.has(note.reference)) continue;
    notes.set(note.reference, {
      documentId: `note:${note.reference}`,
      source: 'record',
      title: note.title ?? 'Clinical note',
      contentType: 'text/plain',
      ...(note.date ? { date: note.date } : {}),
    });
  }
  return [
    {
      documentId: EVIDENCE_SUMMARY,
      source: 'evidence',
      title: 'Evidence summary for the prior authorization request',
      contentType: 'text/plain',
      date: material.determination.asOf,
    },
    ...notes.values(),
    ...material.attachments.map((attachment, index): CaseDocumentChoice => ({
      documentId: `attachment:${String(index)}`,
      source: 'attachment',
      title: attachment.title,
      contentType: attachment.contentType,
    })),
  ];
}

function evidenceSummary({ intake, determination }: CaseMaterial): EvidenceSummary {
  const notes = intake.record.notes;
  return {
    policy: determination.policy,
    asOf: determination.asOf,
    criteria: determination.criteria.map((criterion) => ({
      id: criterion.id,
      text: criterion.text,
      status: criterion.status,
      ...(criterion.reason ? { reason: criterion.reason } : {}),
      evidence: criterion.evidence.map((citation) => {
        const note = notes.find((n) => n.reference === citation.reference);
        return {
          reference: citation.reference,
          quote: citation.text,
          ...(note?.title ? { source: note.title } : {}),
          ...(note?.date ? { date: note.date } : {}),
        };
      }),
    })),
    missingDocumentation: determination.missingDocumentation,
  };
}

/** The document's content for the wire, base64, with the requested item it answers. */
function resolve(documentId: string, answers: RequestedInformation, material: CaseMaterial): AnswerDocument {
  const text = (value: string) => Buffer.from(value, 'utf8').toString('base64');
  if (documentId === EVIDENCE_SUMMARY) {
    return {
      answers,
      title: 'Evidence summary for the prior authorization request',
      mediaType: 'text/plain',
      data: text(evidenceSummaryText(material.determination)),
      loinc: '34133-9',
    };
  }
  if (documentId.startsWith('note:')) {
    const reference = documentId.slice('note:'.length);
    const parts = material.intake.record.notes.filter((note) => note.reference === reference);
    return {
      answers,
      title: parts[0]?.title ?? 'Clinical note',
      mediaType: 'text/plain',
      data: text(parts.map((note) => note.text).join('\n\n')),
    };
  }
  const attachment = material.attachments[Number(documentId.slice('attachment:'.length))];
  if (!attachment) throw new Error(`unknown document ${documentId}`);
  return { answers, title: attachment.title, mediaType: attachment.contentType, data: attachment.data };
}
