// Integration: notifications end to end on a real database (PGlite; server PostgreSQL when configured), a real
// local SMTP server and a real local HTTP webhook receiver that checks the Standard Webhooks signature itself. A case
// is sent to the payer simulator; the payer's answer, the deadline reminders and the re-authorization scan notify the
// organization's address and webhook and each user who chose the kind, exactly once even when a job runs twice or two
// workers race; retries back off and end in the dead letters; settings are checked over HTTP.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Patient } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newApiKey } from '../../app/access.ts';
import type { CaseService } from '../../app/cases.ts';
import { NotificationService } from '../../app/notifications.ts';
import { generateDemoCases } from '../../demo/index.ts';
import type { Simulator } from '../../sim/server.ts';
import type { Adjudication } from '../../sim/scenarios.ts';
import { TEST_DATABASES } from '../../testing/databases.ts';
import { payerConnected, type PayerConnected } from '../../testing/payer-connected.ts';
import { changeCase, lockCase } from '../db/case-events.ts';
import type { OpenDatabase } from '../db/database.ts';
import { notifyOnCaseEvent, PostgresNotificationStore } from '../db/notification-store.ts';
import type { SubmissionPorts } from '../db/submission-ports.ts';
import { SmtpMailer } from './mailer.ts';
import { startSmtpReceiver, type ReceivedMail, type SmtpReceiver } from './smtp-receiver.ts';
import { HttpWebhookSender } from './webhook-sender.ts';

const ORG = 'org-notify';
const PUBLIC_URL = 'https://klivira.example.org';
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const demo = generateDemoCases({ seed: 5 }).find((c) => c.scenario === 'lumbar_meets_radiculopathy');
const patient = demo?.bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource as
  Patient | undefined;
const ALL = [
  'pended',
  'information_requested',
  'decision',
  'deadline_due_soon',
  'deadline_expired',
  'reauthorization_due',
] as const;

interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  body: string;
  verified: boolean;
}

/** The receiver's own Standard Webhooks check, written from the specification (not with Klivira's signer). */
function verify(headers: http.IncomingHttpHeaders, body: string): boolean {
  const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
  const id = String(headers['webhook-id']);
  const timestamp = String(headers['webhook-timestamp']);
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
  return fresh && String(headers['webhook-signature']).split(' ').includes(`v1,${expected}`);
}

describe.each(TEST_DATABASES)('notifications on $name', (target) => {
  let product: PayerConnected;
  let database: OpenDatabase;
  let simulator: Simulator;
  let smtp: SmtpReceiver;
  let mailer: SmtpMailer;
  let receiver: http.Server;
  let hookUrl: string;
  let api: FastifyInstance;
  let cases: CaseService;
  let ports: SubmissionPorts;
  let notifications: NotificationService;
  let store: PostgresNotificationStore;
  const mails: ReceivedMail[] = [];
  const webhooks: ReceivedWebhook[] = [];
  /** Statuses the webhook receiver answers next (then 204). */
  const hookAnswers: number[] = [];
  const clock = { offsetMs: 0 };
  const keys: Record<'admin' | 'coordinator', string> = { admin: '', coordinator: '' };

  const worker = () => product.newWorker();

  beforeAll(async () => {
    smtp = await startSmtpReceiver({ onMail: (mail) => mails.push(mail) });
    mailer = new SmtpMailer(smtp.url, 'Klivira <notifications@klivira.test>');
    receiver = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        webhooks.push({ headers: request.headers, body, verified: verify(request.headers, body) });
        response.statusCode = hookAnswers.shift() ?? 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/hooks/klivira`;
    const policy = { allowLoopbackHttp: true, allowPrivateNetworks: false };
    product = await payerConnected(target, {
      organizationId: ORG,
      today: '2026-11-02',
      channelTimeoutMs: 2000,
      decisionDue: false,
      worker: { leaseMs: 60_000 },
      access: true,
      notifications: (opened, jobs) => {
        store = new PostgresNotificationStore(opened.db);
        return new NotificationService({
          store,
          jobs,
          mailer,
          webhooks: new HttpWebhookSender(policy, 2000),
          publicUrl: PUBLIC_URL,
          webhookPolicy: policy,
          clock: () => new Date(Date.now() + clock.offsetMs),
        });
      },
    });
    ({ database, simulator, app: api, cases, ports } = product);
    if (!product.notifications) throw new Error('no notification service');
    notifications = product.notifications;
    // The organization exists once it has a case.
    await cases.create(demo?.bundle, { confirmDuplicate: true }, 'test');
    for (const role of ['admin', 'coordinator'] as const) {
      const { key, hash } = newApiKey();
      await product.access.createKey(ORG, role, `${role} key`, hash);
      keys[role] = key;
    }
  });

  afterAll(async () => {
    await product.close();
    mailer.close();
    await smtp.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  beforeEach(async () => {
    mails.length = 0;
    webhooks.length = 0;
    hookAnswers.length = 0;
    clock.offsetMs = 0;
    simulator.payer.reset();
    await sql`delete from user_notification_settings`.execute(database.db);
    await sql`delete from organization_notification_settings`.execute(database.db);
  });

  const put = (url: string, role: 'admin' | 'coordinator', payload: unknown) =>
    api.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${keys[role]}` }, payload: payload as object });

  async function configure(): Promise<void> {
    const org = await put('/api/notification-settings', 'admin', {
      events: [...ALL],
      email: 'pa-team@clinic.example',
      webhook: { url: hookUrl, secret: SECRET },
      reauthorizationLeadDays: 14,
    });
    expect(org.statusCode).toBe(200);
    // Two people: one wants everything, the other turned decisions off.
    await notifications.saveUserSettings(ORG, 'user-all', { events: [...ALL], email: 'ana@clinic.example' });
    const noDecisions = ALL.filter((kind) => kind !== 'decision');
    await notifications.saveUserSettings(ORG, 'user-quiet', { events: noDecisions, email: 'ben@clinic.example' });
  }

  /** A ready case sent over PAS and answered as `adjudication` (the worker runs the submission job only). */
  async function decidedCase(adjudication: Adjudication): Promise<string> {
    simulator.payer.rules = [{ match: {}, adjudication }];
    const stored = await cases.create(demo?.bundle, { confirmDuplicate: true }, 'test');
    const { submissions } = product;
    await submissions.request(ORG, stored.caseId, 'pas', 'test');
    const job = await ports.jobs.claimJob('test-submitter', 60_000);
    if (job?.kind !== 'submit') throw new Error('expected the submission job first');
    await submissions.runJob(job);
    return stored.caseId;
  }

  /** Drains, making each retry due at once instead of after its backoff, until no notification waits. */
  async function drainWithRetriesDue(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      await worker().drain();
      const waiting = await sql`update jobs set run_at = now() where kind = 'notify' and state = 'queued'`.execute(
        database.db,
      );
      if (!waiting.numAffectedRows) return;
    }
  }

  /** The message's text as read (quoted-printable soft breaks and escapes undone). */
  const textOf = (mail: ReceivedMail | undefined) =>
    (mail?.raw ?? '')
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

  const mailsTo = (address: string) => mails.filter((m) => m.to.includes(address));
  const deliveriesOf = (caseId: string) =>
    sql<{ recipient: string; channel: string; state: string; trigger_key: string }>`
      select d.recipient, d.channel, d.state, d.trigger_key from notification_deliveries d
      join notification_triggers t on t.organization_id = d.organization_id and t.key = d.trigger_key
      where t.case_id = ${caseId} order by d.recipient, d.channel`
      .execute(database.db)
      .then((r) => r.rows);

  it('notifies a decision once per recipient and channel, even when its jobs run twice on two racing workers', async () => {
    await configure();
    const caseId = await decidedCase({ kind: 'deny', reasons: ['Conservative therapy not documented'] });
    const deliveries = await deliveriesOf(caseId);
    const decision = deliveries.filter((d) => d.trigger_key.startsWith('event:'));
    // The quiet user turned decisions off: team email, webhook and the other user only.
    expect(decision.map((d) => `${d.recipient}/${d.channel}`)).toEqual([
      'organization/email',
      'organization/webhook',
      'user:user-all/email',
    ]);
    // Every notify job queued twice (a replayed job), and two workers racing over them.
    await sql`insert into jobs (organization_id, kind, payload)
      select organization_id, kind, payload from jobs where kind = 'notify' and state = 'queued'`.execute(database.db);
    await Promise.all([worker().drain(), worker().drain()]);
    await worker().drain();
    expect(mailsTo('pa-team@clinic.example')).toHaveLength(1);
    expect(mailsTo('ana@clinic.example')).toHaveLength(1);
    expect(mailsTo('ben@clinic.example')).toHaveLength(0);
    expect(webhooks).toHaveLength(1);
    expect((await deliveriesOf(caseId)).every((d) => d.state === 'sent')).toBe(true);

    const mail = mailsTo('ana@clinic.example')[0];
    expect(mail?.subject).toContain('denied');
    expect(mail?.subject).toContain('72148');
    expect(textOf(mail)).toContain(`${PUBLIC_URL}/cases/${caseId}`);
    // No PHI: not the patient's name or birth date, in the subject or anywhere in the message.
    const family = patient?.name?.[0]?.family;
    expect(family).toBeTruthy();
    for (const m of mails) {
      expect(textOf(m)).not.toContain(family);
      expect(textOf(m)).not.toContain(patient?.birthDate);
    }

    const hook = webhooks[0];
    expect(hook?.verified).toBe(true);
    const body = JSON.parse(hook?.body ?? '{}') as { type: string; data: Record<string, unknown> };
    expect(body.type).toBe('case.decision');
    expect(body.data).toMatchObject({
      caseId,
      status: 'denied',
      orderCode: '72148',
      link: `${PUBLIC_URL}/cases/${caseId}`,
    });
    expect(hook?.body).not.toContain(family);

    // The event replayed into the hook (the same case and sequence number) records nothing new.
    const event = await sql<{ seq: number; type: string; payload: Record<string, unknown> }>`
      select seq, type, payload from case_events where case_id = ${caseId} and type = 'payer.responded'`.execute(
      database.db,
    );
    const replayed = event.rows[0];
    if (!replayed) throw new Error('no payer.responded event');
    await database.db.transaction().execute((tx) => notifyOnCaseEvent(tx, ORG, { caseId, ...replayed }));
    expect(await deliveriesOf(caseId)).toHaveLength(deliveries.length);
    await worker().drain();
    expect(mails).toHaveLength(2);
  });

  it('notifies a pend, and nobody when no one chose it', async () => {
    await configure();
    const pended = await decidedCase({ kind: 'pend', decideAfterMs: 600_000, then: { kind: 'approve' } });
    expect((await cases.get(pended))?.status).toBe('pended');
    await worker().drain();
    expect(mailsTo('ben@clinic.example')).toHaveLength(1);
    expect(mailsTo('ben@clinic.example')[0]?.subject).toContain('pended');

    await sql`delete from user_notification_settings`.execute(database.db);
    await put('/api/notification-settings', 'admin', {
      events: ['decision'],
      email: 'pa-team@clinic.example',
      webhook: null,
    });
    mails.length = 0;
    await decidedCase({ kind: 'pend', decideAfterMs: 600_000, then: { kind: 'approve' } });
    await worker().drain();
    expect(mails).toHaveLength(0);
  });

  it("notifies the payer's request for more information once per request", async () => {
    await configure();
    const caseId = await decidedCase({ kind: 'pend', decideAfterMs: 600_000, then: { kind: 'approve' } });
    await worker().drain();
    mails.length = 0;
    // The event as the pended-request flow appends it; the same request recorded twice notifies once.
    for (let i = 0; i < 2; i++) {
      await database.db.transaction().execute(async (tx) => {
        const locked = await lockCase(tx, caseId);
        await changeCase(tx, locked, {
          type: 'payer.requested_information',
          actor: 'pas:notification',
          payload: { requestId: 'rq-1', items: [{ code: 'medical-records', system: 'urn:test' }] },
        });
      });
    }
    await worker().drain();
    expect(mailsTo('ana@clinic.example').map((m) => m.subject)).toEqual([
      expect.stringContaining('requested more information'),
    ]);
  });

  it('reminds a day before the decision deadline and when it passes, once per deadline', async () => {
    await configure();
    const caseId = await decidedCase({ kind: 'pend', decideAfterMs: 600_000, then: { kind: 'approve' } });
    await worker().drain();
    mails.length = 0;
    webhooks.length = 0;
    const dueAt = '2026-11-05T17:00:00.000Z';
    expect(await ports.deadlines.remind(caseId, 'decision_due_soon', dueAt)).toBe(true);
    // The same reminder again (a reminder job queued twice) is an event, but not a second notification.
    expect(await ports.deadlines.remind(caseId, 'decision_due_soon', dueAt)).toBe(true);
    await worker().drain();
    expect(mailsTo('ana@clinic.example').map((m) => m.subject)).toEqual([
      expect.stringContaining(`due within a day (${dueAt})`),
    ]);
    expect(await ports.deadlines.remind(caseId, 'decision_overdue', dueAt)).toBe(true);
    await worker().drain();
    expect(mailsTo('ana@clinic.example')[1]?.subject).toContain('deadline has passed');
    expect(webhooks.map((w) => (JSON.parse(w.body) as { type: string }).type)).toEqual([
      'case.deadline_due_soon',
      'case.deadline_expired',
    ]);
  });

  it("reminds of re-authorization within the organization's lead days, once per authorization", async () => {
    await configure();
    const caseId = await decidedCase({ kind: 'approve' });
    await worker().drain();
    mails.length = 0;
    webhooks.length = 0;
    const today = new Date(Date.now() + clock.offsetMs).toISOString().slice(0, 10);
    const inDays = (days: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    // Ends in 20 days: outside the 14-day lead, nothing yet.
    await ports.deadlines.scheduleDeadlines(caseId, { authorizationEnds: inDays(20) }, []);
    expect(await notifications.scan()).toBe(0);
    // Ten days later it is within the lead: one reminder per recipient, and a second scan finds nothing new.
    clock.offsetMs = 10 * 86_400_000;
    expect(await notifications.scan()).toBe(1);
    expect(await notifications.scan()).toBe(0);
    await worker().drain();
    expect(mailsTo('ana@clinic.example')).toHaveLength(1);
    expect(mailsTo('ana@clinic.example')[0]?.subject).toContain(`authorization ends on ${inDays(20)}`);
    expect(mailsTo('pa-team@clinic.example')).toHaveLength(1);
    expect(webhooks).toHaveLength(1);
  });

  it('emails a signed-in person without an address of their own at the one they sign in with', async () => {
    const userId = randomUUID();
    await sql`insert into users (id, organization_id, issuer, subject, name, email, role)
      values (${userId}, ${ORG}, 'https://idp.example', ${userId}, 'Casey Coordinator', 'casey@clinic.example', 'coordinator')`.execute(
      database.db,
    );
    await notifications.saveUserSettings(ORG, userId, { events: ['decision'], email: null });
    await decidedCase({ kind: 'approve' });
    await worker().drain();
    expect(mailsTo('casey@clinic.example').map((m) => m.subject)).toEqual([expect.stringContaining('approved')]);
  });

  it('retries a failing webhook with backoff and dead-letters it after the queue limit', async () => {
    await configure();
    hookAnswers.push(503);
    await decidedCase({ kind: 'approve' });
    await drainWithRetriesDue();
    expect(webhooks.filter((w) => w.verified)).toHaveLength(2);
    // The same webhook id on the retry: receivers deduplicate by it.
    expect(webhooks[1]?.headers['webhook-id']).toBe(webhooks[0]?.headers['webhook-id']);

    webhooks.length = 0;
    hookAnswers.push(...Array<number>(20).fill(500));
    const caseId = await decidedCase({ kind: 'deny', reasons: ['not medically necessary'] });
    await drainWithRetriesDue();
    const dead = await ports.jobs.deadJobs(ORG);
    expect(dead.filter((j) => j.kind === 'notify' && (j.lastError ?? '').includes('500'))).toHaveLength(1);
    expect(webhooks).toHaveLength(8);
    const webhook = (await deliveriesOf(caseId)).find(
      (d) => d.channel === 'webhook' && d.trigger_key.startsWith('event:'),
    );
    expect(webhook?.state).toBe('dead');
  });

  it('checks settings: admins only for the organization, anyone for their own, 400 for bad input', async () => {
    const org = await put('/api/notification-settings', 'admin', {
      events: ['decision'],
      email: null,
      webhook: { url: hookUrl, secret: SECRET },
    });
    expect(org.statusCode).toBe(200);
    const read = await api.inject({
      url: '/api/notification-settings',
      headers: { authorization: `Bearer ${keys.admin}` },
    });
    expect(read.json()).toEqual({
      events: ['decision'],
      email: null,
      webhook: { url: hookUrl, hasSecret: true },
      reauthorizationLeadDays: 30,
    });
    expect(read.body).not.toContain(SECRET.slice(6, 20));
    // The stored secret is kept when a new URL comes without one.
    const moved = await put('/api/notification-settings', 'admin', {
      events: [],
      email: null,
      webhook: { url: `${hookUrl}/v2` },
    });
    expect(moved.statusCode).toBe(200);
    expect(await store.webhookSecret(ORG)).toBe(SECRET);

    expect(
      (await put('/api/notification-settings', 'coordinator', { events: [], email: null, webhook: null })).statusCode,
    ).toBe(403);
    const mine = await put('/api/me/notification-settings', 'coordinator', {
      events: ['pended'],
      email: 'me@clinic.example',
    });
    expect(mine.statusCode).toBe(200);
    const own = await api.inject({
      url: '/api/me/notification-settings',
      headers: { authorization: `Bearer ${keys.coordinator}` },
    });
    expect(own.json()).toMatchObject({ events: ['pended'], email: 'me@clinic.example' });
    expect(own.json<{ userId: string }>().userId).toMatch(/^key:/);

    const bad: [string, unknown][] = [
      ['unknown kind', { events: ['lunch'], email: null, webhook: null }],
      ['an address with a header in it', { events: [], email: 'a@b.example\r\nBcc: x@y.example', webhook: null }],
      ['not an address', { events: [], email: 'nobody', webhook: null }],
      ['plain http', { events: [], email: null, webhook: { url: 'http://hooks.example.org/k', secret: SECRET } }],
      ['a private address', { events: [], email: null, webhook: { url: 'https://10.1.2.3/k', secret: SECRET } }],
      [
        'a link-local address',
        { events: [], email: null, webhook: { url: 'https://169.254.169.254/latest', secret: SECRET } },
      ],
      ['an IPv6 private address', { events: [], email: null, webhook: { url: 'https://[fd00::1]/k', secret: SECRET } }],
      [
        'credentials in the URL',
        { events: [], email: null, webhook: { url: 'https://u:p@hooks.example.org/k', secret: SECRET } },
      ],
      [
        'a short secret',
        { events: [], email: null, webhook: { url: 'https://hooks.example.org/k', secret: 'whsec_c2hvcnQ=' } },
      ],
      ['a lead of no days', { events: [], email: null, webhook: null, reauthorizationLeadDays: 0 }],
      ['an unknown field', { events: [], email: null, webhook: null, cc: 'x@y.example' }],
    ];
    for (const [what, payload] of bad) {
      const answer = await put('/api/notification-settings', 'admin', payload);
      expect(answer.statusCode, what).toBe(400);
      expect(answer.json<{ resourceType: string }>().resourceType, what).toBe('OperationOutcome');
    }
    // A new webhook needs a secret.
    await sql`delete from organization_notification_settings`.execute(database.db);
    const noSecret = await put('/api/notification-settings', 'admin', {
      events: [],
      email: null,
      webhook: { url: 'https://hooks.example.org/k' },
    });
    expect(noSecret.statusCode).toBe(400);
    expect(noSecret.body).toContain('webhook.secret');
    expect(
      (await put('/api/me/notification-settings', 'coordinator', { events: ['decision', 'decision'], email: null }))
        .statusCode,
    ).toBe(400);
    // Nothing was changed by the refused requests.
    expect(await store.organizationSettings(ORG)).toBeUndefined();
  });
});
