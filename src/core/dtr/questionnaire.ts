// Documentation questionnaires, Da Vinci DTR style: for the criteria a record is silent on, a FHIR R4 Questionnaire a
// clinician can answer (one group per unknown criterion: the question, answer items typed by the criterion's rule,
// and where it is documented), and a draft QuestionnaireResponse prefilled from what the record already shows, each
// prefilled answer marked with DTR's information-origin extension. Pure.
import { createHash } from 'node:crypto';
import type {
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from '@medplum/fhirtypes';
import type { Determination } from '../determination/determination.ts';
import type { Fact } from '../evidence/fact.ts';
import { kindOf, linkIds, type RuleKind } from '../policy/rules/index.ts';
import { childCriteria, type CriterionNode, type Policy } from '../policy/schema.ts';

export { KLIVIRA_CODES, linkIds } from '../policy/rules/index.ts';
export const INFORMATION_ORIGIN = 'http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/information-origin';
const DTR_QUESTIONNAIRE_PROFILE = 'http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/dtr-questionnaire-r4';
export const DTR_RESPONSE_PROFILE = 'http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/dtr-questionnaireresponse';

/** A requirement leaf by id, with its rule's kind and settings. */
export interface Leaf {
  node: CriterionNode;
  kind: RuleKind;
  spec: unknown;
}

export function leavesOf(policy: Policy): Map<string, Leaf> {
  const leaves = new Map<string, Leaf>();
  const visit = (node: CriterionNode): void => {
    if (node.rule) leaves.set(node.id, { node, ...kindOf(node.rule) });
    for (const child of childCriteria(node)) visit(child);
  };
  if (policy.criteria) visit(policy.criteria);
  return leaves;
}

function questionItems(leaf: Leaf, request: string): QuestionnaireItem[] {
  const ids = linkIds(leaf.node.id);
  const where: QuestionnaireItem = {
    linkId: ids.where,
    text: 'Where is this documented? (note or report, its date and author)',
    type: 'string',
  };
  // A kind with no questions of its own (order attributes, FHIRPath checks) cannot be answered into facts: the answer
  // is recorded for the reviewer.
  const items = leaf.kind.questions?.(leaf.spec, ids, request) ?? [
    {
      linkId: ids.answer,
      text: `${request} — confirm once the order or record shows it`,
      type: 'boolean',
      required: true,
    },
  ];
  return [...items, where];
}

export interface QuestionnaireContext {
  determination: Determination;
  policy: Policy;
  facts: readonly Fact[];
  /** The patient's name, birth date and member id for the read-only header (DTR's patient block). */
  patient?: { name?: string; birthDate?: string; memberId?: string };
  /** `ResourceType/id` of the order, for the response's context. */
  orderReference?: string;
  /** Date the draft is made (YYYY-MM-DD or date-time). */
  today: string;
}

export interface GeneratedQuestionnaire {
  questionnaire: Questionnaire;
  /** The response prefilled from the record; status in-progress. */
  draft: QuestionnaireResponse;
}

/** The canonical a response must name: `url|version`, where the version changes with the set of questions. */
export const canonicalOf = (q: Questionnaire): string => `${q.url ?? ''}|${q.version ?? ''}`;

export function unknownLeaves(determination: Determination, policy: Policy): Leaf[] {
  const leaves = leavesOf(policy);
  const seen = new Set<string>();
  const out: Leaf[] = [];
  for (const m of determination.missingDocumentation) {
    const leaf = leaves.get(m.id);
    if (leaf && !seen.has(m.id)) {
      seen.add(m.id);
      out.push(leaf);
    }
  }
  return out;
}

export function generateQuestionnaire(ctx: QuestionnaireContext): GeneratedQuestionnaire {
  const { determination: d, policy } = ctx;
  const requests = new Map(d.missingDocumentation.map((m) => [m.id, m.text]));
  const leaves = unknownLeaves(d, policy);
  const version = createHash('sha256')
    .update([policy.id, policy.version, ...leaves.map((l) => l.node.id)].join('|'))
    .digest('hex')
    .slice(0, 12);
  const header: QuestionnaireItem = {
    linkId: 'context',
    text: 'Request',
    type: 'group',
    item: [
      { linkId: 'context.patient', text: 'Patient', type: 'string', readOnly: true },
      { linkId: 'context.birthDate', text: 'Date of birth', type: 'date', readOnly: true },
      { linkId: 'context.memberId', text: 'Member id', type: 'string', readOnly: true },
      { linkId: 'context.order', text: 'Service or drug requested', type: 'string', readOnly: true },
      { linkId: 'context.payer', text: 'Payer and policy', type: 'string', readOnly: true },
    ],
  };
  const questionnaire: Questionnaire = {
    resourceType: 'Questionnaire',
    id: `klivira-${policy.id}-${version}`,
    meta: { profile: [DTR_QUESTIONNAIRE_PROFILE] },
    url: `urn:klivira:questionnaire:${policy.id}`,
    version,
    name: `Klivira_${policy.id.replace(/[^A-Za-z0-9]/g, '_')}`,
    title: `Documentation for ${policy.title}`,
    status: 'active',
    subjectType: ['Patient'],
    date: ctx.today.slice(0, 10),
    publisher: 'Klivira',
    description: `Answers the ${String(leaves.length)} criteria the record is silent on, so the request can be re-evaluated against ${policy.id} ${policy.version}.`,
    item: [
      header,
      ...leaves.map((leaf): QuestionnaireItem => ({
        linkId: leaf.node.id,
        text: leaf.node.text,
        type: 'group',
        item: questionItems(leaf, requests.get(leaf.node.id) ?? leaf.node.request ?? leaf.node.text),
      })),
    ],
  };
  return { questionnaire, draft: prefill(questionnaire, leaves, ctx) };
}

const auto = (answer: QuestionnaireResponseItemAnswer): QuestionnaireResponseItemAnswer => ({
  ...answer,
  extension: [{ url: INFORMATION_ORIGIN, extension: [{ url: 'source', valueCode: 'auto-client' }] }],
});

/** What the record already says that bears on an unknown criterion (partial facts: undated care, uncertain codes). */
function known(leaf: Leaf, facts: readonly Fact[]): Map<string, QuestionnaireResponseItemAnswer[]> {
  const ids = linkIds(leaf.node.id);
  const { answers, sources } = leaf.kind.prefill?.(leaf.spec, facts, ids) ?? {
    answers: new Map(),
    sources: [],
  };
  if (sources.length > 0) answers.set(ids.where, [{ valueString: [...new Set(sources)].join(', ') }]);
  return answers;
}

function prefill(questionnaire: Questionnaire, leaves: Leaf[], ctx: QuestionnaireContext): QuestionnaireResponse {
  const d = ctx.determination;
  const context: Record<string, QuestionnaireResponseItemAnswer | undefined> = {
    'context.patient': ctx.patient?.name ? { valueString: ctx.patient.name } : undefined,
    'context.birthDate': ctx.patient?.birthDate ? { valueDate: ctx.patient.birthDate } : undefined,
    'context.memberId': ctx.patient?.memberId ? { valueString: ctx.patient.memberId } : undefined,
    'context.order': {
      valueString: d.order.display === d.order.code ? d.order.code : `${d.order.code} ${d.order.display}`,
    },
    'context.payer': {
      valueString: `${d.payer.name} (${d.payer.lineOfBusiness.replace(/_/g, ' ')}) — ${ctx.policy.id} ${ctx.policy.version}`,
    },
  };
  const headerItems = (questionnaire.item?.[0]?.item ?? []).flatMap((q): QuestionnaireResponseItem[] => {
    const answer = context[q.linkId];
    return answer ? [{ linkId: q.linkId, ...(q.text ? { text: q.text } : {}), answer: [auto(answer)] }] : [];
  });
  const groups = leaves.map((leaf): QuestionnaireResponseItem => {
    const answers = known(leaf, ctx.facts);
    const group = questionnaire.item?.find((i) => i.linkId === leaf.node.id);
    return {
      linkId: leaf.node.id,
      ...(group?.text ? { text: group.text } : {}),
      item: (group?.item ?? []).map((q) => {
        const prefilled = answers.get(q.linkId);
        return {
          linkId: q.linkId,
          ...(q.text ? { text: q.text } : {}),
          ...(prefilled ? { answer: prefilled.map(auto) } : {}),
        };
      }),
    };
  });
  return {
    resourceType: 'QuestionnaireResponse',
    meta: { profile: [DTR_RESPONSE_PROFILE] },
    questionnaire: canonicalOf(questionnaire),
    status: 'in-progress',
    authored: ctx.today,
    // basedOn takes a ServiceRequest (not a MedicationRequest) in R4.
    ...(ctx.orderReference?.startsWith('ServiceRequest/') ? { basedOn: [{ reference: ctx.orderReference }] } : {}),
    item: [{ linkId: 'context', text: 'Request', item: headerItems }, ...groups],
  };
}
