import { describe, expect, it } from 'vitest';
import { run } from './main.ts';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('klivira policies', () => {
  it('lists the library', async () => {
    const result = await cli('policies');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^uhc-lumbar-spine-mri@2025\.11\.1\n {2}Lumbar spine MRI — UnitedHealthcare/m);
    expect(result.out).toMatch(
      /payers: uhc · lines: commercial, medicaid_managed_care · PA: required · effective 2025-11-01/,
    );
    expect(result.out).toMatch(/\n\d+ policies\n$/);
  });

  it('filters by payer and code, and prints JSON', async () => {
    const result = await cli('policies', '--payer', 'Cigna', '--code', '72148', '--json');
    expect(result.code).toBe(0);
    const listings = JSON.parse(result.out) as { id: string; payers: string[]; codes: string[] }[];
    expect(listings.map((l) => l.id)).toContain('cigna-lumbar-spine-mri');
    expect(listings.every((l) => l.payers.includes('cigna') && l.codes.includes('72148'))).toBe(true);
  });

  it('says when nothing matches, and refuses an unknown payer with exit 2', async () => {
    expect((await cli('policies', '--code', '00000')).out).toBe('No policies match.\n');
    const unknown = await cli('policies', '--payer', 'Acme');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^no payer 'Acme' in the payer directory \(known: uhc, aetna/);
  });
});

describe('klivira policy show', () => {
  it('prints the policy readably', async () => {
    const result = await cli('policy', 'show', 'medicare-ncd-220-6-17-fdg-pet');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^FDG PET\/CT for skin cancers — Original Medicare NCD 220\.6\.17/);
    expect(result.out).toMatch(/\nExclusions\n {2}ALL of: An initial-strategy PET to evaluate regional lymph nodes/);
    expect(result.out).toMatch(/decided by: order modifier PI/);
  });

  it('prints JSON with --json', async () => {
    const result = await cli('policy', 'show', 'cigna-lumbar-spine-mri', '--json');
    expect((JSON.parse(result.out) as { id: string }).id).toBe('cigna-lumbar-spine-mri');
  });

  it('exits 2 for an unknown policy', async () => {
    const result = await cli('policy', 'show', 'no-such-policy');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^no policy 'no-such-policy' in the library \(known: /);
  });
});
