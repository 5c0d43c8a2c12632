// The payers the demo cases are written against: name, EDI payer id, Source of Payment Typology code, plan, and
// the shape of the member ids they issue (none of them SSN-shaped).
import type { Random } from './prng.ts';

/** Source of Payment Typology codes used here, with their display names. */
export const SOP = {
  '5': 'Private Health Insurance',
  '11': 'Medicare Managed Care',
  '121': 'Medicare Fee For Service',
  '21': 'Medicaid Managed Care',
} as const;
export type SopCode = keyof typeof SOP;

export interface PayerSpec {
  /** Short name for case titles. */
  label: string;
  name: string;
  payerId: string;
  sop: SopCode;
  plan: { value: string; name: string };
  memberId: (random: Random) => string;
}

/** Medicare Beneficiary Identifier shape: C A AN N A AN N A A N N, letters without S L O I B Z. */
function mbi(random: Random): string {
  const alpha = 'ACDEFGHJKMNPQRTUVWXY';
  const alnum = `${alpha}0123456789`;
  const a = (): string => alpha.charAt(random.int(0, alpha.length - 1));
  const an = (): string => alnum.charAt(random.int(0, alnum.length - 1));
  const n = (): string => String(random.int(0, 9));
  return `${random.int(1, 9)}${a()}${an()}${n()}${a()}${an()}${n()}${a()}${a()}${n()}${n()}`;
}

export const PAYERS = {
  uhcChoicePlus: {
    label: 'UHC commercial',
    name: 'UnitedHealthcare',
    payerId: '87726',
    sop: '5',
    plan: { value: 'CHOICE-PLUS-PPO', name: 'Choice Plus PPO' },
    memberId: (random) => `9${random.digits(10)}`,
  },
  uhcCommunityPlan: {
    label: 'UHC Community Plan (Medicaid)',
    name: 'UnitedHealthcare Community Plan',
    payerId: '87726',
    sop: '21',
    plan: { value: 'COMMUNITY-PLAN-MEDICAID', name: 'UnitedHealthcare Community Plan (Medicaid managed care)' },
    memberId: (random) => `1${random.digits(11)}`,
  },
  medicarePartB: {
    label: 'Medicare',
    name: 'Medicare Part B',
    payerId: 'CMS-MEDICARE',
    sop: '121',
    plan: { value: 'PART-B', name: 'Medicare Part B' },
    memberId: mbi,
  },
  aetnaOpenAccess: {
    label: 'Aetna',
    name: 'Aetna',
    payerId: '60054',
    sop: '5',
    plan: { value: 'OAMC', name: 'Open Access Managed Choice' },
    memberId: (random) => `W${random.digits(9)}`,
  },
} as const satisfies Record<string, PayerSpec>;
