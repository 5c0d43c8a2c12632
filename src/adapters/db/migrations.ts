// The one migration set, applied on start by Kysely's migrator (which takes a lock, so several processes starting
// together on server PostgreSQL apply it once). Migrations are append-only: never edit one that has shipped.
import { sql, type Kysely, type Migration } from 'kysely';

const FOUNDATION: readonly string[] = [
  `create table organizations (
    id text primary key,
    name text not null,
    created_at timestamptz not null default now()
  )`,
  `create table patients (
    id uuid primary key,
    organization_id text not null references organizations(id),
    patient_key text not null,
    demographics jsonb not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (organization_id, patient_key)
  )`,
  `create table coverages (
    id uuid primary key,
    organization_id text not null references organizations(id),
    patient_id uuid not null references patients(id),
    payer_id text,
    payer_name text not null,
    line_of_business text not null,
    member_id text,
    resource jsonb not null,
    created_at timestamptz not null default now()
  )`,
  `create table orders (
    id uuid primary key,
    organization_id text not null references organizations(id),
    patient_id uuid not null references patients(id),
    coverage_id uuid references coverages(id),
    resource_type text not null check (resource_type in ('ServiceRequest', 'MedicationRequest')),
    code_system text not null,
    code text not null,
    display text not null,
    resource jsonb not null,
    created_at timestamptz not null default now()
  )`,
  `create table cases (
    id uuid primary key,
    organization_id text not null references organizations(id),
    patient_id uuid not null references patients(id),
    order_id uuid not null references orders(id),
    coverage_id uuid references coverages(id),
    status text not null,
    determination text not null check (determination in
      ('meets', 'does_not_meet', 'insufficient_documentation', 'not_required', 'no_policy')),
    pa_required text not null check (pa_required in ('true', 'false', 'unknown')),
    policy_id text,
    policy_version text,
    as_of text not null check (as_of ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    result jsonb not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index cases_org_created on cases (organization_id, created_at desc, id)`,
  `create table case_events (
    id bigint generated always as identity primary key,
    case_id uuid not null references cases(id),
    organization_id text not null references organizations(id),
    seq integer not null,
    type text not null,
    actor text not null,
    payload jsonb not null,
    at timestamptz not null default now(),
    unique (case_id, seq)
  )`,
  `create table case_documents (
    id bigint generated always as identity primary key,
    case_id uuid not null references cases(id),
    organization_id text not null references organizations(id),
    kind text not null,
    content jsonb not null,
    created_at timestamptz not null default now()
  )`,
  `create index case_documents_case on case_documents (case_id)`,
  `create function case_events_append_only() returns trigger language plpgsql as $$
  begin
    raise exception 'case_events is append-only';
  end $$`,
  `create trigger case_events_no_change before update or delete on case_events
    for each row execute function case_events_append_only()`,
];

/** Submissions, the outbox of durable jobs, idempotency keys, notification receipts and X12 control numbers. */
const SUBMISSIONS: readonly string[] = [
  `create table submissions (
    submission_id text primary key,
    case_id uuid not null references cases(id),
    organization_id text not null references organizations(id),
    channel text not null,
    attempt integer not null,
    state text not null check (state in ('queued', 'sending', 'answered', 'failed')),
    last_error text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (case_id, attempt)
  )`,
  `create table jobs (
    id bigint generated always as identity primary key,
    organization_id text not null references organizations(id),
    kind text not null,
    payload jsonb not null,
    state text not null default 'queued' check (state in ('queued', 'running', 'done', 'dead')),
    attempts integer not null default 0,
    max_attempts integer not null default 8,
    run_at timestamptz not null default now(),
    locked_until timestamptz,
    locked_by text,
    last_error text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index jobs_ready on jobs (run_at) where state in ('queued', 'running')`,
  `create table idempotency_keys (
    organization_id text not null references organizations(id),
    key text not null,
    request_hash text not null,
    status integer not null,
    response jsonb not null,
    created_at timestamptz not null default now(),
    primary key (organization_id, key)
  )`,
  `create table notification_receipts (
    subscription_id text not null,
    event_number text not null,
    received_at timestamptz not null default now(),
    primary key (subscription_id, event_number)
  )`,
  `create sequence x12_interchange_control_number minvalue 1 maxvalue 999999999 no cycle`,
  `create sequence x12_group_control_number minvalue 1 maxvalue 999999999 no cycle`,
  `create sequence x12_transaction_control_number minvalue 1 maxvalue 999999999 no cycle`,
];

/** The coordinator's work queue: an assignee per case, and the indexes its filters use. */
const WORK_QUEUE: readonly string[] = [
  `alter table cases add column assignee text`,
  `create index cases_queue on cases (organization_id, status, updated_at desc, id)`,
  `create index cases_assignee on cases (organization_id, assignee) where assignee is not null`,
];

/** Access: API keys per organization (hashed) with a role, and the audit log. */
const ACCESS: readonly string[] = [
  `create table api_keys (
    id uuid primary key,
    organization_id text not null references organizations(id),
    key_hash text not null unique,
    role text not null check (role in ('admin', 'coordinator', 'clinician', 'read_only')),
    label text not null,
    created_at timestamptz not null default now(),
    revoked_at timestamptz
  )`,
  `create table audit_log (
    id bigint generated always as identity primary key,
    organization_id text not null,
    key_id uuid not null,
    role text not null,
    action text not null check (action in ('view', 'change')),
    resource text not null,
    route text not null,
    status integer not null,
    at timestamptz not null default now()
  )`,
  `create index audit_log_resource on audit_log (organization_id, resource, at)`,
];

/** Decision deadlines and authorization end dates on the case, for reminders and the work queue's due filter. */
const DEADLINES: readonly string[] = [
  `alter table cases add column decision_due_at timestamptz`,
  `alter table cases add column authorization_ends date`,
  `create index cases_due on cases (organization_id, decision_due_at) where decision_due_at is not null`,
];

/**
 * Concurrency: idempotency keys claimed before their request runs (status and response filled in after), finished
 * jobs findable for retention, and case timestamps kept to the millisecond, the precision of the paging cursors, so
 * that keyset paging compares plain indexed columns instead of date_trunc() over every row.
 */
const CONCURRENCY: readonly string[] = [
  `alter table idempotency_keys alter column status drop not null`,
  `alter table idempotency_keys alter column response drop not null`,
  `alter table idempotency_keys add column claimed_at timestamptz not null default now()`,
  `create index jobs_finished on jobs (updated_at) where state = 'done'`,
  `update cases set created_at = date_trunc('milliseconds', created_at), updated_at = date_trunc('milliseconds', updated_at)`,
  `alter table cases alter column created_at set default date_trunc('milliseconds', now())`,
  `alter table cases alter column updated_at set default date_trunc('milliseconds', now())`,
];

/** A migration of plain statements, run one per call: PGlite's extended protocol does not take several at once. */
function statements(list: readonly string[]): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const statement of list) await sql.raw(statement).execute(db);
    },
  };
}

export const migrations: Record<string, Migration> = {
  '0001_foundation': statements(FOUNDATION),
  '0002_submissions': statements(SUBMISSIONS),
  '0003_work_queue': statements(WORK_QUEUE),
  '0004_access': statements(ACCESS),
  '0005_deadlines': statements(DEADLINES),
  '0006_concurrency': statements(CONCURRENCY),
};
