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
  requestedDocuments: { reportType?: string; transmission?: string }[];
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
  const reasonText = lookup(REJECT_REASON_CODES, aaa.rejectReason);
  const followUpText = lookup(FOLLOW_UP_ACTION_CODES, aaa.followUpAction);
  return {
    loopId,
    requestValid: aaa.valid === 'Y',
    ...(aaa.rejectReason === undefined ? {} : { rejectReason: aaa.rejectReason }),
    ...(reasonText === undefined ? {} : { rejectReasonText: reasonText }),
    ...(aaa.followUpAction === undefined ? {} : { followUpAction: aaa.followUpAction }),
    ...(followUpText === undefined ? {} : { followUpActionText: followUpText }),
  };
}

/** AAA of a level and of its 2010 loops. */
function levelRejections(level: AnyLevel): Rejection[] {
  return [
    ...level.aaa.map((aaa) => rejection(level.loopId, aaa)),
    ...level.names.flatMap((name) => name.aaa.map((aaa) => rejection(name.loopId, aaa))),
  ];
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
  const procedure = line?.sv1?.procedure ?? line?.sv2?.procedure ?? line?.sv3?.procedure;
  const unitsOnLine = line?.sv1?.quantity ?? line?.sv2?.quantity ?? line?.sv3?.quantity;
  const refs = [...source.ref, ...event.ref];
  const certificationNumber =
    hcr?.certificationNumber ?? refs.find((r) => r.qualifier === 'BB' || r.qualifier === 'G1')?.value;
  const administrativeReference = refs.find((r) => r.qualifier === 'NT')?.value;
  const action = lookup(REVIEW_ACTIONS, hcr?.action);
  const actionText = lookup(HCR_ACTION_CODES, hcr?.action);
  const approvedQuantity = quantity(source.hsd, unitsOnLine);
  const approvedDates = certifiedDates(source.dtp.length > 0 ? source.dtp : event.dtp);
  const trace = (line ?? event).trn[0]?.traceNumber;
  const documents: Pwk[] = [...source.pwk, ...(scope === 'service' ? event.pwk : [])];
  return {
    serviceIndex,
    scope,
    ...(action === undefined ? {} : { action }),
    ...(hcr?.action === undefined ? {} : { reviewActionCode: hcr.action }),
    ...(actionText === undefined ? {} : { reviewActionText: actionText }),
    ...(certificationNumber === undefined ? {} : { certificationNumber }),
    ...(administrativeReference === undefined ? {} : { administrativeReference }),
    reasonCodes: hcr?.reasonCode === undefined ? [] : [hcr.reasonCode],
    ...(approvedQuantity === undefined ? {} : { approvedQuantity }),
    ...(approvedDates === undefined ? {} : { approvedDates }),
    ...(trace === undefined ? {} : { traceNumber: trace }),
    ...(procedure?.code === undefined ? {} : { procedureCode: procedure.code }),
    requestedDocuments: documents.map((p) => ({
      ...(p.reportType === undefined ? {} : { reportType: p.reportType }),
      ...(p.transmission === undefined ? {} : { transmission: p.transmission }),
    })),
    messages: [...source.msg, ...(scope === 'service' ? event.msg : [])].flatMap((m) =>
      m.text === undefined ? [] : [m.text],
    ),
    rejections,
  };
}

export function summarise278Response(transaction: Transaction278): ResponseSummary {
  const heads = [transaction.umo, transaction.requester, transaction.subscriber, transaction.dependent];
  const upper = heads.flatMap((level) => (level === undefined ? [] : levelRejections(level)));
  const decisions: ServiceDecision[] = [];
  const all: Rejection[] = [...upper];
  for (const event of transaction.events) {
    const eventRejections = [...upper, ...levelRejections(event)];
    all.push(...levelRejections(event));
    if (event.services.length === 0) {
      decisions.push(decisionFrom(event, undefined, 0, eventRejections, event));
      continue;
    }
    event.services.forEach((service, index) => {
      const own = levelRejections(service);
      all.push(...own);
      // Without its own HCR a line takes the event's decision, quantities and dates.
      const source = service.hcr === undefined ? event : service;
      decisions.push(decisionFrom(source, service, index, [...eventRejections, ...own], event));
    });
  }
  return {
    ...(transaction.bht.referenceId === undefined ? {} : { traceId: transaction.bht.referenceId }),
    furtherUpdatesExpected: transaction.bht.transactionTypeCode === '19',
    decisions,
    rejections: all,
  };
}
