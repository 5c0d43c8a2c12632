// The X12 278 submission channel over CAQH CORE real-time connectivity (SOAP 1.2 or MIME multipart): builds the
// 278 with the product's codec, wraps it in the CORE envelope, and reads the 278 response back into the same
// decisions the PAS channel gives.
import { randomUUID } from 'node:crypto';
import {
  ChannelError,
  type ChannelDecision,
  type InformationAnswer,
  type RequestedInformation,
  type SubmissionChannel,
  type SubmissionRequest,
} from '../../core/channel/index.ts';
import {
  buildSoapEnvelope,
  CORE_RULE_VERSION,
  CoreEnvelopeError,
  mimeFields,
  parseSoapEnvelope,
  PAYLOAD_TYPES,
  readMimeFields,
  type CoreCredentials,
  type CoreEnvelope,
  decodeMultipart,
  encodeMultipart,
  MultipartError,
} from '../../core/connectivity/index.ts';
import { overallOutcome, type BusinessError, type ItemDecision } from '../../core/pas/index.ts';
import {
  SubmissionInputError,
  x12Input,
  type ControlNumbers,
  type X12Addressing,
} from '../../core/submission/index.ts';
import type { ServiceDecision } from '../../core/x12/index.ts';
import {
  X12Error,
  readInbound,
  build278Request,
  build275,
  lookup,
  PAYLOAD_TYPE_275,
  REPORT_TYPE_CODES,
} from '../../core/x12/index.ts';
import { exchange } from './http.ts';
import { x275Input } from './x12-attachments.ts';

/** Simulator convention for a status inquiry (a real 278 inquiry is 005010X215); see src/sim/server.ts. */
export const INQUIRY_PAYLOAD_TYPE = 'X12_278_Inquiry_Request_005010X217E1_2';

export interface X12ChannelConfig {
  url: string;
  style: 'soap' | 'mime';
  credentials?: CoreCredentials;
  timeoutMs: number;
  addressing: X12Addressing;
  /** Fresh ISA13/GS06/ST02 from the database: never reused. */
  controlNumbers: () => Promise<ControlNumbers>;
}

export class X12CoreChannel implements SubmissionChannel {
  readonly name = 'x12-278' as const;

  constructor(private readonly config: X12ChannelConfig) {}

  async submit(request: SubmissionRequest): Promise<ChannelDecision> {
    const payload = await this.build(request, 'I');
    return this.decision(request, await this.send(PAYLOAD_TYPES.request278, payload));
  }

  async inquire(request: SubmissionRequest): Promise<ChannelDecision | undefined> {
    const payload = await this.build(request, 'I');
    const answer = await this.send(INQUIRY_PAYLOAD_TYPE, payload);
    return answer.trim() === '' ? undefined : this.decision(request, answer);
  }

  async cancel(request: SubmissionRequest): Promise<ChannelDecision> {
    const payload = await this.build(request, '3');
    return this.decision(request, await this.send(PAYLOAD_TYPES.request278, payload));
  }

  /**
   * Sends the 275 over the same CORE connection (its own PayloadType). The payer acknowledges it (999); its review
   * follows, so the channel then asks for the 278's current decision (undefined when the payer has none yet).
   */
  async sendInformation(answer: InformationAnswer): Promise<ChannelDecision | undefined> {
    let payload: string;
    try {
      payload = build275(x275Input(answer, this.config.addressing, await this.config.controlNumbers()));
    } catch (error) {
      if (error instanceof SubmissionInputError || error instanceof X12Error) {
        throw new ChannelError('rejected', `cannot build the 275: ${error.message}`);
      }
      throw error;
    }
    const acknowledgment = await this.send(PAYLOAD_TYPE_275, payload);
    try {
      if (acknowledgment.trim() !== '' && readInbound(acknowledgment).rejectedBeforeReview) {
        throw new ChannelError('rejected', 'the payer rejected the 275 (TA1 / 999 acknowledgment)');
      }
    } catch (error) {
      if (error instanceof X12Error) {
        throw new ChannelError('malformed_response', `unreadable 275 acknowledgment: ${error.message}`);
      }
      throw error;
    }
    return this.inquire(answer.original);
  }

  private async build(request: SubmissionRequest, certification: 'I' | '3'): Promise<string> {
    try {
      return build278Request(
        x12Input(request, this.config.addressing, await this.config.controlNumbers(), certification),
      );
    } catch (error) {
      if (error instanceof SubmissionInputError || error instanceof X12Error) {
        throw new ChannelError('rejected', `cannot build the 278: ${error.message}`);
      }
      throw error;
    }
  }

  private async send(payloadType: string, payload: string): Promise<string> {
    const envelope: CoreEnvelope = {
      payloadType,
      processingMode: 'RealTime',
      payloadId: randomUUID(),
      timestamp: new Date().toISOString(),
      senderId: this.config.addressing.senderId,
      receiverId: this.config.addressing.receiverId,
      coreRuleVersion: CORE_RULE_VERSION,
      payload,
    };
    const init: RequestInit =
      this.config.style === 'soap'
        ? {
            method: 'POST',
            headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
            body: buildSoapEnvelope('request', envelope, this.config.credentials),
          }
        : (() => {
            const form = encodeMultipart(mimeFields(envelope, this.config.credentials));
            return { method: 'POST', headers: { 'content-type': form.contentType }, body: new Uint8Array(form.body) };
          })();
    const answer = await exchange(this.config.url, init, this.config.timeoutMs);
    if (answer.status >= 500)
      throw new ChannelError('unavailable', `CORE endpoint answered HTTP ${String(answer.status)}`, answer.status);
    let response: CoreEnvelope;
    try {
      response =
        this.config.style === 'soap'
          ? parseSoapEnvelope(answer.body.toString('utf8')).envelope
          : readMimeFields(await decodeMultipart(answer.body, answer.contentType)).envelope;
    } catch (error) {
      if (error instanceof CoreEnvelopeError || error instanceof MultipartError) {
        if (answer.status >= 400)
          throw new ChannelError('rejected', `CORE endpoint answered HTTP ${String(answer.status)}`, answer.status);
        throw new ChannelError('malformed_response', `unreadable CORE envelope: ${error.message}`);
      }
      throw error;
    }
    if (response.errorCode !== undefined && response.errorCode !== 'Success') {
      throw new ChannelError(
        'rejected',
        `CORE ${response.errorCode}: ${response.errorMessage ?? ''}`.trim(),
        answer.status,
      );
    }
    return response.payload;
  }

  private decision(request: SubmissionRequest, payload: string): ChannelDecision {
    let summary;
    try {
      // TA1 / 999 first: a rejected interchange or transaction was never reviewed (reference §4).
      const inbound = readInbound(payload);
      if (inbound.rejectedBeforeReview) {
        throw new ChannelError('rejected', 'the payer rejected the 278 before review (TA1 / 999 acknowledgment)');
      }
      summary = inbound.responses[0];
      if (!summary) throw new X12Error('BAD_INPUT', 'the response holds no 278 response transaction set');
    } catch (error) {
      if (error instanceof X12Error)
        throw new ChannelError('malformed_response', `unreadable 278 response: ${error.message}`);
      throw error;
    }
    const warnings: string[] = [];
    if (summary.traceId !== request.submissionId) {
      warnings.push(`the response's BHT03 '${summary.traceId ?? ''}' does not echo our submission id`);
    }
    const items = summary.decisions.filter((d) => d.action !== undefined).map(itemDecision);
    const requestedInformation = summary.decisions.flatMap(requestedDocuments);
    const errors: BusinessError[] = summary.rejections.map((r) => ({
      code: r.rejectReason ?? '',
      ...(r.followUpAction ? { followupAction: r.followUpAction } : {}),
      element: r.loopId,
    }));
    return {
      channel: 'x12-278',
      submissionId: request.submissionId,
      outcome: overallOutcome(items, errors),
      items,
      errors,
      notes: summary.decisions.flatMap((d) => d.messages),
      warnings,
      raw: { contentType: 'application/edi-x12', body: payload },
      ...(requestedInformation.length > 0 ? { requestedInformation } : {}),
    };
  }
}

/** The PWK segments of a pended line (or its event): what the payer wants, and the control number to answer with. */
function requestedDocuments(decision: ServiceDecision): RequestedInformation[] {
  if (decision.action !== 'pended') return [];
  return decision.requestedDocuments.flatMap((document) => {
    if (document.reportType === undefined) return [];
    const known = lookup(REPORT_TYPE_CODES, document.reportType);
    return [
      {
        code: document.reportType,
        system: 'https://codesystem.x12.org/005010/755',
        description:
          document.description ?? (known ? known.charAt(0).toUpperCase() + known.slice(1) : document.reportType),
        ...(document.attachmentControlNumber ? { pwkControlNumber: document.attachmentControlNumber } : {}),
        itemSequence: decision.serviceIndex + 1,
      },
    ];
  });
}

function itemDecision(decision: ServiceDecision): ItemDecision {
  return {
    itemSequence: decision.serviceIndex + 1,
    source: 'item',
    action: decision.action ?? 'contact_payer',
    reviewActionCode: decision.reviewActionCode ?? '',
    ...(decision.certificationNumber ? { authorizationNumber: decision.certificationNumber } : {}),
    ...(decision.administrativeReference ? { administrationReferenceNumber: decision.administrativeReference } : {}),
    ...(decision.approvedDates ? { authorizedPeriod: isoPeriod(decision.approvedDates) } : {}),
    reasonCodes: decision.reasonCodes,
    notes: decision.messages,
    ...(decision.approvedQuantity
      ? {
          modification: {
            productOrService: decision.procedureCode ? [decision.procedureCode] : [],
            modifiers: [],
            quantity: Number(decision.approvedQuantity.quantity),
            providers: [],
          },
        }
      : {}),
  };
}

/** X12 CCYYMMDD dates of a certified period as ISO dates. */
function isoPeriod(dates: NonNullable<ServiceDecision['approvedDates']>): { start: string; end?: string } {
  const iso = (value: string) => `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  return { start: iso(dates.from), ...(dates.to ? { end: iso(dates.to) } : {}) };
}
