// The analytics API's answers as the page reads them (src/app/analytics.ts, src/adapters/http/routes/analytics.ts),
// and how their figures are written: rates are fractions (0..1), CMS-0057-F percentages are already 0..100.

export interface DenialRow {
  period: string;
  payer?: string;
  service?: string;
  decisions: number;
  denied: number;
  denialRate: number | null;
}

export interface TurnaroundRow {
  payer?: string;
  urgency?: string;
  decisions: number;
  averageHours: number | null;
  medianHours: number | null;
  p90Hours: number | null;
  onTime: number;
  late: number;
  noClock: number;
  onTimeRate: number | null;
}

export interface Summary {
  from: string;
  to: string;
  firstPass: { cases: number; approved: number; rate: number | null };
  touchless: { submissions: number; touchless: number; rate: number | null };
  overturn: { decided: number; overturned: number; partiallyOverturned: number; upheld: number; rate: number | null };
  definitions: { firstPass: string; touchless: string; overturn: string };
}

export interface RootCauses {
  denials: number;
  criteria: {
    policy: string | null;
    criterion: string;
    text: string | null;
    notMet: number;
    unknown: number;
    denials: number;
    share: number | null;
  }[];
}

export interface Cms0057fFigures {
  requests: number;
  percentApproved: number | null;
  percentDenied: number | null;
  percentApprovedAfterAppeal: number | null;
  averageHoursToDecision: number | null;
  medianHoursToDecision: number | null;
}

export interface Cms0057f {
  year: number;
  source: string;
  payers: { payer: string; payerName: string; standard: Cms0057fFigures; expedited: Cms0057fFigures }[];
}

/** A fraction as a percentage, "—" when there was nothing to divide. */
export const rate = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);

export const percent = (value: number | null): string => (value === null ? '—' : `${value.toFixed(1)} %`);

export const hours = (value: number | null): string => (value === null ? '—' : `${value.toFixed(1)} h`);
