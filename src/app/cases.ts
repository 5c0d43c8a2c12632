// The case workflow's entry point, shared by the CLI and the HTTP API: validate the bundle, determine, store.
// Nothing is stored unless intake succeeds, and the case, its records and first events commit together.
import { initialStatus } from '../core/case/index.ts';
import { determine, type DeterminationWithFacts } from '../core/determination/index.ts';
import { isZonedDateTime } from '../core/coverage/index.ts';
import { isIsoDate } from '../core/evidence/index.ts';
import { InvalidInputError, type ClinicalNote } from '../core/fhir/index.ts';
import { parseIntake } from '../core/intake/index.ts';
import type { PolicyLibrary } from '../core/policy/index.ts';
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import type { DetermineOptions } from '../core/determination/index.ts';
import {
  answerQuestionnaire,
  questionnaireFor,
  type AnsweredResult,
  type QuestionnaireResult,
  authorOf,
} from '../core/dtr/index.ts';
import type { CaseRepository, CaseSummary, StoredCase } from './case-repository.ts';

export interface CheckOptions {
  /** `ResourceType/id` of the order when the bundle holds several. */
  orderReference?: string;
  /** Evaluation date YYYY-MM-DD. */
  asOf?: string;
  /** When the payer received the request (ISO date-time with a zone): dates the decision deadline. */
  receivedAt?: string;
}

export interface CaseServiceDeps {
  library: PolicyLibrary;
  repository?: CaseRepository;
  organizationId: string;
  /** Today's date (YYYY-MM-DD); injected so that tests and replays are deterministic. */
  today: () => string;
}

export class CaseService {
  constructor(private readonly deps: CaseServiceDeps) {}

  /** The policy library this service determines against (listed by `klivira policies` and `/api/policies`). */
  get library(): PolicyLibrary {
    return this.deps.library;
  }

  /** The organization (tenant) every read and write of this service is scoped to. */
  get organizationId(): string {
    return this.deps.organizationId;
  }

  /** The same service for another organization: the API builds one per request from the caller's key. */
  forOrganization(organizationId: string): CaseService {
    return organizationId === this.deps.organizationId ? this : new CaseService({ ...this.deps, organizationId });
  }

  /** Determination without storing anything (`klivira check`). */
  check(
    body: unknown,
    options: CheckOptions = {},
  ): DeterminationWithFacts & { intake: ReturnType<typeof parseIntake> } {
    if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
      throw new InvalidInputError([
        { severity: 'error', code: 'value', message: `as-of date '${options.asOf}' is not a calendar date YYYY-MM-DD` },
      ]);
    }
    if (options.receivedAt !== undefined && !isZonedDateTime(options.receivedAt)) {
      throw new InvalidInputError([
        {
          severity: 'error',
          code: 'value',
          message: `receipt time '${options.receivedAt}' is not an ISO date-time with a zone (e.g. 2026-03-02T09:30:00-05:00)`,
        },
      ]);
    }
    const intake = parseIntake(body, options.orderReference ? { orderReference: options.orderReference } : {});
    const result = determine(intake, this.deps.library, this.determineOptions(options));
    return { ...result, intake };
  }

  /** Stores a new case; a DuplicateCaseError names an earlier one unless `confirmDuplicate` says it is meant. */
  async create(
    body: unknown,
    options: CheckOptions & { confirmDuplicate?: boolean },
    actor: string,
  ): Promise<StoredCase> {
    const { determination, intake } = this.check(body, options);
    return this.repository().create({
      organizationId: this.deps.organizationId,
      patient: intake.patient,
      ...(intake.coverage ? { coverage: intake.coverage } : {}),
      order: intake.order,
      bundle: intake.bundle,
      determination,
      status: initialStatus(determination),
      actor,
      ...(options.confirmDuplicate ? { confirmDuplicate: true } : {}),
    });
  }

  get(caseId: string): Promise<StoredCase | undefined> {
    return this.repository().get(this.deps.organizationId, caseId);
  }

  hasBundle(bundleId: string): Promise<boolean> {
    return this.repository().hasBundle(this.deps.organizationId, bundleId);
  }

  list(limit: number, before?: { createdAt: string; caseId: string }): Promise<CaseSummary[]> {
    return this.repository().list(this.deps.organizationId, { limit, ...(before ? { before } : {}) });
  }

  /** The documentation questionnaire for a bundle's unknown criteria (`klivira questionnaire`). */
  questionnaire(body: unknown, options: CheckOptions = {}): QuestionnaireResult {
    const { intake } = this.check(body, options);
    return questionnaireFor(intake, this.deps.library, this.determineOptions(options));
  }

  /** The bundle re-evaluated with a completed QuestionnaireResponse (`klivira check --answers`); stores nothing. */
  checkWithAnswers(body: unknown, options: CheckOptions, response: unknown): AnsweredResult {
    const { intake } = this.check(body, options);
    return answerQuestionnaire(intake, this.deps.library, this.determineOptions(options), response);
  }

  /** The questionnaire for a stored case's unknowns, counting the responses already accepted. */
  async caseQuestionnaire(caseId: string): Promise<QuestionnaireResult | undefined> {
    const context = await this.caseContext(caseId);
    if (!context) return undefined;
    return questionnaireFor(context.intake, this.deps.library, context.options, context.prior);
  }

  /**
   * A completed QuestionnaireResponse for a stored case: checked against the case's current questionnaire (an
   * InvalidInputError changes nothing), stored, recorded as `documentation.received` with its author, and the case
   * determined again. Undefined when there is no such case.
   */
  async answerCase(
    caseId: string,
    response: unknown,
    actor: string,
    submitter?: QuestionnaireResponse['author'],
  ): Promise<StoredCase | undefined> {
    const context = await this.caseContext(caseId);
    if (!context) return undefined;
    // The server's own draft comes back without an id or author: the submitter is its author unless it names one.
    const result = answerQuestionnaire(context.intake, this.deps.library, context.options, response, context.prior, {
      ...(submitter ? { submitter } : {}),
    });
    const determination = { ...result.determination, caseId };
    const qr = result.response;
    // The status follows under the case's lock (statusAfterDetermination), never from this possibly stale read.
    return this.repository().recordDetermination({
      organizationId: this.deps.organizationId,
      caseId,
      actor,
      kind: 'questionnaire-response',
      content: qr,
      received: {
        document: `QuestionnaireResponse/${qr.id ?? ''}`,
        questionnaire: qr.questionnaire,
        author: authorOf(qr),
        authored: qr.authored,
        facts: result.answered.length,
      },
      determination,
    });
  }

  /**
   * Determines a stored case again (new evidence in its record or answers, a new policy version in force): the
   * evaluation date moves to today. Before submission the case's place in the queue follows the new answer.
   */
  async redetermine(caseId: string, actor: string, reason: string): Promise<StoredCase | undefined> {
    const context = await this.caseContext(caseId);
    if (!context) return undefined;
    const options = { ...context.options, asOf: this.deps.today() };
    // The answers accepted earlier still count (questionnaireFor determines with them).
    const result = questionnaireFor(context.intake, this.deps.library, options, context.prior);
    const determination = { ...result.determination, caseId };
    return this.repository().recordDetermination({
      organizationId: this.deps.organizationId,
      caseId,
      actor,
      reason,
      determination,
    });
  }

  /** The notes of a stored case's record, decoded as the evidence reader saw them (evidence offsets index into
   * their text); undefined when there is no such case. */
  async notes(caseId: string): Promise<ClinicalNote[] | undefined> {
    return (await this.caseContext(caseId))?.intake.record.notes;
  }

  /** Withdraws a case before it reaches the payer; undefined when there is no such case. */
  cancel(caseId: string, reason: string, actor: string): Promise<StoredCase | undefined> {
    return this.repository().cancel(this.deps.organizationId, caseId, reason, actor);
  }

  private determineOptions(options: CheckOptions): DetermineOptions {
    return {
      today: this.deps.today(),
      ...(options.asOf ? { asOf: options.asOf } : {}),
      ...(options.receivedAt ? { receivedAt: options.receivedAt } : {}),
    };
  }

  /** A stored case back as an intake, with its evaluation date and the responses already accepted. */
  private async caseContext(caseId: string) {
    const repository = this.repository();
    const organizationId = this.deps.organizationId;
    const stored = await repository.get(organizationId, caseId);
    const bundle = stored ? await repository.intakeBundle(organizationId, caseId) : undefined;
    if (!stored || !bundle) return undefined;
    const created = stored.events.find((e) => e.type === 'case.created')?.payload as { order?: unknown } | undefined;
    const order = typeof created?.order === 'string' ? created.order : undefined;
    const intake = parseIntake(bundle, order ? { orderReference: order } : {});
    const prior = (await repository.documents(
      organizationId,
      caseId,
      'questionnaire-response',
    )) as QuestionnaireResponse[];
    const options: DetermineOptions = { today: this.deps.today(), asOf: stored.determination.asOf };
    return { stored, intake, prior, options };
  }

  private repository(): CaseRepository {
    if (!this.deps.repository) throw new Error('this CaseService was built without storage');
    return this.deps.repository;
  }
}
