// The simulated payer's X12 275 front end: reads an attachment (with the product's own codec, which also checks it)
// into a wire-neutral answer, and acknowledges it with a 999 as a CORE real-time exchange does: accepted, or
// rejected when the 275 fails validation (then nothing is received).
import { DEFAULT_DELIMITERS, makeSegment, validateX12Text, X12Error, type Segment } from '../core/x12/index.ts';
import type { ReceivedInformation } from './payer.ts';
import { nextControlNumber, replyInterchange } from './x12-reply.ts';

export interface ReadAttachment {
  /** Undefined when the 275 is invalid (the 999 rejects it). */
  answer?: ReceivedInformation;
  groupControlNumber: string;
  transactionControlNumber: string;
  senderId: string;
  receiverId: string;
}

export function readX12Attachment(payload: string): ReadAttachment {
  const report = validateX12Text(payload);
  const transaction = report.attachments[0]?.transaction;
  if (!transaction) throw new X12Error('BAD_INPUT', 'the payload holds no 275 transaction set');
  const isa = /^ISA\*(?:[^*]*\*){5}([^*]*)\*[^*]*\*([^*]*)\*/.exec(payload);
  const gs06 = /~GS\*(?:[^*]*\*){5}([^*]*)\*/.exec(payload)?.[1] ?? '0';
  const answerId = transaction.bgn.referenceId;
  const controlNumbers = transaction.attachments.flatMap((a) =>
    a.trn?.attachmentControlNumber && (a.data ?? '') !== '' ? [a.trn.attachmentControlNumber] : [],
  );
  return {
    ...(report.valid && answerId ? { answer: { wire: 'x12-278', answerId, controlNumbers } } : {}),
    groupControlNumber: gs06,
    transactionControlNumber: transaction.controlNumber,
    senderId: (isa?.[1] ?? '').trim(),
    receiverId: (isa?.[2] ?? '').trim(),
  };
}

/** The 999 for one 275: AK1 (PI, GS06), AK2 (275, ST02), IK5 and AK9 accepted or rejected. */
export function write999(read: ReadAttachment, accepted: boolean, now: Date): string {
  const d = DEFAULT_DELIMITERS;
  const code = accepted ? 'A' : 'R';
  const body: Segment[] = [
    makeSegment(['AK1', 'PI', read.groupControlNumber, '005010X210'], d),
    makeSegment(['AK2', '275', read.transactionControlNumber, '005010X210'], d),
    makeSegment(['IK5', code], d),
    makeSegment(['AK9', code, '1', '1', accepted ? '1' : '0'], d),
  ];
  const control = nextControlNumber();
  const st = String(control).padStart(4, '0');
  const set = [makeSegment(['ST', '999', st, '005010X231A1'], d), ...body];
  set.push(makeSegment(['SE', String(set.length + 1), st], d));
  return replyInterchange(read, control, { functionalIdCode: 'FA', version: '005010X231A1' }, [set], now);
}
