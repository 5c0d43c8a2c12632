// Every scenario, in the order `generateDemoCases` cycles through them.
import type { Scenario } from './common.ts';
import { LUMBAR_SCENARIOS } from './lumbar.ts';
import { mohsAucFallback } from './mohs.ts';
import { PET_SCENARIOS } from './pet.ts';

export const SCENARIOS: readonly Scenario[] = [...LUMBAR_SCENARIOS, ...PET_SCENARIOS, mohsAucFallback];
