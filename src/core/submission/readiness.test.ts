import { describe, expect, it } from 'vitest';
import type { Determination } from '../determination/determination.ts';
import { submissionBlockers } from './readiness.ts';

const determination = (changes: Partial<Determination> = {}): Determination => ({
  determination: 'meets',
  paRequired: true,
  order: { system: 'http://www.ama-assn.org/go/cpt', code: '72148', display: 'MRI lumbar spine without contrast' },
  payer: { id: 'uhc', name: 'UnitedHealthcare', lineOfBusiness: 'commercial' },
  policy: null,
  criteria: [],
  missingDocumentation: [],
  warnings: [],
  asOf: '2026-03-02',
  coverage: { reviewer: { name: 'UnitedHealthcare', kind: 'payer' }, channels: [], benefit: 'medical' },
  ...changes,
});
const codes = (d: Determination, override?: { reason: string }) =>
  submissionBlockers(d, 'pas', override).map((b) => b.code);

describe('submission readiness', () => {
  it('lets a meets case that needs PA go', () => {
    expect(codes(determination())).toEqual([]);
  });

  it('needs an override for a case that is not meets, or that needs no PA', () => {
    expect(codes(determination({ determination: 'insufficient_documentation' }))).toEqual(['needs_override']);
    expect(codes(determination({ paRequired: false }))).toEqual(['pa_not_required']);
    expect(codes(determination({ determination: 'does_not_meet' }), { reason: 'appeal evidence' })).toEqual([]);
  });

  it('refuses what no override can send: no known payer, a pharmacy-benefit drug on a medical channel', () => {
    const noPayer = determination({ payer: { id: 'unknown', name: 'unknown', lineOfBusiness: 'unknown' } });
    expect(codes(noPayer, { reason: 'try anyway' })).toEqual(['no_coverage']);
    const pharmacy = determination({
      coverage: { reviewer: { name: 'CVS Caremark', kind: 'rbm' }, channels: ['ncpdp-epa'], benefit: 'pharmacy' },
    });
    expect(codes(pharmacy, { reason: 'try anyway' })).toEqual(['pharmacy_benefit']);
  });
});
