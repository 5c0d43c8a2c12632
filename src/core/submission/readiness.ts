// Whether a case can be sent to its payer on a channel, decided before the request is queued (and again under the
// case's lock), so that a request that cannot succeed is refused with its reason instead of being accepted and
// dead-lettered later. A case whose determination is not `meets` may still go, but only on a person's explicit
// override with a reason, which is recorded.
import type { ChannelName } from '../channel/channel.ts';
import type { Determination } from '../determination/determination.ts';

export interface SubmissionOverride {
  /** Why a person sends a case Klivira did not find to meet the policy (e.g. "peer-to-peer agreed; notes attached"). */
  reason: string;
}

export interface SubmissionBlocker {
  /** A stable code a client can act on. */
  code: 'no_coverage' | 'pharmacy_benefit' | 'pa_not_required' | 'needs_override';
  message: string;
}

/** Every reason the case cannot go on this channel as it stands; empty when it can. */
export function submissionBlockers(
  determination: Determination,
  channel: ChannelName,
  override: SubmissionOverride | undefined,
): SubmissionBlocker[] {
  const blockers: SubmissionBlocker[] = [];
  if (determination.payer.id === 'unknown') {
    blockers.push({
      code: 'no_coverage',
      message:
        "the case names no payer Klivira knows: add the patient's Coverage (with its payor Organization) to the bundle and create the case again",
    });
  }
  if (determination.coverage?.benefit === 'pharmacy') {
    blockers.push({
      code: 'pharmacy_benefit',
      message: `the order is covered under the pharmacy benefit: it goes to the plan's PBM by NCPDP ePA, not by ${channel}`,
    });
  }
  if (determination.paRequired === false && override === undefined) {
    blockers.push({
      code: 'pa_not_required',
      message: `${determination.payer.name} does not require prior authorization for this service: send it only with an override and its reason`,
    });
  }
  if (determination.determination !== 'meets' && override === undefined) {
    blockers.push({
      code: 'needs_override',
      message: `the determination is ${determination.determination}, not meets: send it only with an explicit override and its reason`,
    });
  }
  return blockers;
}

/** Thrown when a submission is refused before queueing; nothing was written. */
export class SubmissionRefusedError extends Error {
  constructor(readonly blockers: readonly SubmissionBlocker[]) {
    super(blockers.map((b) => b.message).join('; '));
    this.name = 'SubmissionRefusedError';
  }
}
