// Loads the policy library from its folder of YAML files (one per payer × service family, plus payers.yaml),
// validating each against the schema; a broken file stops the load with its name and the exact problems.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  coverageDirectoryErrors,
  type CoverageDirectory,
  type CoverageLibrary,
  payerDirectoryErrors,
  type Payer,
} from '../../core/coverage/index.ts';
import {
  policyConsistencyErrors,
  type PolicyLibrary,
  isPolicy,
  policyErrors,
  type Policy,
} from '../../core/policy/index.ts';

export const DEFAULT_POLICY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../policies');

export class PolicyLoadError extends Error {
  constructor(file: string, problems: string[]) {
    super(`${file}:\n  ${problems.join('\n  ')}`);
    this.name = 'PolicyLoadError';
  }
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

export function parsePolicy(text: string, file: string): Policy {
  const data: unknown = parse(text);
  const errors = policyErrors(data);
  if (errors.length > 0 || !isPolicy(data)) throw new PolicyLoadError(file, errors);
  const consistency = policyConsistencyErrors(data);
  if (consistency.length > 0) throw new PolicyLoadError(file, consistency);
  return data;
}

export function loadPolicyLibrary(dir: string = DEFAULT_POLICY_DIR): PolicyLibrary & CoverageLibrary {
  const policies: Policy[] = [];
  let payers: Payer[] = [];
  let coverage: { data: unknown; file: string } | undefined;
  const ids = new Map<string, string>();
  for (const file of yamlFiles(dir)) {
    const relative = path.relative(dir, file);
    const text = readFileSync(file, 'utf8');
    if (path.basename(file) === 'payers.yaml') {
      const data = parse(text) as { payers: Payer[] };
      const errors = payerDirectoryErrors(data);
      if (errors.length > 0) throw new PolicyLoadError(relative, errors);
      payers = data.payers;
      continue;
    }
    if (path.basename(file) === 'coverage.yaml') {
      coverage = { data: parse(text), file: relative };
      continue;
    }
    const policy = parsePolicy(text, relative);
    const clash = ids.get(`${policy.id}@${policy.version}`);
    if (clash)
      throw new PolicyLoadError(relative, [`policy ${policy.id} version ${policy.version} is also in ${clash}`]);
    ids.set(`${policy.id}@${policy.version}`, relative);
    policies.push(policy);
  }
  const payerIds = new Set(payers.map((p) => p.id));
  for (const policy of policies) {
    const unknown = (policy.appliesTo.payers ?? []).filter((id) => !payerIds.has(id));
    if (unknown.length > 0)
      throw new PolicyLoadError(policy.id, [`names payers not in payers.yaml: ${unknown.join(', ')}`]);
  }
  if (!coverage) return { policies, payers };
  const coverageErrors = coverageDirectoryErrors(coverage.data, payerIds);
  if (coverageErrors.length > 0) throw new PolicyLoadError(coverage.file, coverageErrors);
  return { policies, payers, coverage: coverage.data as CoverageDirectory };
}
