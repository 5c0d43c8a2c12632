// Table types for the typed query builder. One schema serves PGlite and server PostgreSQL alike.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface OrganizationTable {
  id: string;
  name: string;
  created_at: CreatedAt;
}

/** A patient as the submitting organization identifies them, with a demographics snapshot taken at intake. */
export interface PatientTable {
  id: string;
  organization_id: string;
  /** `system|value` of the patient's first identifier, else `Patient/<id>` from the submitted bundle. */
  patient_key: string;
  demographics: Json<{ name?: string; birthDate?: string; gender?: string }>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, never, Date>;
}

export interface CoverageTable {
  id: string;
  organization_id: string;
  patient_id: string;
  payer_id: string | null;
  payer_name: string;
  line_of_business: string;
  member_id: string | null;
  resource: Json;
  created_at: CreatedAt;
}

export interface OrderTable {
  id: string;
  organization_id: string;
  patient_id: string;
  coverage_id: string | null;
  resource_type: string;
  code_system: string;
  code: string;
  display: string;
  resource: Json;
  created_at: CreatedAt;
}

export interface CaseTable {
  id: string;
  organization_id: string;
  patient_id: string;
  order_id: string;
  coverage_id: string | null;
  status: string;
  determination: string;
  pa_required: string;
  policy_id: string | null;
  policy_version: string | null;
  as_of: string;
  result: Json;
  assignee: ColumnType<string | null, string | null | undefined, string | null>;
  decision_due_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  authorization_ends: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, never, Date>;
}

/** Append-only: a trigger refuses UPDATE and DELETE. */
export interface CaseEventTable {
  id: Generated<string>;
  case_id: string;
  organization_id: string;
  seq: number;
  type: string;
  actor: string;
  payload: Json;
  at: CreatedAt;
}

/** FHIR content kept with a case: the intake bundle now; requests and responses sent later. */
export interface CaseDocumentTable {
  id: Generated<string>;
  case_id: string;
  organization_id: string;
  kind: string;
  content: Json;
  created_at: CreatedAt;
}

export interface SubmissionTable {
  submission_id: string;
  case_id: string;
  organization_id: string;
  channel: string;
  attempt: number;
  state: 'queued' | 'sending' | 'answered' | 'failed';
  last_error: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, never, Date>;
}

/** Durable work (the outbox): written in the same transaction as the state change that needs it. */
export interface JobTable {
  id: Generated<string>;
  organization_id: string;
  kind: string;
  payload: Json;
  state: ColumnType<
    'queued' | 'running' | 'done' | 'dead',
    'queued' | undefined,
    'queued' | 'running' | 'done' | 'dead'
  >;
  attempts: ColumnType<number, never, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  run_at: ColumnType<Date, Date | undefined, Date>;
  locked_until: Date | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, never, Date>;
}

/** A key's row is inserted (claimed) before its request is produced; status and response are set when it is. */
export interface IdempotencyKeyTable {
  organization_id: string;
  key: string;
  request_hash: string;
  status: number | null;
  response: ColumnType<unknown, string | null, string | null>;
  claimed_at: ColumnType<Date, Date | undefined, Date>;
  created_at: CreatedAt;
}

export interface NotificationReceiptTable {
  subscription_id: string;
  event_number: string;
  received_at: CreatedAt;
}

export interface ApiKeyTable {
  id: string;
  organization_id: string;
  key_hash: string;
  role: string;
  label: string;
  created_at: CreatedAt;
  revoked_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  organization_id: string;
  key_id: string;
  role: string;
  action: 'view' | 'change';
  resource: string;
  route: string;
  status: number;
  at: CreatedAt;
}

export interface Database {
  api_keys: ApiKeyTable;
  audit_log: AuditLogTable;
  submissions: SubmissionTable;
  jobs: JobTable;
  idempotency_keys: IdempotencyKeyTable;
  notification_receipts: NotificationReceiptTable;
  organizations: OrganizationTable;
  patients: PatientTable;
  coverages: CoverageTable;
  orders: OrderTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  case_documents: CaseDocumentTable;
}
