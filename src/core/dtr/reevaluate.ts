// The DTR loop over one case: determine (with the answers already given), ask for what is still unknown, and when
// a completed response comes back, check it against exactly those questions, turn it into facts and determine again.
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import type { CoverageLibrary } from '../coverage/directory.ts';
import { determine, type DeterminationWithFacts, type DetermineOptions } from '../determination/determine.ts';
import type { Fact } from '../evidence/fact.ts';
import { InvalidInputError } from '../fhir/outcome.ts';
import type { Intake } from '../intake/intake.ts';
import type { PolicyLibrary } from '../policy/library.ts';
import type { Policy } from '../policy/schema.ts';
import { referenceOf } from '../fhir/record.ts';
import { generateQuestionnaire, type GeneratedQuestionnaire } from './questionnaire.ts';
import { answersToFacts, checkResponse, withServerDefaults, type Submission } from './response.ts';

export type { Submission } from './response.ts';

type Library = PolicyLibrary & CoverageLibrary;

export interface QuestionnaireResult extends GeneratedQuestionnaire, DeterminationWithFacts {
  policy: Policy;
}

function policyOf(library: Library, result: DeterminationWithFacts): Policy {
  const summary = result.determination.policy;
  const policy = summary
    ? library.policies.find((p) => p.id === summary.id && p.version === summary.version)
    : undefined;
  if (!policy) {
    throw new InvalidInputError(
      [
        {
          severity: 'error',
          code: 'not-supported',
          message: `no policy governs this order (${result.determination.warnings.at(-1) ?? 'no_policy'}): there are no criteria to document`,
        },
      ],
      409,
    );
  }
  return policy;
}

/** Facts from responses already accepted for this case, for the policy that governs it. */
export function priorFacts(policy: Policy, responses: readonly QuestionnaireResponse[]): Fact[] {
  return responses.flatMap((r) => answersToFacts(policy, r));
}

/** The questionnaire for what is still unknown, after the answers already given (`prior`). */
export function questionnaireFor(
  intake: Intake,
  library: Library,
  options: DetermineOptions,
  prior: readonly QuestionnaireResponse[] = [],
): QuestionnaireResult {
  const first = determine(intake, library, options);
  const policy = policyOf(library, first);
  const result =
    prior.length === 0 ? first : determine(intake, library, { ...options, extraFacts: priorFacts(policy, prior) });
  const name = intake.patient.name?.[0];
  const patientName = name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
  const generated = generateQuestionnaire({
    determination: result.determination,
    policy,
    facts: result.facts,
    patient: {
      ...(patientName ? { name: patientName } : {}),
      ...(intake.patient.birthDate ? { birthDate: intake.patient.birthDate } : {}),
      ...(intake.coverage?.subscriberId ? { memberId: intake.coverage.subscriberId } : {}),
    },
    orderReference: referenceOf(intake.order),
    today: options.today,
  });
  return { ...result, ...generated, policy };
}

export interface AnsweredResult extends DeterminationWithFacts {
  response: QuestionnaireResponse;
  /** The facts this response contributed. */
  answered: Fact[];
}

/**
 * Checks `response` against the current questionnaire (throws InvalidInputError with every problem, changing
 * nothing), then determines again with its answers and those given before. A response without an id gets one, and
 * one without an author is authored by `submission.submitter`, so the prefilled draft, completed, is accepted as
 * it comes back. The returned `response` is the one to store (with the id its facts cite).
 *
 * The HTTP route passes the caller: `POST /api/cases/:id/questionnaire-response` hands `request.principal` to
 * `CaseService.answerCase`, which passes `{ submitter: { display: principal.label, identifier: { system:
 * 'urn:klivira:api-key', value: principal.keyId } } }` here.
 */
export function answerQuestionnaire(
  intake: Intake,
  library: Library,
  options: DetermineOptions,
  response: unknown,
  prior: readonly QuestionnaireResponse[] = [],
  submission: Submission = {},
): AnsweredResult {
  const current = questionnaireFor(intake, library, options, prior);
  const qr = checkResponse(current.questionnaire, withServerDefaults(response, submission));
  const answered = answersToFacts(current.policy, qr);
  const result = determine(intake, library, {
    ...options,
    extraFacts: [...priorFacts(current.policy, prior), ...answered],
  });
  return { ...result, response: qr, answered };
}
