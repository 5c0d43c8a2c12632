// The cards a clinician sees when ordering (CDS Hooks 2.0 cards, Da Vinci CRD coverage information): whether prior
// authorization is needed, by whom and on what clock; where the record stands against the policy; and what to
// document, with the SMART app that opens the questionnaire. When no authorization is needed, one quiet card.
import { randomUUID } from 'node:crypto';
import type { CriterionResult, Determination } from '../../core/determination/index.ts';
import type { Issue } from '../../core/fhir/index.ts';
import type { Unavailable } from './gather.ts';

export type Indicator = 'info' | 'warning' | 'critical';

export interface CardLink {
  label: string;
  url: string;
  type: 'absolute' | 'smart';
  appContext?: string;
}

export interface Card {
  uuid: string;
  summary: string;
  indicator: Indicator;
  detail?: string;
  source: { label: string; url?: string; topic?: { system: string; code: string; display: string } };
  suggestions?: unknown[];
  links?: CardLink[];
}

export interface CardContext {
  /** `Type/id` of the draft order. */
  order: string;
  /** `Coverage/id` the determination used, when there was one. */
  coverage?: string;
  /** Klivira's SMART launch URL (opens the documentation questionnaire). */
  smartLaunchUrl: string;
  /** Where the card's source label links to. */
  sourceUrl: string;
}

const CRD_CARD_TYPES = 'http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp';
const SUMMARY_LIMIT = 140;

/** CDS Hooks caps a summary at 140 characters. */
const summaryOf = (text: string): string =>
  text.length <= SUMMARY_LIMIT ? text : `${text.slice(0, SUMMARY_LIMIT - 1).trimEnd()}…`;

function card(indicator: Indicator, summary: string, detail: string, sourceUrl: string): Card {
  return {
    uuid: randomUUID(),
    summary: summaryOf(summary),
    indicator,
    detail,
    source: {
      label: 'Klivira',
      url: sourceUrl,
      topic: { system: CRD_CARD_TYPES, code: 'coverage-info', display: 'Coverage Information' },
    },
  };
}

const orderName = (d: Determination) => `${d.order.display} (${d.order.code})`;

function clockLines(d: Determination): string[] {
  const coverage = d.coverage;
  if (!coverage) return [];
  const reviewer =
    coverage.reviewer.kind === 'rbm'
      ? `${coverage.reviewer.name} (benefit manager reviewing for ${d.payer.name})`
      : coverage.reviewer.name;
  const deadline = coverage.deadline;
  return [
    `- **Reviewer:** ${reviewer}`,
    ...(deadline
      ? [
          `- **Decision clock:** ${deadline.clock} (${deadline.urgency})${deadline.due ? `, due ${deadline.due}` : ', starting when the reviewer receives the request'}`,
        ]
      : []),
    ...(coverage.channels.length > 0 ? [`- **Submit through:** ${coverage.channels.join(', ')}`] : []),
  ];
}

const policyLine = (d: Determination) =>
  d.policy ? [`- **Policy:** ${d.policy.title} (${d.policy.id} ${d.policy.version})`] : [];

/** Whether authorization is needed, naming the reviewer and the decision clock. */
function priorAuthCard(d: Determination, context: CardContext): Card {
  const payer = `${d.payer.name} (${d.payer.lineOfBusiness.replace(/_/g, ' ')})`;
  if (d.paRequired === true) {
    const reviewer = d.coverage?.reviewer.name;
    const clock = d.coverage?.deadline?.clock;
    return card(
      'warning',
      `Prior authorization required: ${orderName(d)}${reviewer ? `, reviewed by ${reviewer}` : ''}${clock ? `, ${clock}` : ''}`,
      [
        `**Prior authorization is required** by ${payer} for ${orderName(d)}.`,
        '',
        ...clockLines(d),
        ...policyLine(d),
      ].join('\n'),
      context.sourceUrl,
    );
  }
  if (d.paRequired === false) {
    const coverageNote =
      d.determination === 'does_not_meet' || d.determination === 'insufficient_documentation'
        ? [`- **Coverage criteria:** ${d.determination.replace(/_/g, ' ')}; keep the supporting documentation on file`]
        : [];
    return card(
      'info',
      `No prior authorization needed: ${orderName(d)} for ${d.payer.name}`,
      [
        `${payer} does not require prior authorization for ${orderName(d)}.`,
        '',
        ...policyLine(d),
        ...coverageNote,
      ].join('\n'),
      context.sourceUrl,
    );
  }
  return card(
    'info',
    `Prior authorization requirement unknown: ${orderName(d)} for ${d.payer.name}`,
    [
      `Klivira cannot tell whether ${payer} requires prior authorization for ${orderName(d)}; check with the payer.`,
      '',
      ...policyLine(d),
      ...d.warnings.map((w) => `- ${w}`),
    ].join('\n'),
    context.sourceUrl,
  );
}

function criterionLine(c: CriterionResult): string {
  const label = c.status === 'met' ? 'Exclusion applies' : c.status === 'not_met' ? 'Not met' : 'Unknown';
  return `- **${label}:** ${c.text}${c.reason ? ` — ${c.reason}` : ''}`;
}

/** Where the record stands against the policy: the criteria that decide it, with their reasons. */
function determinationCard(d: Determination, decisive: CriterionResult[], context: CardContext): Card | undefined {
  if (!d.policy || d.determination === 'not_required' || d.determination === 'no_policy') return undefined;
  const risk = d.denialRisk ? [`- **Denial risk:** ${d.denialRisk.level}`] : [];
  switch (d.determination) {
    case 'meets':
      return card(
        'info',
        `The record meets ${d.policy.title}`,
        [
          `Every criterion of ${d.policy.title} is met by the record; the evidence goes with the request.`,
          '',
          ...risk,
        ].join('\n'),
        context.sourceUrl,
      );
    case 'does_not_meet':
      return card(
        'critical',
        `Does not meet ${d.policy.title}`,
        [`The record contradicts ${d.policy.title}:`, '', ...decisive.map(criterionLine), ...risk].join('\n'),
        context.sourceUrl,
      );
    case 'insufficient_documentation':
      return card(
        'warning',
        `Not yet documented for ${d.policy.title}`,
        [`The record is silent on criteria of ${d.policy.title}:`, '', ...decisive.map(criterionLine), ...risk].join(
          '\n',
        ),
        context.sourceUrl,
      );
  }
}

/** What to document, with the SMART app that opens the documentation questionnaire for this order. */
function documentationCard(d: Determination, context: CardContext): Card | undefined {
  if (d.missingDocumentation.length === 0) return undefined;
  const count = d.missingDocumentation.length;
  const result = card(
    'warning',
    `Documentation needed for prior authorization: ${count} item${count === 1 ? '' : 's'} for ${orderName(d)}`,
    ['Before the request goes to the payer, document:', '', ...d.missingDocumentation.map((m) => `- ${m.text}`)].join(
      '\n',
    ),
    context.sourceUrl,
  );
  result.links = [
    {
      label: 'Complete the documentation questionnaire in Klivira',
      url: context.smartLaunchUrl,
      type: 'smart',
      appContext: JSON.stringify({ order: context.order, ...(context.coverage ? { coverage: context.coverage } : {}) }),
    },
  ];
  return result;
}

export function determinationCards(d: Determination, decisive: CriterionResult[], context: CardContext): Card[] {
  const first = priorAuthCard(d, context);
  if (d.paRequired === false) return [first];
  return [first, determinationCard(d, decisive, context), documentationCard(d, context)].filter(
    (c): c is Card => c !== undefined,
  );
}

/** An order Klivira could not determine (the record lacks a patient or coverage, the order an accepted code). */
export function notCheckedCard(order: string, issues: readonly Issue[], sourceUrl: string): Card {
  return card(
    'warning',
    `Klivira could not check ${order} for prior authorization`,
    ['The order could not be checked against the payer policies:', '', ...issues.map((i) => `- ${i.message}`)].join(
      '\n',
    ),
    sourceUrl,
  );
}

/** Parts of the record that neither came with the call nor could be read from the EHR. */
export function unavailableCard(unavailable: readonly Unavailable[], sourceUrl: string): Card {
  return card(
    'warning',
    'Part of the record could not be read: the prior authorization check may be incomplete',
    [
      'Klivira checked the order without these parts of the record, so criteria they would show may appear unknown:',
      '',
      ...unavailable.map((u) => `- **${u.key}:** ${u.reason}`),
    ].join('\n'),
    sourceUrl,
  );
}
