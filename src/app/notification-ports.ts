// The ports of notifications: settings and deliveries in storage (a delivery is one notification to one recipient
// on one channel, recorded once), and the two ways out, email and signed webhooks. Implemented in adapters/db and
// adapters/notify.
import type {
  NotificationChannel,
  NotificationFacts,
  NotificationKind,
  NotificationPreferences,
  OrganizationNotificationSettings,
  UserNotificationSettings,
} from '../core/notification/index.ts';

export interface OrganizationSettingsInput {
  events: NotificationKind[];
  email: string | null;
  /** Without a secret the stored one is kept (one must be stored before a webhook is saved). */
  webhook: { url: string; secret?: string } | null;
  reauthorizationLeadDays: number;
}

export interface ClaimedDelivery {
  id: string;
  organizationId: string;
  channel: NotificationChannel;
  address: string;
  facts: NotificationFacts;
}

export type DeliveryClaim =
  | { claimed: true; delivery: ClaimedDelivery }
  /** `sending`: another worker holds it until `until`; `missing`: no such delivery. */
  | { claimed: false; state: 'sent' | 'dead' | 'missing' }
  | { claimed: false; state: 'sending'; until: Date };

export interface NotificationStore {
  organizationSettings(organizationId: string): Promise<OrganizationNotificationSettings | undefined>;
  saveOrganizationSettings(
    organizationId: string,
    input: OrganizationSettingsInput,
  ): Promise<OrganizationNotificationSettings>;
  userSettings(organizationId: string, userId: string): Promise<UserNotificationSettings | undefined>;
  saveUserSettings(
    organizationId: string,
    userId: string,
    preferences: NotificationPreferences,
  ): Promise<UserNotificationSettings>;
  webhookSecret(organizationId: string): Promise<string | undefined>;
  /**
   * Takes a delivery for sending until `leaseMs` from now, unless it is sent, dead-lettered, or being sent by
   * someone whose claim has not run out: what makes a retried or duplicated job send nothing twice.
   */
  claimDelivery(deliveryId: string, leaseMs: number): Promise<DeliveryClaim>;
  markSent(deliveryId: string): Promise<void>;
  /** A failed send: queued again (`final` false) or dead-lettered. */
  markFailed(deliveryId: string, error: string, final: boolean): Promise<void>;
  /**
   * Records the re-authorization notifications due on `today` (authorizations ending within each organization's
   * lead days) with their deliveries and jobs; each authorization once. Returns how many were recorded.
   */
  queueReauthorizations(today: string): Promise<number>;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Stable per delivery, so that a receiving system can recognise a copy. */
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** A Standard Webhooks delivery: `id` stays the same across retries, `timestamp` is the attempt's (Unix seconds). */
export interface OutgoingWebhook {
  url: string;
  secret: string;
  id: string;
  timestamp: number;
  body: string;
}

export interface WebhookSender {
  post(webhook: OutgoingWebhook): Promise<void>;
}

/** A send that failed; `retryable` false when trying again cannot help (a refused address, a 4xx). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
