// The public shape of a generated demo case.
import type { Bundle } from '@medplum/fhirtypes';

export const SCENARIO_IDS = [
  'lumbar_meets_radiculopathy',
  'lumbar_red_flag',
  'lumbar_short_therapy',
  'lumbar_silent',
  'pet_initial_staging',
  'pet_subsequent_within_limit',
  'pet_fourth_subsequent',
  'pet_family_history_only',
  'pet_regional_nodes_initial',
  'mohs_auc_fallback',
] as const;

export type ScenarioId = (typeof SCENARIO_IDS)[number];

export type ExpectedDetermination =
  'meets' | 'does_not_meet' | 'insufficient_documentation' | 'not_required' | 'no_policy';

export interface DemoCase {
  /** Stable within a seed: `demo-<scenario>-<variant>`, e.g. `demo-lumbar-red-flag-2`. */
  id: string;
  title: string;
  scenario: ScenarioId;
  expected: { determination: ExpectedDetermination; paRequired: boolean | 'unknown' };
  bundle: Bundle;
}

export interface GenerateOptions {
  seed: number;
  /** Number of cases; scenarios are cycled in order. Default 24. */
  count?: number;
  /** Reference date (YYYY-MM-DD): orders are written on or shortly before it. Default 2026-11-02. */
  today?: string;
}
