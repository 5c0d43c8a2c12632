// The policy library in memory, and the choice of the policy that governs an order: the payer's own policy for
// its line of business when one is in force on the evaluation date, else the national guideline fallback.
import type { Payer, ResolvedPayer } from '../coverage/payer.ts';
import type { OrderCode } from '../intake/intake.ts';
import { childCriteria, type CriterionNode, type Policy } from './schema.ts';

export interface PolicyLibrary {
  policies: readonly Policy[];
  payers: readonly Payer[];
}

export interface PolicySelection {
  policy?: Policy;
  /** True when no payer policy matched and a national guideline policy was used instead. */
  fallback: boolean;
  /** Why this policy (or none) was chosen, in plain words. */
  reason: string;
  /** True when the payer's policy for the order's family was applied to a drug or code it does not name. */
  familyMember?: boolean;
  /** True when no version of the payer's policy was in force on the order's date and the nearest one was applied. */
  nearestVersion?: boolean;
  /** True when the coverage does not say its line of business and the payer's commercial policy was applied. */
  assumedLine?: boolean;
}

/** Checks what the schema cannot: one kind of node per criterion, unique ids, waivers naming real exceptions. */
export function policyConsistencyErrors(policy: Policy): string[] {
  const errors: string[] = [];
  const ids = new Set<string>();
  const exceptionIds = new Set((policy.exceptions ?? []).map((e) => e.id));
  const visit = (node: CriterionNode, path: string, requirement: boolean): void => {
    if (ids.has(node.id)) errors.push(`${path}: duplicate criterion id '${node.id}'`);
    ids.add(node.id);
    const kinds = [node.rule, node.all, node.any, node.atLeast, node.not].filter((k) => k !== undefined).length;
    if (kinds !== 1) errors.push(`${path} (${node.id}): needs exactly one of rule, all, any, atLeast, not`);
    if (requirement && node.rule && !node.request)
      errors.push(`${path} (${node.id}): a leaf needs a 'request' for missing documentation`);
    for (const waiver of node.waivedBy ?? []) {
      if (!exceptionIds.has(waiver)) errors.push(`${path} (${node.id}): waivedBy names unknown exception '${waiver}'`);
    }
    if (node.atLeast && node.atLeast.n > node.atLeast.of.length) {
      errors.push(`${path} (${node.id}): atLeast.n is larger than the number of criteria`);
    }
    childCriteria(node).forEach((child, i) => {
      visit(child, `${path}/${i}`, requirement);
    });
  };
  (policy.exceptions ?? []).forEach((node, i) => {
    visit(node, `/exceptions/${i}`, false);
  });
  (policy.exclusions ?? []).forEach((node, i) => {
    visit(node, `/exclusions/${i}`, false);
  });
  if (policy.criteria) visit(policy.criteria, '/criteria', true);
  if (policy.kind === 'payer' && !policy.appliesTo.payers)
    errors.push('/appliesTo: a payer policy must name its payers');
  if (policy.expires !== undefined && policy.expires <= policy.effective)
    errors.push('/expires: must be after effective');
  return errors;
}

function coversOrder(policy: Policy, order: OrderCode): boolean {
  const { cpt, hcpcs, rxnorm, ingredients } = policy.codes;
  if (order.kind === 'service') return (cpt ?? []).includes(order.code) || (hcpcs ?? []).includes(order.code);
  if ((rxnorm ?? []).includes(order.code)) return true;
  const display = order.display.toLowerCase();
  return (ingredients ?? []).some((word) => new RegExp(`\\b${word.toLowerCase()}\\b`).test(display));
}

const inForce = (policy: Policy, asOf: string): boolean =>
  policy.effective <= asOf && (policy.expires === undefined || asOf < policy.expires);

const forLine = (policy: Policy, payer: ResolvedPayer): boolean =>
  policy.appliesTo.linesOfBusiness === undefined ||
  (payer.lineOfBusiness !== 'unknown' && policy.appliesTo.linesOfBusiness.includes(payer.lineOfBusiness));

const newestFirst = (a: Policy, b: Policy): number => b.effective.localeCompare(a.effective);

export function selectPolicy(
  library: PolicyLibrary,
  payer: ResolvedPayer,
  order: OrderCode,
  asOf: string,
): PolicySelection {
  const selection = selectForLine(library, payer, order, asOf);
  if (selection.policy?.kind === 'payer' || payer.id === undefined) return selection;
  // Two cases where the payer's commercial criteria are nearer its decision than a national guideline, each with a
  // warning to confirm:
  // - an export's Coverage often names the plan ("Open Access Plus") without its line: a carrier known to the
  //   directory with no Medicare or Medicaid word is most often the employer plan;
  // - a Medicare Advantage drug benefit (Part D) sets its own prior-authorization criteria, for a drug the library has
  //   only the commercial criteria for (a guideline would approve on the label alone). Services under Medicare
  //   Advantage follow Medicare's own coverage rules.
  const unstatedLine = payer.lineOfBusiness === 'unknown';
  const partD = payer.lineOfBusiness === 'medicare_advantage' && order.kind === 'drug';
  if (!unstatedLine && !partD) return selection;
  const commercial = selectForLine(library, { ...payer, lineOfBusiness: 'commercial' }, order, asOf);
  if (commercial.policy?.kind !== 'payer') return selection;
  const why = unstatedLine
    ? `the coverage does not state its line of business: ${payer.name}'s commercial policy is applied (confirm the plan type)`
    : `${payer.name} has no Medicare Advantage (Part D) criteria for ${order.code} in the library: its commercial criteria are applied (confirm the plan's formulary criteria)`;
  return { ...commercial, ...(unstatedLine ? { assumedLine: true } : {}), reason: `${why}; ${commercial.reason}` };
}

function selectForLine(library: PolicyLibrary, payer: ResolvedPayer, order: OrderCode, asOf: string): PolicySelection {
  const candidates = library.policies.filter((p) => coversOrder(p, order));
  if (candidates.length === 0) {
    return { fallback: false, reason: `no policy in the library covers ${order.code} (${order.display})` };
  }
  const current = candidates.filter((p) => inForce(p, asOf));
  const payers = (p: Policy): boolean =>
    p.kind === 'payer' &&
    payer.id !== undefined &&
    p.appliesTo.payers?.includes(payer.id) === true &&
    forLine(p, payer);
  const own = current.filter(payers).sort(newestFirst)[0];
  if (own) return { policy: own, fallback: false, reason: `${payer.name} policy for ${order.code}` };
  const nearest = nearestVersion(candidates.filter(payers), asOf);
  if (nearest) return nearest;
  if (current.length === 0) {
    return { fallback: false, reason: `no policy for ${order.code} is in force on ${asOf}` };
  }
  const family = familyPolicy(library, payer, current, order, asOf);
  if (family) return family;
  const guideline = current.filter((p) => p.kind === 'guideline' && forLine(p, payer)).sort(newestFirst)[0];
  const payerLabel =
    payer.id === undefined
      ? `payer '${payer.name}' is not in the payer directory`
      : `${payer.name} has no policy for ${order.code} (${payer.lineOfBusiness.replace(/_/g, ' ')})`;
  if (guideline) {
    return { policy: guideline, fallback: true, reason: `${payerLabel}: national guideline policy applied instead` };
  }
  return { fallback: false, reason: payerLabel };
}

/** The drugs or codes a policy names, for the warning that it was applied to one it does not name. */
const named = (policy: Policy): string =>
  [...(policy.codes.ingredients ?? []), ...(policy.codes.cpt ?? []), ...(policy.codes.hcpcs ?? [])].join(', ');

/**
 * The payer's own policy for the order's family when it does not list the ordered drug or code by name: a payer's
 * criteria for psoriasis biologics govern guselkumab too, which a national guideline would judge more leniently.
 */
function familyPolicy(
  library: PolicyLibrary,
  payer: ResolvedPayer,
  covering: readonly Policy[],
  order: OrderCode,
  asOf: string,
): PolicySelection | undefined {
  if (payer.id === undefined) return undefined;
  const families = new Set(covering.flatMap((p) => (p.family ? [p.family] : [])));
  const policy = library.policies
    .filter(
      (p) =>
        p.kind === 'payer' &&
        p.family !== undefined &&
        families.has(p.family) &&
        p.appliesTo.payers?.includes(payer.id ?? '') === true &&
        forLine(p, payer) &&
        inForce(p, asOf),
    )
    .sort(newestFirst)[0];
  if (!policy) return undefined;
  return {
    policy,
    fallback: false,
    familyMember: true,
    reason: `${payer.name}'s ${policy.family ?? ''} policy names ${named(policy)}, not ${order.display}: its criteria are applied to ${order.display} as a drug of the same family; confirm with ${payer.name} that no drug-specific policy applies`,
  };
}

/**
 * The payer's own policy when none of its versions in the library is in force on the order's date: the version
 * nearest in time stands in for the one then in force (payers revise criteria, rarely replace them), with a warning.
 * A generic guideline would judge the order by criteria the payer never had.
 */
function nearestVersion(versions: readonly Policy[], asOf: string): PolicySelection | undefined {
  const later = versions.filter((p) => p.effective > asOf).sort((a, b) => a.effective.localeCompare(b.effective))[0];
  const earlier = versions.filter((p) => p.expires !== undefined && p.expires <= asOf).sort(newestFirst)[0];
  const policy = later ?? earlier;
  if (!policy) return undefined;
  const when = later ? `takes effect on ${policy.effective}` : `expired on ${policy.expires ?? ''}`;
  return {
    policy,
    fallback: false,
    nearestVersion: true,
    reason: `the payer's policy ${policy.id} ${policy.version} ${when}; the version in force on ${asOf} is not in the library, so its criteria are applied as the nearest version`,
  };
}
