// Intake: a submitted FHIR Bundle turned into the parts a determination needs, or rejected with every problem.
export { parseIntake } from './intake.ts';
export type { Order } from './intake.ts';
