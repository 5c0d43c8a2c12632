import { describe, expect, it } from 'vitest';
import type { Determination } from '../determination/determination.ts';
import {
  assertAppealable,
  assertCancellable,
  assertNewAttemptAllowed,
  assertTransition,
  CaseConflictError,
  canTransition,
  CASE_STATUSES,
  IllegalTransitionError,
  isFinal,
  statusAfterDetermination,
  statusForAppealOutcome,
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

  it('lets an adverse decision start a new attempt, back to draft, and nothing else', () => {
    for (const status of ['denied', 'partially_approved', 'modified'] as const) {
      expect(() => {
        assertNewAttemptAllowed(status);
      }).not.toThrow();
      expect(canTransition(status, 'draft')).toBe(true);
    }
    for (const status of ['approved', 'pended', 'cancelled', 'ready'] as const) {
      expect(() => {
        assertNewAttemptAllowed(status);
      }).toThrow(/no adverse decision to try again/);
    }
    expect(() => {
      assertNewAttemptAllowed('in_appeal');
    }).toThrow(/record the appeal outcome/);
  });

  it('appeals an adverse decision once at a time, and moves the case by the outcome', () => {
    for (const status of ['denied', 'partially_approved', 'modified'] as const) {
      expect(canTransition(status, 'in_appeal')).toBe(true);
    }
    expect(() => {
      assertAppealable('in_appeal');
    }).toThrow('an appeal of this case is already open');
    expect(() => {
      assertAppealable('approved');
    }).toThrow(CaseConflictError);
    expect(canTransition('in_appeal', 'in_appeal')).toBe(false);
    expect(canTransition('approved', 'in_appeal')).toBe(false);
    expect(statusForAppealOutcome('overturned', 'denied')).toBe('approved');
    expect(statusForAppealOutcome('partially_overturned', 'denied')).toBe('partially_approved');
    expect(statusForAppealOutcome('upheld', 'denied')).toBe('denied');
    expect(statusForAppealOutcome('upheld', 'modified')).toBe('modified');
    for (const to of ['approved', 'partially_approved', 'modified', 'denied'] as const) {
      expect(canTransition('in_appeal', to)).toBe(true);
    }
    // An appeal waits on the payer: it is not final, and a new determination only records.
    expect(isFinal('in_appeal')).toBe(false);
    expect(statusAfterDetermination('in_appeal', { determination: 'meets', paRequired: true } as Determination)).toBe(
      'in_appeal',
    );
    expect(canTransition('in_appeal', 'draft')).toBe(false);
  });
});
