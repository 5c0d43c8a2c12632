// The payer's behaviour in the concurrency chaos runs: one simulator rule per member of the bundles, each drawn at
// random from a mix of approvals, slow approvals (so that sends overlap other operations), pends decided later by
// notification, 500s before an approval (so that retries happen), denials and "contact the payer" answers. Drawn
// again every few seconds, a case's next attempt meets another answer.
import type { Bundle, Coverage } from '@medplum/fhirtypes';
import type { Adjudication, FinalAdjudication, ScenarioRule } from '../sim/scenarios.ts';

/** The longest a pend waits for its decision; the notification follows within the simulator's tick. */
export const PEND_MAX_MS = 1500;

type Random = () => number;

const between = (random: Random, low: number, high: number) => Math.round(low + random() * (high - low));
const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;

/** Weights tilt towards answers that keep cases moving. */
const MIX: readonly (readonly [number, (random: Random) => Adjudication])[] = [
  [3, () => ({ kind: 'approve' })],
  [2, (random) => ({ kind: 'slow', delayMs: between(random, 200, 800), then: { kind: 'approve' } })],
  [
    2,
    (random) => ({
      kind: 'pend',
      decideAfterMs: between(random, 300, PEND_MAX_MS),
      then: pick<FinalAdjudication>(random, [{ kind: 'approve' }, { kind: 'deny', reasons: ['MN'] }]),
      notifications: pick(random, ['once', 'duplicate', 'out_of_order'] as const),
    }),
  ],
  [2, (random) => ({ kind: 'http_500', times: between(random, 1, 2), then: { kind: 'approve' } })],
  [1, () => ({ kind: 'deny', reasons: ['MN'] })],
  [1, () => ({ kind: 'contact_payer' })],
];
const TOTAL = MIX.reduce((sum, [weight]) => sum + weight, 0);

function draw(random: Random): Adjudication {
  let at = random() * TOTAL;
  for (const [weight, make] of MIX) {
    at -= weight;
    if (at < 0) return make(random);
  }
  return { kind: 'approve' };
}

function memberOf(bundle: Bundle): string | undefined {
  const coverage = bundle.entry?.find((e) => e.resource?.resourceType === 'Coverage')?.resource as Coverage | undefined;
  return coverage?.subscriberId;
}

/** A rule per member of the bundles (the simulator matches on the request's member id). */
export function randomPayerRules(bundles: readonly Bundle[], random: Random = Math.random): ScenarioRule[] {
  const members = new Set(bundles.map(memberOf).filter((m): m is string => m !== undefined));
  return [...members].map((memberId) => ({ match: { memberId }, adjudication: draw(random) }));
}
