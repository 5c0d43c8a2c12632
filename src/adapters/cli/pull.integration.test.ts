// `klivira pull` against the sandbox EHR with Backend Services credentials, and its refusals of bad arguments.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Bundle } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxEhr, startSandboxEhr } from '../ehr/sandbox/server.ts';
import { pullCommand, type PullFlags } from './pull.ts';

let ehr: SandboxEhr;
let dir: string;
let keyFile: string;

beforeAll(async () => {
  ehr = await startSandboxEhr({ port: 0, demoCases: 1, syntheaDir: null });
  dir = mkdtempSync(path.join(tmpdir(), 'klivira-pull-'));
  keyFile = path.join(dir, 'key.json');
  writeFileSync(keyFile, JSON.stringify(ehr.backendClient.privateJwk));
});
afterAll(async () => {
  await ehr.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(flags: Partial<PullFlags>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await pullCommand(
    { fhir: ehr.fhirBase, patient: ehr.cases[0]?.patient ?? '', order: ehr.cases[0]?.order ?? '', ...flags },
    { out: (t) => out.push(t), err: (t) => err.push(t) },
  );
  return { code, out: out.join(''), err: err.join('') };
}

describe('klivira pull', () => {
  it('writes the bundle with Backend Services credentials', async () => {
    const file = path.join(dir, 'bundle.json');
    const result = await run({ clientId: ehr.backendClient.clientId, key: keyFile, out: file });
    expect(result.code).toBe(0);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^pulled \d+ resources \(\d+ bytes, \d+ requests\) in \d+ ms to /);
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as Bundle;
    expect(bundle.entry?.[0]?.resource?.resourceType).toBe('Patient');
  });

  it('fails (1) without credentials on a protected server', async () => {
    const result = await run({});
    expect(result.code).toBe(1);
    expect(result.err).toBe('klivira pull failed: the Patient: the server answered 401: Unauthorized\n');
  });

  it.each([
    [{ fhir: 'ftp://x' }, "--fhir 'ftp://x' is not an http(s) URL"],
    [
      { order: 'Observation/1' },
      "'Observation/1' is not an order reference: ServiceRequest/<id> or MedicationRequest/<id>",
    ],
    [{ patient: 'a b' }, "'a b' is not a Patient id (1-64 letters, digits, '-', '.')"],
    [{ clientId: 'klivira-backend' }, '--client-id and --key go together (SMART Backend Services)'],
    [{ clientId: 'x', key: '/nonexistent.json' }, 'cannot read the key /nonexistent.json (ENOENT)'],
  ])('refuses bad arguments (2): %j', async (flags, message) => {
    const result = await run(flags);
    expect(result).toEqual({ code: 2, out: '', err: `${message}\n` });
  });
});
