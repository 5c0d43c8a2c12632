// ISA/GS … GE/IEA around built transaction sets. Control numbers come from the caller (the database keeps them
// unique and increasing); counts GE01/IEA01 are computed here, never hand-set.
import type { Delimiters } from './delimiters.ts';
import { X12Error } from './errors.ts';
import { makeSegment, type Segment } from './segments.ts';
import { serializeSegments } from './serializer.ts';

export interface InterchangeHeader {
  senderQualifier?: string;
  senderId: string;
  receiverQualifier?: string;
  receiverId: string;
  /** ISA13, 1–999999999. */
  interchangeControlNumber: number;
  /** GS06. */
  groupControlNumber: number;
  /** GS02 / GS03 application codes; default to the interchange ids. */
  applicationSenderCode?: string;
  applicationReceiverCode?: string;
  /** ISA15: P production, T test. */
  usage: 'P' | 'T';
  /** ISA14: ask the receiver for a TA1. */
  acknowledgmentRequested?: boolean;
  /** Creation time (ISA09/10, GS04/05); UTC. */
  createdAt: Date;
  /** GS01, e.g. HI for a 278. */
  functionalIdCode: string;
  /** GS08, e.g. 005010X217. */
  version: string;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** CCYYMMDD and HHMM of a date, in UTC. */
export function x12DateTime(at: Date): { date: string; time: string } {
  return {
    date: `${at.getUTCFullYear()}${pad2(at.getUTCMonth() + 1)}${pad2(at.getUTCDate())}`,
    time: `${pad2(at.getUTCHours())}${pad2(at.getUTCMinutes())}`,
  };
}

function fixed(value: string, width: number, field: string): string {
  if (value.length > width) throw new X12Error('BAD_INPUT', `${field} '${value}' is longer than ${width} characters`);
  return value.padEnd(width, ' ');
}

function controlNumber(value: number, field: string): string {
  if (!Number.isInteger(value) || value < 1 || value > 999_999_999) {
    throw new X12Error('BAD_INPUT', `${field} must be an integer from 1 to 999999999, got ${value}`);
  }
  return String(value);
}

/** ISA … IEA around the given transaction sets (each ST … SE). */
export function buildInterchange(
  header: InterchangeHeader,
  transactions: readonly Segment[][],
  delimiters: Delimiters,
): string {
  if (delimiters.repetition === undefined)
    throw new X12Error('BAD_INPUT', '5010 interchanges need a repetition separator');
  const { date, time } = x12DateTime(header.createdAt);
  const isa13 = controlNumber(header.interchangeControlNumber, 'ISA13').padStart(9, '0');
  const gs06 = controlNumber(header.groupControlNumber, 'GS06');
  const isa = makeSegment(
    [
      'ISA',
      '00',
      ' '.repeat(10),
      '00',
      ' '.repeat(10),
      fixed(header.senderQualifier ?? 'ZZ', 2, 'ISA05'),
      fixed(header.senderId, 15, 'ISA06'),
      fixed(header.receiverQualifier ?? 'ZZ', 2, 'ISA07'),
      fixed(header.receiverId, 15, 'ISA08'),
      date.slice(2),
      time,
      delimiters.repetition,
      '00501',
      isa13,
      header.acknowledgmentRequested === true ? '1' : '0',
      header.usage,
      delimiters.component,
    ],
    delimiters,
  );
  const gs = makeSegment(
    [
      'GS',
      header.functionalIdCode,
      header.applicationSenderCode ?? header.senderId,
      header.applicationReceiverCode ?? header.receiverId,
      date,
      time,
      gs06,
      'X',
      header.version,
    ],
    delimiters,
  );
  // Ids and application codes come from configuration: one stray delimiter there would corrupt the whole batch.
  const delimiterChars = [delimiters.element, delimiters.component, delimiters.repetition, delimiters.segment];
  const headerValues = [...isa.elements.slice(1, 11), ...isa.elements.slice(12, 16), ...gs.elements.slice(1)];
  for (const value of headerValues) {
    if (delimiterChars.some((ch) => value.includes(ch))) {
      throw new X12Error('BAD_INPUT', `envelope value '${value}' contains a delimiter`, { value });
    }
  }
  const body = transactions.flat();
  const trailer = [
    makeSegment(['GE', String(transactions.length), gs06], delimiters),
    makeSegment(['IEA', '1', isa13], delimiters),
  ];
  return serializeSegments([isa, gs, ...body, ...trailer], delimiters);
}
