// Public surface of the demo data generator.
export { generateDemoCases, DEFAULT_COUNT, DEFAULT_TODAY } from './generate.ts';
export { SCENARIO_IDS } from './types.ts';
export type { DemoCase, ExpectedDetermination, GenerateOptions, ScenarioId } from './types.ts';
