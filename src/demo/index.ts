// Public surface of the demo data generator: synthetic prior-authorization cases (FHIR R4 collection Bundles with a
// patient, payer, coverage, order, coded history and clinic notes) and the determination each should receive.
//
//   const cases = generateDemoCases({ seed: 1 });           // 24 cases, cycling through SCENARIO_IDS
//   generateDemoCases({ seed: 1, count: 10, today: '2026-11-02' });
//
// Pure and deterministic: the same options give byte-identical output; case i depends only on (seed, i, today).
export { generateDemoCases, DEFAULT_COUNT, DEFAULT_TODAY } from './generate.ts';
export { SCENARIO_IDS } from './types.ts';
export type { DemoCase, ExpectedDetermination, GenerateOptions, ScenarioId } from './types.ts';
export { DEMO_PAYER_SCENARIOS } from './payer-scenarios.ts';
