// Notifications: what triggers one (case events and dates), who receives it on which channel, and its PHI-free text.
export {
  DEFAULT_REAUTHORIZATION_LEAD_DAYS,
  isNotificationKind,
  MAX_REAUTHORIZATION_LEAD_DAYS,
  NOTIFICATION_KINDS,
  reauthorizationTrigger,
  triggerOfCaseEvent,
} from './triggers.ts';
export type { CaseEventFacts, NotificationKind, NotificationTrigger } from './triggers.ts';
export {
  checkLeadDays,
  checkPreferences,
  checkWebhookSecret,
  checkWebhookUrl,
  isPrivateAddressLiteral,
} from './settings.ts';
export type {
  NotificationPreferences,
  OrganizationNotificationSettings,
  UserNotificationSettings,
  WebhookUrlPolicy,
} from './settings.ts';
export { plannedDeliveries } from './recipients.ts';
export type { NotificationChannel, PlannedDelivery } from './recipients.ts';
export { caseLink, emailFor, webhookPayloadFor } from './message.ts';
export type { NotificationFacts } from './message.ts';
