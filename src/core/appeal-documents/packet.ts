// The appeal packet's content, built from the stored case alone: the letter to the payer's appeals unit (a draft a
// person edits before it is final), the policy cited by name, number and version with the text of each criterion in
// dispute, for each of the payer's stated reasons the quoted evidence with its source and date, the guideline behind
// the criteria, the ordering clinician's attestation and the index of the attachments. Nothing clinical is written
// here that the record or the policy does not say: criteria are the policy's words, evidence the record's quotes.
import type { Bundle } from '@medplum/fhirtypes';
import type { Determination } from '../determination/index.ts';
import type { Policy } from '../policy/index.ts';
import { reasonText, type PayerDenial } from './denial.ts';
import { disputedCriteria, strongestEvidence, type CitedEvidence, type DisputedCriterion } from './disputed.ts';
import { citationSources, recordParties, type RecordParties } from './record.ts';

export interface AttachmentEntry {
  documentId: string;
  title: string;
  contentType: string;
  bytes: number;
  /** When it was stored (ISO instant). */
  storedAt: string;
}

export interface AppealCase {
  caseId: string;
  determination: Determination;
  /** The governing policy as the library holds it (the determination names it); absent when none governed. */
  policy: Policy | undefined;
  /** The national guideline policy for the same service, when the library has one besides the payer's. */
  guideline?: Policy | undefined;
  denial: PayerDenial;
  bundle: Bundle | undefined;
  /** `Type/id` of the order in the bundle. */
  orderReference: string | undefined;
  attachments: AttachmentEntry[];
  /** The date the documents are prepared (YYYY-MM-DD). */
  preparedOn: string;
}

export interface PolicyCitation {
  id: string;
  version: string;
  title: string;
  sourceName: string;
  number?: string;
  revised?: string;
  url: string;
  note?: string;
}

export interface StatedReason {
  /** Items the reason was given for. */
  itemSequences: number[];
  text: string;
}

export interface AppealPacket {
  caseId: string;
  preparedOn: string;
  addressee: { lines: string[]; placeholder: boolean };
  payer: Determination['payer'];
  service: Determination['order'];
  parties: RecordParties;
  deniedOn: string;
  submissionId: string;
  policy: PolicyCitation | null;
  guidelines: PolicyCitation[];
  reasons: StatedReason[];
  criteria: DisputedCriterion[];
  attachments: AttachmentEntry[];
  /** The draft letter text, for a person to edit. */
  letter: string;
}

/** Marks what a person must fill in before the packet is sent. */
export const FILL_IN = (what: string): string => `[${what}: fill in before sending]`;

export function citePolicy(policy: Policy): PolicyCitation {
  return {
    id: policy.id,
    version: policy.version,
    title: policy.title,
    sourceName: policy.source.name,
    ...(policy.source.number ? { number: policy.source.number } : {}),
    ...(policy.source.revised ? { revised: policy.source.revised } : {}),
    url: policy.source.url,
    ...(policy.source.note ? { note: policy.source.note } : {}),
  };
}

/** The payer's reasons, one per distinct wording (several items denied for one reason give one reason). */
export function statedReasons(denial: PayerDenial): StatedReason[] {
  const reasons = new Map<string, number[]>();
  for (const item of denial.items) {
    const text = reasonText(item);
    reasons.set(text, [...(reasons.get(text) ?? []), item.itemSequence]);
  }
  for (const note of denial.notes) reasons.set(`"${note}"`, []);
  if (reasons.size === 0) reasons.set('the payer stated no reason', []);
  return [...reasons].map(([text, itemSequences]) => ({ itemSequences, text }));
}

export const citationLine = (e: CitedEvidence): string =>
  `"${e.quote}" (${e.source}${e.date ? `, ${e.date}` : ', undated'}; ${e.reference})`;

export function buildAppealPacket(input: AppealCase): AppealPacket {
  const d = input.determination;
  const parties = recordParties(input.bundle, input.orderReference);
  const criteria = disputedCriteria(d, input.policy, citationSources(input.bundle));
  const payerName = parties.payer.name ?? d.payer.name;
  const placeholder = parties.payer.addressLines.length === 0;
  const packet: Omit<AppealPacket, 'letter'> = {
    caseId: input.caseId,
    preparedOn: input.preparedOn,
    addressee: {
      lines: [
        'Appeals Department',
        payerName,
        ...(placeholder ? [FILL_IN("The payer's appeals address from the denial notice")] : parties.payer.addressLines),
      ],
      placeholder,
    },
    payer: d.payer,
    service: d.order,
    parties,
    deniedOn: input.denial.deniedAt.slice(0, 10),
    submissionId: input.denial.submissionId,
    policy: input.policy ? citePolicy(input.policy) : null,
    guidelines: [input.policy, input.guideline]
      .filter((p): p is Policy => p !== undefined)
      .filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i)
      .map(citePolicy),
    reasons: statedReasons(input.denial),
    criteria,
    attachments: input.attachments,
  };
  return { ...packet, letter: draftLetter(packet) };
}

const orderCode = (service: Determination['order']): string =>
  `${service.system.includes('cpt') ? 'CPT ' : ''}${service.code}`;

/** The letter as first drafted: the request, the reasons answered criterion by criterion, the enclosures. */
export function draftLetter(packet: Omit<AppealPacket, 'letter'>): string {
  const { parties, policy, service } = packet;
  const patient = parties.patient;
  const policyName = policy
    ? `${policy.sourceName}${policy.number ? ` (${policy.number})` : ''}, as encoded in policy ${policy.id} version ${policy.version}`
    : FILL_IN('The payer policy the decision rests on');
  const criterionLines = packet.criteria.map((c) => {
    const lead = strongestEvidence(c);
    if (c.status === 'met') {
      return `- ${c.exception ? 'Exception met: ' : ''}${c.text}. The record documents it: ${lead ? citationLine(lead) : 'see the enclosed evidence'}.`;
    }
    const missing = c.missing.length > 0 ? ` To be added: ${c.missing.join(' ')}` : '';
    return `- ${c.text}. ${FILL_IN('What the enclosed documentation shows for this criterion')}${missing}`;
  });
  return [
    packet.preparedOn,
    '',
    ...packet.addressee.lines,
    '',
    `Re: Request for reconsideration of the decision on ${service.display} (${orderCode(service)})`,
    `Patient: ${patient.name ?? FILL_IN('Patient name')}, date of birth ${patient.birthDate ?? FILL_IN('date of birth')}, member ID ${patient.memberId ?? FILL_IN('member ID')}`,
    `Our reference: ${packet.submissionId || packet.caseId}; decision of ${packet.deniedOn}`,
    '',
    'To the appeals reviewer:',
    '',
    `On ${packet.deniedOn} ${packet.payer.name} did not approve the request for ${service.display} (${orderCode(service)}) as submitted. The stated reason: ${packet.reasons.map((r) => r.text).join('; ')}.`,
    '',
    `We ask that the decision be reconsidered. The request is governed by ${policyName}. The patient's record answers each of its criteria as follows:`,
    '',
    ...criterionLines,
    '',
    'The enclosed pages quote the evidence for each criterion with its source and date, cite the guideline behind the criteria, and list the attached documents.',
    '',
    'Sincerely,',
    '',
    parties.clinician.name ?? FILL_IN('Ordering clinician'),
    `NPI ${parties.clinician.npi ?? FILL_IN('NPI')}`,
  ].join('\n');
}
