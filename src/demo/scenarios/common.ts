// What every scenario starts with: a patient, the payer and the coverage, and the ordering practice and clinician.
import type { Coverage, Reference } from '@medplum/fhirtypes';
import type { CaseContext } from '../context.ts';
import type { PatientInfo, Requester } from '../builders/admin.ts';
import { addCoverage, addPatient, addPayer, addRequester } from '../builders/admin.ts';
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

export interface Scenario {
  id: ScenarioId;
  expected: { determination: ExpectedDetermination; paRequired: boolean | 'unknown' };
  /** Adds the case's resources to `ctx` and returns its title. `variant` counts the scenario's cases from 0. */
  build: (ctx: CaseContext, variant: number) => string;
}
