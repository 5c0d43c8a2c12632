// Documentation (Da Vinci DTR): questionnaires for unknown criteria, their responses, and CQL pre-population.
export { PrefillInputError, prefillQuestionnaire } from './cql/index.ts';
export type { PrefillResult } from './cql/index.ts';
export { answerQuestionnaire, questionnaireFor } from './reevaluate.ts';
export type { AnsweredResult, QuestionnaireResult } from './reevaluate.ts';
export { authorOf } from './response.ts';
