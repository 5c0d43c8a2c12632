import { describe, expect, it } from 'vitest';
import type { Determination } from '../determination/determination.ts';
import {
  assertCancellable,
  assertTransition,
  CaseConflictError,
  canTransition,
  CASE_STATUSES,
  IllegalTransitionError,
  isFinal,
  statusAfterDetermination,
  statusForOutcome,
} from './lifecycle.ts';

describe('case lifecycle', () => {
  it('walks the happy path from draft to approved', () => {
    const path = ['draft', 'ready', 'submitting', 'pended', 'approved'] as const;
    for (let i = 1; i < path.length; i += 1)
      expect(canTransition(path[i - 1] ?? 'draft', path[i] ?? 'draft')).toBe(true);
  });

  it('never lets a decided case go back to waiting (a stale pended notification after approval)', () => {
    expect(() => {
      assertTransition('approved', 'pended');
    }).toThrow(IllegalTransitionError);
    expect(() => {
      assertTransition('approved', 'pended');
    }).toThrow('a case cannot go from approved to pended');
    expect(canTransition('denied', 'approved')).toBe(false);
    expect(canTransition('cancelled', 'draft')).toBe(false);
  });

  it('maps every payer outcome to a status', () => {
    expect(statusForOutcome('certified')).toBe('approved');
    expect(statusForOutcome('partial')).toBe('partially_approved');
    expect(statusForOutcome('not_certified')).toBe('denied');
    expect(statusForOutcome('pended')).toBe('pended');
    expect(statusForOutcome('contact_payer')).toBe('needs_information');
    expect(statusForOutcome('error')).toBe('needs_information');
  });

  it('knows which statuses are final', () => {
    expect(CASE_STATUSES.filter(isFinal)).toEqual([
      'approved',
      'partially_approved',
      'modified',
      'denied',
      'cancelled',
      'expired',
    ]);
  });

  it('decides the status after a new determination from the status under the lock', () => {
    const meets = { determination: 'meets', paRequired: true } as Determination;
    const unknown = { determination: 'insufficient_documentation', paRequired: true } as Determination;
    expect(statusAfterDetermination('needs_information', meets)).toBe('ready');
    expect(statusAfterDetermination('ready', unknown)).toBe('needs_information');
    // Once the payer has the request its answer drives the status; a decided case never regresses.
    expect(statusAfterDetermination('pended', unknown)).toBe('pended');
    expect(statusAfterDetermination('approved', unknown)).toBe('approved');
    expect(() => statusAfterDetermination('submitting', meets)).toThrow(CaseConflictError);
  });

  it('withdraws a case only before it reaches the payer', () => {
    expect(() => {
      assertCancellable('ready');
    }).not.toThrow();
    for (const status of ['submitting', 'pended', 'approved', 'cancelled'] as const) {
      expect(() => {
        assertCancellable(status);
      }).toThrow(CaseConflictError);
    }
  });
});
