// The storage port of what follows an adverse decision: appeals (opened, filed, decided) and new attempts. Each step
// is checked and written under the case's lock with the case event that records it (one transaction), so two
// concurrent openings for one denial make one appeal and the other is refused. Implemented in adapters/db.
import type { Bundle, ServiceRequest } from '@medplum/fhirtypes';
import type { AppealOutcome, CaseStatus } from '../core/case/index.ts';
import type { AppealKind, AppealRecord } from '../core/appeal/index.ts';
import type { Determination } from '../core/determination/index.ts';

interface CaseStep {
  organizationId: string;
  caseId: string;
  actor: string;
  /** The server's time of the step (ISO instant). */
  now: string;
}

export interface OpenAppealStep extends CaseStep {
  appealId: string;
  kind: AppealKind;
  expedited: boolean;
  reason: string;
  lateFilingReason?: string;
}

export interface FileAppealStep extends CaseStep {
  appealId: string;
  filedAt: string;
}

export interface DecideAppealStep extends CaseStep {
  appealId: string;
  outcome: AppealOutcome;
  decidedAt: string;
  authorizationNumber?: string;
}

export interface NewAttemptStep extends CaseStep {
  reason: string;
  /** The case determined again for this attempt (for the changed order when there is one). */
  determination: Determination;
  /** The amended intake bundle, its changed order, and the order's code before and after, when it changed. */
  changedOrder?: {
    bundle: Bundle;
    order: ServiceRequest;
    from: { code: string; display: string };
    to: { code: string; display: string };
  };
}

export interface AppealStore {
  /** CaseConflictError when the case is not in an appealable state; InvalidInputError past the filing deadline. */
  openAppeal(step: OpenAppealStep): Promise<AppealRecord | undefined>;
  fileAppeal(step: FileAppealStep): Promise<AppealRecord | undefined>;
  /** The decided appeal and the status its outcome moved the case to. */
  decideAppeal(step: DecideAppealStep): Promise<{ appeal: AppealRecord; caseStatus: CaseStatus } | undefined>;
  /** The case's appeals, oldest first. */
  appeals(organizationId: string, caseId: string): Promise<AppealRecord[]>;
  /** False when the organization has no such case; CaseConflictError when its state allows no new attempt. */
  startAttempt(step: NewAttemptStep): Promise<boolean>;
}
