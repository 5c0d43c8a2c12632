// The channel-neutral shape of a payer's answer to a prior authorization request: one decision per item, the
// business errors, and an overall outcome the product computes from the items. PAS fills it from X12 306 review
// action codes; the 278 channel fills the same shape from HCR segments.

import { REVIEW_ACTIONS, type ReviewAction } from '../channel/review-action.ts';

export type ItemAction = ReviewAction;

/** X12 306 review action codes. Anything else is read as "contact payer", with a warning. */
export { REVIEW_ACTIONS };

export function actionFor(code: string): ItemAction | undefined {
  return Object.hasOwn(REVIEW_ACTIONS, code) ? REVIEW_ACTIONS[code] : undefined;
}

export interface Period {
  start?: string;
  end?: string;
}

/** What the payer authorized when it differs from what was requested (A6 `addItem`, or the authorized detail). */
export interface AuthorizedService {
  /** `system|code` of each productOrService coding. */
  productOrService: string[];
  modifiers: string[];
  quantity?: number;
  serviced?: Period;
  /** References of the providers the authorization is for. */
  providers: string[];
}

export interface ItemDecision {
  /** The Claim.item.sequence the decision is for: the tracing key across request, response and updates. */
  itemSequence: number;
  /** `addItem`: an authorized item the request did not contain. */
  source: 'item' | 'addItem';
  action: ItemAction;
  /** The code as received; empty when the payer sent none. */
  reviewActionCode: string;
  authorizationNumber?: string;
  /** The payer's tracking number for a pended item (X12 REF NT). */
  administrationReferenceNumber?: string;
  authorizedPeriod?: Period;
  /** X12 886 review decision reason codes. */
  reasonCodes: string[];
  notes: string[];
  modification?: AuthorizedService;
}

export interface BusinessError {
  /** X12 901 reject reason (AAA03). */
  code: string;
  /** X12 889 follow-up action (AAA04): `C` correct and resubmit, `N` resubmission not allowed, … */
  followupAction?: string;
  /** X12 loop and element, e.g. `2010A-NM103`. */
  element?: string;
  /** FHIRPath into the submitted Bundle. */
  path?: string;
}

export type OverallOutcome = ItemAction | 'error' | 'no_decision';

export interface PasDecision {
  outcome: OverallOutcome;
  /** ClaimResponse.outcome as sent: whether processing finished (`complete` | `error` | `partial`; 2.0.1 `queued`). */
  processing?: string;
  /** The response Bundle identifier, which echoes the request Bundle identifier. */
  responseIdentifier?: string;
  /** ClaimResponse.request: the Claim reference or identifier value it answers. */
  request?: string;
  items: ItemDecision[];
  errors: BusinessError[];
  /** Every processNote text, in order. */
  notes: string[];
  humanReviewed?: boolean;
  /** Problems met while reading; the decision is still usable. */
  warnings: string[];
}

/**
 * The whole request's outcome from its items: any pend keeps the case pended, a payer asking for contact needs a
 * person, uniform items speak for themselves, and a mix of granted and refused is a partial approval.
 */
export function overallOutcome(items: readonly ItemDecision[], errors: readonly BusinessError[]): OverallOutcome {
  const requested = items.filter((item) => item.source === 'item');
  const actions = new Set((requested.length > 0 ? requested : items).map((item) => item.action));
  if (actions.size === 0) return errors.length > 0 ? 'error' : 'no_decision';
  if (actions.has('pended')) return 'pended';
  if (actions.has('contact_payer')) return 'contact_payer';
  const [only] = actions;
  if (actions.size === 1 && only !== undefined) return only;
  const granted = ['certified', 'modified', 'no_action_required'] as const;
  if ([...actions].every((action) => (granted as readonly string[]).includes(action))) {
    return actions.has('modified') ? 'modified' : 'certified';
  }
  if ([...actions].every((action) => action === 'not_certified' || action === 'cancelled')) return 'not_certified';
  return 'partial';
}
