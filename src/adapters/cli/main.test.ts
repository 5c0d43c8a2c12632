import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { condition, lumbarMriCase, neuroFinding, procedure } from '../../testing/fixtures.ts';
import { generateDemoCases } from '../../demo/index.ts';
import { hasShared, sharedPath } from '../../testing/shared.ts';
import { run } from './main.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'klivira-cli-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: unknown): string {
  const target = path.join(dir, name);
  writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
  return target;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const complete = lumbarMriCase([
  condition('M54.16'),
  procedure('97110', '2026-01-05', '2026-02-20'),
  neuroFinding('26544005', 'left L5'),
]);

describe('klivira check', () => {
  it('prints a readable checklist with cited evidence and exits 0', async () => {
    const result = await cli('check', file('case.json', complete));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^INSUFFICIENT DOCUMENTATION {3}\(evaluated as of 2026-03-02\)/);
    expect(result.out).toMatch(/Payer {8}UnitedHealthcare \(commercial\)/);
    expect(result.out).toMatch(/\[x\] At least 6 weeks of provider-directed conservative treatment/);
    expect(result.out).toMatch(/<- Procedure\/proc-\d+: "Procedure: 97110 \(2026-01-05 to 2026-02-20\)"/);
    expect(result.out).toMatch(/Documentation still needed\n {2}- Document the follow-up visit/);
  });

  it("keeps the policy's tree (ALL of / ANY of, nested) and shows at most three citations per criterion", async () => {
    const many = lumbarMriCase([
      condition('M54.16'),
      ...['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02'].map((start) =>
        procedure('97110', start, '2026-02-20'),
      ),
      neuroFinding('26544005', 'left L5'),
    ]);
    const { out } = await cli('check', file('many.json', many));
    const criteria = out.slice(out.indexOf('Criteria'), out.indexOf('Documentation still needed'));
    expect(criteria).toMatch(/\n {2}\[.\] ALL of: .*\(uhc-lumbar-mri\)/);
    expect(criteria).toMatch(/\n {4}\[.\] ANY of: .*\(clinical-indication\)/);
    expect(criteria).toMatch(/\n {6}\[.\] ALL of: .*\(radiculopathy\)/);
    const care = criteria.slice(criteria.indexOf('(conservative-care)'));
    const cited = care.slice(0, care.indexOf('\n    [')).match(/<- Procedure\//g) ?? [];
    expect(cited).toHaveLength(3);
    expect(care).toMatch(/\(\+\d+ more citations in --json\)/);
  });

  it('prints the contract as JSON with --json and honours --as-of', async () => {
    const result = await cli('check', file('case.json', complete), '--json', '--as-of', '2026-02-01');
    expect(result.code).toBe(0);
    const d = JSON.parse(result.out) as {
      asOf: string;
      determination: string;
      criteria: { id: string; status: string }[];
    };
    expect(d.asOf).toBe('2026-02-01');
    expect(d.criteria.find((c) => c.id === 'conservative-care')?.status).toBe('not_met');
  });

  it.each([
    ['a missing file', [path.join(dir, 'nope.json')], /no such file/],
    ['invalid JSON', [file('bad.json', '{ "resourceType": ')], /is not valid JSON/],
    [
      'a rejected bundle',
      [file('empty.json', { resourceType: 'Bundle', type: 'collection', entry: [] })],
      /The bundle was rejected:\n {2}- Bundle.entry: the Bundle has no entries/,
    ],
    ['an impossible --as-of', [file('case2.json', complete), '--as-of', '2026-02-31'], /not a calendar date/],
    [
      'an unknown --order',
      [file('case3.json', complete), '--order', 'ServiceRequest/x'],
      /ServiceRequest\/x is not in the bundle/,
    ],
  ])('exits 2 with a readable message for %s', async (_label, args, message) => {
    const result = await cli('check', ...args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.out).toBe('');
  });

  it('exits 2 for an unknown command', async () => {
    expect((await cli('chekc')).code).toBe(2);
  });
});

describe('klivira facts', () => {
  it('lists facts with their provenance', async () => {
    const result = await cli('facts', file('facts.json', complete));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/therapy \(1\)\n {2}affirmed {5}2026-01-05 {2}modality=physical_therapy/);
    const json = await cli('facts', file('facts.json', complete), '--json');
    const facts = JSON.parse(json.out) as { kind: string; source: { reference: string } }[];
    expect(facts.find((f) => f.kind === 'neuro_finding')?.source.reference).toMatch(/^Observation\//);
  });
});

describe.skipIf(!hasShared('x12-samples'))('klivira x12', () => {
  const sample = (name: string) => sharedPath('x12-samples', name);

  it('parses a 278 response and prints its decisions', async () => {
    const result = await cli('x12', 'parse', sample('kputnam-stupidedi__admission-response-to-request-for-review.edi'));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/278 response ST02 0001 {2}BHT03 B56789/);
    expect(result.out).toMatch(/service 1: A1 certified cert AUTH0002/);
  });

  it('validates a clean file (exit 0) and names the defect of a broken one (exit 2)', async () => {
    expect((await cli('x12', 'validate', sample('kputnam-stupidedi__referral-request-for-review.edi'))).code).toBe(0);
    const broken = await cli('x12', 'validate', sample('kputnam-stupidedi__admission-request-for-review.edi'));
    expect(broken.code).toBe(2);
    expect(broken.out).toMatch(/SE01 is 25, expected 26/);
  });

  it('exits 2 with a readable message for a file that is not X12', async () => {
    const result = await cli('x12', 'parse', file('not.edi', 'hello world'));
    expect(result.code).toBe(2);
    expect(result.err).not.toBe('');
  });
});

describe.skipIf(!hasShared('pas'))('klivira pas', () => {
  it('reads a PAS response into per-item decisions', async () => {
    const result = await cli(
      'pas',
      'read',
      sharedPath('pas', 'examples', 'Bundle-ReferralAuthorizationResponseBundleExample.json'),
    );
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/outcome certified/);
    expect(result.out).toMatch(/item 1: A1 certified auth AUTH0001/);
  });

  it('builds a PAS request bundle whose first entry is the Claim', async () => {
    const demo = generateDemoCases({ seed: 3 }).find((c) => c.scenario === 'lumbar_meets_radiculopathy');
    const result = await cli('pas', 'build', file('pas-case.json', demo?.bundle));
    expect(result.code).toBe(0);
    const bundle = JSON.parse(result.out) as { entry: { resource: { resourceType: string; use?: string } }[] };
    expect(bundle.entry[0]?.resource).toMatchObject({ resourceType: 'Claim', use: 'preauthorization' });
  });
});
