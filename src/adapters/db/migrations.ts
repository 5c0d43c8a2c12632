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

/**
 * The web app: people signed in through OpenID Connect (one row per issuer and subject, with their role) and their
 * server-side sessions (only a hash of the session token is kept); audit entries name a user or an API key. The work
 * queue's search and due sort read indexed columns copied onto the case: the patient as submitted (name, birth date,
 * MRN), the payer's authorization number (kept by a trigger on the payer's answers, whoever records them), one
 * lower-case search text, and the due instant with "no deadline" last. Existing rows are backfilled.
 */
const WEB_USERS: readonly string[] = [
  `create table users (
    id uuid primary key,
    organization_id text not null references organizations(id),
    issuer text not null,
    subject text not null,
    name text not null,
    email text,
    role text not null check (role in ('admin', 'coordinator', 'clinician', 'read_only')),
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    unique (issuer, subject)
  )`,
  `create index users_org_name on users (organization_id, name, id)`,
  `create table web_sessions (
    token_hash text primary key,
    user_id uuid not null references users(id) on delete cascade,
    organization_id text not null references organizations(id),
    csrf_token text not null,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at timestamptz not null
  )`,
  `create index web_sessions_expiry on web_sessions (expires_at)`,
  `create index web_sessions_user on web_sessions (user_id)`,
  `alter table audit_log alter column key_id drop not null`,
  `alter table audit_log add column user_id uuid`,
  `alter table cases add column patient_name text`,
  `alter table cases add column patient_birth_date text`,
  `alter table cases add column patient_mrn text`,
  `alter table cases add column authorization_number text`,
  `alter table cases add column search_text text generated always as (lower(
    coalesce(patient_name, '') || ' ' || coalesce(patient_mrn, '') || ' ' || coalesce(authorization_number, '')
  )) stored`,
  `alter table cases add column due_sort timestamptz generated always as (
    coalesce(decision_due_at, '9999-12-31T00:00:00Z'::timestamptz)
  ) stored`,
  `create index cases_queue_updated on cases (organization_id, updated_at desc, id desc)`,
  `create index cases_queue_due on cases (organization_id, due_sort, id)`,
  `create index cases_pended on cases (organization_id, updated_at desc, id desc) where status = 'pended'`,
  `create index cases_duplicates on cases (organization_id, patient_id, created_at desc)`,
  `update cases c set patient_name = p.demographics->>'name', patient_birth_date = p.demographics->>'birthDate'
    from patients p where p.id = c.patient_id`,
  // The MRN of the intake's first Patient: the identifier typed MR (v2-0203), else the first one with a value.
  `update cases c set patient_mrn = (
    select coalesce(
      (select i->>'value' from jsonb_array_elements(coalesce(pt.resource->'identifier', '[]')) i
        where i->'type'->'coding' @> '[{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]'
          and i ? 'value' limit 1),
      (select i->>'value' from jsonb_array_elements(coalesce(pt.resource->'identifier', '[]')) i
        where i ? 'value' limit 1))
    from (select e->'resource' as resource from case_documents d, jsonb_array_elements(d.content->'entry') e
      where d.case_id = c.id and d.kind = 'intake-bundle' and e->'resource'->>'resourceType' = 'Patient'
      limit 1) pt)`,
  `create function case_authorization_number() returns trigger language plpgsql as $$
  declare
    number text;
  begin
    if new.type = 'payer.responded' and new.payload->>'outcome' in ('certified', 'partial', 'modified') then
      select i->>'authorizationNumber' into number from jsonb_array_elements(new.payload->'items') i
        where i ? 'authorizationNumber' limit 1;
      if number is not null then
        update cases set authorization_number = number where id = new.case_id;
      end if;
    end if;
    return null;
  end $$`,
  `create trigger case_events_authorization_number after insert on case_events
    for each row execute function case_authorization_number()`,
  `update cases c set authorization_number = (
    select i->>'authorizationNumber' from case_events e, jsonb_array_elements(e.payload->'items') i
      where e.case_id = c.id and e.type = 'payer.responded'
        and e.payload->>'outcome' in ('certified', 'partial', 'modified') and i ? 'authorizationNumber'
      order by e.seq desc limit 1)`,
];

/**
 * Appeals of adverse decisions: one row per reconsideration, appeal or external review of a case, with its clock
 * (filing deadline, decision due) and outcome; at most one open at a time per case. Rows change only in the
 * transaction of the case event that records the step. An overturn's authorization number reaches the case's
 * column like a payer's approving answer does (the 0007 trigger, extended).
 */
const APPEALS: readonly string[] = [
  `create table appeals (
    id uuid primary key,
    case_id uuid not null references cases(id),
    organization_id text not null references organizations(id),
    kind text not null check (kind in ('reconsideration', 'appeal', 'external_review')),
    level integer not null check (level >= 1),
    line_of_business text not null,
    expedited boolean not null,
    state text not null check (state in ('drafting', 'filed', 'decided', 'withdrawn')),
    appealed_status text not null check (appealed_status in ('denied', 'partially_approved', 'modified')),
    opened_at timestamptz not null,
    filing_deadline timestamptz,
    late_filing_reason text,
    filed_at timestamptz,
    decision_due_at timestamptz,
    outcome text check (outcome in ('overturned', 'partially_overturned', 'upheld')),
    decided_at timestamptz,
    authorization_number text,
    reason text not null,
    updated_at timestamptz not null default now()
  )`,
  `create index appeals_case on appeals (case_id, opened_at)`,
  `create unique index appeals_one_open on appeals (case_id) where state in ('drafting', 'filed')`,
  `create index appeals_decided on appeals (organization_id, decided_at) where outcome is not null`,
  `create or replace function case_authorization_number() returns trigger language plpgsql as $$
  declare
    number text;
  begin
    if new.type = 'payer.responded' and new.payload->>'outcome' in ('certified', 'partial', 'modified') then
      select i->>'authorizationNumber' into number from jsonb_array_elements(new.payload->'items') i
        where i ? 'authorizationNumber' limit 1;
    elsif new.type = 'appeal.decided' and new.payload->>'outcome' in ('overturned', 'partially_overturned') then
      number := new.payload->>'authorizationNumber';
    end if;
    if number is not null then
      update cases set authorization_number = number where id = new.case_id;
    end if;
    return null;
  end $$`,
];

/**
 * Notifications: settings per organization (team address, webhook and its signing secret, re-authorization lead)
 * and per user (keyed by the user's id as text: a web user's id, or `key:<id>` for an API key), each trigger recorded
 * once, and one delivery per (trigger, recipient, channel): the unique keys that make a notification go out once.
 */
const NOTIFICATIONS: readonly string[] = [
  `create table organization_notification_settings (
    organization_id text primary key references organizations(id),
    events jsonb not null,
    email text,
    webhook_url text,
    webhook_secret text,
    reauthorization_lead_days integer not null default 30 check (reauthorization_lead_days between 1 and 365),
    updated_at timestamptz not null default now()
  )`,
  `create table user_notification_settings (
    organization_id text not null references organizations(id),
    user_id text not null,
    events jsonb not null,
    email text,
    updated_at timestamptz not null default now(),
    primary key (organization_id, user_id)
  )`,
  `create table notification_triggers (
    organization_id text not null references organizations(id),
    key text not null,
    case_id uuid not null references cases(id),
    kind text not null,
    created_at timestamptz not null default now(),
    primary key (organization_id, key)
  )`,
  `create table notification_deliveries (
    id uuid primary key,
    organization_id text not null references organizations(id),
    trigger_key text not null,
    recipient text not null,
    channel text not null check (channel in ('email', 'webhook')),
    address text not null,
    facts jsonb not null,
    state text not null default 'queued' check (state in ('queued', 'sending', 'sent', 'dead')),
    attempts integer not null default 0,
    claimed_until timestamptz,
    sent_at timestamptz,
    last_error text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (organization_id, trigger_key, recipient, channel)
  )`,
  `create index cases_authorization_ends on cases (authorization_ends) where authorization_ends is not null`,
];

/**
 * Analytics: one row per payer request (submission attempt) with what the figures group and time by, kept by the
 * case events' one change path in the event's own transaction (src/adapters/db/analytics-facts.ts): payer, service,
 * urgency and the criteria not met or unknown as determined at submission (the case's determination may change on a
 * later attempt), whether the first submission went without a person's edit, and the receipt, decision and due times.
 * Requests sent before this migration are not in it. The partial index serves the appeal figures read from events.
 */
const ANALYTICS: readonly string[] = [
  `create table analytics_requests (
    submission_id text primary key,
    organization_id text not null references organizations(id),
    case_id uuid not null references cases(id),
    attempt integer not null,
    payer_id text not null,
    payer_name text not null,
    line_of_business text not null,
    service_code text not null,
    drug boolean not null,
    urgency text not null check (urgency in ('standard', 'expedited')),
    policy_id text,
    criteria jsonb not null,
    touchless boolean,
    queued_at timestamptz not null,
    received_at timestamptz,
    decided_at timestamptz,
    outcome text check (outcome in ('approved', 'partially_approved', 'modified', 'denied')),
    due_at timestamptz
  )`,
  `create index analytics_requests_decided on analytics_requests (organization_id, decided_at) where decided_at is not null`,
  `create index analytics_requests_queued on analytics_requests (organization_id, queued_at) where attempt = 1`,
  `create index analytics_requests_case on analytics_requests (case_id, attempt)`,
  `create index case_events_appeals on case_events (organization_id, type, at) where type like 'appeal.%'`,
];

/**
 * A payer's requests for more information on a pended request (X12 PWK, PAS CommunicationRequest), one row per
 * distinct request of a submission (the fingerprint of its items: a pend read again, by inquiry or notification, is
 * not a new request), and the reviewed answer sent once through the case's channel under its own answer id.
 */
const PAYER_REQUESTS: readonly string[] = [
  `create table payer_requests (
    id uuid primary key,
    case_id uuid not null references cases(id),
    organization_id text not null references organizations(id),
    submission_id text not null references submissions(submission_id),
    channel text not null,
    items jsonb not null,
    fingerprint text not null,
    state text not null check (state in ('open', 'answering', 'answered')),
    requested_at timestamptz not null default now(),
    answer jsonb,
    answer_id text unique,
    sending_at timestamptz,
    sent_at timestamptz,
    last_error text,
    unique (submission_id, fingerprint)
  )`,
  `create index payer_requests_case on payer_requests (case_id, requested_at)`,
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
  '0007_web_users': statements(WEB_USERS),
  '0008_appeals': statements(APPEALS),
  '0009_payer_requests': statements(PAYER_REQUESTS),
  '0011_notifications': statements(NOTIFICATIONS),
  '0012_analytics': statements(ANALYTICS),
};
