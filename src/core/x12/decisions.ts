// A 278 response as channel-neutral decisions, one per requested service. Line-level HCR wins for its line; a line
// without HCR inherits the event's. AAA anywhere above the line travels with it, since it blocks that line too.
import { FOLLOW_UP_ACTION_CODES, HCR_ACTION_CODES, REJECT_REASON_CODES, lookup } from './codes.ts';
import type { AnyLevel, LoopId, PatientEventLevel, ServiceLevel, Transaction278 } from './x278-model.ts';
import type { Aaa, Dtp, Hcr, Hsd, Pwk } from './x278-segments.ts';
import { REVIEW_ACTIONS, type ReviewAction } from '../channel/review-action.ts';

export type DecisionAction = ReviewAction;

export interface Rejection {
  loopId: LoopId;
  /** AAA01: Y = the request was valid (the reject concerns processing), N = it was not. */
  requestValid: boolean;
  rejectReason?: string;
  rejectReasonText?: string;
  followUpAction?: string;
  followUpActionText?: string;
}

export interface ServiceDecision {
  /** 0-based index of the 2000F under its event; 0 with scope 'event' when the event has no service lines. */
  serviceIndex: number;
  scope: 'service' | 'event';
  /** Undefined when no HCR applies (then `rejections` says why the payer could not decide). */
  action?: DecisionAction;
  /** HCR01 as received. */
  reviewActionCode?: string;
  reviewActionText?: string;
  /** HCR02, else REF BB/G1. */
  certificationNumber?: string;
  /** REF NT: the payer's tracking number for a pended review. */
  administrativeReference?: string;
  /** HCR03 (code source 886). */
  reasonCodes: string[];
  approvedQuantity?: { qualifier?: string; quantity: string };
  /** Certified period: DTP01 of the date used (AAH, 472, 435, 007), or '007-036' for an effective–expiration pair. */
  approvedDates?: { qualifier: string; from: string; to?: string };
  /** TRN02 of the line (or event): matches the request, not the position. */
  traceNumber?: string;
  procedureCode?: string;
  /** PWK: documents the payer asks for. */
  requestedDocuments: {
    reportType?: string;
    transmission?: string;
    /** PWK06: the attachment control number the payer expects back in the 275's TRN02. */
    attachmentControlNumber?: string;
    description?: string;
  }[];
  messages: string[];
  rejections: Rejection[];
}

export interface ResponseSummary {
  /** BHT03 echoed from the request. */
  traceId?: string;
  /** BHT06 19: more responses will follow (pended). */
  furtherUpdatesExpected: boolean;
  decisions: ServiceDecision[];
  /** Every AAA in the transaction, in hierarchy order. */
  rejections: Rejection[];
}

function rejection(loopId: LoopId, aaa: Aaa): Rejection {
  const found: Rejection = { loopId, requestValid: aaa.valid === 'Y' };
  if (aaa.rejectReason !== undefined) found.rejectReason = aaa.rejectReason;
  const reasonText = lookup(REJECT_REASON_CODES, aaa.rejectReason);
  if (reasonText !== undefined) found.rejectReasonText = reasonText;
  if (aaa.followUpAction !== undefined) found.followUpAction = aaa.followUpAction;
  const followUpText = lookup(FOLLOW_UP_ACTION_CODES, aaa.followUpAction);
  if (followUpText !== undefined) found.followUpActionText = followUpText;
  return found;
}

/** AAA of a level and of its 2010 loops, appended to `into`. */
function addLevelRejections(level: AnyLevel, into: Rejection[]): Rejection[] {
  for (const aaa of level.aaa) into.push(rejection(level.loopId, aaa));
  for (const name of level.names) for (const aaa of name.aaa) into.push(rejection(name.loopId, aaa));
  return into;
}

function certifiedDates(dtp: readonly Dtp[]): ServiceDecision['approvedDates'] {
  const pick = (qualifier: string) => dtp.find((d) => d.qualifier === qualifier && d.value !== undefined);
  const effective = pick('007');
  const expiration = pick('036');
  if (pick('AAH') === undefined && effective?.value !== undefined && expiration?.value !== undefined) {
    return { qualifier: '007-036', from: effective.value, to: expiration.value };
  }
  const found = pick('AAH') ?? pick('472') ?? pick('435') ?? effective;
  if (found?.value === undefined || found.qualifier === undefined) return undefined;
  const [from = '', to] = found.format === 'RD8' ? found.value.split('-') : [found.value];
  return { qualifier: found.qualifier, from, ...(to === undefined ? {} : { to }) };
}

function quantity(hsd: readonly Hsd[], fallback: string | undefined): ServiceDecision['approvedQuantity'] {
  const first = hsd.find((h) => h.quantity !== undefined);
  if (first?.quantity !== undefined) {
    return {
      quantity: first.quantity,
      ...(first.quantityQualifier === undefined ? {} : { qualifier: first.quantityQualifier }),
    };
  }
  return fallback === undefined ? undefined : { quantity: fallback };
}

/**
 * One decision. `source` is the level whose HCR applies (the line's own, else the event's): quantities, dates and
 * references come from there; procedure and trace always come from the line itself.
 */
function decisionFrom(
  source: PatientEventLevel | ServiceLevel,
  line: ServiceLevel | undefined,
  serviceIndex: number,
  rejections: Rejection[],
  event: PatientEventLevel,
): ServiceDecision {
  const hcr: Hcr | undefined = source.hcr;
  const scope: ServiceDecision['scope'] = line === undefined ? 'event' : 'service';
  // Optional fields are set one by one, in the declared order, rather than spread in: spreading a dozen
  // conditional objects made this summary cost as much as parsing the transaction.
  const decision: ServiceDecision = { serviceIndex, scope } as ServiceDecision;
  const action = lookup(REVIEW_ACTIONS, hcr?.action);
  if (action !== undefined) decision.action = action;
  if (hcr?.action !== undefined) decision.reviewActionCode = hcr.action;
  const actionText = lookup(HCR_ACTION_CODES, hcr?.action);
  if (actionText !== undefined) decision.reviewActionText = actionText;
  const certificationNumber = hcr?.certificationNumber ?? findRef(source, event, (q) => q === 'BB' || q === 'G1');
  if (certificationNumber !== undefined) decision.certificationNumber = certificationNumber;
  const administrativeReference = findRef(source, event, (q) => q === 'NT');
  if (administrativeReference !== undefined) decision.administrativeReference = administrativeReference;
  decision.reasonCodes = hcr?.reasonCode === undefined ? [] : [hcr.reasonCode];
  const approvedQuantity = quantity(source.hsd, line?.sv1?.quantity ?? line?.sv2?.quantity ?? line?.sv3?.quantity);
  if (approvedQuantity !== undefined) decision.approvedQuantity = approvedQuantity;
  const approvedDates = certifiedDates(source.dtp.length > 0 ? source.dtp : event.dtp);
  if (approvedDates !== undefined) decision.approvedDates = approvedDates;
  const trace = (line ?? event).trn[0]?.traceNumber;
  if (trace !== undefined) decision.traceNumber = trace;
  const procedure = line?.sv1?.procedure ?? line?.sv2?.procedure ?? line?.sv3?.procedure;
  if (procedure?.code !== undefined) decision.procedureCode = procedure.code;
  const documents: ServiceDecision['requestedDocuments'] = [];
  const messages: string[] = [];
  for (const level of scope === 'service' ? [source, event] : [source]) {
    for (const pwk of level.pwk) documents.push(requestedDocument(pwk));
    for (const msg of level.msg) if (msg.text !== undefined) messages.push(msg.text);
  }
  decision.requestedDocuments = documents;
  decision.messages = messages;
  decision.rejections = rejections;
  return decision;
}

/** The first REF of the level, else of its event, whose qualifier passes. */
function findRef(
  source: PatientEventLevel | ServiceLevel,
  event: PatientEventLevel,
  qualifies: (qualifier: string | undefined) => boolean,
): string | undefined {
  return (source.ref.find((r) => qualifies(r.qualifier)) ?? event.ref.find((r) => qualifies(r.qualifier)))?.value;
}

function requestedDocument(pwk: Pwk): ServiceDecision['requestedDocuments'][number] {
  const document: ServiceDecision['requestedDocuments'][number] = {};
  if (pwk.reportType !== undefined) document.reportType = pwk.reportType;
  if (pwk.transmission !== undefined) document.transmission = pwk.transmission;
  if (pwk.attachmentControlNumber !== undefined) document.attachmentControlNumber = pwk.attachmentControlNumber;
  if (pwk.description !== undefined) document.description = pwk.description;
  return document;
}

export function summarise278Response(transaction: Transaction278): ResponseSummary {
  const upper: Rejection[] = [];
  for (const level of [transaction.umo, transaction.requester, transaction.subscriber, transaction.dependent]) {
    if (level !== undefined) addLevelRejections(level, upper);
  }
  const decisions: ServiceDecision[] = [];
  const all: Rejection[] = [...upper];
  for (const event of transaction.events) {
    const own = addLevelRejections(event, []);
    all.push(...own);
    const eventRejections = [...upper, ...own];
    if (event.services.length === 0) {
      decisions.push(decisionFrom(event, undefined, 0, eventRejections, event));
      continue;
    }
    event.services.forEach((service, index) => {
      const lineRejections = addLevelRejections(service, []);
      all.push(...lineRejections);
      // Without its own HCR a line takes the event's decision, quantities and dates.
      const source = service.hcr === undefined ? event : service;
      decisions.push(decisionFrom(source, service, index, [...eventRejections, ...lineRejections], event));
    });
  }
  const summary = {} as ResponseSummary;
  if (transaction.bht.referenceId !== undefined) summary.traceId = transaction.bht.referenceId;
  summary.furtherUpdatesExpected = transaction.bht.transactionTypeCode === '19';
  summary.decisions = decisions;
  summary.rejections = all;
  return summary;
}
