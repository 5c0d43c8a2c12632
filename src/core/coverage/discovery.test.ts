import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import type { OrderCode } from '../intake/intake.ts';
import { benefitOf, codeMatches, discoverCoverage, familiesOf } from './discovery.ts';
import { coverageDirectoryErrors, type CoverageDirectory } from './directory.ts';
import type { ResolvedPayer } from './payer.ts';

const library = loadPolicyLibrary();
const directory = library.coverage as CoverageDirectory;

const mri: OrderCode = { system: 'cpt', code: '72148', display: 'MRI lumbar spine', modifiers: [], kind: 'service' };
const mohs: OrderCode = { system: 'cpt', code: '17311', display: 'Mohs', modifiers: [], kind: 'service' };
const dupilumab: OrderCode = {
  system: 'rxnorm',
  code: '1876376',
  display: 'dupilumab 300 MG in 2 ML Prefilled Syringe',
  modifiers: [],
  kind: 'drug',
};
const jcode: OrderCode = {
  system: 'hcpcs',
  code: 'J3590',
  display: 'Unclassified biologics',
  modifiers: [],
  kind: 'service',
};
const infliximab: OrderCode = { ...dupilumab, code: '310994', display: 'infliximab 100 MG Injection' };

const payer = (id: string, lineOfBusiness: ResolvedPayer['lineOfBusiness'], name = id): ResolvedPayer => ({
  id,
  name,
  lineOfBusiness,
});

describe('the coverage directory', () => {
  it('loads with the policy library and validates', () => {
    expect(directory.routes.length).toBeGreaterThan(0);
    expect(coverageDirectoryErrors(directory, new Set(library.payers.map((p) => p.id)))).toEqual([]);
  });

  it('reports schema and consistency problems with their location', () => {
    expect(coverageDirectoryErrors({ ...directory, timeZone: 3 })[0]).toMatch(/^\/timeZone/);
    const bad = {
      ...directory,
      timeZone: 'Mars/Olympus',
      holidays: { country: 'XX' },
      routes: [{ match: { payers: ['nobody'], families: ['dentistry'] }, channels: ['portal'] }, { match: {} }],
    };
    const errors = coverageDirectoryErrors(bad, new Set(['cigna']));
    expect(errors).toEqual(
      expect.arrayContaining([
        "/routes/0/match/families: unknown service family 'dentistry'",
        "/routes/0/match/payers: 'nobody' is not in payers.yaml",
        '/routes/1: names neither a reviewer nor channels',
        "/timeZone: unknown time zone 'Mars/Olympus'",
        "/holidays: unknown country 'XX'",
      ]),
    );
  });
});

describe('codes, families and benefit', () => {
  it('matches codes and ranges', () => {
    expect(codeMatches('72148', '70010-79999')).toBe(true);
    expect(codeMatches('17311', '70010-79999')).toBe(false);
    expect(codeMatches('J3590', 'J0000-J9999')).toBe(true);
    expect(codeMatches('0001U', '70010-79999')).toBe(false);
    expect(codeMatches('78815', '78815')).toBe(true);
  });

  it('puts orders in service families', () => {
    expect(familiesOf(directory, mri)).toEqual(['imaging']);
    expect(familiesOf(directory, mohs)).toEqual(['mohs']);
    expect(familiesOf(directory, dupilumab)).toEqual(['drugs']);
    expect(familiesOf(directory, jcode)).toEqual(['drugs']);
  });

  it('self-administered biologics are pharmacy benefit; J-codes and infusions medical', () => {
    expect(benefitOf(directory, dupilumab)).toBe('pharmacy');
    expect(benefitOf(directory, jcode)).toBe('medical');
    expect(benefitOf(directory, infliximab)).toBe('medical');
    expect(benefitOf(directory, mri)).toBe('medical');
  });
});

describe('reviewer and channels', () => {
  it('Cigna commercial imaging is reviewed by eviCore, with its source and read date', () => {
    const { coverage } = discoverCoverage(directory, {
      payer: payer('cigna', 'commercial', 'Cigna'),
      order: mri,
      asOf: '2026-03-02',
    });
    expect(coverage.reviewer).toEqual({
      name: 'eviCore healthcare (Evernorth)',
      kind: 'rbm',
      source: expect.stringMatching(/Spine Imaging Guidelines.*docslib\.org.*\(read 2026-11-23\)$/) as unknown,
    });
    expect(coverage.channels).toEqual(['portal', 'phone', 'fax']);
    expect(coverage.benefit).toBe('medical');
  });

  it('Anthem imaging is reviewed by Carelon on any line of business', () => {
    for (const line of ['commercial', 'medicare_advantage'] as const) {
      const { coverage } = discoverCoverage(directory, {
        payer: payer('anthem', line),
        order: mri,
        asOf: '2026-03-02',
      });
      expect(coverage.reviewer.name).toBe('Carelon Medical Benefits Management');
      expect(coverage.reviewer.kind).toBe('rbm');
      expect(coverage.reviewer.source).toMatch(/carelonmedicalbenefitsmanagement\.com/);
    }
  });

  it('the payer reviews what no benefit manager is on file for', () => {
    const cignaMohs = discoverCoverage(directory, {
      payer: payer('cigna', 'commercial', 'Cigna'),
      order: mohs,
      asOf: '2026-03-02',
    });
    expect(cignaMohs.coverage.reviewer).toEqual({ name: 'Cigna', kind: 'payer' });
    expect(cignaMohs.coverage.channels).toEqual(['x12-278', 'portal', 'fax', 'phone']);
    const uhc = discoverCoverage(directory, {
      payer: payer('uhc', 'commercial', 'UnitedHealthcare'),
      order: mri,
      asOf: '2026-03-02',
    });
    expect(uhc.coverage.reviewer).toEqual({ name: 'UnitedHealthcare', kind: 'payer' });
    // Cigna Medicare Advantage imaging is not in the eviCore route (commercial and exchange only).
    const cignaMa = discoverCoverage(directory, {
      payer: payer('cigna', 'medicare_advantage'),
      order: mri,
      asOf: '2026-03-02',
    });
    expect(cignaMa.coverage.reviewer.kind).toBe('payer');
  });

  it('pharmacy-benefit drugs go through NCPDP ePA, not the 278', () => {
    const { coverage } = discoverCoverage(directory, {
      payer: payer('uhc', 'commercial'),
      order: dupilumab,
      asOf: '2026-03-02',
    });
    expect(coverage.benefit).toBe('pharmacy');
    expect(coverage.channels).toEqual(['ncpdp-epa', 'portal', 'fax', 'phone']);
  });

  it('an unknown payer still gets a reviewer (itself) and the default channels', () => {
    const { coverage } = discoverCoverage(directory, {
      payer: { name: 'Acme Health', lineOfBusiness: 'unknown' },
      order: mri,
      asOf: '2026-03-02',
    });
    expect(coverage.reviewer).toEqual({ name: 'Acme Health', kind: 'payer' });
    expect(coverage.deadline).toBeUndefined();
  });
});

describe('decision clocks', () => {
  const ma = payer('humana', 'medicare_advantage', 'Humana');

  it('CMS-0057-F from 2026: 7 calendar days standard, 72 hours expedited for Medicare Advantage', () => {
    const standard = discoverCoverage(directory, {
      payer: ma,
      order: mri,
      priority: 'routine',
      receivedAt: '2026-03-02T09:00:00-05:00',
      asOf: '2026-03-02',
    });
    expect(standard.coverage.deadline).toMatchObject({
      urgency: 'standard',
      clock: 'CMS-0057-F 7 calendar days',
      due: '2026-03-09T09:00:00-04:00',
    });
    const expedited = discoverCoverage(directory, {
      payer: ma,
      order: mri,
      priority: 'stat',
      receivedAt: '2026-03-02T09:00:00-05:00',
      asOf: '2026-03-02',
    });
    expect(expedited.coverage.deadline).toMatchObject({
      urgency: 'expedited',
      clock: 'CMS-0057-F 72 hours',
      due: '2026-03-05T09:00:00-05:00',
    });
  });

  it('before 2026 the standard clock is 14 days', () => {
    const { coverage } = discoverCoverage(directory, {
      payer: payer('uhc', 'medicaid_managed_care'),
      order: mri,
      receivedAt: '2025-12-31T12:00:00-05:00',
      asOf: '2025-12-31',
    });
    expect(coverage.deadline).toMatchObject({
      clock: 'pre-2026 MA/Medicaid rule 14 calendar days',
      due: '2026-01-14T12:00:00-05:00',
    });
  });

  it('the receipt date, not the evaluation date, picks the clock', () => {
    const { coverage } = discoverCoverage(directory, {
      payer: ma,
      order: mri,
      receivedAt: '2026-01-01T00:30:00-05:00',
      asOf: '2025-12-20',
    });
    expect(coverage.deadline?.clock).toBe('CMS-0057-F 7 calendar days');
  });

  it('without a receipt time the clock is named but no due date is given', () => {
    const { coverage } = discoverCoverage(directory, { payer: ma, order: mri, asOf: '2026-03-02' });
    expect(coverage.deadline).toMatchObject({ urgency: 'standard', clock: 'CMS-0057-F 7 calendar days' });
    expect(coverage.deadline?.due).toBeUndefined();
  });

  it('drugs are outside CMS-0057-F: Part D and Part B drug clocks apply instead', () => {
    const partD = discoverCoverage(directory, { payer: ma, order: dupilumab, asOf: '2026-03-02' });
    expect(partD.coverage.deadline?.clock).toBe('Part D coverage determination 72 hours');
    expect(partD.coverage.deadline?.basis).toMatch(
      /; CMS-0057-F does not apply: its prior-authorization provisions exclude drugs$/,
    );
    const partB = discoverCoverage(directory, { payer: ma, order: jcode, priority: 'urgent', asOf: '2026-03-02' });
    expect(partB.coverage.deadline?.clock).toBe('MA Part B drug rule 24 hours');
  });

  it('says why when a drug has no clock once CMS-0057-F is excluded', () => {
    const custom: CoverageDirectory = { ...directory, clocks: directory.clocks.filter((c) => !c.drugsOnly) };
    const result = discoverCoverage(custom, { payer: ma, order: dupilumab, asOf: '2026-03-02' });
    expect(result.coverage.deadline).toBeUndefined();
    expect(result.notes).toContain(
      'CMS-0057-F does not apply to drugs and no drug decision clock is configured for Humana (medicare advantage)',
    );
  });

  it('commercial (ERISA) plans use their own clock; Original Medicare has none on file', () => {
    const erisa = discoverCoverage(directory, { payer: payer('aetna', 'commercial'), order: mri, asOf: '2026-03-02' });
    expect(erisa.coverage.deadline?.clock).toBe('ERISA pre-service claim rule 15 calendar days');
    const original = discoverCoverage(directory, {
      payer: payer('medicare', 'original_medicare', 'Original Medicare'),
      order: mri,
      asOf: '2026-03-02',
    });
    expect(original.coverage.deadline).toBeUndefined();
    expect(original.notes[0]).toMatch(/no decision clock is configured for Original Medicare/);
  });

  it('a payer-specific state clock in business days takes precedence when listed first', () => {
    const custom: CoverageDirectory = {
      ...directory,
      clocks: [
        {
          id: 'kaiser-state',
          label: 'State plan rule',
          match: { payers: ['kaiser'], linesOfBusiness: ['commercial'] },
          expedited: { amount: 1, unit: 'business_days' },
          standard: { amount: 5, unit: 'business_days' },
          timeZone: 'America/Los_Angeles',
          source: { name: 'synthetic state rule', read: '2026-11-23' },
        },
        ...directory.clocks,
      ],
    };
    const { coverage } = discoverCoverage(custom, {
      payer: payer('kaiser', 'commercial'),
      order: mri,
      receivedAt: '2026-12-24T10:00:00-08:00',
      asOf: '2026-12-24',
    });
    // Thu 24 Dec; Fri 25 Dec is a holiday; Mon 28 … Fri 1 Jan is a holiday too: 28, 29, 30, 31, Mon 4 Jan.
    expect(coverage.deadline).toMatchObject({
      clock: 'State plan rule 5 business days',
      due: '2027-01-04T23:59:59-08:00',
    });
  });
});
