// What every scenario starts with: a patient, the payer and the coverage, and the ordering practice and clinician.
import type { Coding, Coverage, Reference } from '@medplum/fhirtypes';
import { snomed } from '../codes.ts';
import type { CaseContext } from '../context.ts';
import type { PatientInfo, Requester } from '../builders/admin.ts';
import { addCoverage, addPatient, addPayer, addRequester } from '../builders/admin.ts';
import type { RELATIVES } from '../builders/clinical.ts';
import { addFamilyHistory } from '../builders/clinical.ts';
import type { PayerSpec } from '../payers.ts';
import type { ExpectedDetermination, ScenarioId } from '../types.ts';

export interface CaseBase {
  patient: PatientInfo;
  requester: Requester;
  payer: PayerSpec;
  coverage: Reference<Coverage>;
}

export interface BaseSpec {
  payer: PayerSpec;
  ages: [number, number];
  practiceKind: string;
  credentials?: string;
}

export function startCase(ctx: CaseContext, spec: BaseSpec): CaseBase {
  const patient = addPatient(ctx, spec.ages[0], spec.ages[1]);
  const payerRef = addPayer(ctx, spec.payer);
  const coverage = addCoverage(ctx, spec.payer, payerRef, patient);
  const requester = addRequester(ctx, patient.town, spec.practiceKind, spec.credentials);
  return { patient, requester, payer: spec.payer, coverage };
}

/** Age in whole years on `date` (YYYY-MM-DD). */
export function ageOn(patient: PatientInfo, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(patient.birthDate.slice(0, 4));
  return date.slice(5) < patient.birthDate.slice(5) ? years - 1 : years;
}

/** "54 y/o F" as notes open; the age on `date` when given, else on the order date. */
export function ageSex(patient: PatientInfo, date?: string): string {
  const age = date ? ageOn(patient, date) : patient.ageYears;
  return `${age} y/o ${patient.gender === 'female' ? 'F' : 'M'}`;
}

/** "her" or "his". */
export function possessive(patient: PatientInfo): string {
  return patient.gender === 'female' ? 'her' : 'his';
}

/** A family history line of a note; a cancer in it is also coded as a FamilyMemberHistory. */
export interface FamilyLine {
  text: string;
  cancer?: { relative: keyof typeof RELATIVES; condition: Coding; age: number };
}

export const FAMILY_CANCER = {
  breast: snomed('254837009', 'Malignant neoplasm of breast'),
  prostate: snomed('399068003', 'Malignant tumor of prostate'),
} as const;

/** Codes the cancer of a family history line, if any, and returns the line's text for the note. */
export function recordFamilyLine(ctx: CaseContext, base: CaseBase, line: FamilyLine, date: string): string {
  if (line.cancer) {
    addFamilyHistory(ctx, base.patient, line.cancer.relative, line.cancer.condition, line.cancer.age, date);
  }
  return line.text;
}

export interface Scenario {
  id: ScenarioId;
  expected: { determination: ExpectedDetermination; paRequired: boolean | 'unknown' };
  /** Adds the case's resources to `ctx` and returns its title. `variant` counts the scenario's cases from 0. */
  build: (ctx: CaseContext, variant: number) => string;
}
