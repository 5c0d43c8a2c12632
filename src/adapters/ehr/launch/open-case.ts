// The end of a launch: the record pulled with the user's token, and the case opened with the user as its actor.
import type { CaseService } from '../../../app/cases.ts';
import type { StoredCase } from '../../../app/case-repository.ts';
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
  const stored = await service.create(bundle, { orderReference: launched.order }, launched.actor);
  return { stored, warnings };
}
