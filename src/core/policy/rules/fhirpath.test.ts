// The FHIRPath rule kind: three-valued, evaluated by medplum's engine, citing what its selections found.
import { describe, expect, it } from 'vitest';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { fhirpathRule } from './fhirpath.ts';

const bundle = (...resources: Resource[]): Bundle => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: resources.map((resource) => ({ resource })),
});
const melanoma = (id: string, onset?: string): Resource => ({
  resourceType: 'Condition',
  id,
  subject: { reference: 'Patient/p' },
  code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C43.59' }], text: 'Melanoma of trunk' },
  ...(onset ? { onsetDateTime: onset } : {}),
});
const METASTASIS =
  "entry.resource.ofType(Condition).where(code.coding.where(code.matches('^C7[789]')).exists()).empty()";
const OWN = "entry.resource.ofType(Condition).where(code.coding.where(code.matches('^C43')).exists()).exists()";
const RECENT =
  "iif(entry.resource.ofType(Condition).where(onset.ofType(dateTime).exists()).exists(), entry.resource.ofType(Condition).where(onset.ofType(dateTime).exists()).where(between(onset.ofType(dateTime).toString().substring(0, 10).toDate(), %asOf, 'years').value < 5).exists(), {})";

describe('fhirpath rule', () => {
  it('cites the resources an existence test found', () => {
    const result = fhirpathRule(OWN, bundle(melanoma('m1', '2024-05-01')), '2026-03-02');
    expect(result.status).toBe('met');
    expect(result.evidence).toEqual([
      { reference: 'Condition/m1', text: 'Condition: Melanoma of trunk (C43.59) (2024-05-01)' },
    ]);
  });

  it('cites what contradicts an absence test, and says when nothing was found', () => {
    const spread: Resource = {
      resourceType: 'Condition',
      id: 'n1',
      subject: { reference: 'Patient/p' },
      code: { coding: [{ code: 'C77.3', display: 'Secondary malignant neoplasm of axillary nodes' }] },
    };
    const contradicted = fhirpathRule(METASTASIS, bundle(melanoma('m1'), spread), '2026-03-02');
    expect(contradicted.status).toBe('not_met');
    expect(contradicted.evidence.map((e) => e.reference)).toEqual(['Condition/n1']);
    const absent = fhirpathRule(METASTASIS, bundle(melanoma('m1')), '2026-03-02');
    expect(absent).toMatchObject({ status: 'met', evidence: [] });
    expect(absent.reason).toContain('no matching resource on record');
  });

  it('reads the evaluation date as %asOf, and an empty result as unknown', () => {
    expect(fhirpathRule(RECENT, bundle(melanoma('m1', '2022-01-10')), '2026-03-02').status).toBe('met');
    expect(fhirpathRule(RECENT, bundle(melanoma('m1', '2020-01-10')), '2026-03-02').status).toBe('not_met');
    expect(fhirpathRule(RECENT, bundle(melanoma('m1')), '2026-03-02')).toEqual({ status: 'unknown', evidence: [] });
  });

  it('leaves a value it cannot read undecided, without quoting the record', () => {
    const result = fhirpathRule(RECENT, bundle(melanoma('m1', 'last spring')), '2026-03-02');
    expect(result.status).toBe('unknown');
    expect(result.reason).not.toContain('last spring');
  });
});
