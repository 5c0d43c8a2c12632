// What the services ask the EHR to send with each call (CDS Hooks prefetch templates), kept to what the policy
// criteria read: the patient and the coverage (with its payer), the coded history the rules weigh (conditions,
// observations, procedures, medication history, prior imaging and reports, family history), the recent notes, the
// encounter and the ordering user (the prescriber's specialty matters to the drug rules).
import type { HookContext } from './request.ts';

export const PREFETCH_TEMPLATES = {
  patient: 'Patient/{{context.patientId}}',
  coverage: 'Coverage?patient={{context.patientId}}&status=active&_include=Coverage:payor',
  encounter: 'Encounter/{{context.encounterId}}',
  user: '{{context.userId}}',
  conditions: 'Condition?patient={{context.patientId}}',
  observations: 'Observation?patient={{context.patientId}}',
  procedures: 'Procedure?patient={{context.patientId}}',
  medicationStatements: 'MedicationStatement?patient={{context.patientId}}',
  medicationRequests: 'MedicationRequest?patient={{context.patientId}}',
  diagnosticReports: 'DiagnosticReport?patient={{context.patientId}}',
  imagingStudies: 'ImagingStudy?patient={{context.patientId}}',
  familyHistory: 'FamilyMemberHistory?patient={{context.patientId}}',
  notes: 'DocumentReference?patient={{context.patientId}}&_sort=-date&_count=10',
} as const;

export type PrefetchKey = keyof typeof PREFETCH_TEMPLATES;
export const PREFETCH_KEYS = Object.keys(PREFETCH_TEMPLATES) as PrefetchKey[];

/** One prefetch query with its tokens filled in: a relative FHIR read or search. */
export interface RecordQuery {
  key: PrefetchKey;
  query: string;
}

const TOKEN = /\{\{context\.(\w+)\}\}/g;

/** The query of a template for this call, or undefined when the context lacks a field it names (no encounter). */
export function resolveTemplate(key: PrefetchKey, context: HookContext): RecordQuery | undefined {
  let unresolved = false;
  const query = PREFETCH_TEMPLATES[key].replace(TOKEN, (_token, field: string) => {
    const value = (context as unknown as Record<string, unknown>)[field];
    if (typeof value !== 'string' || value === '') {
      unresolved = true;
      return '';
    }
    return encodeURIComponent(value).replace(/%2F/g, '/');
  });
  return unresolved ? undefined : { key, query };
}
