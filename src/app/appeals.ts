// After an adverse decision (denied, partially approved, modified): open an appeal or reconsideration and follow it
// through filing and outcome with its clock, or start a new attempt, possibly for a changed order, determined again.
// Each step is checked and recorded under the case's lock by the AppealStore; this service shapes the inputs and the
// case's view (appeals with the time left, the attempt, the authorization held).
import { randomUUID } from 'node:crypto';
import type { ServiceRequest } from '@medplum/fhirtypes';
import {
  attemptOf,
  authorizationOf,
  viewAppeal,
  withOrderCode,
  type AppealKind,
  type AppealRecord,
  type AppealView,
  type Authorization,
} from '../core/appeal/index.ts';
import type { AppealOutcome, CaseStatus } from '../core/case/index.ts';
import { isZonedDateTime } from '../core/coverage/index.ts';
import { InvalidInputError } from '../core/fhir/index.ts';
import type { AppealStore } from './appeal-store.ts';
import type { CaseRepository, StoredCase } from './case-repository.ts';
import type { CaseService } from './cases.ts';

export interface AppealServiceDeps {
  store: AppealStore;
  cases: CaseService;
  repository: CaseRepository;
  /** Today's date (YYYY-MM-DD): a new attempt is determined as of today, as a new request is. */
  today: () => string;
  clock?: () => Date;
}

export interface NewAttempt {
  caseId: string;
  attempt: number;
  status: string;
  determination: StoredCase['determination']['determination'];
  order: StoredCase['determination']['order'];
}

export interface CaseAppeals {
  attempt: number;
  appeals: AppealView[];
  authorization: Authorization | null;
}

/** A time the caller reports (filed, decided): an ISO date-time with a zone, else the step's own time. */
function reportedTime(value: string | undefined, now: string, location: string): string {
  if (value === undefined) return now;
  if (!isZonedDateTime(value)) {
    throw new InvalidInputError([
      { severity: 'error', code: 'value', message: `'${value}' is not an ISO date-time with a zone`, location },
    ]);
  }
  return new Date(value).toISOString();
}

export class AppealService {
  private readonly clock: () => Date;

  constructor(private readonly deps: AppealServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  private now(): string {
    return this.clock().toISOString();
  }

  open(
    organizationId: string,
    caseId: string,
    actor: string,
    input: { kind: AppealKind; expedited?: boolean; reason: string; lateFilingReason?: string },
  ): Promise<AppealRecord | undefined> {
    return this.deps.store.openAppeal({
      organizationId,
      caseId,
      actor,
      now: this.now(),
      appealId: randomUUID(),
      kind: input.kind,
      expedited: input.expedited ?? false,
      reason: input.reason,
      ...(input.lateFilingReason ? { lateFilingReason: input.lateFilingReason } : {}),
    });
  }

  file(
    organizationId: string,
    caseId: string,
    appealId: string,
    actor: string,
    input: { filedAt?: string },
  ): Promise<AppealRecord | undefined> {
    const now = this.now();
    return this.deps.store.fileAppeal({
      organizationId,
      caseId,
      appealId,
      actor,
      now,
      filedAt: reportedTime(input.filedAt, now, 'body.filedAt'),
    });
  }

  decide(
    organizationId: string,
    caseId: string,
    appealId: string,
    actor: string,
    input: { outcome: AppealOutcome; decidedAt?: string; authorizationNumber?: string },
  ): Promise<{ appeal: AppealRecord; caseStatus: CaseStatus } | undefined> {
    const now = this.now();
    return this.deps.store.decideAppeal({
      organizationId,
      caseId,
      appealId,
      actor,
      now,
      outcome: input.outcome,
      decidedAt: reportedTime(input.decidedAt, now, 'body.decidedAt'),
      ...(input.authorizationNumber ? { authorizationNumber: input.authorizationNumber } : {}),
    });
  }

  /**
   * A new attempt after an adverse decision: back to draft and determined again as of today, for the changed order
   * when `orderCode` is given (the intake bundle is amended; the earlier one is kept). Undefined when no such case.
   */
  async startAttempt(
    organizationId: string,
    caseId: string,
    actor: string,
    input: { reason: string; orderCode?: string; orderDisplay?: string },
  ): Promise<NewAttempt | undefined> {
    const { repository } = this.deps;
    const stored = await repository.get(organizationId, caseId);
    const original = stored ? await repository.intakeBundle(organizationId, caseId) : undefined;
    if (!stored || !original) return undefined;
    const created = stored.events.find((e) => e.type === 'case.created')?.payload as { order?: unknown } | undefined;
    const orderReference = typeof created?.order === 'string' ? created.order : undefined;
    const current = stored.determination.order;
    const changing = input.orderCode !== undefined && input.orderCode !== current.code;
    const bundle =
      changing && orderReference
        ? withOrderCode(original, orderReference, {
            code: input.orderCode ?? '',
            ...(input.orderDisplay ? { display: input.orderDisplay } : {}),
          })
        : original;
    if (changing && !orderReference) throw new Error(`case ${caseId} does not name its order`);
    const cases = this.deps.cases.forOrganization(organizationId);
    const { determination, intake } = cases.check(bundle, {
      ...(orderReference ? { orderReference } : {}),
      asOf: this.deps.today(),
    });
    return (await this.deps.store.startAttempt({
      organizationId,
      caseId,
      actor,
      now: this.now(),
      reason: input.reason,
      determination: { ...determination, caseId },
      ...(changing
        ? {
            changedOrder: {
              bundle,
              order: intake.order as ServiceRequest,
              from: { code: current.code, display: current.display },
              to: { code: determination.order.code, display: determination.order.display },
            },
          }
        : {}),
    }))
      ? this.attemptSummary(await repository.get(organizationId, caseId))
      : undefined;
  }

  private attemptSummary(stored: StoredCase | undefined): NewAttempt | undefined {
    return (
      stored && {
        caseId: stored.caseId,
        attempt: attemptOf(stored.events),
        status: stored.status,
        determination: stored.determination.determination,
        order: stored.determination.order,
      }
    );
  }

  /** An appeal as shown, with the time left on its running clock now. */
  view(appeal: AppealRecord): AppealView {
    return viewAppeal(appeal, this.now());
  }

  /** What `GET /api/cases/:id` adds: the attempt, the appeals with their running clocks, the authorization. */
  async caseAppeals(stored: StoredCase): Promise<CaseAppeals> {
    const now = this.now();
    const appeals = await this.deps.store.appeals(stored.organizationId, stored.caseId);
    return {
      attempt: attemptOf(stored.events),
      appeals: appeals.map((a) => viewAppeal(a, now)),
      authorization: authorizationOf(stored.events),
    };
  }
}
