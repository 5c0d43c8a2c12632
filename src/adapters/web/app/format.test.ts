// The due clock and the words for codes: overdue is said in words, never only in red.
import { describe, expect, it } from 'vitest';
import { dueClock, statusLabel } from './format.ts';

const NOW = Date.parse('2026-12-06T12:00:00Z');

describe('the due clock', () => {
  it('counts down in the largest two units', () => {
    expect(dueClock('2026-12-09T16:30:00Z', NOW)).toEqual({ overdue: false, text: '3 d 4 h left' });
    expect(dueClock('2026-12-06T14:05:00Z', NOW)).toEqual({ overdue: false, text: '2 h 5 min left' });
    expect(dueClock('2026-12-06T12:09:30Z', NOW)).toEqual({ overdue: false, text: '9 min left' });
  });

  it('says "Overdue" once the deadline has passed', () => {
    expect(dueClock('2026-12-06T10:00:00Z', NOW)).toEqual({ overdue: true, text: 'Overdue by 2 h 0 min' });
    expect(dueClock('2026-12-01T12:00:00Z', NOW)).toEqual({ overdue: true, text: 'Overdue by 5 d 0 h' });
  });
});

describe('status words', () => {
  it('turns codes into words', () => {
    expect(statusLabel('needs_information')).toBe('Needs information');
    expect(statusLabel('partially_approved')).toBe('Partially approved');
  });
});
