// X12 306 review action codes (HCR01 in the 278, reviewActionCode in PAS) and what each means for a requested
// item. Both wires carry the same codes, so both readers share this one table.

export type ReviewAction =
  | 'certified'
  | 'partial'
  | 'not_certified'
  | 'pended'
  | 'modified'
  | 'cancelled'
  | 'contact_payer'
  | 'no_action_required';

export const REVIEW_ACTIONS: Readonly<Record<string, ReviewAction>> = {
  A1: 'certified',
  A2: 'partial',
  A3: 'not_certified',
  A4: 'pended',
  A6: 'modified',
  C: 'cancelled',
  CT: 'contact_payer',
  NA: 'no_action_required',
};
