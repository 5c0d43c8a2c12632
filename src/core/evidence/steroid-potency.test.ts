// Potency classes of topical corticosteroids, so class statements link to the right courses.
import { describe, expect, it } from 'vitest';
import { potencyMatches, potencyOf, statedPotency } from './steroid-potency.ts';

describe('topical corticosteroid potency', () => {
  it('knows the usual agents', () => {
    expect(potencyOf('hydrocortisone')).toBe('low');
    expect(potencyOf('mometasone')).toBe('medium');
    expect(potencyOf('clobetasol')).toBe('super_high');
    expect(potencyOf('unknownasone')).toBeUndefined();
  });

  it('reads the potency a sentence states', () => {
    expect(statedPotency('used a mid-potency steroid for two months')).toEqual({ potency: 'medium', orHigher: false });
    expect(statedPotency('medium-or-higher potency TCS')).toEqual({ potency: 'medium', orHigher: true });
    expect(statedPotency('a super-potent steroid under occlusion')?.potency).toBe('super_high');
    expect(statedPotency('topical steroids twice daily')).toBeUndefined();
  });

  it('links a statement to courses of its potency, and of higher ones only when it says so', () => {
    expect(potencyMatches('mometasone', { potency: 'medium', orHigher: false })).toBe(true);
    expect(potencyMatches('hydrocortisone', { potency: 'medium', orHigher: false })).toBe(false);
    expect(potencyMatches('clobetasol', { potency: 'medium', orHigher: false })).toBe(false);
    expect(potencyMatches('clobetasol', { potency: 'medium', orHigher: true })).toBe(true);
  });
});
