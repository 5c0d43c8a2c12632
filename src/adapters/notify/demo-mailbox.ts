// The demo's mailbox (`npm start`): a local SMTP server that prints the subject of each email it receives (subjects
// carry no PHI), with email pointed at it and the demo organization's team address set to receive every kind of
// notification, so a demo case sent to the payer simulator shows its notifications arriving. A configured
// KLIVIRA_SMTP_URL is left alone.
import type { NotificationService } from '../../app/notifications.ts';
import { DEFAULT_REAUTHORIZATION_LEAD_DAYS, NOTIFICATION_KINDS } from '../../core/notification/index.ts';
import type { Config } from '../config.ts';
import { startSmtpReceiver } from './smtp-receiver.ts';

export const DEMO_TEAM_ADDRESS = 'pa-team@demo.klivira.test';

export async function startDemoMailbox(
  config: Config,
  port: number,
  print: (line: string) => void,
): Promise<{ config: Config; close: () => Promise<void> }> {
  const notifications = {
    mailFrom: 'Klivira demo <notifications@demo.klivira.test>',
    allowPrivateWebhooks: false,
    ...config.notifications,
    // The demo's webhooks may go to a receiver on this machine.
    allowLoopbackWebhooks: true,
  };
  if (notifications.smtpUrl) return { config: { ...config, notifications }, close: () => Promise.resolve() };
  const mailbox = await startSmtpReceiver({
    port,
    onMail: (mail) => {
      print(`demo mailbox: "${mail.subject}" to ${mail.to.join(', ')}\n`);
    },
  });
  print(`demo: mailbox (SMTP) on ${mailbox.url.replace(/\/\?.*$/, '')}: received subjects are printed here\n`);
  return {
    config: { ...config, notifications: { ...notifications, smtpUrl: mailbox.url } },
    close: () => mailbox.close(),
  };
}

/** The demo organization's team address receives every kind, unless its settings were changed. */
export async function seedDemoNotifications(service: NotificationService, organizationId: string): Promise<void> {
  if (await service.organizationSettings(organizationId)) return;
  await service.saveOrganizationSettings(organizationId, {
    events: [...NOTIFICATION_KINDS],
    email: DEMO_TEAM_ADDRESS,
    webhook: null,
    reauthorizationLeadDays: DEFAULT_REAUTHORIZATION_LEAD_DAYS,
  });
}
