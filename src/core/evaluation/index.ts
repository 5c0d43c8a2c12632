// Evaluation: scoring a folder of cases against their expected determinations (`klivira eval`).
export { evaluationReport, OUTCOMES } from './report.ts';
export type { CaseRun, EvaluationReport } from './report.ts';
