// Batch files for clearinghouse drop: many 278 requests in one interchange (one ISA/GS, one ST…SE per request),
// written atomically (temporary name, then a hard link to the final name) so the clearinghouse's pickup never sees half a file.
import { linkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_DELIMITERS,
  buildInterchange,
  request278Model,
  type X12RequestInput,
  transaction278Segments,
} from '../../core/x12/index.ts';

export interface BatchHeader {
  senderId: string;
  receiverId: string;
  usage: 'P' | 'T';
  interchangeControlNumber: number;
  groupControlNumber: number;
}

/** The batch as X12 text; each request keeps its own ST02 and BHT03. */
export function buildBatch(header: BatchHeader, requests: readonly X12RequestInput[], createdAt: Date): string {
  if (requests.length === 0) throw new Error('a batch needs at least one request');
  const sets = requests.map((input) => transaction278Segments(request278Model(input), DEFAULT_DELIMITERS));
  return buildInterchange(
    { ...header, createdAt, functionalIdCode: 'HI', version: '005010X217' },
    sets,
    DEFAULT_DELIMITERS,
  );
}

/** Writes the batch into the drop folder as `<ISA13>.x12`; returns the file path. */
export function dropBatch(
  dir: string,
  header: BatchHeader,
  requests: readonly X12RequestInput[],
  createdAt: Date,
): string {
  const name = `${String(header.interchangeControlNumber).padStart(9, '0')}.x12`;
  const target = path.join(dir, name);
  const temporary = path.join(dir, `.${name}.partial`);
  writeFileSync(temporary, buildBatch(header, requests, createdAt), { flag: 'wx' });
  try {
    // link() refuses an existing name: a control number already dropped is never overwritten.
    linkSync(temporary, target);
  } finally {
    unlinkSync(temporary);
  }
  return target;
}
