// CQL values → answers by item type, without running an engine: the cql-execution types built directly, and a
// cql-exec-fhir FHIRObject from its wrapper.
import { describe, expect, it } from 'vitest';
import { Code, Concept, Date as CqlDate, DateTime, Interval, Quantity } from 'cql-execution';
import { FHIRWrapper } from 'cql-exec-fhir';
import type { QuestionnaireItem, ValueSet } from '@medplum/fhirtypes';
import { answersFor } from './answers.ts';
import { codeServiceFrom, valueSetKeys } from './code-service.ts';
import { parseExpression } from './expressions.ts';

const noValueSets = () => undefined;
const item = (type: QuestionnaireItem['type'], extra: Partial<QuestionnaireItem> = {}): QuestionnaireItem => ({
  linkId: 'q',
  type,
  ...extra,
});
const answers = (i: QuestionnaireItem, value: unknown, lookup: (r: string) => ValueSet | undefined = noValueSets) =>
  answersFor(i, value, lookup).answers;
const skipped = (i: QuestionnaireItem, value: unknown) => answersFor(i, value, noValueSets).skipped;

const dateTime = DateTime.parse('2020-07-01T23:40:10+01:00');

describe('answersFor', () => {
  it('dates: a date-time is cut to its date in its own zone; dateTime items keep it whole', () => {
    expect(answers(item('date'), dateTime)).toEqual([{ valueDate: '2020-07-01' }]);
    expect(answers(item('date'), new CqlDate(2015, 2, 23))).toEqual([{ valueDate: '2015-02-23' }]);
    expect(answers(item('date'), '2020-07-01T10:40:10Z')).toEqual([{ valueDate: '2020-07-01' }]);
    expect(answers(item('dateTime'), dateTime)).toEqual([{ valueDateTime: '2020-07-01T23:40:10+01:00' }]);
    expect(answers(item('dateTime'), new CqlDate(2015, 2, 23))).toEqual([{ valueDateTime: '2015-02-23' }]);
    expect(skipped(item('date'), 'yesterday')).toEqual(["'yesterday' cannot answer a date item"]);
  });

  it('numbers, booleans and quantities', () => {
    expect(answers(item('integer'), 3)).toEqual([{ valueInteger: 3 }]);
    expect(skipped(item('integer'), 3.5)).toEqual(['3.5 cannot answer a integer item']);
    expect(answers(item('decimal'), 7.33)).toEqual([{ valueDecimal: 7.33 }]);
    expect(answers(item('decimal'), new Quantity(97, '%'))).toEqual([{ valueDecimal: 97 }]);
    expect(answers(item('quantity'), new Quantity(97, '%'))).toEqual([
      { valueQuantity: { value: 97, unit: '%', system: 'http://unitsofmeasure.org', code: '%' } },
    ]);
    expect(answers(item('boolean'), false)).toEqual([{ valueBoolean: false }]);
    expect(answers(item('string'), 42)).toEqual([{ valueString: '42' }]);
  });

  it('lists give repeated answers, the first only for an item that does not repeat; nulls none', () => {
    expect(answers(item('string', { repeats: true }), ['a', null, ['b', 'a']])).toEqual([
      { valueString: 'a' },
      { valueString: 'b' },
    ]);
    expect(answers(item('string'), ['a', 'b'])).toEqual([{ valueString: 'a' }]);
    expect(answers(item('string'), null)).toEqual([]);
    expect(answers(item('string'), [])).toEqual([]);
    expect(skipped(item('string'), '')).toEqual(['an empty string']);
    expect(skipped(item('string'), new Interval(1, 2))).toEqual(['a Interval cannot answer a string item']);
  });

  it('choices: the option matching a code or a string; open-choice keeps what matches nothing', () => {
    const options = [
      { valueCoding: { code: 'E0470', display: 'E0470 - Respiratory assist device' } },
      { valueCoding: { system: 'urn:s', code: 'x', display: 'Ex' } },
    ];
    const choice = item('choice', { answerOption: options });
    expect(answers(choice, 'E0470')).toEqual([{ valueCoding: options[0]?.valueCoding }]);
    expect(answers(choice, 'ex')).toEqual([{ valueCoding: options[1]?.valueCoding }]);
    expect(answers(choice, new Code('x', 'urn:s', undefined, 'other display'))).toEqual([
      { valueCoding: options[1]?.valueCoding },
    ]);
    expect(skipped(choice, 'null')).toEqual(["'null' is not one of the item's options"]);
    expect(skipped(choice, new Code('x', 'urn:other'))).toEqual(["urn:other|x is not one of the item's options"]);
    const open = item('open-choice', { answerOption: options });
    expect(answers(open, 'something else')).toEqual([{ valueString: 'something else' }]);
    expect(answers(item('open-choice'), new Concept([new Code('J44.9', 'http://hl7.org/fhir/sid/icd-10-cm')]))).toEqual(
      [{ valueCoding: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'J44.9' } }],
    );
    expect(answers(item('choice', { answerOption: [{ valueString: 'yes' }] }), 'yes')).toEqual([
      { valueString: 'yes' },
    ]);
  });

  it("choices from answerValueSet: the value set's Coding for a code", () => {
    const gender: ValueSet = {
      resourceType: 'ValueSet',
      status: 'active',
      expansion: {
        timestamp: '2020-01-01',
        contains: [{ system: 'http://hl7.org/fhir/administrative-gender', code: 'male', display: 'Male' }],
      },
    };
    const lookup = (ref: string) => (ref === '#gender' ? gender : undefined);
    expect(answers(item('choice', { answerValueSet: '#gender' }), 'male', lookup)).toEqual([
      { valueCoding: { system: 'http://hl7.org/fhir/administrative-gender', code: 'male', display: 'Male' } },
    ]);
  });

  it('FHIR elements from cql-exec-fhir: Coding, CodeableConcept, primitives, resources as references', () => {
    const condition = FHIRWrapper.FHIRv400().wrap({
      resourceType: 'Condition',
      id: 'c1',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '13645005', display: 'COPD' }], text: 'COPD' },
      recordedDate: '2020-01-02',
    }) as unknown as Record<string, unknown>;
    const code = condition.code as { coding: unknown[] };
    expect(answers(item('open-choice'), code)).toEqual([
      { valueCoding: { system: 'http://snomed.info/sct', code: '13645005', display: 'COPD' } },
    ]);
    expect(answers(item('open-choice'), code.coding[0])).toEqual(answers(item('open-choice'), code));
    expect(answers(item('string'), code)).toEqual([{ valueString: 'COPD' }]);
    expect(answers(item('dateTime'), condition.recordedDate)).toEqual([{ valueDateTime: '2020-01-02' }]);
    expect(answers(item('reference'), condition)).toEqual([{ valueReference: { reference: 'Condition/c1' } }]);
  });
});

describe('terminology and expressions', () => {
  it('finds a VSAC ValueSet by canonical and OID', () => {
    const vs: ValueSet = {
      resourceType: 'ValueSet',
      id: '2.16.840.1.113762.1.4.1219.122',
      url: 'http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113762.1.4.1219.122',
      status: 'active',
      expansion: {
        timestamp: '2024-01-01',
        contains: [{ system: 'urn:s', code: 'a', contains: [{ system: 'urn:s', code: 'b' }] }],
      },
    };
    expect(valueSetKeys(vs)).toEqual([
      'http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113762.1.4.1219.122',
      'urn:oid:2.16.840.1.113762.1.4.1219.122',
      '2.16.840.1.113762.1.4.1219.122',
    ]);
    const { service, warnings } = codeServiceFrom([
      vs,
      { resourceType: 'ValueSet', url: 'urn:empty', status: 'active' },
    ]);
    expect(service.findValueSet('urn:oid:2.16.840.1.113762.1.4.1219.122')?.codes.map((c: Code) => c.code)).toEqual([
      'a',
      'b',
    ]);
    expect(warnings).toEqual([
      'ValueSet urn:empty has no expansion (nor enumerated codes): CQL retrieves by it find nothing',
    ]);
  });

  it('parses the define an initialExpression names', () => {
    expect(parseExpression('"BasicPatientInfoPrepopulation".LastName')).toEqual({
      library: 'BasicPatientInfoPrepopulation',
      define: 'LastName',
    });
    expect(parseExpression('Lib."Encounter Date"')).toEqual({ library: 'Lib', define: 'Encounter Date' });
    expect(parseExpression('LastName', 'Only')).toEqual({ library: 'Only', define: 'LastName' });
    expect(parseExpression('LastName')).toBeUndefined();
    expect(parseExpression('Lib.Name + 1')).toBeUndefined();
  });
});
