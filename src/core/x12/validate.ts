// One entry point for the CLI and the channels: envelope + every 278 transaction set, with a verdict.
import { issueCollector, type X12Issue } from './issues.ts';
import type { X12Document } from './parse.ts';
import { validate278 } from './validate-278.ts';
import { validateEnvelope } from './validate-envelope.ts';
import { parse278, type Parsed278 } from './x278-parse.ts';

export interface ValidationReport {
  /** No errors (warnings allowed). */
  valid: boolean;
  errorCount: number;
  warningCount: number;
  issues: X12Issue[];
  /** Parsed 278 transaction sets, in input order (other transaction types are checked for their envelope only). */
  transactions: Parsed278[];
}

export function validateX12(document: X12Document): ValidationReport {
  const { issues, report } = issueCollector();
  validateEnvelope(document, report);
  const transactions: Parsed278[] = [];
  for (const interchange of document.interchanges) {
    for (const group of interchange.groups) {
      for (const set of group.transactions) {
        if (set.st.elements[1] !== '278') continue;
        const parsed = parse278(set, interchange.delimiters);
        validate278(set, parsed, interchange.delimiters, report);
        transactions.push(parsed);
      }
    }
  }
  const errorCount = issues.filter((issue) => issue.severity === 'error').length;
  return { valid: errorCount === 0, errorCount, warningCount: issues.length - errorCount, issues, transactions };
}
