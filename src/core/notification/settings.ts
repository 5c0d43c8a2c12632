// Notification settings: which kinds of notification go where. An organization names a team address and a webhook
// (URL and signing secret) and how many days before an authorization ends to remind of re-authorization; each user
// names their own address and kinds. Checked here (no I/O): known kinds, a plausible address, a webhook URL that is
// https (plain http only to this machine, where tests and the demo run) and not a private network address literally.
import type { Issue } from '../fhir/index.ts';
import { MAX_REAUTHORIZATION_LEAD_DAYS, isNotificationKind, type NotificationKind } from './triggers.ts';

export interface NotificationPreferences {
  events: NotificationKind[];
  /** Where emails go; none: no email. */
  email: string | null;
}

export interface OrganizationNotificationSettings extends NotificationPreferences {
  /** The organization's webhook; its secret is never shown once stored. */
  webhook: { url: string; hasSecret: boolean } | null;
  reauthorizationLeadDays: number;
}

export interface UserNotificationSettings extends NotificationPreferences {
  userId: string;
}

export interface WebhookUrlPolicy {
  /** Plain http to a loopback address (tests, the demo). */
  allowLoopbackHttp: boolean;
  /** Private network targets (10/8, 192.168/16, loopback over https ...); refused unless configured. */
  allowPrivateNetworks: boolean;
}

const invalid = (location: string, message: string): Issue => ({
  severity: 'error',
  code: 'invalid',
  message,
  location,
});

// One address, no display name: a local part and a dotted domain, no spaces or angle brackets (header injection).
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function checkPreferences(input: { events: readonly string[]; email: string | null }): Issue[] {
  const issues: Issue[] = [];
  input.events.forEach((event, i) => {
    if (!isNotificationKind(event)) issues.push(invalid(`events[${String(i)}]`, `unknown notification '${event}'`));
  });
  if (new Set(input.events).size !== input.events.length)
    issues.push(invalid('events', 'a notification is listed twice'));
  if (input.email !== null && (input.email.length > 254 || !EMAIL.test(input.email))) {
    issues.push(invalid('email', 'not an email address like pa-team@example.org'));
  }
  return issues;
}

export function checkLeadDays(days: number): Issue[] {
  return Number.isInteger(days) && days >= 1 && days <= MAX_REAUTHORIZATION_LEAD_DAYS
    ? []
    : [invalid('reauthorizationLeadDays', `a whole number of days from 1 to ${String(MAX_REAUTHORIZATION_LEAD_DAYS)}`)];
}

/** Standard Webhooks secrets: `whsec_` and the base64 of 24 to 64 random bytes. */
export function checkWebhookSecret(secret: string): Issue[] {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  const bytes = match?.[1] ? Math.floor((match[1].replace(/=+$/, '').length * 3) / 4) : 0;
  return bytes >= 24 && bytes <= 64
    ? []
    : [invalid('webhook.secret', 'a secret like whsec_<base64 of 24 to 64 random bytes>')];
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An IPv4 or bracketed IPv6 literal in a private, loopback, link-local or unspecified range. */
export function isPrivateAddressLiteral(hostname: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(hostname);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      a >= 224 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  if (!hostname.startsWith('[')) return false;
  const v6 = hostname.slice(1, -1).toLowerCase();
  return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('::ffff:');
}

/** The webhook URL's issues: https to a public host, or http to loopback when allowed; no credentials in it. */
export function checkWebhookUrl(url: string, policy: WebhookUrlPolicy): Issue[] {
  const parsed = URL.parse(url);
  if (!parsed || url.length > 2000) return [invalid('webhook.url', 'not a URL')];
  if (parsed.username || parsed.password) return [invalid('webhook.url', 'credentials do not belong in the URL')];
  const host = parsed.hostname.toLowerCase();
  const loopback = LOOPBACK_NAMES.has(host) || /^127\./.test(host);
  if (parsed.protocol === 'http:' && !(loopback && policy.allowLoopbackHttp)) {
    return [invalid('webhook.url', 'webhooks are sent over https only')];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return [invalid('webhook.url', 'webhooks are sent over https only')];
  }
  const allowedLoopback = loopback && policy.allowLoopbackHttp;
  if ((loopback || isPrivateAddressLiteral(host)) && !allowedLoopback && !policy.allowPrivateNetworks) {
    return [invalid('webhook.url', 'a private network address is not allowed as a webhook target')];
  }
  return [];
}
