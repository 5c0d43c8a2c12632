// Coverage discovery, first part: which payer and which line of business a FHIR Coverage names. Payers are data
// (`policies/payers.yaml`: names, aliases, EDI payer ids); the line of business comes from the Coverage's
// Source of Payment Typology code, else from the words of its type and plan.
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import type { Coverage, Organization } from '@medplum/fhirtypes';
import { LINES_OF_BUSINESS } from '../policy/schema.ts';

export type LineOfBusiness = (typeof LINES_OF_BUSINESS)[number];

const PayerSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
    name: Type.String({ minLength: 1 }),
    aliases: Type.Array(Type.String({ minLength: 1 })),
    payerIds: Type.Array(Type.String({ minLength: 1 })),
    /** Line of business when the payer implies it (Original Medicare is only that). */
    lineOfBusiness: Type.Optional(Type.Enum(LINES_OF_BUSINESS)),
  },
  { additionalProperties: false },
);
export type Payer = Static<typeof PayerSchema>;
export const PayerDirectorySchema = Type.Object({ payers: Type.Array(PayerSchema) }, { additionalProperties: false });
const compiledDirectory = Compile(PayerDirectorySchema);

export function payerDirectoryErrors(data: unknown): string[] {
  if (compiledDirectory.Check(data)) return [];
  return [...compiledDirectory.Errors(data)].map((e) => `${e.instancePath || '/'}: ${e.message}`);
}

export interface ResolvedPayer {
  /** Directory id, or undefined when the payer is not in the directory. */
  id?: string;
  name: string;
  lineOfBusiness: LineOfBusiness | 'unknown';
}

const normalise = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export function resolvePayer(
  directory: readonly Payer[],
  coverage: Coverage | undefined,
  organization: Organization | undefined,
  payerName: string | undefined,
): ResolvedPayer {
  const ids = (organization?.identifier ?? []).flatMap((i) => (i.value ? [i.value] : []));
  const names = [payerName, organization?.name, ...(organization?.alias ?? [])].flatMap((n) =>
    n ? [normalise(n)] : [],
  );
  const payer =
    directory.find((p) => p.payerIds.some((id) => ids.includes(id))) ??
    directory.find((p) => [p.name, ...p.aliases].map(normalise).some((alias) => names.includes(alias))) ??
    // Names like "UnitedHealthcare Choice Plus" contain the alias as whole words.
    directory.find((p) =>
      [p.name, ...p.aliases].map(normalise).some((alias) => names.some((n) => ` ${n} `.includes(` ${alias} `))),
    );
  const lineOfBusiness = payer?.lineOfBusiness ?? lineOfBusinessOf(coverage, names);
  return {
    ...(payer ? { id: payer.id } : {}),
    name: payer?.name ?? payerName ?? organization?.name ?? 'unknown payer',
    lineOfBusiness,
  };
}

const SOP_SYSTEMS = new Set(['https://nahdo.org/sopt', 'urn:oid:2.16.840.1.113883.3.221.5']);

/** Source of Payment Typology: 1x Medicare (11x managed care, 12x fee for service), 2x Medicaid, 5x/6x private. */
function lineFromSop(code: string): LineOfBusiness | undefined {
  if (code.startsWith('11')) return 'medicare_advantage';
  if (code.startsWith('12') || code === '1') return 'original_medicare';
  if (code.startsWith('21')) return 'medicaid_managed_care';
  if (code.startsWith('2')) return 'medicaid_ffs';
  if (code.startsWith('5') || code.startsWith('6')) return 'commercial';
  return undefined;
}

const LINE_WORDS: readonly [RegExp, LineOfBusiness][] = [
  [/medicare advantage|medicare managed|\bmapd?\b|part c/, 'medicare_advantage'],
  [/original medicare|medicare part b|medicare fee for service|medicare ffs|traditional medicare/, 'original_medicare'],
  [/medicaid managed|managed medicaid|\bmco\b|community plan/, 'medicaid_managed_care'],
  [/medicaid/, 'medicaid_ffs'],
  [/marketplace|exchange|\baca\b/, 'exchange'],
  [/commercial|employer|\bppo\b|\bhmo\b|\bpos\b|\bepo\b|choice plus/, 'commercial'],
];

/**
 * The line of business from the Coverage's payment typology code, else from the words of its type, its plan and the
 * payer's names together: "Highmark Medicare Advantage" with the plan "Freedom Blue PPO" is Medicare Advantage, so
 * the Medicare and Medicaid words are tried before the plan-type words every line uses (PPO, HMO).
 */
export function lineOfBusinessOf(
  coverage: Coverage | undefined,
  payerNames: readonly string[] = [],
): LineOfBusiness | 'unknown' {
  if (!coverage) return 'unknown';
  const worded = lineFromWords(coverage, payerNames);
  for (const coding of coverage.type?.coding ?? []) {
    if (coding.system && SOP_SYSTEMS.has(coding.system) && coding.code) {
      const line = lineFromSop(coding.code);
      // The top-level code ("2", Medicaid) leaves the program open; "Medicaid managed care", "Community Plan"
      // in the words say which one.
      if (line && coding.code.length === 1 && worded !== 'unknown' && sameProgram(line, worded)) return worded;
      if (line) return line;
    }
  }
  return worded;
}

const sameProgram = (a: LineOfBusiness, b: LineOfBusiness): boolean =>
  a.split('_').some((part) => ['medicare', 'medicaid'].includes(part) && b.includes(part));

function lineFromWords(coverage: Coverage, payerNames: readonly string[]): LineOfBusiness | 'unknown' {
  const words = normalise(
    [
      coverage.type?.text,
      ...(coverage.type?.coding ?? []).map((c) => c.display),
      ...(coverage.class ?? []).flatMap((c) => [c.name, c.value]),
      ...payerNames,
    ]
      .filter(Boolean)
      .join(' '),
  );
  return LINE_WORDS.find(([pattern]) => pattern.test(words))?.[1] ?? 'unknown';
}
