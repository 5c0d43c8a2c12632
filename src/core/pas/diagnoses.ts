// The request's diagnoses as Claim.diagnosis: ICD-10-CM, as the 278 carries them (HI). SNOMED CT conditions are
// mapped where the code tables know them; conditions without an ICD-10-CM code are left out, repeats sent once.
import type { ClaimDiagnosis, CodeableConcept, Condition } from '@medplum/fhirtypes';
import { ICD10_SYSTEMS, SNOMED_TO_ICD10, SYSTEMS as CODE_SYSTEMS } from '../evidence/codesets.ts';
import { EXTENSIONS, SYSTEMS, concept } from './vocabulary.ts';

export function claimDiagnoses(conditions: readonly Condition[]): ClaimDiagnosis[] {
  const seen = new Set<string>();
  const diagnoses: ClaimDiagnosis[] = [];
  for (const condition of conditions) {
    const icd10 = icd10Of(condition.code);
    if (!icd10 || seen.has(icd10.code)) continue;
    seen.add(icd10.code);
    const recorded = condition.recordedDate?.slice(0, 10);
    diagnoses.push({
      ...(recorded ? { extension: [{ url: EXTENSIONS.diagnosisRecordedDate, valueDate: recorded }] } : {}),
      sequence: diagnoses.length + 1,
      diagnosisCodeableConcept: concept(SYSTEMS.icd10cm, icd10.code, icd10.display),
    });
  }
  return diagnoses;
}

function icd10Of(code: CodeableConcept | undefined): { code: string; display?: string } | undefined {
  const codings = code?.coding ?? [];
  const icd = codings.find((c) => c.system !== undefined && ICD10_SYSTEMS.has(c.system) && c.code);
  if (icd?.code) return { code: icd.code, ...(icd.display ? { display: icd.display } : {}) };
  for (const coding of codings) {
    const mapped = coding.system === CODE_SYSTEMS.snomed && coding.code ? SNOMED_TO_ICD10[coding.code] : undefined;
    if (mapped) return { code: mapped.icd10, display: mapped.display };
  }
  return undefined;
}
