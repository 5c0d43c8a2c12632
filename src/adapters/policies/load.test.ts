// The policy folder as loaded in production: the NCCN-style PET policies share their criteria through
// policies/fragments/, and resolved they are exactly the policies they were when each file repeated them.
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary, PolicyLoadError } from './load.ts';

// SHA-256 of each policy's JSON as parsed from its file before the fragments were extracted.
const BEFORE_FRAGMENTS: Readonly<Record<string, string>> = {
  'anthem-fdg-pet-skin-cancer': '4478e9b1036a3b018b30d3d47242fa2e8abbb893518f6fbd7f4cf410c0eec979',
  'cigna-fdg-pet-skin-cancer': '40ad7788360a513f4f5ca570d1e1784032c2b854c29e2e651be394665f6c8032',
  'commercial-fdg-pet-skin-cancer': '20c615dc10da5b8dd0f6a76f72653169eb43d31135a0b2fed355210d67fba28d',
  'guideline-nccn-fdg-pet-skin-cancer': '8ed8ff2fe229c60552fefb0385107f8ddfe86ff22c788864d6d7cbba07c49450',
};

describe('loadPolicyLibrary with criteria fragments', () => {
  it('resolves the PET policies to exactly what they were before sharing fragments', () => {
    const { policies } = loadPolicyLibrary();
    for (const [id, digest] of Object.entries(BEFORE_FRAGMENTS)) {
      const policy = policies.find((p) => p.id === id);
      expect(policy, id).toBeDefined();
      expect(createHash('sha256').update(JSON.stringify(policy)).digest('hex'), id).toBe(digest);
    }
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
