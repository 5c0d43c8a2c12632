// Builds a 278 request (BHT02 13) from a case's data: input → typed model → segments → text. Building through the
// model is what makes the round trip hold: parse278(build278Request(x)) gives back request278Model(x).
import type {
  CertificationTypeCode,
  Coded,
  GenderCode,
  ReportTypeCode,
  RequestCategoryCode,
  TransmissionCode,
} from './codes.ts';
import { DEFAULT_DELIMITERS, type Delimiters } from './delimiters.ts';
import { X12Error } from './errors.ts';
import { buildInterchange, x12DateTime, type InterchangeHeader } from './interchange-build.ts';
import type { NameLoop, PatientEventLevel, ServiceLevel, Transaction278 } from './x278-model.ts';
import type { Dtp, Hi, Nm1, Pwk, Sv1, Sv2 } from './x278-segments.ts';
import { transaction278Segments } from './x278-serialize.ts';

export interface X12PersonName {
  lastName: string;
  firstName?: string;
  middleName?: string;
}

export interface X12DateRange {
  /** YYYY-MM-DD. */
  from: string;
  /** YYYY-MM-DD; a range (RD8) when present. */
  to?: string;
}

export interface X12Attachment {
  /** PWK01, e.g. OZ support data, DG diagnostic report. */
  reportType: Coded<ReportTypeCode>;
  /** PWK02; EL when the document follows in a 275. */
  transmission?: Coded<TransmissionCode>;
  /** PWK06: matched by the 275's TRN02. */
  attachmentControlNumber: string;
}

export interface X12ServiceLine {
  /** SV1 professional (CPT/HCPCS) or SV2 institutional (revenue code + optional procedure). */
  kind: 'professional' | 'institutional';
  procedureCode?: string;
  /** HC (CPT/HCPCS) unless given. */
  procedureQualifier?: string;
  modifiers?: string[];
  /** SV2 revenue code. */
  revenueCode?: string;
  quantity?: number;
  /** UN units (default) or DA days (SV2 only). */
  unit?: 'UN' | 'DA';
  chargeAmount?: string;
  serviceDates?: X12DateRange;
  /** 2000F TRN: line trace number and its originator (10 characters). */
  trace?: { number: string; originatorId: string };
  attachments?: X12Attachment[];
  /** 2010F service provider. */
  provider?: { entityCode?: 'SJ' | 'FA'; name: X12PersonName | string; npi: string };
}

export interface X12RequestInput {
  interchange: Omit<InterchangeHeader, 'functionalIdCode' | 'version' | 'createdAt' | 'groupControlNumber'>;
  /** GS06. */
  groupControlNumber: number;
  /** ST02 (4–9 characters). */
  transactionControlNumber: string;
  /** BHT03: the submitter's trace id that the response echoes back. */
  traceId: string;
  createdAt: Date;
  umo: { name: string; payerId: string; idQualifier?: 'PI' | 'XX' | '46' | '24' };
  requester: {
    name: X12PersonName | string;
    npi: string;
    entityCode?: '1P' | 'FA';
    taxonomyCode?: string;
    phone?: string;
  };
  subscriber: X12PersonName & { memberId: string; birthDate?: string; gender?: GenderCode };
  /** Only when the patient is not the subscriber (2000D). */
  dependent?: X12PersonName & { birthDate?: string; gender?: GenderCode };
  event: {
    category: RequestCategoryCode;
    certificationType: CertificationTypeCode;
    /** UM03 service type (X12 1365). */
    serviceType: string;
    /** UM04: place of service (qualifier B) or bill type (A). */
    facility?: { code: string; qualifier: 'A' | 'B' };
    levelOfService: 'emergency' | 'urgent' | 'elective';
    /** 2000E TRN. */
    trace?: { number: string; originatorId: string };
    /** ICD-10-CM codes, principal first (with or without the decimal point). */
    diagnoses: string[];
    serviceDates?: X12DateRange;
    admissionDate?: string;
    attachments?: X12Attachment[];
  };
  services: X12ServiceLine[];
}

const LEVEL_OF_SERVICE = { emergency: '03', urgent: 'U', elective: 'E' } as const;
const MAX_DIAGNOSES = 12;

/** Rejects values that would break the envelope (a delimiter inside data). */
export function checked(value: string, field: string, delimiters: Delimiters): string {
  for (const ch of [delimiters.element, delimiters.component, delimiters.repetition ?? '', delimiters.segment]) {
    if (ch !== '' && value.includes(ch))
      throw new X12Error('BAD_INPUT', `${field} contains the delimiter '${ch}'`, { value });
  }
  if (value.trim() === '') throw new X12Error('BAD_INPUT', `${field} is empty`);
  return value;
}

function x12Date(iso: string, field: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new X12Error('BAD_INPUT', `${field} must be YYYY-MM-DD, got '${iso}'`);
  return iso.replaceAll('-', '');
}

function dateSpan(qualifier: string, range: X12DateRange, field: string): Dtp {
  const from = x12Date(range.from, field);
  return range.to === undefined
    ? { qualifier, format: 'D8', value: from }
    : { qualifier, format: 'RD8', value: `${from}-${x12Date(range.to, field)}` };
}

export type PartyName = Pick<Nm1, 'entityTypeQualifier' | 'lastNameOrOrganization' | 'firstName' | 'middleName'>;

/** NM102–NM105: a person (1) or, given a plain string, an organization (2). */
export function partyName(
  name: X12PersonName | string,
  field: string,
  text: (value: string, field: string) => string,
): PartyName {
  if (typeof name === 'string') return { entityTypeQualifier: '2', lastNameOrOrganization: text(name, field) };
  return {
    entityTypeQualifier: '1',
    lastNameOrOrganization: text(name.lastName, field),
    ...(name.firstName === undefined ? {} : { firstName: text(name.firstName, field) }),
    ...(name.middleName === undefined ? {} : { middleName: text(name.middleName, field) }),
  };
}

function nameLoop(loopId: NameLoop['loopId'], nm1: Nm1): NameLoop {
  return { loopId, nm1, ref: [], per: [], dtp: [], aaa: [] };
}

export function request278Model(input: X12RequestInput, delimiters: Delimiters = DEFAULT_DELIMITERS): Transaction278 {
  const text = (value: string, field: string): string => checked(value, field, delimiters);
  const person = (name: X12PersonName | string, field: string): PartyName => partyName(name, field, text);
  const pwk = (attachment: X12Attachment): Pwk => ({
    reportType: text(attachment.reportType, 'PWK01'),
    transmission: text(attachment.transmission ?? 'EL', 'PWK02'),
    idCodeQualifier: 'AC',
    attachmentControlNumber: text(attachment.attachmentControlNumber, 'PWK06'),
  });
  if (input.event.diagnoses.length === 0 || input.event.diagnoses.length > MAX_DIAGNOSES) {
    throw new X12Error(
      'BAD_INPUT',
      `a 278 carries 1 to ${MAX_DIAGNOSES} diagnoses, got ${input.event.diagnoses.length}`,
    );
  }
  if (input.services.length === 0) throw new X12Error('BAD_INPUT', 'a 278 request needs at least one service line');

  const { date, time } = x12DateTime(input.createdAt);
  const requester = nameLoop('2010B', {
    entityIdentifierCode: input.requester.entityCode ?? (typeof input.requester.name === 'string' ? 'FA' : '1P'),
    ...person(input.requester.name, 'requester name'),
    idCodeQualifier: 'XX',
    idCode: text(input.requester.npi, 'requester NPI'),
  });
  if (input.requester.phone !== undefined) {
    requester.per = [
      ...requester.per,
      {
        contactFunction: 'IC',
        qualifier1: 'TE',
        number1: text(input.requester.phone, 'requester phone'),
      },
    ];
  }
  if (input.requester.taxonomyCode !== undefined) {
    requester.prv = {
      providerCode: 'RF',
      referenceQualifier: 'PXC',
      taxonomyCode: text(input.requester.taxonomyCode, 'taxonomy'),
    };
  }
  const subscriber = nameLoop('2010C', {
    entityIdentifierCode: 'IL',
    ...person(input.subscriber, 'subscriber name'),
    idCodeQualifier: 'MI',
    idCode: text(input.subscriber.memberId, 'member id'),
  });
  const demographics = (who: { birthDate?: string; gender?: GenderCode }, field: string): NameLoop['dmg'] =>
    who.birthDate === undefined && who.gender === undefined
      ? undefined
      : {
          ...(who.birthDate === undefined ? {} : { dateFormat: 'D8', birthDate: x12Date(who.birthDate, field) }),
          ...(who.gender === undefined ? {} : { gender: who.gender }),
        };
  const subscriberDmg = demographics(input.subscriber, 'subscriber birth date');
  if (subscriberDmg !== undefined) subscriber.dmg = subscriberDmg;

  const hasDependent = input.dependent !== undefined;
  const eventId = hasDependent ? '5' : '4';
  const diagnoses: Hi = {
    codes: input.event.diagnoses.map((code, i) => ({
      qualifier: i === 0 ? 'ABK' : 'ABF',
      code: text(code.replace('.', '').toUpperCase(), 'diagnosis'),
    })),
  };
  const event: PatientEventLevel = {
    loopId: '2000E',
    hl: { id: eventId, parentId: hasDependent ? '4' : '3', levelCode: 'EV', childCode: '1' },
    aaa: [],
    names: [],
    trn:
      input.event.trace === undefined
        ? []
        : [
            {
              traceTypeCode: '1',
              traceNumber: text(input.event.trace.number, 'TRN02'),
              originatorId: text(input.event.trace.originatorId, 'TRN03'),
            },
          ],
    um: {
      requestCategory: input.event.category,
      certificationType: input.event.certificationType,
      serviceType: text(input.event.serviceType, 'UM03'),
      ...(input.event.facility === undefined
        ? {}
        : { facility: { code: text(input.event.facility.code, 'UM04'), qualifier: input.event.facility.qualifier } }),
      levelOfService: LEVEL_OF_SERVICE[input.event.levelOfService],
    },
    ref: [],
    dtp: [
      ...(input.event.serviceDates === undefined ? [] : [dateSpan('AAH', input.event.serviceDates, 'event dates')]),
      ...(input.event.admissionDate === undefined
        ? []
        : [dateSpan('435', { from: input.event.admissionDate }, 'admission date')]),
    ],
    hi: diagnoses,
    hsd: [],
    crc: [],
    pwk: (input.event.attachments ?? []).map(pwk),
    msg: [],
    services: [],
  };
  // Service HLs follow the event's: eventId + 1, + 2, …
  event.services = input.services.map((line, i) =>
    serviceLevel(line, String(Number(eventId) + 1 + i), eventId, text, pwk),
  );

  const transaction: Transaction278 = {
    kind: 'request',
    controlNumber: text(input.transactionControlNumber, 'ST02'),
    implementationReference: '005010X217',
    bht: {
      structureCode: '0007',
      purposeCode: '13',
      referenceId: text(input.traceId, 'BHT03'),
      date,
      time,
      ...(input.event.category === 'IN' ? { transactionTypeCode: 'RU' } : {}),
    },
    umo: {
      loopId: '2000A',
      hl: { id: '1', levelCode: '20', childCode: '1' },
      aaa: [],
      names: [
        nameLoop('2010A', {
          entityIdentifierCode: 'X3',
          entityTypeQualifier: '2',
          lastNameOrOrganization: text(input.umo.name, 'payer name'),
          idCodeQualifier: input.umo.idQualifier ?? 'PI',
          idCode: text(input.umo.payerId, 'payer id'),
        }),
      ],
    },
    requester: {
      loopId: '2000B',
      hl: { id: '2', parentId: '1', levelCode: '21', childCode: '1' },
      aaa: [],
      names: [requester],
    },
    subscriber: {
      loopId: '2000C',
      hl: { id: '3', parentId: '2', levelCode: '22', childCode: '1' },
      aaa: [],
      names: [subscriber],
    },
    events: [event],
  };
  if (input.dependent !== undefined) {
    const dependent = nameLoop('2010D', { entityIdentifierCode: 'QC', ...person(input.dependent, 'dependent name') });
    const dependentDmg = demographics(input.dependent, 'dependent birth date');
    if (dependentDmg !== undefined) dependent.dmg = dependentDmg;
    transaction.dependent = {
      loopId: '2000D',
      hl: { id: '4', parentId: '3', levelCode: '23', childCode: '1' },
      aaa: [],
      names: [dependent],
    };
  }
  return transaction;
}

function serviceLevel(
  line: X12ServiceLine,
  id: string,
  parentId: string,
  text: (value: string, field: string) => string,
  pwk: (attachment: X12Attachment) => Pwk,
): ServiceLevel {
  const procedure =
    line.procedureCode === undefined
      ? undefined
      : {
          qualifier: line.procedureQualifier ?? 'HC',
          code: text(line.procedureCode, 'procedure code'),
          ...Object.fromEntries(
            (line.modifiers ?? []).slice(0, 4).map((m, i) => [`modifier${i + 1}`, text(m, 'modifier')]),
          ),
        };
  if (line.quantity !== undefined && !(Number.isFinite(line.quantity) && line.quantity > 0)) {
    throw new X12Error('BAD_INPUT', `service quantity must be a positive number, got ${line.quantity}`);
  }
  const quantity = line.quantity === undefined ? {} : { unitBasis: line.unit ?? 'UN', quantity: String(line.quantity) };
  const charge = line.chargeAmount === undefined ? {} : { chargeAmount: text(line.chargeAmount, 'charge amount') };
  const service: ServiceLevel = {
    loopId: '2000F',
    hl: { id, parentId, levelCode: 'SS', childCode: '0' },
    aaa: [],
    names: [],
    trn:
      line.trace === undefined
        ? []
        : [
            {
              traceTypeCode: '1',
              traceNumber: text(line.trace.number, 'TRN02'),
              originatorId: text(line.trace.originatorId, 'TRN03'),
            },
          ],
    ref: [],
    dtp: line.serviceDates === undefined ? [] : [dateSpan('472', line.serviceDates, 'service dates')],
    hsd: [],
    pwk: (line.attachments ?? []).map(pwk),
    msg: [],
    too: [],
  };
  if (line.kind === 'professional') {
    if (procedure === undefined) throw new X12Error('BAD_INPUT', 'a professional service line needs a procedure code');
    service.sv1 = { procedure, ...charge, ...quantity } satisfies Sv1;
  } else {
    if (procedure === undefined && line.revenueCode === undefined) {
      throw new X12Error('BAD_INPUT', 'an institutional service line needs a revenue or procedure code');
    }
    service.sv2 = {
      ...(line.revenueCode === undefined ? {} : { revenueCode: text(line.revenueCode, 'revenue code') }),
      ...(procedure === undefined ? {} : { procedure }),
      ...charge,
      ...quantity,
    } satisfies Sv2;
  }
  if (line.provider !== undefined) {
    service.names = [
      ...service.names,
      nameLoop('2010F', {
        entityIdentifierCode: line.provider.entityCode ?? 'SJ',
        ...partyName(line.provider.name, 'provider name', text),
        idCodeQualifier: 'XX',
        idCode: text(line.provider.npi, 'provider NPI'),
      }),
    ];
  }
  return service;
}

/** The whole interchange (ISA … IEA) carrying one 278 request. */
export function build278Request(input: X12RequestInput, delimiters: Delimiters = DEFAULT_DELIMITERS): string {
  const model = request278Model(input, delimiters);
  return buildInterchange(
    {
      ...input.interchange,
      groupControlNumber: input.groupControlNumber,
      createdAt: input.createdAt,
      functionalIdCode: 'HI',
      version: '005010X217',
    },
    [transaction278Segments(model, delimiters)],
    delimiters,
  );
}
