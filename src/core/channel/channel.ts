// One interface for every way a request reaches a payer (Da Vinci PAS over FHIR, X12 278 over CAQH CORE), so the
// case workflow, its retries and the conformance suite do not care which wire is used. Decisions come back in one
// channel-neutral shape: per requested item, the payer's review action (X12 306 / HCR01 codes on both wires).
import type { Bundle } from '@medplum/fhirtypes';
import type { Determination } from '../determination/determination.ts';
import type { Intake } from '../intake/intake.ts';
import type { BusinessError, ItemDecision, OverallOutcome } from '../pas/decision.ts';

export type ChannelName = 'pas' | 'x12-278';

/** What a channel needs to send one request for one case attempt. */
export interface SubmissionRequest {
  caseId: string;
  /**
   * The submission identity carried on the wire (PAS Bundle/Claim identifier, X12 BHT03 and TRN): the same for every
   * retry of one attempt, so the payer can recognise a resend and we can ask about it after a crash.
   */
  submissionId: string;
  /** The intake bundle the case was made from, and what the core read from it. */
  bundle: Bundle;
  intake: Intake;
  determination: Determination;
  urgency: 'urgent' | 'routine';
  /** When the request is sent (ISO instant), for envelopes and timestamps. */
  timestamp: string;
}

/** The payer's answer, whatever the wire. */
export interface ChannelDecision {
  channel: ChannelName;
  submissionId: string;
  outcome: OverallOutcome;
  items: ItemDecision[];
  errors: BusinessError[];
  notes: string[];
  /** Problems met while reading the answer; the decision is still usable. */
  warnings: string[];
  /** The raw response as received, kept with the case. */
  raw: { contentType: string; body: string };
  /** What the payer asked for while it pends the request (X12 PWK, PAS CommunicationRequest); absent when nothing. */
  requestedInformation?: RequestedInformation[];
}

/** One thing a payer asked for to decide a pended request, whatever the wire. */
export interface RequestedInformation {
  /** X12 755 report type (PWK01, CommunicationRequest.category), or a LOINC attachment code. */
  code: string;
  system: string;
  description: string;
  /** PWK06 / CommunicationRequest.identifier: the attachment control number the answer must carry back. */
  pwkControlNumber?: string;
  /** The requested item (Claim.item.sequence, 278 service line) it concerns, when the payer said. */
  itemSequence?: number;
}

/** One reviewed document of an answer, and the requested item it answers. */
export interface AnswerDocument {
  answers: RequestedInformation;
  title: string;
  mediaType: string;
  /** The document's bytes, base64. */
  data: string;
  /** LOINC code of the document kind, when known (e.g. 34133-9 for the evidence summary). */
  loinc?: string;
}

/** The reviewed answer to a payer's request for information, as a channel sends it. */
export interface InformationAnswer {
  /** The answer's identity on the wire (PAS update Claim identifier, 275 BGN02): the same on every resend. */
  answerId: string;
  /** The pended submission the answer belongs to (rebuilt as it was sent). */
  original: SubmissionRequest;
  documents: AnswerDocument[];
}

export type ChannelFailureKind =
  /** No answer in time: retry (the request may have arrived: inquire first). */
  | 'timeout'
  /** Connection refused or reset, HTTP 5xx: retry with backoff. */
  | 'unavailable'
  /** HTTP 4xx or an envelope error: the request itself is wrong; do not retry. */
  | 'rejected'
  /** The payer answered something we cannot read: keep it, alert, do not retry blindly. */
  | 'malformed_response';

export class ChannelError extends Error {
  readonly kind: ChannelFailureKind;
  readonly retryable: boolean;
  readonly status?: number;

  constructor(kind: ChannelFailureKind, message: string, status?: number) {
    super(message);
    this.name = 'ChannelError';
    this.kind = kind;
    this.retryable = kind === 'timeout' || kind === 'unavailable';
    if (status !== undefined) this.status = status;
  }
}

export interface SubmissionChannel {
  readonly name: ChannelName;
  /** Sends the request once; a resend with the same submissionId is recognised by the payer as the same request. */
  submit(request: SubmissionRequest): Promise<ChannelDecision>;
  /** Asks the payer about an earlier submission; undefined when the payer never received it. */
  inquire(request: SubmissionRequest): Promise<ChannelDecision | undefined>;
  /** Withdraws the whole request. */
  cancel(request: SubmissionRequest): Promise<ChannelDecision>;
  /**
   * Sends the documents a payer asked for (PAS Claim update, X12 275). A resend with the same answerId is recognised
   * by the payer. Returns the payer's decision when it gives one (the update's response, or the review after it).
   */
  sendInformation?(answer: InformationAnswer): Promise<ChannelDecision | undefined>;
}
