// The simulated payer's memory and rules, independent of the wire: what it received (every receipt counted, so a
// test can prove each request arrived exactly once), what it decided, and pends that resolve later. PAS and the
// 278 front ends translate to and from this.
import {
  cancelledItems,
  decideItems,
  pendedItems,
  pendingReference,
  type ItemOutcome,
  type RequestedItem,
} from './adjudicate.ts';
import {
  chooseAdjudication,
  type Adjudication,
  type FinalAdjudication,
  type RequestedDocument,
  type RequestKeys,
  type ScenarioRule,
} from './scenarios.ts';

export type Wire = 'pas' | 'x12-278';

export interface ReceivedRequest {
  wire: Wire;
  /** PAS Claim identifier / X12 BHT03: the payer's duplicate key. */
  submissionId: string;
  kind: 'initial' | 'update' | 'cancel';
  /** For updates and cancels: the submission they change. */
  relatedTo?: string;
  keys: RequestKeys;
  items: RequestedItem[];
  /** PAS: the sender's organization identifier, matched against subscription filters. */
  senderId?: string;
  /** PAS update: the control numbers of the documents it adds (documentInformation.controlNumber). */
  attachmentControlNumbers?: string[];
}

/** A document the payer asked for, under the control number its answer must carry (PWK06). */
export interface InformationRequest extends RequestedDocument {
  controlNumber: string;
  /** The requested item (service line) it concerns. */
  itemSequence: number;
}

/** An answer to a request for information (X12 275, PAS Claim update), by the identity it carries. */
export interface ReceivedInformation {
  wire: Wire;
  /** PAS update Claim identifier / 275 BGN02: the payer's duplicate key for answers. */
  answerId: string;
  /** The pended submission, when the answer names it (PAS `related`); the 275 is matched by control number. */
  relatedTo?: string;
  controlNumbers: string[];
}

export interface Authorization {
  request: ReceivedRequest;
  items: ItemOutcome[];
  businessError?: { code: string; followUp: string; element?: string };
  /** Items are pended until then (epoch ms), then decided as `final`. */
  decideAt?: number;
  final?: FinalAdjudication;
  notifications?: 'once' | 'duplicate' | 'out_of_order';
  /** Documents asked for and not yet received; the request stays pended until none is left. */
  awaiting?: InformationRequest[];
  updatedAt: number;
}

export type Reply =
  { kind: 'decision'; authorization: Authorization; delayMs: number } | { kind: 'http_500' } | { kind: 'malformed' };

export interface Receipt {
  wire: Wire;
  submissionId: string;
  kind: ReceivedRequest['kind'] | 'information';
  at: number;
  /** A resend of something already received (answered from memory, not decided again). */
  duplicate: boolean;
}

export class SimulatedPayer {
  readonly receipts: Receipt[] = [];
  private readonly authorizations = new Map<string, Authorization>();
  private readonly failures = new Map<string, number>();
  /** Answers received, by answer id: the submission each answered. */
  private readonly answers = new Map<string, string>();

  constructor(public rules: ScenarioRule[] = []) {}

  /** Receipts of one submission (resends included); exactly-once means 1. */
  receiptCount(submissionId: string): number {
    return this.receipts.filter((r) => r.submissionId === submissionId).length;
  }

  lookup(submissionId: string): Authorization | undefined {
    return this.authorizations.get(submissionId);
  }

  /** Query by example (a PAS `$inquire`, X12 278 inquiry rules): the member's authorizations for these codes. */
  findByExample(memberId: string | undefined, codes: readonly string[]): Authorization[] {
    return [...this.authorizations.values()].filter(
      (a) =>
        memberId !== undefined &&
        a.request.keys.memberId === memberId &&
        (codes.length === 0 || codes.some((code) => a.request.keys.codes.includes(code))),
    );
  }

  reset(rules: ScenarioRule[] = []): void {
    this.rules = rules;
    this.receipts.length = 0;
    this.authorizations.clear();
    this.failures.clear();
    this.answers.clear();
  }

  receive(request: ReceivedRequest, now: number): Reply {
    if (request.kind === 'cancel') return this.cancel(request, now);
    const known = this.authorizations.get(request.submissionId);
    if (known) {
      this.receipts.push({
        wire: request.wire,
        submissionId: request.submissionId,
        kind: request.kind,
        at: now,
        duplicate: true,
      });
      return { kind: 'decision', authorization: known, delayMs: 0 };
    }
    let adjudication: Adjudication = chooseAdjudication(this.rules, request.keys);
    let delayMs = 0;
    // Failures before processing leave no trace: the request did not arrive.
    while (adjudication.kind === 'http_500' || adjudication.kind === 'slow') {
      if (adjudication.kind === 'http_500') {
        const failed = this.failures.get(request.submissionId) ?? 0;
        if (failed < adjudication.times) {
          this.failures.set(request.submissionId, failed + 1);
          return { kind: 'http_500' };
        }
      } else {
        delayMs = adjudication.delayMs;
      }
      adjudication = adjudication.then;
    }
    this.receipts.push({
      wire: request.wire,
      submissionId: request.submissionId,
      kind: request.kind,
      at: now,
      duplicate: false,
    });
    if (adjudication.kind === 'malformed') return { kind: 'malformed' };
    const authorization = this.adjudicate(request, adjudication, now);
    this.authorizations.set(request.submissionId, authorization);
    return { kind: 'decision', authorization, delayMs };
  }

  /**
   * An answer to a request for information: a resend (same answer id) is answered from memory; otherwise the control
   * numbers it carries are checked off, and once nothing is awaited the request is decided. Undefined when no pended
   * request awaits what it carries.
   */
  receiveInformation(answer: ReceivedInformation, now: number): Authorization | undefined {
    const earlier = this.answers.get(answer.answerId);
    const target =
      earlier !== undefined
        ? this.authorizations.get(earlier)
        : answer.relatedTo !== undefined
          ? this.authorizations.get(answer.relatedTo)
          : [...this.authorizations.values()].find((a) =>
              a.awaiting?.some((request) => answer.controlNumbers.includes(request.controlNumber)),
            );
    if (!target) return undefined;
    this.receipts.push({
      wire: answer.wire,
      submissionId: answer.answerId,
      kind: 'information',
      at: now,
      duplicate: earlier !== undefined,
    });
    if (earlier !== undefined) return target;
    this.answers.set(answer.answerId, target.request.submissionId);
    const awaiting = (target.awaiting ?? []).filter(
      (request) => !answer.controlNumbers.includes(request.controlNumber),
    );
    if (awaiting.length > 0) {
      target.awaiting = awaiting;
    } else if (target.awaiting !== undefined && target.final) {
      delete target.awaiting;
      target.items = decideItems(target.request.submissionId, target.request.items, target.final);
    }
    target.updatedAt = now;
    return target;
  }

  /** Decides the pends whose time has come; returns them so the front end can notify. */
  resolveDue(now: number): Authorization[] {
    const due: Authorization[] = [];
    for (const authorization of this.authorizations.values()) {
      if (authorization.decideAt === undefined || authorization.decideAt > now || !authorization.final) continue;
      authorization.items = decideItems(
        authorization.request.submissionId,
        authorization.request.items,
        authorization.final,
      );
      delete authorization.decideAt;
      authorization.updatedAt = now;
      due.push(authorization);
    }
    return due;
  }

  private adjudicate(
    request: ReceivedRequest,
    adjudication: Exclude<Adjudication, { kind: 'http_500' | 'slow' | 'malformed' }>,
    now: number,
  ): Authorization {
    switch (adjudication.kind) {
      case 'pend':
        return {
          request,
          items: pendedItems(request.submissionId, request.items),
          decideAt: now + adjudication.decideAfterMs,
          final: adjudication.then,
          ...(adjudication.notifications ? { notifications: adjudication.notifications } : {}),
          updatedAt: now,
        };
      case 'request_information': {
        const pending = pendingReference(request.submissionId);
        const line = request.items[0]?.sequence ?? 1;
        return {
          request,
          items: pendedItems(request.submissionId, request.items),
          final: adjudication.then,
          awaiting: adjudication.documents.map((document, index) => ({
            ...document,
            controlNumber: `${pending}-${String(index + 1)}`,
            itemSequence: line,
          })),
          updatedAt: now,
        };
      }
      case 'business_error':
        return {
          request,
          items: [],
          businessError: {
            code: adjudication.code,
            followUp: adjudication.followUp,
            ...(adjudication.element ? { element: adjudication.element } : {}),
          },
          updatedAt: now,
        };
      default:
        return { request, items: decideItems(request.submissionId, request.items, adjudication), updatedAt: now };
    }
  }

  private cancel(request: ReceivedRequest, now: number): Reply {
    this.receipts.push({
      wire: request.wire,
      submissionId: request.submissionId,
      kind: 'cancel',
      at: now,
      duplicate: false,
    });
    const target = this.authorizations.get(request.relatedTo ?? request.submissionId);
    if (!target) {
      return {
        kind: 'decision',
        authorization: { request, items: [], businessError: { code: '79', followUp: 'N' }, updatedAt: now },
        delayMs: 0,
      };
    }
    target.items = cancelledItems(target.request.items);
    delete target.decideAt;
    target.updatedAt = now;
    return { kind: 'decision', authorization: target, delayMs: 0 };
  }
}
