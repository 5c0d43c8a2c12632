// NotificationStore on PostgreSQL, and the recording of notifications where they are triggered: a case event's
// notification is recorded in the event's own transaction (changeCase calls `notifyOnCaseEvent`), a re-authorization
// reminder by the scan. Each trigger is recorded once (unique per organization and key), each delivery once per
// (trigger, recipient, channel), and each delivery's job is written with it: nothing lost, nothing doubled.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DeliveryClaim, NotificationStore, OrganizationSettingsInput } from '../../app/notification-ports.ts';
import { isCaseStatus } from '../../core/case/index.ts';
import {
  DEFAULT_REAUTHORIZATION_LEAD_DAYS,
  isNotificationKind,
  plannedDeliveries,
  reauthorizationTrigger,
  triggerOfCaseEvent,
  type CaseEventFacts,
  type NotificationFacts,
  type NotificationKind,
  type NotificationPreferences,
  type NotificationTrigger,
  type OrganizationNotificationSettings,
  type UserNotificationSettings,
} from '../../core/notification/index.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

const kinds = (events: unknown): NotificationKind[] =>
  Array.isArray(events)
    ? events.filter((e): e is NotificationKind => typeof e === 'string' && isNotificationKind(e))
    : [];

async function organizationSettingsOf(
  db: Db,
  organizationId: string,
): Promise<OrganizationNotificationSettings | undefined> {
  const row = await db
    .selectFrom('organization_notification_settings')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    events: kinds(row.events),
    email: row.email,
    webhook: row.webhook_url ? { url: row.webhook_url, hasSecret: row.webhook_secret !== null } : null,
    reauthorizationLeadDays: row.reauthorization_lead_days,
  };
}

/** Everyone's settings for delivery: a person without an address of their own gets the one they sign in with. */
async function recipientsOf(tx: Transaction<Database>, organizationId: string): Promise<UserNotificationSettings[]> {
  const rows = await sql<{ user_id: string; events: unknown; email: string | null }>`
    select s.user_id, s.events, coalesce(s.email, u.email) as email
    from user_notification_settings s
    left join users u on u.id::text = s.user_id and u.organization_id = s.organization_id
    where s.organization_id = ${organizationId}
    order by s.user_id`.execute(tx);
  return rows.rows.map((row) => ({ userId: row.user_id, events: kinds(row.events), email: row.email }));
}

/** The facts a notification may carry (no patient data): the order code, the payer and the case status. */
async function factsOf(tx: Transaction<Database>, trigger: NotificationTrigger): Promise<NotificationFacts> {
  const row = await tx
    .selectFrom('cases as c')
    .innerJoin('orders as o', 'o.id', 'c.order_id')
    .leftJoin('coverages as v', 'v.id', 'c.coverage_id')
    .select(['c.status', 'o.code', 'v.payer_name'])
    .where('c.id', '=', trigger.caseId)
    .executeTakeFirstOrThrow();
  const status = trigger.status ?? (isCaseStatus(row.status) ? row.status : undefined);
  if (status === undefined) throw new Error(`case ${trigger.caseId} has an unknown status`);
  return {
    kind: trigger.kind,
    caseId: trigger.caseId,
    orderCode: row.code,
    payerName: row.payer_name ?? 'unknown payer',
    status,
    ...(trigger.dueAt ? { dueAt: trigger.dueAt } : {}),
    occurredAt: new Date().toISOString(),
  };
}

/** Records a trigger once, with a delivery and its job per recipient and channel; false when seen before. */
async function recordTrigger(
  tx: Transaction<Database>,
  organizationId: string,
  trigger: NotificationTrigger,
): Promise<boolean> {
  const fresh = await tx
    .insertInto('notification_triggers')
    .values({ organization_id: organizationId, key: trigger.key, case_id: trigger.caseId, kind: trigger.kind })
    .onConflict((oc) => oc.columns(['organization_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!fresh) return false;
  const planned = plannedDeliveries(
    trigger.kind,
    await organizationSettingsOf(tx, organizationId),
    await recipientsOf(tx, organizationId),
  );
  if (planned.length === 0) return true;
  const facts = JSON.stringify(await factsOf(tx, trigger));
  for (const delivery of planned) {
    const id = randomUUID();
    const inserted = await tx
      .insertInto('notification_deliveries')
      .values({ id, organization_id: organizationId, trigger_key: trigger.key, ...delivery, facts })
      .onConflict((oc) => oc.columns(['organization_id', 'trigger_key', 'recipient', 'channel']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    await tx
      .insertInto('jobs')
      .values({
        organization_id: organizationId,
        kind: 'notify',
        payload: JSON.stringify({ deliveryId: id }),
        locked_until: null,
        locked_by: null,
        last_error: null,
      })
      .execute();
  }
  return true;
}

/** The hook of `changeCase`: the notification a case event triggers, recorded in the event's transaction. */
export async function notifyOnCaseEvent(
  tx: Transaction<Database>,
  organizationId: string,
  event: CaseEventFacts,
): Promise<void> {
  const trigger = triggerOfCaseEvent(event);
  if (trigger) await recordTrigger(tx, organizationId, trigger);
}

const DECIDED_APPROVED = ['approved', 'partially_approved', 'modified'];
const SCAN_BATCH = 500;

export class PostgresNotificationStore implements NotificationStore {
  constructor(private readonly db: Kysely<Database>) {}

  organizationSettings(organizationId: string): Promise<OrganizationNotificationSettings | undefined> {
    return organizationSettingsOf(this.db, organizationId);
  }

  async saveOrganizationSettings(
    organizationId: string,
    input: OrganizationSettingsInput,
  ): Promise<OrganizationNotificationSettings> {
    return this.db.transaction().execute(async (tx) => {
      const stored = await tx
        .selectFrom('organization_notification_settings')
        .select('webhook_secret')
        .where('organization_id', '=', organizationId)
        .forUpdate()
        .executeTakeFirst();
      const values = {
        events: JSON.stringify(input.events),
        email: input.email,
        webhook_url: input.webhook?.url ?? null,
        webhook_secret: input.webhook ? (input.webhook.secret ?? stored?.webhook_secret ?? null) : null,
        reauthorization_lead_days: input.reauthorizationLeadDays,
        updated_at: new Date(),
      };
      await tx
        .insertInto('organization_notification_settings')
        .values({ organization_id: organizationId, ...values })
        .onConflict((oc) => oc.column('organization_id').doUpdateSet(values))
        .execute();
      const saved = await organizationSettingsOf(tx, organizationId);
      if (!saved) throw new Error('the notification settings were not saved');
      return saved;
    });
  }

  async userSettings(organizationId: string, userId: string): Promise<UserNotificationSettings | undefined> {
    const row = await this.db
      .selectFrom('user_notification_settings')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row && { userId, events: kinds(row.events), email: row.email };
  }

  async saveUserSettings(
    organizationId: string,
    userId: string,
    preferences: NotificationPreferences,
  ): Promise<UserNotificationSettings> {
    const values = { events: JSON.stringify(preferences.events), email: preferences.email, updated_at: new Date() };
    await this.db
      .insertInto('user_notification_settings')
      .values({ organization_id: organizationId, user_id: userId, ...values })
      .onConflict((oc) => oc.columns(['organization_id', 'user_id']).doUpdateSet(values))
      .execute();
    return { userId, events: [...preferences.events], email: preferences.email };
  }

  async webhookSecret(organizationId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('organization_notification_settings')
      .select('webhook_secret')
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    return row?.webhook_secret ?? undefined;
  }

  async claimDelivery(deliveryId: string, leaseMs: number): Promise<DeliveryClaim> {
    const claimed = await sql<{
      id: string;
      organization_id: string;
      channel: 'email' | 'webhook';
      address: string;
      facts: NotificationFacts;
    }>`
      update notification_deliveries
      set state = 'sending', attempts = attempts + 1, updated_at = now(),
        claimed_until = now() + (${leaseMs} * interval '1 millisecond')
      where id = ${deliveryId} and (state = 'queued' or (state = 'sending' and claimed_until < now()))
      returning id::text as id, organization_id, channel, address, facts`.execute(this.db);
    const row = claimed.rows[0];
    if (row) {
      return {
        claimed: true,
        delivery: {
          id: row.id,
          organizationId: row.organization_id,
          channel: row.channel,
          address: row.address,
          facts: row.facts,
        },
      };
    }
    const current = await this.db
      .selectFrom('notification_deliveries')
      .select(['state', 'claimed_until'])
      .where('id', '=', deliveryId)
      .executeTakeFirst();
    if (!current) return { claimed: false, state: 'missing' };
    if (current.state === 'sending')
      return { claimed: false, state: 'sending', until: new Date(current.claimed_until ?? Date.now()) };
    // A queued delivery that could not be claimed was claimed a moment ago by another worker.
    if (current.state === 'queued') return { claimed: false, state: 'sending', until: new Date(Date.now() + leaseMs) };
    return { claimed: false, state: current.state };
  }

  async markSent(deliveryId: string): Promise<void> {
    await this.db
      .updateTable('notification_deliveries')
      .set({ state: 'sent', sent_at: new Date(), claimed_until: null, last_error: null, updated_at: new Date() })
      .where('id', '=', deliveryId)
      .execute();
  }

  async markFailed(deliveryId: string, error: string, final: boolean): Promise<void> {
    await this.db
      .updateTable('notification_deliveries')
      .set({
        state: final ? 'dead' : 'queued',
        claimed_until: null,
        last_error: error.slice(0, 2000),
        updated_at: new Date(),
      })
      .where('id', '=', deliveryId)
      .execute();
  }

  async queueReauthorizations(today: string): Promise<number> {
    // Approved authorizations ending within their organization's lead days whose reminder is not recorded yet
    // (the key is the one reauthorizationTrigger makes).
    const due = await sql<{ case_id: string; organization_id: string; ends: string }>`
      select c.id::text as case_id, c.organization_id, c.authorization_ends::text as ends
      from cases c
      left join organization_notification_settings s on s.organization_id = c.organization_id
      where c.status in (${sql.join(DECIDED_APPROVED)}) and c.authorization_ends is not null
        and c.authorization_ends >= ${today}::date
        and c.authorization_ends <= ${today}::date + coalesce(s.reauthorization_lead_days, ${DEFAULT_REAUTHORIZATION_LEAD_DAYS})
        and not exists (
          select 1 from notification_triggers t
          where t.organization_id = c.organization_id
            and t.key = 'reauthorization_due:' || c.id::text || ':' || c.authorization_ends::text)
      order by c.authorization_ends, c.id
      limit ${SCAN_BATCH}`.execute(this.db);
    let recorded = 0;
    for (const row of due.rows) {
      const fresh = await this.db
        .transaction()
        .execute((tx) => recordTrigger(tx, row.organization_id, reauthorizationTrigger(row.case_id, row.ends)));
      if (fresh) recorded += 1;
    }
    return recorded;
  }
}
