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
  /** The patient as submitted, copied for the work queue's columns and search (0007). */
  patient_name: ColumnType<string | null, string | null | undefined, string | null>;
  patient_birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  patient_mrn: ColumnType<string | null, string | null | undefined, string | null>;
  /** From the payer's latest approving answer, kept by a trigger on case_events. */
  authorization_number: ColumnType<string | null, never, never>;
  /** Generated: lower-case name, MRN and authorization number, what the queue's `q` searches. */
  search_text: ColumnType<string, never, never>;
  /** Generated: the decision due instant, 9999-12-31 when there is none (so the due sort keeps them last). */
  due_sort: ColumnType<Date, never, never>;
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
  key_id: string | null;
  /** The signed-in person, when the request came with a session rather than an API key (0007). */
  user_id: ColumnType<string | null, string | null | undefined, never>;
  role: string;
  action: 'view' | 'change';
  resource: string;
  route: string;
  status: number;
  at: CreatedAt;
}

/** A person signed in through OpenID Connect, known by issuer and subject (0007). */
export interface UserTable {
  id: string;
  organization_id: string;
  issuer: string;
  subject: string;
  name: string;
  email: string | null;
  role: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
}

/** A web session: only the SHA-256 of its token is stored (0007). */
export interface WebSessionTable {
  token_hash: string;
  user_id: string;
  organization_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: Date;
}

/** An appeal of an adverse decision (0008): written only with the case event that records each step. */
export interface AppealTable {
  id: string;
  case_id: string;
  organization_id: string;
  kind: string;
  level: number;
  line_of_business: string;
  expedited: boolean;
  state: string;
  appealed_status: string;
  opened_at: Date;
  filing_deadline: Date | null;
  late_filing_reason: string | null;
  filed_at: Date | null;
  decision_due_at: Date | null;
  outcome: string | null;
  decided_at: Date | null;
  authorization_number: string | null;
  reason: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** Notification settings of an organization; `events` lists the notification kinds it wants. */
export interface OrganizationNotificationSettingsTable {
  organization_id: string;
  events: Json<string[]>;
  email: string | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  reauthorization_lead_days: number;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface UserNotificationSettingsTable {
  organization_id: string;
  user_id: string;
  events: Json<string[]>;
  email: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** Each notification trigger once (a case event, a deadline, an authorization's end). */
export interface NotificationTriggerTable {
  organization_id: string;
  key: string;
  case_id: string;
  kind: string;
  created_at: CreatedAt;
}

/** One notification to one recipient on one channel: unique per (trigger, recipient, channel). */
export interface NotificationDeliveryTable {
  id: string;
  organization_id: string;
  trigger_key: string;
  recipient: string;
  channel: 'email' | 'webhook';
  address: string;
  facts: Json;
  state: ColumnType<
    'queued' | 'sending' | 'sent' | 'dead',
    'queued' | undefined,
    'queued' | 'sending' | 'sent' | 'dead'
  >;
  attempts: ColumnType<number, never, number>;
  claimed_until: ColumnType<Date | null, never, Date | null>;
  sent_at: ColumnType<Date | null, never, Date | null>;
  last_error: ColumnType<string | null, never, string | null>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, never, Date>;
}

/** One row per payer request (submission attempt), for the analytics (0012); kept by analytics-facts.ts. */
export interface AnalyticsRequestTable {
  submission_id: string;
  organization_id: string;
  case_id: string;
  attempt: number;
  payer_id: string;
  payer_name: string;
  line_of_business: string;
  service_code: string;
  drug: boolean;
  urgency: 'standard' | 'expedited';
  policy_id: string | null;
  /** The criteria not met or unknown in the determination at submission: `[{ id, status, text }]`. */
  criteria: Json<{ id: string; status: string; text: string }[]>;
  /** First attempts only: no person's edit between creation and this submission. */
  touchless: boolean | null;
  queued_at: Date;
  received_at: Date | null;
  decided_at: Date | null;
  outcome: string | null;
  due_at: Date | null;
}

/** A payer's request for more information on a pended submission, and the reviewed answer sent once. */
export interface PayerRequestTable {
  id: string;
  case_id: string;
  organization_id: string;
  submission_id: string;
  channel: string;
  items: Json;
  fingerprint: string;
  state: 'open' | 'answering' | 'answered';
  requested_at: CreatedAt;
  answer: ColumnType<unknown, string | null, string | null>;
  answer_id: string | null;
  sending_at: Date | null;
  sent_at: Date | null;
  last_error: string | null;
}

export interface Database {
  users: UserTable;
  web_sessions: WebSessionTable;
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
  payer_requests: PayerRequestTable;
  organization_notification_settings: OrganizationNotificationSettingsTable;
  user_notification_settings: UserNotificationSettingsTable;
  notification_triggers: NotificationTriggerTable;
  notification_deliveries: NotificationDeliveryTable;
  appeals: AppealTable;
  analytics_requests: AnalyticsRequestTable;
}
