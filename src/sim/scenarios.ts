// How the simulated payer answers: scenario rules matched by payer id, procedure/drug code and member id, first
// match wins. Tests and the demo configure them; the default approves.

export type FinalAdjudication =
  | { kind: 'approve' }
  /** Some items certified, the others not (items beyond `certifiedItems` are denied). */
  | { kind: 'partial'; certifiedItems: number; reasons: string[] }
  /** Certified with changes: a smaller quantity or a different code. */
  | { kind: 'modify'; quantity?: number; code?: string }
  | { kind: 'deny'; reasons: string[]; note?: string }
  | { kind: 'contact_payer'; note?: string };

export type Adjudication =
  | FinalAdjudication
  /** Pended (A4) now, decided after `decideAfterMs`, announced by notification to subscribers. */
  | {
      kind: 'pend';
      decideAfterMs: number;
      then: FinalAdjudication;
      notifications?: 'once' | 'duplicate' | 'out_of_order';
    }
  /**
   * Pended (A4) with requests for documents (X12 PWK, PAS CommunicationRequest), decided as `then` once an answer
   * (X12 275, PAS Claim update) has carried every requested control number.
   */
  | { kind: 'request_information'; documents: RequestedDocument[]; then: FinalAdjudication }
  /** An X12 AAA / PAS ClaimResponse.error business rejection. */
  | { kind: 'business_error'; code: string; followUp: string; element?: string }
  /** HTTP 500 before processing, `times` times, then the next adjudication. */
  | { kind: 'http_500'; times: number; then: Adjudication }
  /** Processed, but the answer is sent only after `delayMs` (past the client's time-out). */
  | { kind: 'slow'; delayMs: number; then: Adjudication }
  /** Answers 200 with a body no client can read. */
  | { kind: 'malformed' };

/** One document the simulated payer asks for: the X12 755 report type, optionally the LOINC question. */
export interface RequestedDocument {
  reportType: string;
  loinc?: string;
  description: string;
}

export interface ScenarioMatch {
  payerId?: string;
  code?: string;
  memberId?: string;
}

export interface ScenarioRule {
  match: ScenarioMatch;
  adjudication: Adjudication;
}

export interface RequestKeys {
  payerId?: string;
  codes: string[];
  memberId?: string;
}

export function chooseAdjudication(rules: readonly ScenarioRule[], keys: RequestKeys): Adjudication {
  const rule = rules.find(
    ({ match }) =>
      (match.payerId === undefined || match.payerId === keys.payerId) &&
      (match.code === undefined || keys.codes.includes(match.code)) &&
      (match.memberId === undefined || match.memberId === keys.memberId),
  );
  return rule?.adjudication ?? { kind: 'approve' };
}
