// The simulated payer's decision per requested item, in X12 306 review action codes (what both PAS and the 278
// carry). Deterministic: authorization numbers derive from the submission id, so a resend gets the same answer.
import { createHash } from 'node:crypto';
import type { FinalAdjudication } from './scenarios.ts';

export interface RequestedItem {
  sequence: number;
  code: string;
  quantity?: number;
}

export interface ItemOutcome {
  sequence: number;
  /** HCR01 / reviewActionCode. */
  action: 'A1' | 'A2' | 'A3' | 'A4' | 'A6' | 'C' | 'CT' | 'NA';
  authorizationNumber?: string;
  /** REF NT: the payer's tracking number while pended. */
  administrationReference?: string;
  /** HCR03 (X12 886). */
  reasonCodes: string[];
  notes: string[];
  modification?: { code?: string; quantity?: number };
}

export function authorizationNumber(submissionId: string, sequence: number): string {
  return `AUTH${createHash('sha256').update(submissionId).digest('hex').slice(0, 8).toUpperCase()}${String(sequence)}`;
}

export function pendingReference(submissionId: string): string {
  return `PEND${createHash('sha256').update(`pend:${submissionId}`).digest('hex').slice(0, 10).toUpperCase()}`;
}

export function pendedItems(submissionId: string, items: readonly RequestedItem[]): ItemOutcome[] {
  return items.map((item) => ({
    sequence: item.sequence,
    action: 'A4',
    administrationReference: pendingReference(submissionId),
    reasonCodes: ['0U'],
    notes: ['Additional clinical review in progress'],
  }));
}

export function cancelledItems(items: readonly RequestedItem[]): ItemOutcome[] {
  return items.map((item) => ({ sequence: item.sequence, action: 'C', reasonCodes: [], notes: ['Request cancelled'] }));
}

export function decideItems(
  submissionId: string,
  items: readonly RequestedItem[],
  adjudication: FinalAdjudication,
): ItemOutcome[] {
  return items.map((item, index): ItemOutcome => {
    const certified = {
      sequence: item.sequence,
      authorizationNumber: authorizationNumber(submissionId, item.sequence),
    };
    switch (adjudication.kind) {
      case 'approve':
        return { ...certified, action: 'A1', reasonCodes: [], notes: [] };
      case 'partial':
        return index < adjudication.certifiedItems
          ? { ...certified, action: 'A1', reasonCodes: [], notes: [] }
          : {
              sequence: item.sequence,
              action: 'A3',
              reasonCodes: adjudication.reasons,
              notes: ['Not medically necessary'],
            };
      case 'modify':
        return {
          ...certified,
          action: 'A6',
          reasonCodes: [],
          notes: ['Certified with modifications'],
          modification: {
            ...(adjudication.code !== undefined ? { code: adjudication.code } : {}),
            ...(adjudication.quantity !== undefined ? { quantity: adjudication.quantity } : {}),
          },
        };
      case 'deny':
        return {
          sequence: item.sequence,
          action: 'A3',
          reasonCodes: adjudication.reasons,
          notes: [adjudication.note ?? 'Not medically necessary'],
        };
      case 'contact_payer':
        return {
          sequence: item.sequence,
          action: 'CT',
          reasonCodes: [],
          notes: [adjudication.note ?? 'Contact the payer'],
        };
    }
  });
}
