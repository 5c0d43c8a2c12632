// Duplicate cases: the same patient, order code and payer within 30 days (a cancelled case does not count) is most
// likely the same request sent twice. Creating one is refused with the earlier case named, unless the caller
// confirms it is meant (a repeat order, a new attempt), which the new case's `case.created` event records.
export const DUPLICATE_WINDOW_DAYS = 30;

export interface EarlierCase {
  caseId: string;
  createdAt: string;
  /** Its status (a CaseStatus). */
  status: string;
}

export class DuplicateCaseError extends Error {
  constructor(readonly earlier: EarlierCase) {
    super(
      `case ${earlier.caseId} (${earlier.status}, created ${earlier.createdAt}) already asks for this order for this ` +
        `patient and payer; resend with confirmDuplicate=true to create another`,
    );
    this.name = 'DuplicateCaseError';
  }
}
