// The seeded generator of synthetic prior-authorization cases for the demo. Pure: the same options give the same
// cases, byte for byte; each case draws from its own PRNG stream (seed, index), so adding cases never changes the
// earlier ones.
import { addDays, isIsoDate } from '../core/evidence/index.ts';
import { CaseContext } from './context.ts';
import { deriveSeed, Random } from './prng.ts';
import { SCENARIOS } from './scenarios/index.ts';
import type { DemoCase, GenerateOptions } from './types.ts';

export const DEFAULT_TODAY = '2026-11-02';
export const DEFAULT_COUNT = 24;

export function generateDemoCases(options: GenerateOptions): DemoCase[] {
  const count = options.count ?? DEFAULT_COUNT;
  const today = options.today ?? DEFAULT_TODAY;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  if (!isIsoDate(today)) throw new RangeError(`today must be a YYYY-MM-DD date, got '${today}'`);
  const cases: DemoCase[] = [];
  for (let index = 0; index < count; index++) {
    const scenario = SCENARIOS[index % SCENARIOS.length];
    if (!scenario) throw new Error('no scenarios');
    const variant = Math.floor(index / SCENARIOS.length);
    const seed = deriveSeed(options.seed, index);
    // Orders are written on the reference date or up to 10 days before it.
    const orderDate = addDays(today, -new Random(seed).int(0, 10));
    const ctx = new CaseContext(deriveSeed(seed, 0x5bd1e995), orderDate);
    const title = scenario.build(ctx, variant);
    cases.push({
      id: `demo-${scenario.id.replace(/_/g, '-')}-${variant + 1}`,
      title,
      scenario: scenario.id,
      expected: { ...scenario.expected },
      bundle: ctx.bundle(),
    });
  }
  return cases;
}
