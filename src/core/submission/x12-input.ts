// A case as an X12 278 request (005010X217): the UMO is the payer, the requester the ordering clinician, the
// subscriber the member; one patient event with the diagnoses and one service line for the order. Control numbers
// come from the database (never reused); BHT03 is the submission id that ties the response back to the case.
import type { HumanName } from '@medplum/fhirtypes';
import type { SubmissionRequest } from '../channel/channel.ts';
import type { Payer } from '../coverage/payer.ts';
import type { GenderCode } from '../x12/codes.ts';
import type { X12PersonName, X12RequestInput } from '../x12/x278-build.ts';
import { memberIdOf, payerIdOf, requestDiagnoses, requesterOf, SubmissionInputError } from './parties.ts';
import type { PracticeIdentity } from './practice.ts';

export interface ControlNumbers {
  interchange: number;
  group: number;
  transaction: number;
}

export interface X12Addressing {
  senderId: string;
  receiverId: string;
  usage: 'P' | 'T';
  /** TRN03: our 10-character originator id (1 + EIN, by X12 convention). */
  originatorId: string;
  /** The payer directory: the UMO's EDI payer id when the payer Organization carries none. */
  payers?: readonly Payer[];
  /** The practice's own identity: the requester's NPI when the bundle's clinician has none. */
  practice?: PracticeIdentity;
}

const GENDER: Record<string, GenderCode> = { female: 'F', male: 'M' };

/** X12 names allow no delimiters and at most 60/35 characters. */
function clean(value: string, max: number): string {
  return value
    .replace(/[~*:^|>]/g, ' ')
    .trim()
    .slice(0, max);
}

function personName(name: HumanName | undefined, fallback: string): X12PersonName {
  const last = name?.family ?? fallback;
  const first = name?.given?.[0];
  return { lastName: clean(last, 60), ...(first ? { firstName: clean(first, 35) } : {}) };
}

/** Trace numbers must fit TRN02 (≤ 50); the submission id is a UUID-like string. */
function traceNumber(submissionId: string): string {
  return submissionId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 50);
}

export function x12Input(
  request: SubmissionRequest,
  addressing: X12Addressing,
  control: ControlNumbers,
  certificationType: 'I' | '3' = 'I',
): X12RequestInput {
  const { intake } = request;
  if (intake.orderCode.kind !== 'service') {
    throw new SubmissionInputError('drug orders go to the pharmacy benefit (NCPDP / PAS), not to a 278');
  }
  const payerName = intake.payerOrganization?.name ?? intake.payerName;
  if (!intake.coverage || !payerName) {
    throw new SubmissionInputError("a 278 needs the patient's Coverage and its payer (an Organization or its name)");
  }
  const requester = requesterOf(intake, addressing.practice);
  const requesterName = requester.practitioner
    ? personName(requester.practitioner.name?.[0], 'REQUESTER')
    : clean(requester.organization?.name ?? addressing.practice?.name ?? 'REQUESTER', 60);
  const patient = intake.patient;
  const birthDate = patient.birthDate;
  const gender = GENDER[patient.gender ?? ''];
  const diagnoses = requestDiagnoses(intake);
  if (diagnoses.length === 0) throw new SubmissionInputError('a 278 needs at least one ICD-10-CM diagnosis (HI)');
  const occurrence = intake.order.resourceType === 'ServiceRequest' ? intake.order.occurrenceDateTime : undefined;
  const serviceDate = (occurrence ?? intake.order.authoredOn ?? request.timestamp).slice(0, 10);
  const trace = { number: traceNumber(request.submissionId), originatorId: addressing.originatorId };
  // The clinical notes follow as X12 275 attachments: one PWK each, with the control number the 275 will carry.
  const attachments = intake.record.notes.slice(0, 10).map((_, index) => ({
    reportType: 'OZ',
    transmission: 'EL',
    attachmentControlNumber: `${trace.number.replace(/-/g, '').slice(0, 20)}${String(index + 1).padStart(2, '0')}`,
  }));
  return {
    interchange: {
      senderId: addressing.senderId,
      receiverId: addressing.receiverId,
      usage: addressing.usage,
      interchangeControlNumber: control.interchange,
    },
    groupControlNumber: control.group,
    transactionControlNumber: String(control.transaction).padStart(4, '0'),
    traceId: request.submissionId,
    createdAt: new Date(request.timestamp),
    umo: { name: clean(payerName, 60), payerId: payerIdOf(intake, addressing.payers) },
    requester: { name: requesterName, npi: requester.npi },
    subscriber: {
      ...personName(patient.name?.[0], 'PATIENT'),
      memberId: memberIdOf(intake),
      ...(birthDate ? { birthDate } : {}),
      ...(gender ? { gender } : {}),
    },
    event: {
      category: 'HS',
      certificationType,
      serviceType: /^7[0-9]{4}$/.test(intake.orderCode.code) ? '62' : '1',
      facility: { code: '11', qualifier: 'B' },
      levelOfService: request.urgency === 'urgent' ? 'urgent' : 'elective',
      trace,
      diagnoses,
      serviceDates: { from: serviceDate },
      ...(attachments.length > 0 ? { attachments } : {}),
    },
    services: [
      {
        kind: 'professional',
        procedureCode: intake.orderCode.code,
        ...(intake.orderCode.modifiers.length > 0 ? { modifiers: intake.orderCode.modifiers.slice(0, 4) } : {}),
        quantity: 1,
        serviceDates: { from: serviceDate },
        trace: { number: `${trace.number.slice(0, 46)}-1`, originatorId: addressing.originatorId },
      },
    ],
  };
}
