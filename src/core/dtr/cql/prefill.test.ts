// Pre-population end to end on a small hand-written ELM library (no test vector needed): the order passed as the
// parameter typed for it, the clock frozen, the ValueSet expansion serving a retrieve, and each result converted
// by the item's type. The DTR vector in ../shared/dtr is checked in prefill.vector.test.ts.
import { describe, expect, it } from 'vitest';
import type {
  Bundle,
  Expression,
  Extension,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponseItem,
} from '@medplum/fhirtypes';
import { INFORMATION_ORIGIN } from '../questionnaire.ts';
import { CqlExecutionError, prefillQuestionnaire, PrefillInputError } from './index.ts';

const FHIR = (type: string) => `{http://hl7.org/fhir}${type}`;
const prop = (path: string, source: object) => ({ type: 'Property', path, source });
const define = (name: string, expression: object) => ({ name, context: 'Patient', accessLevel: 'Public', expression });

export const miniElm = {
  library: {
    identifier: { id: 'Mini', version: '1.0.0' },
    schemaIdentifier: { id: 'urn:hl7-org:elm', version: 'r1' },
    usings: {
      def: [
        { localIdentifier: 'System', uri: 'urn:hl7-org:elm-types:r1' },
        { localIdentifier: 'FHIR', uri: 'http://hl7.org/fhir', version: '4.0.1' },
      ],
    },
    parameters: {
      def: [
        {
          name: 'service_request',
          accessLevel: 'Public',
          parameterTypeSpecifier: { type: 'NamedTypeSpecifier', name: FHIR('ServiceRequest') },
        },
      ],
    },
    codeSystems: { def: [{ name: 'Local', id: 'urn:example:local', accessLevel: 'Public' }] },
    valueSets: { def: [{ name: 'Diabetes', id: 'urn:oid:2.16.840.1.999.1', accessLevel: 'Public' }] },
    contexts: { def: [{ name: 'Patient' }] },
    statements: {
      def: [
        define('Patient', { type: 'SingletonFrom', operand: { type: 'Retrieve', dataType: FHIR('Patient') } }),
        define('Gender', prop('value', prop('gender', { type: 'ExpressionRef', name: 'Patient' }))),
        define('BirthDate', prop('value', prop('birthDate', { type: 'ExpressionRef', name: 'Patient' }))),
        define('Today', { type: 'Today' }),
        define('OrderStatus', prop('value', prop('status', { type: 'ParameterRef', name: 'service_request' }))),
        define('Nothing', { type: 'Null' }),
        define('Flag', { type: 'Literal', valueType: '{urn:hl7-org:elm-types:r1}Boolean', value: 'true' }),
        define('Weight', { type: 'Quantity', value: 72.5, unit: 'kg' }),
        define('Diabetes', {
          type: 'Retrieve',
          dataType: FHIR('Condition'),
          codeProperty: 'code',
          codes: { type: 'ValueSetRef', name: 'Diabetes' },
        }),
        define('Codes', {
          type: 'List',
          element: [
            { type: 'Code', code: 'a', display: 'Alpha', system: { type: 'CodeSystemRef', name: 'Local' } },
            { type: 'Code', code: 'b', system: { type: 'CodeSystemRef', name: 'Local' } },
          ],
        }),
        // `singleton from` over several records throws: the classic failure of a payer's CQL on real data.
        define('Boom', { type: 'SingletonFrom', operand: { type: 'Retrieve', dataType: FHIR('Condition') } }),
      ],
    },
  },
};

const cql = (expression: string, language: Expression['language'] = 'text/cql'): Extension[] => [
  {
    url: 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression',
    valueExpression: { language, expression },
  },
];
const item = (linkId: string, type: QuestionnaireItem['type'], expression?: string, extra = {}): QuestionnaireItem => ({
  linkId,
  text: linkId,
  type,
  ...(expression ? { extension: cql(expression) } : {}),
  ...extra,
});

const questionnaire: Questionnaire = {
  resourceType: 'Questionnaire',
  id: 'mini',
  url: 'http://example.org/Questionnaire/mini',
  version: '2',
  status: 'active',
  extension: [
    { url: 'http://hl7.org/fhir/StructureDefinition/cqf-library', valueCanonical: 'http://example.org/Library/mini' },
  ],
  contained: [
    {
      resourceType: 'ValueSet',
      id: 'gender',
      status: 'active',
      expansion: {
        timestamp: '2024-01-01',
        contains: [
          { system: 'http://hl7.org/fhir/administrative-gender', code: 'male', display: 'Male' },
          { system: 'http://hl7.org/fhir/administrative-gender', code: 'female', display: 'Female' },
        ],
      },
    },
  ],
  item: [
    {
      linkId: 'g',
      text: 'Group',
      type: 'group',
      item: [
        item('gender', 'choice', '"Mini".Gender', { answerValueSet: '#gender' }),
        item('gender-text', 'string', 'Gender'),
        item('dob', 'date', '"Mini".BirthDate'),
        item('today', 'date', '"Mini".Today'),
        item('status', 'string', '"Mini"."OrderStatus"'),
        item('none', 'string', '"Mini".Nothing'),
        item('flag', 'boolean', '"Mini".Flag'),
        item('weight', 'quantity', '"Mini".Weight'),
        item('weight-value', 'decimal', '"Mini".Weight'),
        item('diabetes', 'reference', '"Mini".Diabetes', { repeats: true }),
        item('codes', 'open-choice', '"Mini".Codes', { repeats: true }),
        item('one-code', 'open-choice', '"Mini".Codes'),
        item('missing', 'string', '"Mini".Missing'),
        { ...item('fhirpath', 'string'), extension: cql('%patient.name', 'text/fhirpath') },
        item('blank', 'string'),
        item('boom', 'reference', '"Mini".Boom'),
      ],
    },
    item('unanswered', 'group', undefined, { item: [item('x', 'string')] }),
  ],
};

const library = (elm: object = miniElm) => ({
  resourceType: 'Library',
  id: 'mini',
  url: 'http://example.org/Library/mini',
  status: 'active',
  type: { coding: [{ code: 'logic-library' }] },
  content: [{ contentType: 'application/elm+json', data: Buffer.from(JSON.stringify(elm)).toString('base64') }],
});

const pkg = (elm?: object): unknown => ({
  resourceType: 'Bundle',
  entry: [
    { resource: questionnaire },
    { resource: library(elm) },
    {
      resource: {
        resourceType: 'ValueSet',
        id: '2.16.840.1.999.1',
        url: 'http://cts.example.org/ValueSet/2.16.840.1.999.1',
        status: 'active',
        expansion: {
          timestamp: '2024-01-01',
          contains: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.9' }],
        },
      },
    },
  ],
});

const condition = (id: string, code: string) => ({
  resource: {
    resourceType: 'Condition',
    id,
    subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }] },
  },
});

const record: Bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      resource: {
        resourceType: 'Coverage',
        id: 'c1',
        status: 'active',
        beneficiary: { reference: 'Patient/p1' },
        payor: [{ reference: 'Organization/o1' }],
      },
    },
    { resource: { resourceType: 'Patient', id: 'p2', gender: 'male' } },
    { resource: { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1980-05-06' } },
    {
      resource: {
        resourceType: 'ServiceRequest',
        id: 'sr1',
        status: 'active',
        intent: 'order',
        subject: { reference: 'Patient/p1' },
        insurance: [{ reference: 'Coverage/c1' }],
      },
    },
    condition('d1', 'E11.9'),
    condition('d2', 'J44.9'),
  ] as Bundle['entry'],
};

function flat(
  items: readonly QuestionnaireResponseItem[] | undefined,
  into = new Map<string, QuestionnaireResponseItem>(),
) {
  for (const i of items ?? []) {
    into.set(i.linkId, i);
    flat(i.item, into);
  }
  return into;
}

/** The answers without their information-origin extension. */
const values = (i: QuestionnaireResponseItem | undefined) =>
  (i?.answer ?? []).map((answer) => Object.fromEntries(Object.entries(answer).filter(([k]) => k !== 'extension')));

describe('prefillQuestionnaire on a small ELM library', () => {
  it('answers each item by its type, from the record, the order and the frozen clock', async () => {
    const result = await prefillQuestionnaire(pkg(), record, { order: 'ServiceRequest/sr1', now: '2025-02-03' });
    const items = flat(result.response.item);
    expect(values(items.get('gender'))).toEqual([
      { valueCoding: { system: 'http://hl7.org/fhir/administrative-gender', code: 'female', display: 'Female' } },
    ]);
    // An unqualified define names the Questionnaire's only cqf-library.
    expect(values(items.get('gender-text'))).toEqual([{ valueString: 'female' }]);
    expect(values(items.get('dob'))).toEqual([{ valueDate: '1980-05-06' }]);
    expect(values(items.get('today'))).toEqual([{ valueDate: '2025-02-03' }]);
    expect(values(items.get('status'))).toEqual([{ valueString: 'active' }]);
    expect(values(items.get('flag'))).toEqual([{ valueBoolean: true }]);
    expect(values(items.get('weight'))).toEqual([
      { valueQuantity: { value: 72.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' } },
    ]);
    expect(values(items.get('weight-value'))).toEqual([{ valueDecimal: 72.5 }]);
    // The retrieve by value set found E11.9 (its expansion, keyed by OID), not J44.9.
    expect(values(items.get('diabetes'))).toEqual([{ valueReference: { reference: 'Condition/d1' } }]);
    expect(values(items.get('codes'))).toEqual([
      { valueCoding: { system: 'urn:example:local', code: 'a', display: 'Alpha' } },
      { valueCoding: { system: 'urn:example:local', code: 'b' } },
    ]);
    expect(values(items.get('one-code'))).toEqual([
      { valueCoding: { system: 'urn:example:local', code: 'a', display: 'Alpha' } },
    ]);
    expect(result.evaluated.find((e) => e.linkId === 'one-code')?.skipped).toEqual([
      '1 further value(s): the item takes one answer',
    ]);
    // Null → no answer; unanswered items and empty groups are left out.
    for (const linkId of ['none', 'missing', 'fhirpath', 'blank', 'boom', 'unanswered', 'x']) {
      expect(items.has(linkId)).toBe(false);
    }
    // A define that throws leaves its item empty, and says why; the others are filled.
    expect(result.warnings).toEqual([
      'fhirpath: initialExpression in text/fhirpath is not CQL: not evaluated',
      'missing: Library Mini has no define Missing',
      expect.stringMatching(/^boom: "Mini"\.Boom failed: .*'SingletonFrom' requires a 0 or 1 arg array/),
    ]);
    const answers = [...items.values()].flatMap((i) => i.answer ?? []);
    expect(answers.every((a) => a.extension?.[0]?.url === INFORMATION_ORIGIN)).toBe(true);
    expect(answers[0]?.extension?.[0]?.extension).toEqual([{ url: 'source', valueCode: 'auto-client' }]);
  });

  it('builds the DTR draft around the answers: the patient, the order and its Coverage as context', async () => {
    const { response } = await prefillQuestionnaire(pkg(), record, {
      order: 'ServiceRequest/sr1',
      now: '2025-02-03T09:30:00-05:00',
      author: { reference: 'Practitioner/dr1' },
    });
    expect(response).toMatchObject({
      resourceType: 'QuestionnaireResponse',
      questionnaire: 'http://example.org/Questionnaire/mini|2',
      status: 'in-progress',
      subject: { reference: 'Patient/p1' },
      authored: '2025-02-03T09:30:00-05:00',
      author: { reference: 'Practitioner/dr1' },
      extension: [
        {
          url: 'http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/qr-context',
          valueReference: { reference: 'ServiceRequest/sr1', type: 'ServiceRequest' },
        },
        {
          url: 'http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/qr-context',
          valueReference: { reference: 'Coverage/c1', type: 'Coverage' },
        },
      ],
    });
    expect(response.item?.map((i) => i.linkId)).toEqual(['g']);
  });

  it('refuses bad input naming the input and the field', async () => {
    const fail = (p: unknown, r: unknown, order = 'ServiceRequest/sr1', now = '2025-02-03') =>
      prefillQuestionnaire(p, r, { order, now }).then(
        () => undefined,
        (error: unknown) => (error instanceof PrefillInputError ? `${error.source}: ${error.message}` : error),
      );
    expect(await fail({ resourceType: 'Bundle', entry: [] }, record)).toBe('package: has no Questionnaire');
    expect(await fail({ resourceType: 'Patient' }, record)).toBe(
      'package: is a Patient, not a Bundle of Questionnaire and Libraries',
    );
    const broken = pkg() as { entry: { resource: { content?: { data: string }[] } }[] };
    const content = broken.entry[1]?.resource.content?.[0];
    if (content) content.data = Buffer.from('{not json').toString('base64');
    expect(await fail(broken, record)).toMatch(
      /^package: Library 'mini' content\[0\] \(application\/elm\+json\) is not base64-encoded JSON/,
    );
    expect(await fail(pkg(), { resourceType: 'Bundle', type: 'history', entry: [] })).toBe(
      "record: Bundle.type is 'history': expected transaction or collection",
    );
    expect(await fail(pkg(), record, 'ServiceRequest/nope')).toBe(
      'record: has no ServiceRequest/nope (the --order); it has ServiceRequest/sr1',
    );
    expect(await fail(pkg(), record, 'sr1')).toBe("options: --order 'sr1' is not a reference ResourceType/id");
    expect(await fail(pkg(), record, 'ServiceRequest/sr1', '03/02/2025')).toBe(
      "options: today '03/02/2025' is not a date YYYY-MM-DD or an ISO date-time",
    );
    const includes = {
      library: { ...miniElm.library, includes: { def: [{ localIdentifier: 'H', path: 'Helpers', version: '1' }] } },
    };
    expect(await fail(pkg(includes), record)).toBe('package: Library Mini includes Helpers, which the package lacks');
  });

  it('fails (not bad input) when the CQL throws on every expression', async () => {
    const boom = structuredClone(questionnaire);
    boom.item = [item('boom', 'reference', '"Mini".Boom')];
    const p = pkg() as { entry: { resource: unknown }[] };
    p.entry[0] = { resource: boom };
    const run = prefillQuestionnaire(p, record, { order: 'ServiceRequest/sr1', now: '2025-02-03' });
    await expect(run).rejects.toThrow(CqlExecutionError);
    await expect(run).rejects.toThrow(/^CQL library Mini failed: .*SingletonFrom/);
  });
});
