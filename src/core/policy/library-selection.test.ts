// Choosing the governing policy (issue 15, class 11): a payer's policy for a family governs the family's drugs it
// does not name (with a warning), an order dated outside every version of the payer's policy is judged by the
// nearest version rather than a generic guideline, and the guideline stays the fallback otherwise.
import { describe, expect, it } from 'vitest';
import type { ResolvedPayer } from '../coverage/payer.ts';
import type { OrderCode } from '../intake/intake.ts';
import { selectPolicy } from './library.ts';
import type { Policy } from './schema.ts';

const policy = (id: string, extra: Partial<Policy>): Policy => ({
  id,
  version: '1.0.0',
  title: id,
  kind: 'payer',
  family: 'scalp-lotions',
  effective: '2025-01-01',
  appliesTo: { payers: ['acme'] },
  codes: {},
  priorAuth: 'required',
  source: { name: id, url: 'https://example.org' },
  ...extra,
});

const ACME: ResolvedPayer = { id: 'acme', name: 'Acme Health', lineOfBusiness: 'commercial' };
const OTHER: ResolvedPayer = { id: 'other', name: 'Other Plan', lineOfBusiness: 'commercial' };
const drug = (display: string): OrderCode => ({ system: 'rxnorm', code: '1', display, modifiers: [], kind: 'drug' });

const library = {
  payers: [],
  policies: [
    policy('acme-lotions', {
      codes: { ingredients: ['alphazumab'] },
      appliesTo: { payers: ['acme'], linesOfBusiness: ['commercial'] },
    }),
    policy('guideline-lotions', {
      kind: 'guideline',
      appliesTo: {},
      priorAuth: 'unknown',
      codes: { ingredients: ['alphazumab', 'betazumab'] },
    }),
    policy('acme-later', {
      family: 'ear-drops',
      effective: '2026-06-01',
      codes: { ingredients: ['gammazumab'] },
    }),
    policy('guideline-ear', {
      kind: 'guideline',
      family: 'ear-drops',
      appliesTo: {},
      priorAuth: 'unknown',
      codes: { ingredients: ['gammazumab'] },
    }),
  ],
};

describe('policy selection', () => {
  it('applies the payer’s family policy to a drug of the family it does not name, and says so', () => {
    const s = selectPolicy(library, ACME, drug('betazumab 10 mg'), '2026-01-10');
    expect(s.policy?.id).toBe('acme-lotions');
    expect(s.familyMember).toBe(true);
    expect(s.reason).toMatch(/names alphazumab, not betazumab/);
  });

  it('falls back to the guideline for a payer with no policy of the family', () => {
    const s = selectPolicy(library, OTHER, drug('betazumab 10 mg'), '2026-01-10');
    expect(s.policy?.id).toBe('guideline-lotions');
    expect(s.fallback).toBe(true);
  });

  it('judges an order dated before the payer’s only version by that version, not by the guideline', () => {
    const s = selectPolicy(library, ACME, drug('gammazumab 5 mg'), '2026-02-01');
    expect(s.policy?.id).toBe('acme-later');
    expect(s.nearestVersion).toBe(true);
    expect(s.reason).toMatch(/takes effect on 2026-06-01/);
  });

  it('applies the payer’s commercial policy when the coverage states no line of business, with a warning', () => {
    const s = selectPolicy(library, { ...ACME, lineOfBusiness: 'unknown' }, drug('alphazumab 10 mg'), '2026-01-10');
    expect(s.policy?.id).toBe('acme-lotions');
    expect(s.assumedLine).toBe(true);
    expect(s.reason).toMatch(/does not state its line of business: Acme Health's commercial policy is applied/);
  });

  it('keeps the guideline for a Medicaid line the payer has no policy for', () => {
    const s = selectPolicy(
      library,
      { ...ACME, lineOfBusiness: 'medicaid_managed_care' },
      drug('alphazumab'),
      '2026-01-10',
    );
    expect(s.policy?.id).toBe('guideline-lotions');
    expect(s.assumedLine).toBeUndefined();
  });

  it("applies the payer's commercial criteria to a drug under its Medicare Advantage (Part D) plan, and says so", () => {
    const s = selectPolicy(
      library,
      { ...ACME, lineOfBusiness: 'medicare_advantage' },
      drug('alphazumab'),
      '2026-01-10',
    );
    expect(s.policy?.id).toBe('acme-lotions');
    expect(s.reason).toMatch(/^Acme Health has no Medicare Advantage \(Part D\) criteria for 1 in the library/);
  });
});
