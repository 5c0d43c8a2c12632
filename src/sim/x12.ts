// The simulated payer's X12 278 front end: reads a 278 request (with the product's own codec) into a wire-neutral
// request, and answers with a 278 response built from the request's own hierarchy (BHT02 11, HCR per service line,
// REF for certification and pending numbers, AAA for business rejections).
import {
  DEFAULT_DELIMITERS,
  X12Error,
  parseX12,
  parse278,
  transaction278Segments,
  x12DateTime,
} from '../core/x12/index.ts';
import type { Transaction278 } from '../core/x12/index.ts';
import type { ItemOutcome } from './adjudicate.ts';
import type { Authorization, ReceivedRequest } from './payer.ts';
import { nextControlNumber, replyInterchange } from './x12-reply.ts';

export interface ReadX12Request {
  request: ReceivedRequest;
  transaction: Transaction278;
  senderId: string;
  receiverId: string;
}

export function readX12Request(payload: string): ReadX12Request {
  const document = parseX12(payload);
  const interchange = document.interchanges[0];
  const set = interchange?.groups[0]?.transactions[0];
  if (!interchange || !set) throw new X12Error('BAD_INPUT', 'the payload holds no 278 transaction set');
  const { transaction } = parse278(set, interchange.delimiters);
  if (transaction.kind !== 'request') throw new X12Error('BAD_INPUT', 'BHT02 is not 13: this is not a 278 request');
  const event = transaction.events[0];
  if (!event) throw new X12Error('BAD_INPUT', 'the 278 has no patient event (2000E)');
  const submissionId = transaction.bht.referenceId;
  if (!submissionId) throw new X12Error('BAD_INPUT', 'BHT03 (the submitter trace id) is missing');
  const cancel = event.um?.certificationType === '3';
  const items = event.services.map((service, index) => {
    const procedure = service.sv1?.procedure ?? service.sv2?.procedure ?? service.sv3?.procedure;
    const quantity = Number(service.sv1?.quantity ?? service.sv2?.quantity ?? '');
    return {
      sequence: index + 1,
      code: procedure?.code ?? '',
      ...(Number.isFinite(quantity) && quantity > 0 ? { quantity } : {}),
    };
  });
  const payerId = transaction.umo?.names[0]?.nm1.idCode;
  const memberId = transaction.subscriber?.names[0]?.nm1.idCode;
  const isa = interchange.isa.elements;
  return {
    request: {
      wire: 'x12-278',
      submissionId,
      kind: cancel ? 'cancel' : 'initial',
      keys: {
        ...(payerId ? { payerId } : {}),
        codes: items.map((i) => i.code),
        ...(memberId ? { memberId } : {}),
      },
      items,
    },
    transaction,
    senderId: (isa[6] ?? '').trim(),
    receiverId: (isa[8] ?? '').trim(),
  };
}

function hcrOf(outcome: ItemOutcome): Transaction278['events'][number]['hcr'] {
  return {
    action: outcome.action,
    ...(outcome.authorizationNumber ? { certificationNumber: outcome.authorizationNumber } : {}),
    ...(outcome.reasonCodes[0] ? { reasonCode: outcome.reasonCodes[0] } : {}),
  };
}

/** The 278 response: the request's hierarchy with the payer's answers in it. */
export function writeX12Response(read: ReadX12Request, authorization: Authorization, now: Date): string {
  const request = read.transaction;
  const pended = authorization.decideAt !== undefined || (authorization.awaiting?.length ?? 0) > 0;
  const { date, time } = x12DateTime(now);
  const events = request.events.map((event, eventIndex) => {
    const rejected = eventIndex === 0 && authorization.businessError !== undefined;
    return {
      ...event,
      um: undefined,
      hi: undefined,
      // A response's PWK says what the payer wants: the request's own attachment notices are not echoed.
      pwk: [],
      aaa:
        rejected && authorization.businessError
          ? [
              {
                valid: 'N',
                rejectReason: authorization.businessError.code,
                followUpAction: authorization.businessError.followUp,
              },
            ]
          : [],
      services: event.services.map((service, index) => {
        const outcome = authorization.items.find((o) => o.sequence === index + 1);
        if (!outcome) return { ...service, hcr: undefined };
        const refs = [
          ...(outcome.administrationReference ? [{ qualifier: 'NT', value: outcome.administrationReference }] : []),
        ];
        const certified = outcome.authorizationNumber !== undefined && ['A1', 'A2', 'A6'].includes(outcome.action);
        const from = now.toISOString().slice(0, 10).replaceAll('-', '');
        const to = new Date(now.getTime() + 90 * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
        return {
          ...service,
          hcr: hcrOf(outcome),
          // The certification's validity (DTP AAH, 90 days), as the PAS side carries it in itemPreAuthPeriod.
          dtp: certified ? [{ qualifier: 'AAH', format: 'RD8', value: `${from}-${to}` }] : [],
          ref: refs,
          hsd:
            outcome.modification?.quantity !== undefined
              ? [{ quantityQualifier: 'VS', quantity: String(outcome.modification.quantity) }]
              : [],
          msg: outcome.notes.map((text) => ({ text })),
          // What the payer still awaits for this line: PWK01 report type, EL, AC + PWK06 the control number.
          pwk: (authorization.awaiting ?? [])
            .filter((request) => request.itemSequence === index + 1)
            .map((request) => ({
              reportType: request.reportType,
              transmission: 'EL',
              idCodeQualifier: 'AC',
              attachmentControlNumber: request.controlNumber,
              description: request.description,
            })),
        };
      }),
    };
  }) as Transaction278['events'];
  const control = nextControlNumber();
  const response: Transaction278 = {
    ...request,
    kind: 'response',
    controlNumber: String(control).padStart(4, '0'),
    bht: { ...request.bht, purposeCode: '11', date, time, transactionTypeCode: pended ? '19' : '18' },
    events,
  };
  return replyInterchange(
    read,
    control,
    { functionalIdCode: 'HI', version: '005010X217' },
    [transaction278Segments(response, DEFAULT_DELIMITERS)],
    now,
  );
}
