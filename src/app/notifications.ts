// Notification delivery and settings. Deliveries are recorded with their jobs where they are triggered (in the case
// event's transaction, or by the re-authorization scan); a worker runs each job: it claims the delivery, sends it
// (email, or a signed webhook), marks it sent, and otherwise retries with backoff until the queue's limit, then
// dead-letters it. A delivery already sent, or held by another worker, is not sent again.
import { InvalidInputError, type Issue } from '../core/fhir/index.ts';
import {
  checkLeadDays,
  checkPreferences,
  checkWebhookSecret,
  checkWebhookUrl,
  emailFor,
  webhookPayloadFor,
  type NotificationPreferences,
  type OrganizationNotificationSettings,
  type UserNotificationSettings,
  type WebhookUrlPolicy,
} from '../core/notification/index.ts';
import {
  DeliveryError,
  type ClaimedDelivery,
  type Mailer,
  type NotificationStore,
  type OrganizationSettingsInput,
  type WebhookSender,
} from './notification-ports.ts';
import type { Job, JobQueue } from './submission-store.ts';
import { backoffMs } from './submissions.ts';

export type NotifyJob = Extract<Job, { kind: 'notify' }>;

export interface NotificationDeps {
  store: NotificationStore;
  jobs: JobQueue;
  /** Absent: email is not configured, and email deliveries fail (dead-lettered after their retries). */
  mailer?: Mailer;
  webhooks?: WebhookSender;
  /** Where people open a case (`<publicUrl>/cases/<id>`). */
  publicUrl: string;
  webhookPolicy: WebhookUrlPolicy;
  clock?: () => Date;
  /** How long a claimed delivery is another worker's before it may be taken over (longer than any send). */
  claimMs?: number;
}

export class NotificationService {
  private readonly clock: () => Date;

  constructor(private readonly deps: NotificationDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  private get claimMs(): number {
    return this.deps.claimMs ?? 60_000;
  }

  /** Runs one notification job: sends its delivery at most once (see NotificationStore.claimDelivery). */
  async runJob(job: NotifyJob): Promise<void> {
    const { store, jobs } = this.deps;
    const claim = await store.claimDelivery(job.payload.deliveryId, this.claimMs);
    if (!claim.claimed) {
      // Another worker is sending it: look again when its claim runs out, in case it died mid-send.
      if (claim.state === 'sending') await jobs.retryJob(job, 'being sent by another worker', claim.until);
      else await jobs.completeJob(job);
      return;
    }
    try {
      await this.send(claim.delivery);
      await store.markSent(claim.delivery.id);
      await jobs.completeJob(job);
    } catch (error) {
      const message = error instanceof Error ? error.message : 'unknown failure';
      const retryable = !(error instanceof DeliveryError) || error.retryable;
      const final = !retryable || job.attempts >= job.maxAttempts;
      await store.markFailed(claim.delivery.id, message, final);
      if (final) await jobs.buryJob(job, message);
      else await jobs.retryJob(job, message, new Date(this.clock().getTime() + backoffMs(job.attempts)));
    }
  }

  private async send(delivery: ClaimedDelivery): Promise<void> {
    const { mailer, webhooks, publicUrl } = this.deps;
    if (delivery.channel === 'email') {
      if (!mailer) throw new DeliveryError('email is not configured (KLIVIRA_SMTP_URL)', false);
      await mailer.send({
        to: delivery.address,
        ...emailFor(delivery.facts, publicUrl),
        messageId: `<${delivery.id}@klivira>`,
      });
      return;
    }
    if (!webhooks) throw new DeliveryError('webhooks are not configured on this server', false);
    const secret = await this.deps.store.webhookSecret(delivery.organizationId);
    if (!secret) throw new DeliveryError("the organization's webhook has no secret", false);
    await webhooks.post({
      url: delivery.address,
      secret,
      id: delivery.id,
      timestamp: Math.floor(this.clock().getTime() / 1000),
      body: JSON.stringify(webhookPayloadFor(delivery.facts, publicUrl)),
    });
  }

  /** The time-based notifications due now that no case event announces: re-authorization reminders. */
  scan(): Promise<number> {
    return this.deps.store.queueReauthorizations(this.clock().toISOString().slice(0, 10));
  }

  organizationSettings(organizationId: string): Promise<OrganizationNotificationSettings | undefined> {
    return this.deps.store.organizationSettings(organizationId);
  }

  async saveOrganizationSettings(
    organizationId: string,
    input: OrganizationSettingsInput,
  ): Promise<OrganizationNotificationSettings> {
    const issues: Issue[] = [...checkPreferences(input), ...checkLeadDays(input.reauthorizationLeadDays)];
    if (input.webhook) {
      issues.push(...checkWebhookUrl(input.webhook.url, this.deps.webhookPolicy));
      if (input.webhook.secret !== undefined) issues.push(...checkWebhookSecret(input.webhook.secret));
      else if (!(await this.deps.store.webhookSecret(organizationId))) {
        issues.push({
          severity: 'error',
          code: 'required',
          message: 'a new webhook needs a secret',
          location: 'webhook.secret',
        });
      }
    }
    if (issues.length > 0) throw new InvalidInputError(issues, 400);
    return this.deps.store.saveOrganizationSettings(organizationId, input);
  }

  userSettings(organizationId: string, userId: string): Promise<UserNotificationSettings | undefined> {
    return this.deps.store.userSettings(organizationId, userId);
  }

  async saveUserSettings(
    organizationId: string,
    userId: string,
    preferences: NotificationPreferences,
  ): Promise<UserNotificationSettings> {
    const issues = checkPreferences(preferences);
    if (issues.length > 0) throw new InvalidInputError(issues, 400);
    return this.deps.store.saveUserSettings(organizationId, userId, preferences);
  }
}
