// The policy folder as loaded in production: the NCCN-style PET policies share their criteria through
// policies/fragments/, spliced in by the loader. (That the split left them exactly as they were was checked against
// their pre-fragment hashes when the fragments were introduced; the policies have changed since, on purpose.)
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary, PolicyLoadError } from './load.ts';

const SHARING = [
  'anthem-fdg-pet-skin-cancer',
  'cigna-fdg-pet-skin-cancer',
  'commercial-fdg-pet-skin-cancer',
  'guideline-nccn-fdg-pet-skin-cancer',
];

describe('loadPolicyLibrary with criteria fragments', () => {
  it('splices the shared PET criteria into each policy that names them, leaving no reference behind', () => {
    const { policies } = loadPolicyLibrary();
    const sharing = SHARING.map((id) => policies.find((p) => p.id === id));
    expect(sharing.every((p) => p !== undefined)).toBe(true);
    const exclusions = sharing.map((p) => JSON.stringify(p?.exclusions));
    expect(new Set(exclusions).size).toBe(1);
    expect((sharing[0]?.exclusions ?? []).length).toBeGreaterThan(0);
    for (const policy of sharing) expect(JSON.stringify(policy)).not.toMatch(/"fragment"/);
  });

  it('stops on a policy naming a fragment that does not exist, with the file and the place', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'klivira-policies-'));
    mkdirSync(path.join(dir, 'fragments'));
    writeFileSync(
      path.join(dir, 'fragments', 'shared.yaml'),
      'fragments:\n  - id: shared\n    text: Shared\n    criteria:\n      - { id: a, text: A, rule: { fhirpath: "true" } }\n',
    );
    writeFileSync(
      path.join(dir, 'p.yaml'),
      [
        'id: p',
        "version: '1'",
        'title: P',
        'kind: guideline',
        "effective: '2025-01-01'",
        'appliesTo: {}',
        "codes: { cpt: ['78815'] }",
        'priorAuth: unknown',
        'source: { name: S, url: https://example.org }',
        'criteria:',
        '  id: root',
        '  text: Root',
        '  all:',
        '    - fragment: shared',
        '    - fragment: missing',
      ].join('\n'),
    );
    expect(() => loadPolicyLibrary(dir)).toThrow(PolicyLoadError);
    expect(() => loadPolicyLibrary(dir)).toThrow(
      '/criteria/all/1: no criteria fragment "missing" in policies/fragments',
    );
  });
});
