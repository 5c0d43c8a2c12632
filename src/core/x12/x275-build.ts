// Builds a 275 (005010X210) that answers a payer's request for more information: one 2000A per requested document,
// tied to the request by the attachment control number (the payer's PWK06) in TRN02, the document inside an HL7 CDA
// in BIN02 with BIN01 its exact byte count. Built through the model, like the 278: parse275(build275(x)) reads x back.
import { DEFAULT_DELIMITERS, type Delimiters } from './delimiters.ts';
import { encodeSegment } from './element-spec.ts';
import { X12Error } from './errors.ts';
import { buildInterchange, x12DateTime, type InterchangeHeader } from './interchange-build.ts';
import { makeSegment, type Segment } from './segments.ts';
import { byteLength } from './x275-parse.ts';
import { cdaDocument } from './x275-cda.ts';
import type { Attachment275, Party275, Transaction275 } from './x275-model.ts';
import { BGN, CAT, EFI, LX, REF_275, STC, TRN_275 } from './x275-segments.ts';
import { checked, partyName, type X12PersonName } from './x278-build.ts';
import { DTP, NM1, PER } from './x278-segments.ts';

/** The CAQH CORE PayloadType of a 275 request (CORE names 278 payloads the same way; confirm per trading partner). */
export const PAYLOAD_TYPE_275 = 'X12_275_Request_005010X210E1_2';

export interface X275Document {
  /** The attachment control number the payer gave (PWK06), or ours for unsolicited documents. */
  controlNumber: string;
  /** The payer's question as a LOINC attachment code (STC01 `R3:<code>::LOI`), when it asked by one. */
  question?: string;
  title: string;
  /** LOINC code of the document kind, for the CDA header. */
  loinc?: string;
  mediaType: string;
  content: Uint8Array;
}

export interface X275Input {
  interchange: Omit<InterchangeHeader, 'functionalIdCode' | 'version' | 'createdAt' | 'groupControlNumber'>;
  groupControlNumber: number;
  /** ST02 (4–9 characters). */
  transactionControlNumber: string;
  /** BGN02: this answer's identity; a resend carries the same, so the payer can recognise it. */
  answerId: string;
  createdAt: Date;
  /** True when answering the payer's request (BGN01 11, TRN01 2); false for documents sent unasked (02, 1). */
  solicited: boolean;
  payer: { name: string; payerId: string };
  submitter: { name: string; id: string };
  provider: { name: X12PersonName | string; npi: string };
  patient: X12PersonName & { memberId: string; /** REF*EJ: our case id, echoed by the payer. */ controlNumber: string };
  documents: X275Document[];
}

export function request275Model(input: X275Input, delimiters: Delimiters = DEFAULT_DELIMITERS): Transaction275 {
  const text = (value: string, field: string): string => checked(value, field, delimiters);
  if (input.documents.length === 0) throw new X12Error('BAD_INPUT', 'a 275 carries at least one document');
  const { date, time } = x12DateTime(input.createdAt);
  const named = (nm1: Party275['nm1']): Party275 => ({ nm1, ref: [], dtp: [] });
  const attachments = input.documents.map((document, index): Attachment275 => {
    const data = cdaDocument({
      controlNumber: text(document.controlNumber, 'TRN02'),
      title: document.title,
      ...(document.loinc ? { loinc: document.loinc } : {}),
      mediaType: document.mediaType,
      content: document.content,
      createdAt: input.createdAt,
    });
    return {
      assignedNumber: String(index + 1),
      trn: { traceTypeCode: input.solicited ? '2' : '1', attachmentControlNumber: document.controlNumber },
      ...(document.question ? { question: text(document.question, 'STC01') } : {}),
      ref: [],
      dtp: [],
      cat: { categoryCode: 'AE', formatCode: 'HL' },
      efiFormat: '05',
      declaredLength: byteLength(data),
      data,
    };
  });
  return {
    controlNumber: text(input.transactionControlNumber, 'ST02'),
    implementationReference: '005010X210',
    bgn: { purposeCode: input.solicited ? '11' : '02', referenceId: text(input.answerId, 'BGN02'), date, time },
    payer: named({
      entityIdentifierCode: 'PR',
      entityTypeQualifier: '2',
      lastNameOrOrganization: text(input.payer.name, 'payer name'),
      idCodeQualifier: 'PI',
      idCode: text(input.payer.payerId, 'payer id'),
    }),
    submitter: named({
      entityIdentifierCode: '41',
      entityTypeQualifier: '2',
      lastNameOrOrganization: text(input.submitter.name, 'submitter name'),
      idCodeQualifier: '46',
      idCode: text(input.submitter.id, 'submitter id'),
    }),
    provider: named({
      entityIdentifierCode: typeof input.provider.name === 'string' ? '85' : '1P',
      ...partyName(input.provider.name, 'provider name', text),
      idCodeQualifier: 'XX',
      idCode: text(input.provider.npi, 'provider NPI'),
    }),
    patient: {
      ...named({
        entityIdentifierCode: 'QC',
        ...partyName(input.patient, 'patient name', text),
        idCodeQualifier: 'MI',
        idCode: text(input.patient.memberId, 'member id'),
      }),
      ref: [{ qualifier: 'EJ', value: text(input.patient.controlNumber, 'patient control number') }],
    },
    attachments,
  };
}

function partySegments(out: Segment[], party: Party275 | undefined, delimiters: Delimiters): void {
  if (party === undefined) return;
  out.push(encodeSegment(NM1, party.nm1, delimiters));
  if (party.per !== undefined) out.push(encodeSegment(PER, party.per, delimiters));
  for (const ref of party.ref) out.push(encodeSegment(REF_275, ref, delimiters));
  for (const dtp of party.dtp) out.push(encodeSegment(DTP, dtp, delimiters));
}

/** ST … SE of a 275 model, in TR3 order, with SE01 counted here. */
export function transaction275Segments(transaction: Transaction275, delimiters: Delimiters): Segment[] {
  const out: Segment[] = [
    makeSegment(['ST', '275', transaction.controlNumber, transaction.implementationReference], delimiters),
    encodeSegment(BGN, transaction.bgn, delimiters),
  ];
  for (const party of [transaction.payer, transaction.submitter, transaction.provider, transaction.patient]) {
    partySegments(out, party, delimiters);
  }
  for (const item of transaction.attachments) {
    out.push(encodeSegment(LX, { assignedNumber: item.assignedNumber ?? '' }, delimiters));
    if (item.trn !== undefined) out.push(encodeSegment(TRN_275, item.trn, delimiters));
    if (item.question !== undefined) {
      const status = { category: 'R3', code: item.question, codeListQualifier: 'LOI' };
      out.push(encodeSegment(STC, { status }, delimiters));
    }
    for (const ref of item.ref) out.push(encodeSegment(REF_275, ref, delimiters));
    for (const dtp of item.dtp) out.push(encodeSegment(DTP, dtp, delimiters));
    if (item.cat !== undefined) out.push(encodeSegment(CAT, item.cat, delimiters));
    if (item.efiFormat !== undefined) out.push(encodeSegment(EFI, { formatCode: item.efiFormat }, delimiters));
    if (item.data !== undefined) {
      // BIN02 is counted, never searched for a terminator, so it may hold any character; only its length matters.
      out.push(makeSegment(['BIN', String(item.declaredLength ?? byteLength(item.data)), item.data], delimiters));
    }
  }
  out.push(makeSegment(['SE', String(out.length + 1), transaction.controlNumber], delimiters));
  return out;
}

export function build275(input: X275Input, delimiters: Delimiters = DEFAULT_DELIMITERS): string {
  return buildInterchange(
    {
      ...input.interchange,
      groupControlNumber: input.groupControlNumber,
      createdAt: input.createdAt,
      functionalIdCode: 'PI',
      version: '005010X210',
    },
    [transaction275Segments(request275Model(input, delimiters), delimiters)],
    delimiters,
  );
}
