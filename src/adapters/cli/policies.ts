// `klivira policies [--payer …] [--code …] [--json]` and `klivira policy show <id> [--json]`: the library, readable.
import { findPolicy, formatListing, formatPolicy, listPolicies, payerIdOf } from '../../core/coverage/index.ts';
import type { PolicyLibrary } from '../../core/policy/index.ts';

export interface PoliciesFlags {
  payer?: string;
  code?: string;
  json?: boolean;
}

/** The listing as text or JSON, or an error message (exit 2) for a payer nobody answers to. */
export function policiesOutput(library: PolicyLibrary, flags: PoliciesFlags): { out: string } | { error: string } {
  if (flags.payer !== undefined && payerIdOf(library, flags.payer) === undefined) {
    const known = library.payers.map((p) => p.id).join(', ');
    return { error: `no payer '${flags.payer}' in the payer directory (known: ${known})` };
  }
  const listings = listPolicies(library, {
    ...(flags.payer !== undefined ? { payer: flags.payer } : {}),
    ...(flags.code !== undefined ? { code: flags.code } : {}),
  });
  return { out: flags.json ? `${JSON.stringify(listings, null, 2)}\n` : formatListing(listings) };
}

export function policyShowOutput(
  library: PolicyLibrary,
  id: string,
  flags: { json?: boolean; asOf?: string },
): { out: string } | { error: string } {
  const policy = findPolicy(library, id, flags.asOf);
  if (!policy) {
    const known = [...new Set(library.policies.map((p) => p.id))].sort().join(', ');
    return {
      error: `no policy '${id}'${flags.asOf ? ` in force on ${flags.asOf}` : ''} in the library (known: ${known})`,
    };
  }
  return { out: flags.json ? `${JSON.stringify(policy, null, 2)}\n` : formatPolicy(policy) };
}
