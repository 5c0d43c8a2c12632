// Builders for the coded clinical record: conditions, observations, procedures, medications and family history.
// Each takes plain values and returns a reference, so scenarios read as a list of clinical events.
import type {
  Coding,
  Condition,
  Encounter,
  FamilyMemberHistory,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Procedure,
  Reference,
} from '@medplum/fhirtypes';
import type { CaseContext } from '../context.ts';
import { concept, loinc, rxnorm, snomed } from '../codes.ts';
import type { Drug } from '../codes.ts';
import type { PatientInfo, Requester } from './admin.ts';

const TERMINOLOGY = 'http://terminology.hl7.org/CodeSystem';
const UCUM = 'http://unitsofmeasure.org';

export interface ConditionSpec {
  codes: Coding[];
  text?: string;
  onset: string;
  recorded?: string;
  clinicalStatus?: 'active' | 'recurrence' | 'remission' | 'resolved';
  verification?: 'confirmed' | 'provisional' | 'unconfirmed';
  category?: 'problem-list-item' | 'encounter-diagnosis';
  bodySite?: string;
  stage?: string;
  encounter?: Reference<Encounter>;
  note?: string;
}

export function addCondition(ctx: CaseContext, patient: PatientInfo, spec: ConditionSpec): Reference<Condition> {
  const category = spec.category ?? 'problem-list-item';
  return ctx.add<Condition>({
    resourceType: 'Condition',
    clinicalStatus: {
      coding: [{ system: `${TERMINOLOGY}/condition-clinical`, code: spec.clinicalStatus ?? 'active' }],
    },
    verificationStatus: {
      coding: [{ system: `${TERMINOLOGY}/condition-ver-status`, code: spec.verification ?? 'confirmed' }],
    },
    category: [{ coding: [{ system: `${TERMINOLOGY}/condition-category`, code: category }] }],
    code: concept(spec.codes, spec.text),
    ...(spec.bodySite ? { bodySite: [{ text: spec.bodySite }] } : {}),
    subject: patient.ref,
    ...(spec.encounter ? { encounter: spec.encounter } : {}),
    onsetDateTime: spec.onset,
    recordedDate: spec.recorded ?? spec.onset,
    ...(spec.stage ? { stage: [{ summary: { text: spec.stage } }] } : {}),
    ...(spec.note ? { note: [{ text: spec.note }] } : {}),
  });
}

const category = (code: 'exam' | 'survey' | 'laboratory') => [
  { coding: [{ system: `${TERMINOLOGY}/observation-category`, code }] },
];

/** Pain severity 0–10 (LOINC 72514-3). */
export function addPainScore(ctx: CaseContext, patient: PatientInfo, date: string, score: number): void {
  ctx.add<Observation>({
    resourceType: 'Observation',
    status: 'final',
    category: category('survey'),
    code: concept(loinc('72514-3', 'Pain severity - 0-10 verbal numeric rating [Score] - Reported')),
    subject: patient.ref,
    effectiveDateTime: ctx.at(date),
    valueQuantity: { value: score, unit: '{score}', system: UCUM, code: '{score}' },
  });
}

/** The neurological examination findings of NEURO_FINDING_SNOMED, with their displays. */
export const NEURO = {
  weakness: snomed('26544005', 'Muscle weakness'),
  sensoryLoss: snomed('44077006', 'Numbness'),
  reflex: snomed('85972008', 'Reflex finding'),
  straightLegRaise: snomed('202518004', 'Positive straight leg raise'),
} as const;

export interface NeuroSpec {
  finding: keyof typeof NEURO;
  /** Body site text naming side and root, e.g. "left L5 (great toe extension)". */
  site: string;
  /** Grade as written, e.g. "4/5", "1+". */
  grade?: string;
}

/** An abnormal neurological examination finding. */
export function addNeuroFinding(ctx: CaseContext, patient: PatientInfo, date: string, spec: NeuroSpec): void {
  ctx.add<Observation>({
    resourceType: 'Observation',
    status: 'final',
    category: category('exam'),
    code: concept(NEURO[spec.finding]),
    subject: patient.ref,
    effectiveDateTime: ctx.at(date),
    ...(spec.grade ? { valueString: spec.grade } : { valueBoolean: true }),
    interpretation: [
      { coding: [{ system: `${TERMINOLOGY}/v3-ObservationInterpretation`, code: 'A', display: 'Abnormal' }] },
    ],
    bodySite: { text: spec.site },
  });
}

export interface LabSpec {
  code: Coding;
  value: number;
  unit: string;
  high?: boolean;
}

export function addLab(ctx: CaseContext, patient: PatientInfo, date: string, spec: LabSpec): void {
  ctx.add<Observation>({
    resourceType: 'Observation',
    status: 'final',
    category: category('laboratory'),
    code: concept(spec.code),
    subject: patient.ref,
    effectiveDateTime: ctx.at(date),
    valueQuantity: { value: spec.value, unit: spec.unit, system: UCUM, code: spec.unit },
    ...(spec.high
      ? {
          interpretation: [
            { coding: [{ system: `${TERMINOLOGY}/v3-ObservationInterpretation`, code: 'H', display: 'High' }] },
          ],
        }
      : {}),
  });
}

export interface ProcedureSpec {
  codes: Coding[];
  /** A single date, or a period for a course of treatment. */
  date: string | { start: string; end: string };
  status?: 'completed' | 'in-progress';
  reason?: Coding[];
  performer?: Requester;
  note?: string;
}

export function addProcedure(ctx: CaseContext, patient: PatientInfo, spec: ProcedureSpec): Reference<Procedure> {
  return ctx.add<Procedure>({
    resourceType: 'Procedure',
    status: spec.status ?? 'completed',
    code: concept(spec.codes),
    subject: patient.ref,
    ...(typeof spec.date === 'string'
      ? { performedDateTime: ctx.at(spec.date) }
      : { performedPeriod: { start: spec.date.start, end: spec.date.end } }),
    ...(spec.performer ? { performer: [{ actor: spec.performer.practitioner }] } : {}),
    ...(spec.reason ? { reasonCode: spec.reason.map((c) => concept(c)) } : {}),
    ...(spec.note ? { note: [{ text: spec.note }] } : {}),
  });
}

export interface PrescriptionSpec {
  drug: Drug;
  authoredOn: string;
  status: 'active' | 'completed' | 'stopped';
  supplyDays: number;
  refills?: number;
  /** The period the prescription covers, refills included. */
  validity?: { start: string; end: string };
  requester: Requester;
  reason?: Coding;
}

export function addPrescription(ctx: CaseContext, patient: PatientInfo, spec: PrescriptionSpec): void {
  ctx.add<MedicationRequest>({
    resourceType: 'MedicationRequest',
    status: spec.status,
    intent: 'order',
    medicationCodeableConcept: concept(rxnorm(spec.drug.rxnorm, spec.drug.display)),
    subject: patient.ref,
    authoredOn: ctx.at(spec.authoredOn),
    requester: spec.requester.practitioner,
    ...(spec.reason ? { reasonCode: [concept(spec.reason)] } : {}),
    dosageInstruction: [{ text: spec.drug.sig }],
    dispenseRequest: {
      ...(spec.validity ? { validityPeriod: spec.validity } : {}),
      numberOfRepeatsAllowed: spec.refills ?? 0,
      expectedSupplyDuration: { value: spec.supplyDays, unit: 'days', system: UCUM, code: 'd' },
    },
  });
}

export interface MedicationUseSpec {
  drug: Drug;
  start: string;
  end?: string;
  status: 'active' | 'completed' | 'stopped';
  reason?: Coding;
  note?: string;
}

export function addMedicationUse(ctx: CaseContext, patient: PatientInfo, spec: MedicationUseSpec): void {
  ctx.add<MedicationStatement>({
    resourceType: 'MedicationStatement',
    status: spec.status,
    medicationCodeableConcept: concept(rxnorm(spec.drug.rxnorm, spec.drug.display)),
    subject: patient.ref,
    effectivePeriod: { start: spec.start, ...(spec.end ? { end: spec.end } : {}) },
    dateAsserted: spec.end ?? spec.start,
    ...(spec.reason ? { reasonCode: [concept(spec.reason)] } : {}),
    dosage: [{ text: spec.drug.sig }],
    ...(spec.note ? { note: [{ text: spec.note }] } : {}),
  });
}

export const RELATIVES = {
  mother: { code: 'MTH', display: 'mother', sex: 'female' },
  father: { code: 'FTH', display: 'father', sex: 'male' },
  sister: { code: 'SIS', display: 'sister', sex: 'female' },
  brother: { code: 'BRO', display: 'brother', sex: 'male' },
} as const;

export function addFamilyHistory(
  ctx: CaseContext,
  patient: PatientInfo,
  relative: keyof typeof RELATIVES,
  condition: Coding,
  onsetAge: number,
  date: string,
): void {
  const rel = RELATIVES[relative];
  ctx.add<FamilyMemberHistory>({
    resourceType: 'FamilyMemberHistory',
    status: 'completed',
    patient: patient.ref,
    date,
    relationship: concept({
      system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
      code: rel.code,
      display: rel.display,
    }),
    sex: concept({ system: 'http://hl7.org/fhir/administrative-gender', code: rel.sex, display: rel.sex }),
    condition: [
      {
        code: concept(condition),
        onsetAge: { value: onsetAge, unit: 'a', system: UCUM, code: 'a' },
      },
    ],
  });
}
