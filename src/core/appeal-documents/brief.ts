// The one-page peer-to-peer brief for the ordering clinician: the payer's stated reasons; for each criterion its
// status, the strongest evidence and what is still missing; talking points taken from the policy and its guideline
// (the criterion text, the source it cites, and what the record documents: never a clinical claim of our own); and
// the deadline of the payer's peer-to-peer window. Lengths are bounded here so that the brief fits one page.
import { peerToPeerWindow, type PeerToPeerPolicy } from '../appeal/index.ts';
import type { Policy } from '../policy/index.ts';
import { strongestEvidence, type CitedEvidence } from './disputed.ts';
import type { AppealCase, PolicyCitation, StatedReason } from './packet.ts';
import { buildAppealPacket } from './packet.ts';

export interface BriefCriterion {
  text: string;
  status: 'met' | 'not_met' | 'unknown';
  exception: boolean;
  strongest?: CitedEvidence;
  missing: string[];
}

export interface PeerToPeerBrief {
  caseId: string;
  preparedOn: string;
  payer: { name: string; lineOfBusiness: string };
  service: { code: string; display: string };
  deniedOn: string;
  clinician: { name?: string; npi?: string };
  policy: PolicyCitation | null;
  reasons: StatedReason[];
  criteria: BriefCriterion[];
  talkingPoints: string[];
  deadline: { at: string | null; source: string };
}

/** Bounds that keep the brief on one page (a quote is cut at a word, with an ellipsis). */
export interface BriefLimits {
  quoteChars: number;
  criteria: number;
  talkingPoints: number;
  missingPerCriterion: number;
}

export const BRIEF_LIMITS: BriefLimits = { quoteChars: 220, criteria: 8, talkingPoints: 6, missingPerCriterion: 2 };

export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const sourceOf = (policy: Policy): string =>
  `${policy.source.name}${policy.source.number ? ` (${policy.source.number})` : ''}`;

export function buildPeerToPeerBrief(
  input: AppealCase & { peerToPeer?: PeerToPeerPolicy },
  limits: BriefLimits = BRIEF_LIMITS,
): PeerToPeerBrief {
  const packet = buildAppealPacket(input);
  const window = peerToPeerWindow({
    lineOfBusiness: packet.payer.lineOfBusiness,
    deniedAt: input.denial.deniedAt,
    ...(input.peerToPeer ? { payerPolicy: input.peerToPeer } : {}),
  });
  const criteria = packet.criteria.slice(0, limits.criteria).map((c): BriefCriterion => {
    const strongest = strongestEvidence(c);
    return {
      text: c.text,
      status: c.status,
      exception: c.exception,
      ...(strongest ? { strongest: { ...strongest, quote: shorten(strongest.quote, limits.quoteChars) } } : {}),
      missing: c.missing.slice(0, limits.missingPerCriterion).map((m) => shorten(m, limits.quoteChars)),
    };
  });
  const policy = input.policy;
  const talkingPoints: string[] = [];
  if (policy) {
    criteria
      .filter((c) => c.status === 'met')
      .forEach((c, i) => {
        const said = c.strongest ? `; the record: "${c.strongest.quote}" (${c.strongest.date ?? 'undated'})` : '';
        talkingPoints.push(`${i === 0 ? sourceOf(policy) : 'The same policy'} accepts: ${c.text}${said}.`);
      });
    if (input.guideline && input.guideline.id !== policy.id) {
      talkingPoints.push(`The national guideline for this service: ${sourceOf(input.guideline)}.`);
    }
    for (const theme of policy.denialThemes ?? []) {
      talkingPoints.push(`A usual reason this policy is denied, to answer before it is raised: ${theme}.`);
    }
  }
  return {
    caseId: packet.caseId,
    preparedOn: packet.preparedOn,
    payer: { name: packet.payer.name, lineOfBusiness: packet.payer.lineOfBusiness },
    service: { code: packet.service.code, display: packet.service.display },
    deniedOn: packet.deniedOn,
    clinician: packet.parties.clinician,
    policy: packet.policy,
    reasons: packet.reasons.map((r) => ({ ...r, text: shorten(r.text, limits.quoteChars) })),
    criteria,
    talkingPoints: talkingPoints.slice(0, limits.talkingPoints),
    deadline: { at: window.deadline, source: window.source },
  };
}
