// The notification service of a process, assembled from the configuration: the database's store, the job queue,
// nodemailer when an SMTP URL is configured, and the guarded webhook sender.
import type { Kysely } from 'kysely';
import type { JobQueue } from '../../app/submission-store.ts';
import { NotificationService } from '../../app/notifications.ts';
import type { NotificationConfig } from '../config.ts';
import { PostgresNotificationStore } from '../db/notification-store.ts';
import type { Database } from '../db/schema.ts';
import { SmtpMailer } from './mailer.ts';
import { HttpWebhookSender } from './webhook-sender.ts';

export function notificationService(
  db: Kysely<Database>,
  jobs: JobQueue,
  config: { publicUrl: string; notifications?: NotificationConfig | undefined },
): NotificationService {
  const settings = config.notifications;
  const webhookPolicy = {
    allowLoopbackHttp: settings?.allowLoopbackWebhooks ?? false,
    allowPrivateNetworks: settings?.allowPrivateWebhooks ?? false,
  };
  return new NotificationService({
    store: new PostgresNotificationStore(db),
    jobs,
    ...(settings?.smtpUrl ? { mailer: new SmtpMailer(settings.smtpUrl, settings.mailFrom) } : {}),
    webhooks: new HttpWebhookSender(webhookPolicy),
    publicUrl: config.publicUrl,
    webhookPolicy,
  });
}
