// The determination contract: the shape `klivira check` and `POST /api/cases` return. Later work fills in the
// intelligence behind it; the shape itself is fixed, so clients can rely on it.

export type DeterminationOutcome =
  'meets' | 'does_not_meet' | 'insufficient_documentation' | 'not_required' | 'no_policy';

export type CriterionStatus = 'met' | 'not_met' | 'unknown';

/** One citation: the resource a criterion's status rests on, and for note text the quoted span and its offsets. */
export interface EvidenceCitation {
  reference: string;
  text: string;
  start?: number;
  end?: number;
}

export interface CriterionResult {
  id: string;
  text: string;
  status: CriterionStatus;
  evidence: EvidenceCitation[];
  /** Why the status is what it is, in plain words (e.g. "physical therapy documented for 2 of 6 weeks"). */
  reason?: string;
}

export interface MissingDocumentation {
  /** The criterion id the request is for. */
  id: string;
  /** A request a clinician can act on. */
  text: string;
}

export interface OrderSummary {
  system: string;
  code: string;
  display: string;
}

export interface PayerSummary {
  id: string;
  name: string;
  lineOfBusiness: string;
}

export interface PolicySummary {
  id: string;
  version: string;
  title: string;
  source: string;
}

export interface Determination {
  determination: DeterminationOutcome;
  paRequired: boolean | 'unknown';
  order: OrderSummary;
  payer: PayerSummary;
  policy: PolicySummary | null;
  criteria: CriterionResult[];
  missingDocumentation: MissingDocumentation[];
  /** Non-fatal problems met on the way (unreadable notes, invalid codes, why no policy matched). */
  warnings: string[];
  /** The evaluation date (YYYY-MM-DD) the determination was made for. */
  asOf: string;
  caseId?: string;
}
