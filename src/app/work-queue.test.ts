// The work queue's saved views as filters, and the instant each sort keys its page cursor on.
import { describe, expect, it } from 'vitest';
import { NO_DEADLINE, sortInstant, viewFilter, type QueueItem } from './work-queue.ts';

describe('work queue views', () => {
  const now = new Date('2026-11-02T15:30:00.000Z');

  it('turns each saved view into filters', () => {
    expect(viewFilter('mine', { now, userId: 'u-1' })).toEqual({ assignee: 'u-1' });
    expect(viewFilter('mine', { now })).toBeUndefined();
    expect(viewFilter('due_today', { now })).toEqual({
      dueAfter: '2026-11-02T00:00:00.000Z',
      dueBefore: '2026-11-03T00:00:00.000Z',
    });
    expect(viewFilter('overdue', { now })).toEqual({ dueBefore: '2026-11-02T15:30:00.000Z' });
    expect(viewFilter('pended', { now })).toEqual({ statuses: ['pended'] });
  });

  it('keys the due sort on the deadline, undated cases last', () => {
    const item = {
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-02T00:00:00.000Z',
      decisionDueAt: null,
    } as QueueItem;
    expect(sortInstant(item, 'due')).toBe(NO_DEADLINE);
    expect(sortInstant({ ...item, decisionDueAt: '2026-11-05T12:00:00.000Z' }, 'due')).toBe('2026-11-05T12:00:00.000Z');
    expect(sortInstant(item, 'created')).toBe(item.createdAt);
    expect(sortInstant(item, 'updated')).toBe(item.updatedAt);
  });
});
