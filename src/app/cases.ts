// The case workflow's entry point, shared by the CLI and the HTTP API: validate the bundle, determine, store.
// Nothing is stored unless intake succeeds, and the case, its records and first events commit together.
import type { Determination } from '../core/determination/determination.ts';
import { determine, type DeterminationWithFacts } from '../core/determination/determine.ts';
import { isIsoDate } from '../core/evidence/dates.ts';
import { InvalidInputError } from '../core/fhir/outcome.ts';
import { parseIntake } from '../core/intake/intake.ts';
import type { PolicyLibrary } from '../core/policy/library.ts';
import type { CaseRepository, CaseStatus, CaseSummary, StoredCase } from './case-repository.ts';

export interface CheckOptions {
  /** `ResourceType/id` of the order when the bundle holds several. */
  orderReference?: string;
  /** Evaluation date YYYY-MM-DD. */
  asOf?: string;
}

export interface CaseServiceDeps {
  library: PolicyLibrary;
  repository?: CaseRepository;
  organizationId: string;
  /** Today's date (YYYY-MM-DD); injected so that tests and replays are deterministic. */
  today: () => string;
}

/** Where a new case starts in the coordinator's queue. */
export function initialStatus(determination: Determination): CaseStatus {
  if (determination.determination === 'insufficient_documentation') return 'needs_information';
  if (determination.determination === 'meets' && determination.paRequired === true) return 'ready';
  return 'draft';
}

export class CaseService {
  constructor(private readonly deps: CaseServiceDeps) {}

  /** The policy library this service determines against (listed by `klivira policies` and `/api/policies`). */
  get library(): PolicyLibrary {
    return this.deps.library;
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
    const intake = parseIntake(body, options.orderReference ? { orderReference: options.orderReference } : {});
    const result = determine(intake, this.deps.library, {
      today: this.deps.today(),
      ...(options.asOf ? { asOf: options.asOf } : {}),
    });
    return { ...result, intake };
  }

  async create(body: unknown, options: CheckOptions, actor: string): Promise<StoredCase> {
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

  private repository(): CaseRepository {
    if (!this.deps.repository) throw new Error('this CaseService was built without storage');
    return this.deps.repository;
  }
}
