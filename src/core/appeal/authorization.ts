// The authorization a case holds: the number (X12 HCR02 / REF*BB, PAS preAuthRef) and validity (X12 DTP certified
// dates, PAS itemPreAuthPeriod) from the payer's latest approving answer, or the number an overturned appeal
// brought. Read from the case's events, where the payer's answers are recorded.

export interface Authorization {
  number: string;
  /** YYYY-MM-DD or an instant, as the payer sent it; null when the answer carried no period. */
  validFrom: string | null;
  validTo: string | null;
}

interface EventLike {
  type: string;
  payload: unknown;
}

interface ItemSummary {
  authorizationNumber?: string;
  authorizedPeriod?: { start?: string; end?: string };
}

const APPROVING = new Set(['certified', 'partial', 'modified']);
const OVERTURNED = new Set(['overturned', 'partially_overturned']);

export function authorizationOf(events: readonly EventLike[]): Authorization | null {
  let found: Authorization | null = null;
  for (const event of events) {
    const payload = (event.payload ?? {}) as {
      outcome?: string;
      items?: ItemSummary[];
      authorizationNumber?: string;
    };
    if (event.type === 'payer.responded' && APPROVING.has(payload.outcome ?? '')) {
      const item = (payload.items ?? []).find((i) => i.authorizationNumber);
      if (item?.authorizationNumber) {
        found = {
          number: item.authorizationNumber,
          validFrom: item.authorizedPeriod?.start ?? null,
          validTo: item.authorizedPeriod?.end ?? null,
        };
      }
    } else if (
      event.type === 'appeal.decided' &&
      OVERTURNED.has(payload.outcome ?? '') &&
      payload.authorizationNumber
    ) {
      found = { number: payload.authorizationNumber, validFrom: null, validTo: null };
    }
  }
  return found;
}

/** The attempt a case is on: 1, and one more for each new attempt started after an adverse decision. */
export function attemptOf(events: readonly EventLike[]): number {
  return 1 + events.filter((e) => e.type === 'attempt.started').length;
}
