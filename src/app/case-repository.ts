// The storage port of the case workflow. The PostgreSQL implementation (PGlite or server) lives in adapters/db;
// tests run it on in-memory PGlite, which is real Postgres, so no hand-written double can drift from it.
import type { Bundle, Coverage, Patient } from '@medplum/fhirtypes';
import type { Determination } from '../core/determination/index.ts';
import type { Order } from '../core/intake/index.ts';

export type { CaseStatus } from '../core/case/index.ts';
import type { CaseStatus } from '../core/case/index.ts';

export interface NewCase {
  organizationId: string;
  patient: Patient;
  coverage?: Coverage;
  order: Order;
  bundle: Bundle;
  determination: Determination;
  status: CaseStatus;
  actor: string;
  /** Create it even when an earlier case is a duplicate (src/app/duplicates.ts); otherwise DuplicateCaseError. */
  confirmDuplicate?: boolean;
}

export interface CaseEvent {
  seq: number;
  type: string;
  actor: string;
  at: string;
  payload: unknown;
}

export interface StoredCase {
  caseId: string;
  organizationId: string;
  /** The patient as submitted with the case (what a coordinator recognizes it by). */
  patient: { name: string | null; birthDate: string | null; mrn: string | null };
  status: string;
  createdAt: string;
  updatedAt: string;
  determination: Determination;
  events: CaseEvent[];
}

export interface CaseSummary {
  caseId: string;
  status: string;
  determination: Determination['determination'];
  paRequired: Determination['paRequired'];
  order: Determination['order'];
  payer: Determination['payer'];
  createdAt: string;
}

export interface CaseRepository {
  /** Stores the case, its patient, coverage, order, intake bundle and first events in one transaction. */
  create(input: NewCase): Promise<StoredCase>;
  get(organizationId: string, caseId: string): Promise<StoredCase | undefined>;
  list(
    organizationId: string,
    options: { limit: number; before?: { createdAt: string; caseId: string } },
  ): Promise<CaseSummary[]>;
  /** Whether a case was already made from the bundle with this Bundle.id (re-submission and demo loading). */
  hasBundle(organizationId: string, bundleId: string): Promise<boolean>;
  /** The intake bundle stored with a case. */
  intakeBundle(organizationId: string, caseId: string): Promise<Bundle | undefined>;
  /** The documents of one kind stored with a case, oldest first (e.g. accepted QuestionnaireResponses). */
  documents(organizationId: string, caseId: string, kind: string): Promise<unknown[]>;
  /**
   * A new determination for a stored case, with or without documentation received, in one transaction under the
   * case's lock: the document is stored, `documentation.received` and `determination.made` are appended, and the
   * case takes the new determination and the status `statusAfterDetermination` gives. Undefined when the
   * organization has no such case; a CaseConflictError (nothing written) while a send is in flight.
   */
  recordDetermination(input: Redetermination | DocumentationReceived): Promise<StoredCase | undefined>;
  /** Withdraws a case before submission (`case.cancelled`); undefined when no such case, CaseConflictError after. */
  cancel(organizationId: string, caseId: string, reason: string, actor: string): Promise<StoredCase | undefined>;
}

/** A determination run again on request (new evidence in the record, a new policy version). */
export interface Redetermination {
  organizationId: string;
  caseId: string;
  actor: string;
  reason: string;
  determination: Determination;
}

export interface DocumentationReceived {
  organizationId: string;
  caseId: string;
  actor: string;
  /** Document kind, e.g. `questionnaire-response`. */
  kind: string;
  content: unknown;
  /** Payload of the `documentation.received` event: who answered, when, which document. */
  received: Record<string, unknown>;
  determination: Determination;
}
