// Denial analytics: the port the storage implements (figures computed in the database) and the shapes it answers.
// What each figure means is stated once, in src/core/analytics (DEFINITIONS).
import type { DenialDimension, Interval, Period, TurnaroundDimension } from '../core/analytics/index.ts';

export interface DenialQuery {
  period: Period;
  interval: Interval;
  groupBy: DenialDimension[];
}

/** One bucket × group. A dimension not grouped by is absent; `criterion` null = every criterion was met. */
export interface DenialRow {
  /** The bucket's first day (UTC), YYYY-MM-DD. */
  period: string;
  payer?: string;
  service?: string;
  criterion?: string | null;
  decisions: number;
  denied: number;
  denialRate: number | null;
}

export interface TurnaroundQuery {
  period: Period;
  groupBy: TurnaroundDimension[];
}

export interface TurnaroundRow {
  payer?: string;
  service?: string;
  urgency?: string;
  decisions: number;
  averageHours: number | null;
  medianHours: number | null;
  p90Hours: number | null;
  onTime: number;
  late: number;
  noClock: number;
  /** onTime / (onTime + late). */
  onTimeRate: number | null;
}

export interface Summary {
  firstPass: { cases: number; approved: number; rate: number | null };
  touchless: { submissions: number; touchless: number; rate: number | null };
  overturn: {
    decided: number;
    overturned: number;
    partiallyOverturned: number;
    upheld: number;
    rate: number | null;
    fullyOverturnedRate: number | null;
  };
}

export interface RootCauseRow {
  policy: string | null;
  criterion: string;
  text: string | null;
  /** Denials whose determination at submission had this criterion not met / unknown. */
  notMet: number;
  unknown: number;
  denials: number;
  /** denials / all denials in the period. */
  share: number | null;
}

export interface RootCauses {
  /** All denials in the period, and those whose determination had every criterion met. */
  denials: number;
  allCriteriaMet: number;
  criteria: RootCauseRow[];
}

/** One payer's figures for one kind of request (standard or expedited) in a year. */
export interface Cms0057fFigures {
  requests: number;
  approved: number;
  approvedOtherwise: number;
  denied: number;
  approvedAfterAppeal: number;
  percentApproved: number | null;
  percentApprovedOtherwise: number | null;
  percentDenied: number | null;
  percentApprovedAfterAppeal: number | null;
  averageHoursToDecision: number | null;
  medianHoursToDecision: number | null;
}

export interface Cms0057fPayer {
  payer: string;
  payerName: string;
  standard: Cms0057fFigures;
  expedited: Cms0057fFigures;
}

export interface AnalyticsStore {
  denials(organizationId: string, query: DenialQuery): Promise<DenialRow[]>;
  turnaround(organizationId: string, query: TurnaroundQuery): Promise<TurnaroundRow[]>;
  summary(organizationId: string, period: Period): Promise<Summary>;
  rootCauses(organizationId: string, period: Period, limit: number): Promise<RootCauses>;
  cms0057f(organizationId: string, year: number): Promise<Cms0057fPayer[]>;
}
