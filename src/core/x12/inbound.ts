// What came back from a payer or clearinghouse, read in the order the reference prescribes (§4): first the channel
// (TA1 / 999 rejections mean nothing was reviewed), then each 278 response as per-service decisions.
import { readAcknowledgments, type Acknowledgments } from './acks.ts';
import { summarise278Response, type ResponseSummary } from './decisions.ts';
import { parseX12, type ParseOptions } from './parse.ts';
import { validateX12, type ValidationReport } from './validate.ts';

export interface InboundReading {
  acknowledgments: Acknowledgments;
  /** A TA1 that is not accepted, or a 999 with AK9 or IK5 R/M/W/X: the 278 was turned away before review. */
  rejectedBeforeReview: boolean;
  /** One summary per 278 response (BHT02 11) in the file. */
  responses: ResponseSummary[];
  /** Envelope and 278 findings; a response with errors is still summarised, the caller decides whether to trust it. */
  validation: ValidationReport;
}

/** Reads an inbound file; throws X12Error only when it is not X12 at all (see parseX12). */
export function readInbound(input: string | Uint8Array, options: ParseOptions = {}): InboundReading {
  const document = parseX12(input, options);
  const acknowledgments = readAcknowledgments(document);
  const validation = validateX12(document, options);
  const rejectedBeforeReview =
    acknowledgments.ta1.some((ta1) => !ta1.accepted) ||
    acknowledgments.implementation.some((ack) => !ack.accepted || ack.transactions.some((t) => !t.accepted));
  const responses = validation.transactions
    .filter(({ transaction }) => transaction.kind === 'response')
    .map(({ transaction }) => summarise278Response(transaction));
  return { acknowledgments, rejectedBeforeReview, responses, validation };
}
