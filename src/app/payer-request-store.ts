// The storage port of a payer's requests for more information and of their answers (implemented on PostgreSQL in
// adapters/db/payer-request-store.ts). A request is recorded with the payer's answer that carries it
// (SubmissionStore.recordDecision); its answer is queued, sent and recorded here, each step one transaction under the
// case's lock with its event.
import type { AnswerDocument, ChannelDecision, ChannelName, RequestedInformation } from '../core/channel/index.ts';

export type PayerRequestState = 'open' | 'answering' | 'answered';

export interface PayerRequest {
  id: string;
  caseId: string;
  organizationId: string;
  /** The pended submission the payer asked about. */
  submissionId: string;
  channel: ChannelName;
  requestedAt: string;
  items: RequestedInformation[];
  state: PayerRequestState;
  /** The answer's identity on the wire, once queued. */
  answerId?: string;
  sentAt?: string;
  lastError?: string;
}

/** The reviewed answer as it will be sent: resolved documents, so every resend carries exactly what was reviewed. */
export interface ReviewedAnswer {
  answerId: string;
  documents: AnswerDocument[];
  reviewedBy: string;
}

export interface PayerRequestStore {
  listForCase(organizationId: string, caseId: string): Promise<PayerRequest[]>;
  /** Undefined when the organization has no such request on this case. */
  find(organizationId: string, caseId: string, requestId: string): Promise<PayerRequest | undefined>;
  findForJob(requestId: string): Promise<(PayerRequest & { answer?: ReviewedAnswer }) | undefined>;
  /**
   * open → answering: stores the reviewed answer, queues its job and appends `information.queued`, in one
   * transaction under the case's lock. CaseConflictError when the request is no longer open (answered, or being
   * answered by someone else); undefined when there is no such request.
   */
  queueAnswer(
    organizationId: string,
    caseId: string,
    requestId: string,
    answer: ReviewedAnswer,
    actor: string,
  ): Promise<PayerRequest | undefined>;
  /** Committed before the network call, so a crash leaves a trace (a resend carries the same answer id). */
  markSending(requestId: string): Promise<void>;
  /** answering → answered with `information.sent`, and the payer's decision, if it gave one, in the same transaction. */
  recordSent(requestId: string, decision: ChannelDecision | undefined, source: string): Promise<void>;
  /** A failed send: kept answering for a retry, or back to open (final) so that a person can send it again. */
  recordFailure(requestId: string, message: string, final: boolean): Promise<void>;
}
