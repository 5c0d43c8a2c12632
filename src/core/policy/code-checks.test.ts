// The invalid-code check: a deleted ICD-10-CM code (M54.5 since 2021-10-01) on the order or on a current Condition,
// with a service date on or after the deletion, is named in the determination's warnings with its replacements.
import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { determine } from '../determination/determine.ts';
import type { Fact } from '../evidence/fact.ts';
import { parseIntake } from '../intake/intake.ts';
import {
  condition,
  lumbarMriCase,
  serviceRequest,
  bundle,
  TEST_PATIENT,
  UHC,
  coverage,
} from '../../testing/fixtures.ts';
import { invalidCodeWarnings, normaliseIcd10 } from './code-checks.ts';

const lowBackPain = (code: string, assertion: Fact['assertion'] = 'affirmed'): Fact => ({
  kind: 'condition',
  coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }],
  icd10: [code],
  display: 'Low back pain',
  assertion,
  source: { reference: 'Condition/c1', text: 'Condition: Low back pain' },
});

describe('invalidCodeWarnings', () => {
  it('names M54.5 on the order as deleted and lists M54.50, M54.51 and M54.59', () => {
    expect(invalidCodeWarnings('ServiceRequest/order-1', ['M54.5'], [], '2026-03-02')).toEqual([
      'ServiceRequest/order-1: ICD-10-CM M54.5 (Low back pain) was deleted on 2021-10-01 and is invalid for a service on 2026-03-02; use M54.50, M54.51 or M54.59',
    ]);
  });

  it('flags a current Condition coded M54.5, reads dotless codes, and stays quiet before the deletion date', () => {
    expect(invalidCodeWarnings('ServiceRequest/o', [], [lowBackPain('M545')], '2026-03-02')[0]).toMatch(
      /^Condition\/c1: ICD-10-CM M54.5/,
    );
    expect(invalidCodeWarnings('ServiceRequest/o', ['M54.5'], [lowBackPain('M54.5')], '2021-09-30')).toEqual([]);
    expect(invalidCodeWarnings('ServiceRequest/o', [], [lowBackPain('M54.5', 'negated')], '2026-03-02')).toEqual([]);
    expect(
      invalidCodeWarnings('ServiceRequest/o', ['M54.50', 'M54.16'], [lowBackPain('M54.59')], '2026-03-02'),
    ).toEqual([]);
  });

  it('marks deletions from coding knowledge as unverified', () => {
    expect(invalidCodeWarnings('ServiceRequest/o', ['M79.1'], [], '2026-03-02')[0]).toMatch(
      /M79.10, M79.11, M79.12 or M79.18 \(deletion from coding knowledge, unverified\)/,
    );
  });

  it('normalises codes to the dotted upper-case form', () => {
    expect(normaliseIcd10('m545')).toBe('M54.5');
    expect(normaliseIcd10(' L40.0 ')).toBe('L40.0');
    expect(normaliseIcd10('B20')).toBe('B20');
  });
});

describe('the determination warns about a deleted code', () => {
  const library = loadPolicyLibrary();
  const today = '2026-03-02';

  it('on the order reason and on the Condition, naming the replacements', () => {
    const order = serviceRequest('72148', {
      reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M54.5' }] }],
    });
    const b = bundle([TEST_PATIENT, UHC, coverage('5'), order, condition('M54.5')]);
    const d = determine(parseIntake(b), library, { today }).determination;
    const invalid = d.warnings.filter((w) => w.includes('deleted on 2021-10-01'));
    expect(invalid).toHaveLength(2);
    expect(invalid[0]).toMatch(/^ServiceRequest\/order-1: .*use M54.50, M54.51 or M54.59$/);
    expect(invalid[1]).toMatch(/^Condition\/cond-\d+: ICD-10-CM M54.5/);
  });

  it('not for the current codes', () => {
    const d = determine(parseIntake(lumbarMriCase([condition('M54.50')])), library, { today }).determination;
    expect(d.warnings.some((w) => w.includes('deleted'))).toBe(false);
  });
});
