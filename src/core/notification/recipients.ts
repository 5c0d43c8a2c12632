// Who receives a notification, on which channel: the organization's team address and webhook for the kinds the
// organization chose, and each user's address for the kinds that user chose. One delivery per address and channel,
// so an address that is both the team's and a user's gets one email.
import type { OrganizationNotificationSettings, UserNotificationSettings } from './settings.ts';
import type { NotificationKind } from './triggers.ts';

export type NotificationChannel = 'email' | 'webhook';

export interface PlannedDelivery {
  /** `organization` or `user:<id>`: with the trigger and the channel, what is delivered at most once. */
  recipient: string;
  channel: NotificationChannel;
  /** The email address or the webhook URL. */
  address: string;
}

export function plannedDeliveries(
  kind: NotificationKind,
  organization: OrganizationNotificationSettings | undefined,
  users: readonly UserNotificationSettings[],
): PlannedDelivery[] {
  const planned: PlannedDelivery[] = [];
  const emailed = new Set<string>();
  const email = (recipient: string, address: string | null) => {
    const normalized = address?.toLowerCase();
    if (!address || !normalized || emailed.has(normalized)) return;
    emailed.add(normalized);
    planned.push({ recipient, channel: 'email', address });
  };
  if (organization?.events.includes(kind)) {
    email('organization', organization.email);
    if (organization.webhook)
      planned.push({ recipient: 'organization', channel: 'webhook', address: organization.webhook.url });
  }
  for (const user of users) if (user.events.includes(kind)) email(`user:${user.userId}`, user.email);
  return planned;
}
