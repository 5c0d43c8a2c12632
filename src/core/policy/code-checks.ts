// Code-level checks on the request: an ICD-10-CM code that was deleted before the service date (M54.5 since
// 2021-10-01) is invalid on the order or on a Condition the request relies on. The determination warns and names
// the codes that replace it; the criteria still read the code (the clinical meaning has not changed).
import { DELETED_ICD10 } from '../evidence/codesets.ts';
import type { Fact } from '../evidence/fact.ts';

/** `m545` → `M54.5`: the dotted upper-case form ICD-10-CM tables use. */
export function normaliseIcd10(code: string): string {
  const bare = code.trim().toUpperCase().replace(/\./g, '');
  return bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : bare;
}

function listed(codes: readonly string[]): string {
  if (codes.length <= 1) return codes.join('');
  return `${codes.slice(0, -1).join(', ')} or ${codes.at(-1) ?? ''}`;
}

/** Warnings for deleted codes on the order's reasons and on the patient's current Conditions, as of the service date. */
export function invalidCodeWarnings(
  orderReference: string,
  orderIcd10: readonly string[],
  facts: readonly Fact[],
  serviceDate: string,
): string[] {
  const uses: { reference: string; code: string }[] = [
    ...orderIcd10.map((code) => ({ reference: orderReference, code })),
    ...facts.flatMap((f) =>
      f.kind === 'condition' && f.assertion === 'affirmed'
        ? f.coding.map((c) => ({ reference: f.source.reference, code: c.code }))
        : [],
    ),
  ];
  const warnings = new Set<string>();
  for (const use of uses) {
    const code = normaliseIcd10(use.code);
    const deleted = DELETED_ICD10.find((d) => d.code === code);
    if (!deleted || serviceDate < deleted.deleted) continue;
    warnings.add(
      `${use.reference}: ICD-10-CM ${deleted.code} (${deleted.display}) was deleted on ${deleted.deleted} and is invalid for a service on ${serviceDate}; use ${listed(deleted.replacements)}${deleted.verified ? '' : ' (deletion from coding knowledge, unverified)'}`,
    );
  }
  return [...warnings];
}
