// The patient as the work queue shows and searches it, copied onto the case at creation (migration 0007): name and
// birth date as submitted, and the medical record number: the identifier typed MR (HL7 v2-0203), else the first.
import type { Patient } from '@medplum/fhirtypes';

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';

export function medicalRecordNumber(patient: Patient): string | null {
  const identifiers = (patient.identifier ?? []).filter((i) => i.value);
  const mr = identifiers.find((i) => i.type?.coding?.some((c) => c.system === V2_0203 && c.code === 'MR'));
  return (mr ?? identifiers[0])?.value ?? null;
}

export function patientColumns(demographics: { name?: string; birthDate?: string }, patient: Patient) {
  return {
    patient_name: demographics.name ?? null,
    patient_birth_date: demographics.birthDate ?? null,
    patient_mrn: medicalRecordNumber(patient),
  };
}
