// The end of a launch: the record pulled with the user's token, and the case opened with the user as its actor; a
// launch for an order that already has a case (the same patient, order and payer within 30 days) opens that one.
import type { CaseService } from '../../../app/cases.ts';
import type { StoredCase } from '../../../app/case-repository.ts';
import { DuplicateCaseError } from '../../../app/duplicates.ts';
import type { FhirAuth } from '../pull/auth.ts';
import type { PullLimits } from '../pull/limits.ts';
import { pullRecord } from '../pull/pull-record.ts';

export interface LaunchedOrder {
  fhirBase: string;
  auth: FhirAuth;
  patient: string;
  order: string;
  actor: string;
}

export async function openCase(
  service: CaseService,
  launched: LaunchedOrder,
  limits: Partial<PullLimits> = {},
): Promise<{ stored: StoredCase; warnings: string[] }> {
  const { bundle, warnings } = await pullRecord({
    fhirBase: launched.fhirBase,
    auth: launched.auth,
    patient: launched.patient,
    order: launched.order,
    limits,
  });
  try {
    const stored = await service.create(bundle, { orderReference: launched.order }, launched.actor);
    return { stored, warnings };
  } catch (error) {
    const earlier = error instanceof DuplicateCaseError ? await service.get(error.earlier.caseId) : undefined;
    if (!earlier) throw error;
    return { stored: earlier, warnings: [...warnings, `this order already has a case (${earlier.caseId}): opened it`] };
  }
}
