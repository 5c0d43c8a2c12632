// The ordered dose schedule against the label's maintenance interval.
import { describe, expect, it } from 'vitest';
import type { Bundle, MedicationRequest } from '@medplum/fhirtypes';
import { doseIntervalRule, intervalDays } from './dose-rules.ts';
import type { RuleContext } from './rule-context.ts';

const order = (dosage: MedicationRequest['dosageInstruction']): RuleContext => {
  const request: MedicationRequest = {
    resourceType: 'MedicationRequest',
    id: 'rx',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/p' },
    medicationCodeableConcept: { text: 'dupilumab 300 mg/2 mL pen' },
    ...(dosage ? { dosageInstruction: dosage } : {}),
  };
  const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: request }] };
  return {
    facts: [],
    bundle,
    asOf: '2026-03-02',
    order: { reference: 'MedicationRequest/rx', modifiers: [], reasonIcd10: [], reasonText: '' },
  };
};

describe('dose interval', () => {
  it('reads the usual ways of writing a schedule', () => {
    expect(intervalDays('300 mg SC every other week')).toBe(14);
    expect(intervalDays('300 mg q2w')).toBe(14);
    expect(intervalDays('300 mg weekly')).toBe(7);
    expect(intervalDays('200 mg every 4 weeks')).toBe(28);
    expect(intervalDays('inject as directed')).toBeUndefined();
  });

  it('is met when the maintenance dose after the load comes more often than the label allows', () => {
    const weekly = order([{ text: '600 mg SC once, then 300 mg SC every week' }]);
    expect(doseIntervalRule({ minDays: 14 }, weekly).status).toBe('met');
    const labelled = order([{ text: '600 mg SC once, then 300 mg SC every 2 weeks' }]);
    expect(doseIntervalRule({ minDays: 14 }, labelled).status).toBe('not_met');
    const coded = order([{ timing: { repeat: { frequency: 1, period: 1, periodUnit: 'wk' } } }]);
    expect(doseIntervalRule({ minDays: 14 }, coded).status).toBe('met');
    expect(doseIntervalRule({ minDays: 14 }, order(undefined)).status).toBe('unknown');
  });
});
