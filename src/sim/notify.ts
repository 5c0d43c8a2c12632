// Rest-hook notifications (FHIR R4 Subscriptions Backport, as PAS uses them): a history Bundle holding the
// subscription status and the full PAS response Bundle, POSTed to the subscriber's endpoint with its headers.
import type { Bundle, Parameters } from '@medplum/fhirtypes';

export const PAS_TOPIC = 'http://hl7.org/fhir/us/davinci-pas/SubscriptionTopic/PASSubscriptionTopic';

export interface SimSubscription {
  id: string;
  endpoint: string;
  /** `Name: value` headers the notifications carry (e.g. the webhook's bearer token). */
  headers: string[];
  /** `orgIdentifier` filter: the sender ids whose results this subscription receives. */
  orgIdentifiers: string[];
  eventCount: number;
}

export function notificationBundle(
  subscription: SimSubscription,
  eventNumber: number,
  response: Bundle,
  now: Date,
): Bundle {
  const focus = response.entry?.[0]?.fullUrl ?? '';
  const status: Parameters = {
    resourceType: 'Parameters',
    parameter: [
      { name: 'subscription', valueReference: { reference: `Subscription/${subscription.id}` } },
      { name: 'topic', valueCanonical: PAS_TOPIC },
      { name: 'status', valueCode: 'active' },
      { name: 'type', valueCode: 'event-notification' },
      { name: 'events-since-subscription-start', valueString: String(eventNumber) },
      {
        name: 'notification-event',
        part: [
          { name: 'event-number', valueString: String(eventNumber) },
          { name: 'timestamp', valueInstant: now.toISOString() },
          { name: 'focus', valueReference: { reference: focus } },
        ],
      },
    ],
  };
  return {
    resourceType: 'Bundle',
    type: 'history',
    timestamp: now.toISOString(),
    entry: [
      { fullUrl: `urn:uuid:status-${subscription.id}-${String(eventNumber)}`, resource: status },
      { fullUrl: `urn:uuid:response-${subscription.id}-${String(eventNumber)}`, resource: response },
    ],
  };
}

export async function deliver(subscription: SimSubscription, body: Bundle): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/fhir+json' };
  for (const header of subscription.headers) {
    const at = header.indexOf(':');
    if (at > 0) headers[header.slice(0, at).trim()] = header.slice(at + 1).trim();
  }
  try {
    const response = await fetch(subscription.endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    return response.status;
  } catch {
    return 0;
  }
}
