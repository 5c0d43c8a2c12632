// Denial analytics: what each figure means (metrics), the queries' parameters and UTC periods (query), and CSV.
export {
  APPROVED_OTHERWISE,
  CMS_0057F_NOT_DERIVED,
  CMS_0057F_SOURCE,
  CRITERIA_IN_DOUBT,
  DECISION_OUTCOMES,
  DEFINITIONS,
  EDIT_EVENTS,
  EVENTS,
  isHumanEdit,
  isPerson,
  OVERTURNING,
  rate,
  REDETERMINATION_EVENT,
  REQUESTED_BY,
  SYSTEM_ACTORS,
} from './metrics.ts';
export type { CaseEventFact, DecisionOutcome } from './metrics.ts';
export {
  assertBuckets,
  bucketCount,
  DENIAL_DIMENSIONS,
  INTERVALS,
  MAX_BUCKETS,
  parseGroupBy,
  parseInterval,
  parsePeriod,
  parseYear,
  periodStart,
  TURNAROUND_DIMENSIONS,
  yearPeriod,
} from './query.ts';
export type { DenialDimension, Interval, Period, TurnaroundDimension } from './query.ts';
export { csvField, toCsv } from './csv.ts';
export type { CsvColumn, CsvValue } from './csv.ts';
