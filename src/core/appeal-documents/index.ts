// The documents that answer a payer's denial: the appeal packet (the letter to the appeals unit, the policy and its
// criteria, the evidence per stated reason, the guideline, the clinician's attestation, the attachments) and the
// one-page peer-to-peer brief. Content only: rendering to PDF is an adapter's work.
export { APPEALABLE_STATUSES, denialOf, reasonText } from './denial.ts';
export type { AppealableStatus, DeniedItem, HistoryEvent, PayerDenial, StoredResponse } from './denial.ts';
export { disputedCriteria, strongestEvidence } from './disputed.ts';
export type { CitedEvidence, DisputedCriterion } from './disputed.ts';
export { buildAppealPacket, citationLine, citePolicy, draftLetter, FILL_IN, statedReasons } from './packet.ts';
export type { AppealCase, AppealPacket, AttachmentEntry, PolicyCitation, StatedReason } from './packet.ts';
export { BRIEF_LIMITS, buildPeerToPeerBrief, shorten } from './brief.ts';
export type { BriefCriterion, BriefLimits, PeerToPeerBrief } from './brief.ts';
export { citationSources, recordParties } from './record.ts';
export type { CitationSource, RecordParties } from './record.ts';
