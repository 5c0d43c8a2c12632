// Loads the policy library from its folder of YAML files (one per payer × service family, plus payers.yaml and the
// shared criteria fragments under fragments/), validating each against the schema once its fragments are spliced
// in; a broken file stops the load with its name and the exact problems.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
  type CriteriaFragments,
  type CriterionNode,
  fragmentFileErrors,
  isFragmentFile,
  policyConsistencyErrors,
  type PolicyLibrary,
  isPolicy,
  policyErrors,
  type Policy,
  resolveFragments,
} from '../../core/policy/index.ts';

/** The folder (inside the policy folder) of criteria fragments shared by several policies. */
const FRAGMENT_DIR = 'fragments';

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

/** The criteria fragments of the policy folder by id; a broken file or an id used twice stops the load. */
export function loadFragments(dir: string): CriteriaFragments {
  const fragments = new Map<string, CriterionNode[]>();
  const folder = path.join(dir, FRAGMENT_DIR);
  if (!existsSync(folder)) return fragments;
  for (const file of yamlFiles(folder)) {
    const relative = path.relative(dir, file);
    const data: unknown = parse(readFileSync(file, 'utf8'));
    if (!isFragmentFile(data)) throw new PolicyLoadError(relative, fragmentFileErrors(data));
    for (const fragment of data.fragments) {
      if (fragments.has(fragment.id))
        throw new PolicyLoadError(relative, [`criteria fragment ${fragment.id} is defined twice`]);
      fragments.set(fragment.id, fragment.criteria);
    }
  }
  return fragments;
}

export function parsePolicy(text: string, file: string, fragments: CriteriaFragments = new Map()): Policy {
  const resolved = resolveFragments(parse(text), fragments);
  if (resolved.errors.length > 0) throw new PolicyLoadError(file, resolved.errors);
  const data = resolved.data;
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
  const fragments = loadFragments(dir);
  for (const file of yamlFiles(dir)) {
    const relative = path.relative(dir, file);
    if (relative.split(path.sep)[0] === FRAGMENT_DIR) continue;
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
    const policy = parsePolicy(text, relative, fragments);
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
