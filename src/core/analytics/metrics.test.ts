import { describe, expect, it } from 'vitest';
import { isHumanEdit, isPerson, rate } from './metrics.ts';

describe('analytics definitions', () => {
  it('a person is any actor but Klivira, the worker and a payer channel source', () => {
    expect(isPerson('api')).toBe(true);
    expect(isPerson('Dana Coordinator')).toBe(true);
    expect(isPerson('klivira')).toBe(false);
    expect(isPerson('worker')).toBe(false);
    expect(isPerson('pas:notification:sub-1#3')).toBe(false);
    expect(isPerson('x12-278:submit')).toBe(false);
  });

  it("counts a person's edits, and only the edit events, against touchless", () => {
    const edit = (type: string, actor = 'api', payload: Record<string, unknown> = {}) =>
      isHumanEdit({ type, actor, payload });
    expect(edit('documentation.received', 'Dana')).toBe(true);
    expect(edit('document.attached')).toBe(true);
    expect(edit('submission.overridden')).toBe(true);
    expect(edit('comment.added')).toBe(true);
    expect(edit('case.assigned')).toBe(true);
    // Klivira's own determinations are not edits; one a person asked for is.
    expect(edit('determination.made', 'klivira')).toBe(false);
    expect(edit('determination.made', 'klivira', { requestedBy: 'api', reason: 'new note' })).toBe(true);
    expect(edit('submission.queued')).toBe(false);
    expect(edit('case.created')).toBe(false);
    expect(edit('comment.added', 'worker')).toBe(false);
  });

  it('a rate has four decimals, and no denominator gives null', () => {
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 5)).toBe(0);
    expect(rate(0, 0)).toBeNull();
  });
});
