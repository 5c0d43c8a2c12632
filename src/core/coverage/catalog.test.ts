import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import type { Policy } from '../policy/schema.ts';
import { describeRule } from '../policy/index.ts';
import { criteriaLines, findPolicy, formatPolicy, listPolicies, payerIdOf } from './catalog.ts';

const library = loadPolicyLibrary();

describe('the policy catalog', () => {
  it('lists every policy with its summary fields', () => {
    const all = listPolicies(library);
    expect(all.length).toBe(library.policies.length);
    const uhc = all.find((p) => p.id === 'uhc-lumbar-spine-mri');
    expect(uhc).toMatchObject({
      version: '2025.11.1',
      payers: ['uhc'],
      linesOfBusiness: ['commercial', 'medicaid_managed_care'],
      codes: ['72148', '72149', '72158'],
      priorAuth: 'required',
      effective: '2025-11-01',
    });
  });

  it('filters by payer id, name or alias, and by code', () => {
    expect(payerIdOf(library, 'Optum')).toBe('uhc');
    expect(payerIdOf(library, 'nobody')).toBeUndefined();
    const byAlias = listPolicies(library, { payer: 'UnitedHealthcare' }).map((p) => p.id);
    expect(byAlias).toContain('uhc-lumbar-spine-mri');
    expect(byAlias.every((id) => library.policies.find((p) => p.id === id)?.appliesTo.payers?.includes('uhc'))).toBe(
      true,
    );
    expect(listPolicies(library, { code: '78815' }).map((p) => p.id)).toContain('medicare-ncd-220-6-17-fdg-pet');
    expect(listPolicies(library, { payer: 'cigna', code: '78815' }).every((p) => p.payers.includes('cigna'))).toBe(
      true,
    );
    expect(listPolicies(library, { payer: 'nobody' })).toEqual([]);
    expect(listPolicies(library, { code: '00000' })).toEqual([]);
  });

  it('finds a policy by id, optionally the version in force on a date', () => {
    expect(findPolicy(library, 'uhc-lumbar-spine-mri')?.version).toBe('2025.11.1');
    expect(findPolicy(library, 'uhc-lumbar-spine-mri', '2020-01-01')).toBeUndefined();
    expect(findPolicy(library, 'nope')).toBeUndefined();
  });

  it('describes rules in plain words', () => {
    expect(describeRule({ condition: { icd10: ['M54.1', 'M51'] } })).toBe('diagnosis coded ICD-10-CM M54.1, M51');
    expect(describeRule({ fact: { kind: 'red_flag', where: { flag: ['fever'] } } })).toBe(
      'red flag on record (flag in fever)',
    );
    expect(
      describeRule({ therapy: { modalities: ['physical_therapy', 'nsaid'], minWeeks: 6, providerDirected: true } }),
    ).toBe('≥ 6 weeks of physical therapy / nsaid, provider-directed');
    expect(describeRule({ order: { modifier: 'PI' } })).toBe('order modifier PI');
  });

  it('prints a policy readably: header, indented tree with ALL / ANY / AT LEAST, exceptions, themes, source', () => {
    const text = formatPolicy(findPolicy(library, 'uhc-lumbar-spine-mri') as Policy);
    expect(text).toMatch(/^Lumbar spine MRI — UnitedHealthcare/);
    expect(text).toMatch(/\n {2}Payers {12}uhc\n/);
    expect(text).toMatch(/\nCriteria\n {2}ALL of: Lumbar spine MRI is medically necessary/);
    expect(text).toMatch(/\n {4}ANY of: Radiculopathy with an objective neurological finding.*\(waived by: red-flag\)/);
    expect(text).toMatch(/\n {6}ALL of: Radiculopathy — dermatomal pain/);
    expect(text).toMatch(
      /\n {4}- At least 6 weeks of provider-directed conservative treatment.*\n {8}decided by: ≥ 6 weeks of/,
    );
    expect(text).toMatch(/\nExceptions\n {2}ANY of: A red-flag indication/);
    expect(text).toMatch(/\nDenial themes\n {2}- Conservative care documented only by the patient's report/);
    expect(text).toMatch(
      /\nSource\n {2}UnitedHealthcare Adult Spine Imaging guideline .*\(v1\.0\.2025\), revised 2025-11-01\n {2}https:/,
    );
  });

  it('prints at-least groups', () => {
    const lines = criteriaLines({
      id: 'two',
      text: 'Two of three',
      atLeast: {
        n: 2,
        of: [
          { id: 'a', text: 'A', request: 'ask A', rule: { fact: { kind: 'evaluation' } } },
          { id: 'b', text: 'B', rule: { fact: { kind: 'evaluation' } } },
          { id: 'c', text: 'C', rule: { fact: { kind: 'evaluation' } } },
        ],
      },
    });
    expect(lines[0]).toBe('AT LEAST 2 of: Two of three [two]');
    expect(lines).toContain('  - A [a]');
    expect(lines).toContain('      if missing, ask: ask A');
  });
});
