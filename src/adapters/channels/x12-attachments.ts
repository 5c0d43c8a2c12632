// The X12 275 that answers a payer's request for information on a 278: the same parties as the 278 it answers
// (payer, requesting provider, patient and member id, read from the case the same way), one attachment per
// reviewed document, each tied to the payer's request by its PWK06 control number in TRN02.
import type { InformationAnswer, RequestedInformation } from '../../core/channel/index.ts';
import { x12Input, type ControlNumbers, type X12Addressing } from '../../core/submission/index.ts';
import type { X275Input } from '../../core/x12/index.ts';

const LOINC = 'http://loinc.org';

export function x275Input(answer: InformationAnswer, addressing: X12Addressing, control: ControlNumbers): X275Input {
  const request = x12Input(answer.original, addressing, control);
  return {
    interchange: request.interchange,
    groupControlNumber: request.groupControlNumber,
    transactionControlNumber: request.transactionControlNumber,
    answerId: answer.answerId,
    createdAt: request.createdAt,
    solicited: true,
    payer: request.umo,
    submitter: { name: addressing.practice?.name ?? addressing.senderId, id: addressing.senderId },
    provider: { name: request.requester.name, npi: request.requester.npi },
    patient: {
      lastName: request.subscriber.lastName,
      ...(request.subscriber.firstName ? { firstName: request.subscriber.firstName } : {}),
      memberId: request.subscriber.memberId,
      controlNumber: answer.original.caseId,
    },
    documents: answer.documents.map((document) => ({
      controlNumber: controlNumberOf(document.answers, answer.answerId),
      ...(document.answers.system === LOINC ? { question: document.answers.code } : {}),
      title: document.title,
      ...(document.loinc ? { loinc: document.loinc } : {}),
      mediaType: document.mediaType,
      content: Buffer.from(document.data, 'base64'),
    })),
  };
}

/** The payer's PWK06; a request without one is answered under our answer id (an unsolicited-style control number). */
function controlNumberOf(requested: RequestedInformation, answerId: string): string {
  return requested.pwkControlNumber ?? answerId.slice(0, 50);
}
