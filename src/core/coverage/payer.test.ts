// Which payer and line of business an export's Coverage names, as EHR exports write them: a payer Organization with
// a name only, and plan words that may or may not say the line.
import type { Coverage, Organization } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { resolvePayer } from './payer.ts';

const { payers } = loadPolicyLibrary();
const org = (name: string): Organization => ({ resourceType: 'Organization', name });
const coverage = (plan?: string): Coverage => ({
  resourceType: 'Coverage',
  status: 'active',
  beneficiary: { reference: 'Patient/p' },
  payor: [{ reference: 'Organization/o' }],
  ...(plan ? { class: [{ type: { text: 'plan' }, value: plan, name: plan }] } : {}),
});
const resolve = (name: string, plan?: string) => resolvePayer(payers, coverage(plan), org(name), undefined);

describe('payer resolution', () => {
  it('resolves a named Blue plan to itself before the generic Blue entry', () => {
    expect(resolve('Highmark Blue Cross Blue Shield').id).toBe('highmark');
    expect(resolve('Blue Cross and Blue Shield of Kansas').id).toBe('bcbs-kansas');
    expect(resolve('CVS Caremark (CareFirst BlueCross BlueShield)').id).toBe('carefirst');
    expect(resolve('Blue Cross Blue Shield of Texas').id).toBe('bcbs');
    expect(resolve('Medical Mutual of Ohio').id).toBe('medical-mutual');
  });

  it('reads the line of business from the payer’s name when the plan does not say it', () => {
    expect(resolve('Humana Medicare Advantage').lineOfBusiness).toBe('medicare_advantage');
    expect(resolve('Cigna', 'Open Access Plus').lineOfBusiness).toBe('unknown');
  });

  it('lets Medicare words outrank the plan type every line uses', () => {
    const payer = resolve('Highmark Medicare Advantage', 'Freedom Blue PPO');
    expect(payer).toMatchObject({ id: 'highmark', lineOfBusiness: 'medicare_advantage' });
    expect(resolve('Aetna', 'Choice POS II PPO').lineOfBusiness).toBe('commercial');
  });

  it('lets the words name the program a top-level payment code leaves open', () => {
    const typed = (code: string, text: string): Coverage => ({
      ...coverage(),
      type: { coding: [{ system: 'https://nahdo.org/sopt', code }], text },
    });
    const line = (c: Coverage) => resolvePayer(payers, c, org('UnitedHealthcare Community Plan of Ohio'), undefined);
    expect(line(typed('2', 'Medicaid managed care (Ohio Medicaid)')).lineOfBusiness).toBe('medicaid_managed_care');
    expect(line(typed('1', 'Medicare Advantage HMO')).lineOfBusiness).toBe('medicare_advantage');
    // A specific code stands, and words of another program do not move it.
    expect(line(typed('21', 'Medicaid')).lineOfBusiness).toBe('medicaid_managed_care');
    expect(line(typed('1', 'Commercial PPO')).lineOfBusiness).toBe('original_medicare');
  });
});
