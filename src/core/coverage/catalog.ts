// The policy library as a catalog: which policies a payer has, which cover a code, and one line of summary each.
// Shared by `klivira policies` and `GET /api/policies`. Pure.
import type { PolicyLibrary } from '../policy/library.ts';
import { childCriteria, describeRule, type CriterionNode, type Policy } from '../policy/index.ts';

export interface PolicyListing {
  id: string;
  version: string;
  title: string;
  kind: Policy['kind'];
  payers: string[];
  linesOfBusiness: string[];
  codes: string[];
  priorAuth: Policy['priorAuth'];
  effective: string;
  expires?: string;
  reviewer?: string;
  source: string;
}

export interface CatalogFilter {
  /** Payer id, name or alias (`uhc`, `UnitedHealthcare`, `Optum`). */
  payer?: string;
  /** CPT/HCPCS/RxNorm code, or a drug ingredient word. */
  code?: string;
}

const normalise = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The directory id a payer filter names, or undefined when no payer in the directory answers to it. */
export function payerIdOf(library: PolicyLibrary, name: string): string | undefined {
  const wanted = normalise(name);
  return library.payers.find((p) => p.id === name || [p.name, ...p.aliases].some((a) => normalise(a) === wanted))?.id;
}

export function codesOf(policy: Policy): string[] {
  const { cpt, hcpcs, rxnorm, ingredients } = policy.codes;
  return [...(cpt ?? []), ...(hcpcs ?? []), ...(rxnorm ?? []), ...(ingredients ?? [])];
}

export function listingOf(policy: Policy): PolicyListing {
  return {
    id: policy.id,
    version: policy.version,
    title: policy.title,
    kind: policy.kind,
    payers: policy.appliesTo.payers ?? [],
    linesOfBusiness: policy.appliesTo.linesOfBusiness ?? [],
    codes: codesOf(policy),
    priorAuth: policy.priorAuth,
    effective: policy.effective,
    ...(policy.expires ? { expires: policy.expires } : {}),
    ...(policy.reviewer ? { reviewer: policy.reviewer } : {}),
    source: [policy.source.name, policy.source.number, policy.source.url].filter(Boolean).join(' — '),
  };
}

/**
 * Policies matching the filter, sorted by id then newest version first. A payer filter lists that payer's own
 * policies (guideline fallbacks apply to everyone and are listed without a payer filter); an unknown payer lists none.
 */
export function listPolicies(library: PolicyLibrary, filter: CatalogFilter = {}): PolicyListing[] {
  const payerId = filter.payer === undefined ? undefined : (payerIdOf(library, filter.payer) ?? null);
  const code = filter.code?.trim().toLowerCase();
  return library.policies
    .filter((p) => payerId === undefined || (payerId !== null && (p.appliesTo.payers ?? []).includes(payerId)))
    .filter((p) => code === undefined || codesOf(p).some((c) => c.toLowerCase() === code))
    .map(listingOf)
    .sort((a, b) => a.id.localeCompare(b.id) || b.effective.localeCompare(a.effective));
}

/** The policy with this id: the version in force on `asOf` when given, else the newest. */
export function findPolicy(library: PolicyLibrary, id: string, asOf?: string): Policy | undefined {
  const versions = library.policies.filter((p) => p.id === id).sort((a, b) => b.effective.localeCompare(a.effective));
  if (asOf === undefined) return versions[0];
  return versions.find((p) => p.effective <= asOf && (p.expires === undefined || asOf < p.expires));
}

/** The criteria tree as indented lines: groups say ALL / ANY / AT LEAST n; leaves say what decides them. */
export function criteriaLines(node: CriterionNode, depth = 0): string[] {
  const pad = '  '.repeat(depth);
  const waived = node.waivedBy ? ` (waived by: ${node.waivedBy.join(', ')})` : '';
  if (node.rule) {
    const lines = [`${pad}- ${node.text} [${node.id}]${waived}`, `${pad}    decided by: ${describeRule(node.rule)}`];
    if (node.request) lines.push(`${pad}    if missing, ask: ${node.request}`);
    return lines;
  }
  const mode = node.all
    ? 'ALL of'
    : node.any
      ? 'ANY of'
      : node.not
        ? 'NOT'
        : `AT LEAST ${String(node.atLeast?.n ?? 1)} of`;
  return [
    `${pad}${mode}: ${node.text} [${node.id}]${waived}`,
    ...childCriteria(node).flatMap((child) => criteriaLines(child, depth + 1)),
  ];
}

/** A policy in readable form: header, criteria tree, exceptions, exclusions, denial themes, source. */
export function formatPolicy(policy: Policy): string {
  const l = listingOf(policy);
  const lines = [
    policy.title,
    `  id ${policy.id}  version ${policy.version}  (${policy.kind} policy)`,
    `  Payers            ${l.payers.join(', ') || 'any (national guideline fallback)'}`,
    `  Lines of business ${l.linesOfBusiness.join(', ').replace(/_/g, ' ') || 'all'}`,
    `  Codes             ${l.codes.join(', ')}`,
    `  Prior auth        ${policy.priorAuth.replace('_', ' ')}`,
    ...(policy.reviewer ? [`  Reviewer          ${policy.reviewer}`] : []),
    `  Effective         ${policy.effective}${policy.expires ? ` until ${policy.expires}` : ''}`,
  ];
  lines.push('', 'Criteria');
  if (policy.criteria) lines.push(...criteriaLines(policy.criteria, 1));
  else lines.push('  none: the payer has no criteria for this service');
  for (const [title, nodes] of [
    ['Exceptions', policy.exceptions],
    ['Exclusions', policy.exclusions],
  ] as const) {
    if (!nodes || nodes.length === 0) continue;
    lines.push('', title, ...nodes.flatMap((node) => criteriaLines(node, 1)));
  }
  if (policy.denialThemes) lines.push('', 'Denial themes', ...policy.denialThemes.map((t) => `  - ${t}`));
  const s = policy.source;
  lines.push(
    '',
    'Source',
    `  ${s.name}${s.number ? ` (${s.number})` : ''}${s.revised ? `, revised ${s.revised}` : ''}`,
  );
  lines.push(`  ${s.url}`);
  if (s.note) lines.push(`  Note: ${s.note}`);
  return `${lines.join('\n')}\n`;
}

/** `klivira policies` table. */
export function formatListing(listings: readonly PolicyListing[]): string {
  if (listings.length === 0) return 'No policies match.\n';
  const lines = listings.map((p) =>
    [
      `${p.id}@${p.version}`,
      `  ${p.title}`,
      `  payers: ${p.payers.join(', ') || '(guideline)'} · lines: ${p.linesOfBusiness.join(', ') || 'all'} · PA: ${p.priorAuth.replace('_', ' ')} · effective ${p.effective}${p.expires ? ` to ${p.expires}` : ''}`,
      `  codes: ${p.codes.join(', ')}`,
    ].join('\n'),
  );
  return `${lines.join('\n\n')}\n\n${String(listings.length)} ${listings.length === 1 ? 'policy' : 'policies'}\n`;
}
