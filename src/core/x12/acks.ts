// 999 implementation acknowledgments and TA1 interchange acknowledgments: did the 278 reach review at all?
// A TA1 with R, or a 999 with IK5/AK9 R, means it was rejected before anyone looked at it.
import { ACK_CODES, lookup } from './codes.ts';
import type { TransactionSet } from './envelope.ts';
import { X12Error } from './errors.ts';
import type { X12Document } from './parse.ts';
import type { Segment } from './segments.ts';

/** TA105 interchange note codes. */
export const TA1_NOTE_CODES: Readonly<Record<string, string>> = {
  '000': 'no error',
  '001': 'interchange control numbers in header and trailer do not match',
  '002': 'this standard as noted in the control standards identifier is not supported',
  '003': 'this version of the controls is not supported',
  '004': 'the segment terminator is invalid',
  '005': 'invalid interchange ID qualifier for sender',
  '006': 'invalid interchange sender ID',
  '007': 'invalid interchange ID qualifier for receiver',
  '008': 'invalid interchange receiver ID',
  '009': 'unknown interchange receiver ID',
  '010': 'invalid authorization information qualifier value',
  '011': 'invalid authorization information value',
  '012': 'invalid security information qualifier value',
  '013': 'invalid security information value',
  '014': 'invalid interchange date value',
  '015': 'invalid interchange time value',
  '016': 'invalid interchange standards identifier value',
  '017': 'invalid interchange version ID value',
  '018': 'invalid interchange control number value',
  '019': 'invalid acknowledgment requested value',
  '020': 'invalid test indicator value',
  '021': 'invalid number of included groups value',
  '022': 'invalid control structure',
  '023': 'improper (premature) end-of-file (transmission)',
  '024': 'invalid interchange content (e.g. invalid GS segment)',
  '025': 'duplicate interchange control number',
  '026': 'invalid data element separator',
  '027': 'invalid component element separator',
  '028': 'invalid delivery date in deferred delivery request',
  '029': 'invalid delivery time in deferred delivery request',
  '030': 'invalid delivery time code in deferred delivery request',
  '031': 'invalid grade of service code',
};

export interface Ta1Acknowledgment {
  /** TA101: the ISA13 acknowledged. */
  interchangeControlNumber: string;
  date: string;
  time: string;
  /** TA104: A accepted, E accepted with errors, R rejected. */
  status: string;
  accepted: boolean;
  noteCode: string;
  noteText?: string;
}

export interface ElementError {
  /** IK401-1 element position, IK401-2 component, IK401-3 repetition. */
  position: string;
  referenceNumber?: string;
  /** IK403. */
  code: string;
  value?: string;
}

export interface SegmentError {
  /** IK301 segment id, IK302 position in the transaction set, IK303 loop id, IK304 error code. */
  segmentId: string;
  position: string;
  loopId?: string;
  code: string;
  elementErrors: ElementError[];
}

export interface TransactionAcknowledgment {
  /** AK201/AK202/AK203: the ST01, ST02 and ST03 acknowledged. */
  transactionSetId: string;
  controlNumber: string;
  implementationReference?: string;
  /** IK501. */
  status: string;
  accepted: boolean;
  /** IK502–IK506. */
  syntaxErrorCodes: string[];
  segmentErrors: SegmentError[];
}

export interface ImplementationAcknowledgment {
  /** AK101/AK102/AK103: the GS01, GS06 and GS08 acknowledged. */
  functionalIdCode: string;
  groupControlNumber: string;
  version?: string;
  transactions: TransactionAcknowledgment[];
  /** AK901 and counts AK902 included, AK903 received, AK904 accepted. */
  status: string;
  statusText?: string;
  accepted: boolean;
  counts: { included: number; received: number; accepted: number };
}

const at = (segment: Segment, position: number): string => segment.element(position);
const optional = <K extends string>(key: K, value: string): Partial<Record<K, string>> =>
  (value === '' ? {} : { [key]: value }) as Partial<Record<K, string>>;
/** A and E count as accepted (E: accepted with errors noted). */
const isAccepted = (code: string): boolean => code === 'A' || code === 'E';

export function parseTa1(segment: Segment): Ta1Acknowledgment {
  if (segment.id !== 'TA1')
    throw new X12Error('NOT_AN_ACK', `${segment.id} is not a TA1`, {
      segmentIndex: segment.index,
      segmentId: segment.id,
    });
  const noteCode = at(segment, 5);
  return {
    interchangeControlNumber: at(segment, 1),
    date: at(segment, 2),
    time: at(segment, 3),
    status: at(segment, 4),
    accepted: isAccepted(at(segment, 4)),
    noteCode,
    ...optional('noteText', lookup(TA1_NOTE_CODES, noteCode) ?? ''),
  };
}

export function parse999(set: TransactionSet): ImplementationAcknowledgment {
  if (set.st.element(1) !== '999') {
    throw new X12Error('NOT_AN_ACK', `transaction set ${at(set.st, 1)} is not a 999`, {
      segmentIndex: set.st.index,
      segmentId: 'ST',
      element: 1,
    });
  }
  const ack: ImplementationAcknowledgment = {
    functionalIdCode: '',
    groupControlNumber: '',
    transactions: [],
    status: '',
    accepted: false,
    counts: { included: 0, received: 0, accepted: 0 },
  };
  let transaction: TransactionAcknowledgment | undefined;
  let segmentError: SegmentError | undefined;
  for (const segment of set.segments) {
    switch (segment.id) {
      case 'AK1':
        Object.assign(ack, {
          functionalIdCode: at(segment, 1),
          groupControlNumber: at(segment, 2),
          ...optional('version', at(segment, 3)),
        });
        break;
      case 'AK2':
        transaction = {
          transactionSetId: at(segment, 1),
          controlNumber: at(segment, 2),
          ...optional('implementationReference', at(segment, 3)),
          status: '',
          accepted: false,
          syntaxErrorCodes: [],
          segmentErrors: [],
        };
        segmentError = undefined;
        ack.transactions.push(transaction);
        break;
      case 'IK3':
        segmentError = {
          segmentId: at(segment, 1),
          position: at(segment, 2),
          ...optional('loopId', at(segment, 3)),
          code: at(segment, 4),
          elementErrors: [],
        };
        transaction?.segmentErrors.push(segmentError);
        break;
      case 'IK4':
        segmentError?.elementErrors.push({
          position: at(segment, 1),
          ...optional('referenceNumber', at(segment, 2)),
          code: at(segment, 3),
          ...optional('value', at(segment, 4)),
        });
        break;
      case 'IK5':
        if (transaction !== undefined) {
          transaction.status = at(segment, 1);
          transaction.accepted = isAccepted(transaction.status);
          transaction.syntaxErrorCodes = segment.elements.slice(2).filter((code) => code !== '');
        }
        break;
      case 'AK9': {
        const status = at(segment, 1);
        const text = lookup(ACK_CODES, status);
        Object.assign(ack, {
          status,
          accepted: isAccepted(status),
          ...(text === undefined ? {} : { statusText: text }),
          counts: {
            included: Number(at(segment, 2)),
            received: Number(at(segment, 3)),
            accepted: Number(at(segment, 4)),
          },
        });
        break;
      }
      default:
        break;
    }
  }
  return ack;
}

export interface Acknowledgments {
  ta1: Ta1Acknowledgment[];
  implementation: ImplementationAcknowledgment[];
}

/** Every TA1 and 999 in a parsed inbound file. */
export function readAcknowledgments(document: X12Document): Acknowledgments {
  const result: Acknowledgments = { ta1: [], implementation: [] };
  for (const interchange of document.interchanges) {
    result.ta1.push(...interchange.ta1.map(parseTa1));
    for (const group of interchange.groups) {
      for (const set of group.transactions) if (set.st.element(1) === '999') result.implementation.push(parse999(set));
    }
  }
  return result;
}
