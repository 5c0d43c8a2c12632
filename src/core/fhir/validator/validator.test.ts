// Differential tests: the compiled validator against medplum's validateResource (the reference oracle, used here
// only). Findings are compared exactly: code, text, path and order.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateResource } from '@medplum/core';
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  condition,
  coverage,
  drugOrder,
  encounter,
  neuroFinding,
  note,
  pathologyReport,
  prescriber,
  serviceRequest,
  stageGroup,
  TEST_PATIENT,
  UHC,
} from '../../../testing/fixtures.ts';
import { hasShared, sharedPath } from '../../../testing/shared.ts';
import { definitions } from './schema.ts';
import { validateCompiled } from './validator.ts';

definitions();

/** medplum's error findings as `code path text` lines (its validator throws an OperationOutcomeError on errors). */
function reference(resource: unknown): string[] {
  let issues: OperationOutcomeIssue[];
  try {
    issues = validateResource(resource as Resource);
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome;
    if (!outcome?.issue) return [`throws ${String(error)}`];
    issues = outcome.issue;
  }
  return issues
    .filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')
    .map((issue) => `${issue.code} ${issue.expression?.[0] ?? ''} ${issue.details?.text ?? ''}`);
}

function compiled(resource: unknown): string[] {
  return validateCompiled(resource as object).map((f) => `${f.code} ${f.expression ?? ''} ${f.text}`);
}

/**
 * The same findings, except where medplum throws a plain Error (a `_name` partner that is not an object, or an array
 * partner for a single primitive): the request would fail as a server error there, and we report that element.
 */
function expectSameFindings(resource: unknown): void {
  const expected = reference(resource);
  if (expected[0]?.startsWith('throws ')) {
    expect(compiled(resource).some((finding) => finding.includes(' Primitive extension '))).toBe(true);
  } else {
    expect(compiled(resource), JSON.stringify(resource)).toEqual(expected);
  }
}

function bundleResources(folder: string): Resource[] {
  const dir = sharedPath('fhir-samples', folder);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => {
      const bundle = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Bundle;
      return (bundle.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));
    });
}

const SYNTHETIC: Resource[] = [
  TEST_PATIENT,
  UHC,
  coverage('5'),
  serviceRequest('72148'),
  condition('M54.16'),
  note('note-1', 'Low back pain radiating to the left leg for eight weeks.'),
  neuroFinding('44695005', 'left leg'),
  stageGroup('IIIA'),
  encounter('office', '2026-01-10'),
  pathologyReport('Basal cell carcinoma', '2026-02-10', 'C44.91'),
  prescriber('207Q00000X'),
  drugOrder('adalimumab 40 mg', { reason: 'L40.0' }),
  {
    resourceType: 'Observation',
    id: 'bp',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
    effectivePeriod: { start: '2026-01-01T10:00:00Z', end: '2026-01-01T10:05:00Z' },
    component: [
      { code: { text: 'systolic' }, valueQuantity: { value: 120, unit: 'mmHg', system: 'http://unitsofmeasure.org' } },
      { code: { text: 'diastolic' }, valueQuantity: { value: 80, unit: 'mmHg', system: 'http://unitsofmeasure.org' } },
    ],
    referenceRange: [{ low: { value: 1 } }],
  },
  {
    resourceType: 'Patient',
    id: 'p2',
    extension: [
      { url: 'http://example.org/a', extension: [{ url: 'text', valueString: 'x' }] },
      { url: 'http://example.org/b', valueCode: 'y' },
    ],
    name: [{ given: ['Ann', 'Lee'], family: 'Doe', _family: { extension: [{ url: 'u', valueBoolean: true }] } }],
    contact: [{ name: { text: 'Bob' }, telecom: [{ system: 'phone', value: '555' }] }],
    contained: [{ resourceType: 'Organization', id: 'o1', name: 'Clinic' }],
    managingOrganization: { reference: '#o1' },
    communication: [{ language: { text: 'English' }, preferred: true }],
  } as unknown as Resource,
  {
    resourceType: 'MedicationRequest',
    id: 'mr',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/pat-1' },
    medicationCodeableConcept: { text: 'drug' },
    dosageInstruction: [{ timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } }, text: 'daily' }],
  },
];

describe.skipIf(!hasShared('fhir-samples', 'bulk-10-patients-bundles'))('Synthea bundles', () => {
  it.each(['bulk-10-patients-bundles', 'synthea-hiv-transaction-bundles'])(
    'every resource of %s validates clean in both validators',
    (folder) => {
      const resources = bundleResources(folder);
      expect(resources.length).toBeGreaterThan(0);
      for (const resource of resources) {
        const label = `${resource.resourceType}/${resource.id ?? '?'}`;
        expect(compiled(resource), label).toEqual([]);
        expect(reference(resource), label).toEqual([]);
      }
    },
    120_000,
  );
});

// ---- mutations ---------------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Location = { parent: Json[] | { [key: string]: Json }; key: string | number };

/** Every property and array item of the resource (not the resourceType itself). */
function locations(value: Json, out: Location[] = []): Location[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      out.push({ parent: value, key: index });
      locations(item, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key !== 'resourceType') out.push({ parent: value, key });
      locations(item, out);
    }
  }
  return out;
}

const REPLACEMENTS: Json[] = [
  '',
  ' ',
  'not a date',
  '2020-13-45',
  '2020-02-30T25:00:00Z',
  'a b',
  'urn:uuid:XYZ',
  0,
  -1,
  1.5,
  true,
  {},
  [],
  [{}],
  null,
  [null],
  { unknown: 1 },
  { text: 'x' },
  [{ text: 'x' }],
  { reference: 'Patient/pat-1' },
  { resourceType: 'Patient', id: 'x' },
  [{ resourceType: 'Diagnosis' }],
  [{ resourceType: 'Organization', id: 'o', contained: [{ resourceType: 'Organization' }] }],
  { extension: [{ url: 'u' }] },
  { url: 'u', valueString: 'x', extension: [{ url: 'v', valueString: 'y' }] },
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const) }),
  fc.record({ kind: fc.constant('replace' as const), value: fc.constantFrom(...REPLACEMENTS) }),
  fc.record({ kind: fc.constant('wrap' as const) }),
  fc.record({ kind: fc.constant('unwrap' as const) }),
  fc.record({
    kind: fc.constant('rename' as const),
    to: fc.constantFrom('Foo', 'String', 'Quantity', 'x', 'DateTime'),
  }),
  fc.record({ kind: fc.constant('add' as const), key: fc.constantFrom('urgency', 'valueBoolean', '_status', 'id') }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(resource: Json, pick: number, change: Mutation): Json {
  const copy = structuredClone(resource);
  const all = locations(copy);
  const at = all[pick % all.length];
  if (!at) return copy;
  const { parent, key } = at;
  const current = (parent as Record<string | number, Json>)[key] as Json;
  const set = (value: Json): void => {
    (parent as Record<string | number, Json>)[key] = value;
  };
  switch (change.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else Reflect.deleteProperty(parent, key);
      break;
    case 'replace':
      set(structuredClone(change.value));
      break;
    case 'wrap':
      set([current]);
      break;
    case 'unwrap':
      set(Array.isArray(current) ? (current[0] ?? null) : current);
      break;
    case 'rename':
      if (!Array.isArray(parent)) {
        Reflect.deleteProperty(parent, key);
        parent[String(key).replace(/[A-Z].*$/, '') + change.to] = current;
      }
      break;
    case 'add':
      if (current !== null && typeof current === 'object' && !Array.isArray(current)) current[change.key] = 'x';
      break;
  }
  return copy;
}

function mutationProperty(bases: readonly Resource[]): fc.IPropertyWithHooks<[number, number, Mutation[]]> {
  return fc.property(fc.nat(), fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, pick, changes) => {
    let resource = bases[which % bases.length] as unknown as Json;
    changes.forEach((change, i) => (resource = mutate(resource, pick + i * 7919, change)));
    expectSameFindings(resource);
  });
}

describe('mutated resources: the same findings as medplum', () => {
  it('synthetic resources', () => {
    fc.assert(mutationProperty(SYNTHETIC), { seed: 20260302, numRuns: 3000 });
  });

  it.skipIf(!hasShared('fhir-samples', 'bulk-10-patients-bundles'))(
    'Synthea resources',
    () => {
      // One resource per type and size class keeps the run short while covering every type in the sample.
      const seen = new Set<string>();
      const bases = bundleResources('bulk-10-patients-bundles').filter((resource) => {
        const key = `${resource.resourceType}:${String(Math.round(Math.log2(JSON.stringify(resource).length)))}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      fc.assert(mutationProperty(bases), { seed: 7, numRuns: 2000 });
    },
    120_000,
  );

  it('agrees on the findings the intake tests rely on', () => {
    const cases: unknown[] = [
      { ...TEST_PATIENT, birthDate: '1970-13-45' },
      { ...serviceRequest('72148'), urgency: 'high' },
      { resourceType: 'Diagnosis', id: 'x' },
      { resourceType: 'Patient', contained: [{ resourceType: 'Diagnosis' }], birthDate: 'bad' },
      { resourceType: 'Patient', _birthDate: { extension: [{ url: 'y', valueString: '' }] } },
      { resourceType: 'Patient', name: [{ given: [null, 'x'], _given: [{ id: 'a' }, null] }] },
      { resourceType: 'Patient', name: [{ given: [null] }], telecom: [null] },
      // Nulls where the crawl does not descend: an unknown property, a partner, a second choice spelling, a
      // primitive of the wrong shape, a value whose partner does not merge.
      { resourceType: 'Patient', unknown: { deep: [{ deeper: null }] }, birthDate: 'bad' },
      { resourceType: 'Patient', birthDate: '2000-01-01', _birthDate: { extension: [{ url: 'u', valueCode: null }] } },
      {
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'x' },
        valueString: 'a',
        valueQuantity: { a: null },
      },
      { resourceType: 'Patient', birthDate: [{ x: { y: null } }], gender: { x: [undefined] } },
      { resourceType: 'Patient', name: [{ given: { a: null } }], active: [null] },
      {
        resourceType: 'Patient',
        birthDate: '2000-01-01',
        _birthDate: 'x',
        name: [{ family: 'a', _family: { x: null } }],
      },
      { resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueString: 'a', valueFoo: 1 },
      { resourceType: 'Observation', status: 'final', code: 'abc', valueQuantity: { value: 'a' } },
      { resourceType: 'Patient', constructor: 1, toString: 'x' },
      { resourceType: 'Period', start: '2020', end: '2019' },
      // base64Binary is checked with a faster, equivalent expression than medplum's regex.
      ...['QUJD', 'QUI=', 'QQ==', 'QQ=', 'Q===', 'QU=I', '====', 'QUJDRA', 'QU JD', 'QUJD\n'].map((data) => ({
        resourceType: 'Binary',
        contentType: 'text/plain',
        data,
      })),
    ];
    for (const resource of cases) expectSameFindings(resource);
  });
});

// Invariants compiled from `….where(system = … and code = …)` patterns and number comparisons (con-4, con-5, ait-1,
// ait-2, tim-5), on the plain shapes they decide and on the odd ones they leave to the FHIRPath engine.
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const ALLERGY_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';
const subject = { reference: 'Patient/pat-1' };
const INVARIANT_BASES: Record<string, unknown>[] = [
  {
    resourceType: 'Condition',
    subject,
    abatementDateTime: '2020-01-01',
    clinicalStatus: {
      coding: [
        { system: 'x', code: 'active' },
        { system: CLINICAL, code: 'resolved' },
      ],
    },
    verificationStatus: { coding: [{ system: VERIFICATION, code: 'confirmed' }] },
  },
  {
    resourceType: 'Condition',
    subject,
    abatementString: 'gone',
    clinicalStatus: { coding: [{ system: CLINICAL, code: 'active' }] },
    verificationStatus: { coding: [{ system: VERIFICATION, code: 'entered-in-error' }] },
  },
  {
    resourceType: 'AllergyIntolerance',
    patient: subject,
    clinicalStatus: { coding: [{ code: 'active' }] },
    verificationStatus: { coding: [{ system: ALLERGY_VERIFICATION, code: 'entered-in-error' }, { code: 'x' }] },
  },
  {
    resourceType: 'AllergyIntolerance',
    patient: subject,
    verificationStatus: { coding: [{ system: ALLERGY_VERIFICATION, code: 'confirmed' }] },
  },
  {
    resourceType: 'MedicationRequest',
    status: 'active',
    intent: 'order',
    subject,
    medicationCodeableConcept: { text: 'drug' },
    dosageInstruction: [{ timing: { repeat: { period: -1, periodUnit: 'd' } } }, { timing: { repeat: { period: 0 } } }],
  },
];

describe('compiled FHIRPath patterns: the same findings as medplum', () => {
  it('on odd shapes', () => {
    const cases: unknown[] = [
      {
        ...INVARIANT_BASES[0],
        clinicalStatus: { coding: [{ system: CLINICAL, code: 'inactive', _code: { id: 'c' } }] },
      },
      {
        ...INVARIANT_BASES[0],
        clinicalStatus: { coding: [{ system: CLINICAL, _system: { id: 's' }, code: 'active' }] },
      },
      { ...INVARIANT_BASES[0], clinicalStatus: { coding: [{ system: 5, code: 'remission' }] } },
      { ...INVARIANT_BASES[0], clinicalStatus: { coding: { system: CLINICAL, code: 'remission' } } },
      { ...INVARIANT_BASES[0], clinicalStatus: { coding: ['x'] } },
      { ...INVARIANT_BASES[0], clinicalStatus: 'resolved' },
      { ...INVARIANT_BASES[0], _clinicalStatus: { id: 'c' } },
      { ...INVARIANT_BASES[1], verificationStatus: [{ coding: [{ system: VERIFICATION, code: 'entered-in-error' }] }] },
      { ...INVARIANT_BASES[2], verificationStatus: { coding: [{ system: ALLERGY_VERIFICATION, code: '' }] } },
      { ...INVARIANT_BASES[2], verificationStatus: { coding: [null] } },
      { ...INVARIANT_BASES[4], dosageInstruction: [{ timing: { repeat: { period: '1' } } }] },
      { ...INVARIANT_BASES[4], dosageInstruction: [{ timing: { repeat: { period: -2, _period: { id: 'p' } } } }] },
      { ...INVARIANT_BASES[4], dosageInstruction: [{ timing: { repeat: 'daily' } }] },
    ];
    for (const resource of [...INVARIANT_BASES, ...cases]) expectSameFindings(resource);
  });

  it('on mutations', () => {
    fc.assert(mutationProperty(INVARIANT_BASES as unknown as Resource[]), { seed: 11, numRuns: 1500 });
  });
});

describe('documented differences', () => {
  it('a non-object primitive extension is a finding here, where medplum throws a plain Error', () => {
    const resource = { resourceType: 'Patient', _birthDate: 'x' };
    expect(reference(resource)[0]).toMatch(/^throws Error: Primitive extension must be an object/);
    expect(compiled(resource)).toEqual(['structure Patient.birthDate Primitive extension must be an object']);
  });
});
