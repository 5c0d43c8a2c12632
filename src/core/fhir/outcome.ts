// FHIR OperationOutcome as the one error shape of the product: intake errors carry issues with the FHIRPath-like
// location of the problem (`Bundle.entry[3].resource.code`) so a client can point at the exact field.
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

export type IssueCode =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'not-found'
  | 'duplicate'
  | 'not-supported'
  | 'too-costly'
  | 'conflict'
  | 'business-rule'
  | 'security'
  | 'login'
  | 'forbidden'
  | 'throttled';

export interface Issue {
  severity: 'error' | 'warning';
  code: IssueCode;
  /** A specific, readable message; never contains patient data. */
  message: string;
  /** Where: a FHIRPath-like expression rooted at `Bundle`. */
  location?: string;
}

export function toOperationOutcome(issues: readonly Issue[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((issue): OperationOutcomeIssue => ({
      severity: issue.severity,
      code: issue.code,
      details: { text: issue.message },
      diagnostics: issue.message,
      ...(issue.location ? { expression: [issue.location] } : {}),
    })),
  };
}

/** Thrown when input is rejected; carries every issue found, not only the first. */
export class InvalidInputError extends Error {
  readonly issues: readonly Issue[];
  readonly status: number;

  constructor(issues: readonly Issue[], status = 422) {
    super(formatIssues(issues));
    this.name = 'InvalidInputError';
    this.issues = issues;
    this.status = status;
  }
}

export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((issue) => (issue.location ? `${issue.location}: ${issue.message}` : issue.message)).join('\n');
}
