// `klivira questionnaire <bundle.json> [--json]`: the documentation questionnaire for a bundle's unknown criteria,
// readable (each question with its type, options and what the record already suggests) or as a FHIR Bundle.
import type {
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
} from '@medplum/fhirtypes';
import { formatIssues, InvalidInputError } from '../../core/fhir/index.ts';

/** The Questionnaire and the prefilled draft as a collection Bundle (the shape `GET …/questionnaire` returns). */
export function questionnaireBundle(questionnaire: Questionnaire, draft: QuestionnaireResponse) {
  return { resourceType: 'Bundle', type: 'collection', entry: [{ resource: questionnaire }, { resource: draft }] };
}

function draftAnswers(items: readonly QuestionnaireResponseItem[] | undefined, into = new Map<string, string>()) {
  for (const item of items ?? []) {
    const shown = (item.answer ?? [])
      .map((a) =>
        String(
          a.valueString ??
            a.valueDate ??
            a.valueCoding?.display ??
            a.valueCoding?.code ??
            a.valueBoolean ??
            a.valueDecimal ??
            '',
        ),
      )
      .filter(Boolean);
    if (shown.length > 0) into.set(item.linkId, shown.join(', '));
    draftAnswers(item.item, into);
  }
  return into;
}

function question(item: QuestionnaireItem, prefilled: Map<string, string>): string[] {
  const options = item.answerOption?.map((o) => o.valueCoding?.code ?? '').join(' | ');
  const lines = [
    `  ${item.required ? '*' : ' '} [${item.linkId}] (${item.type}${item.repeats ? ', several' : ''}) ${item.text ?? ''}`,
  ];
  if (options) lines.push(`        options: ${options}`);
  const known = prefilled.get(item.linkId);
  if (known) lines.push(`        from the record: ${known}`);
  return lines;
}

export function formatQuestionnaire(questionnaire: Questionnaire, draft: QuestionnaireResponse): string {
  const prefilled = draftAnswers(draft.item);
  const groups = (questionnaire.item ?? []).filter((i) => i.linkId !== 'context');
  const lines = [
    questionnaire.title ?? 'Documentation questionnaire',
    `  answer as QuestionnaireResponse.questionnaire = ${questionnaire.url ?? ''}|${questionnaire.version ?? ''}`,
    '',
  ];
  const header = (questionnaire.item ?? []).find((i) => i.linkId === 'context');
  for (const item of header?.item ?? []) {
    const value = prefilled.get(item.linkId);
    if (value) lines.push(`  ${(item.text ?? item.linkId).padEnd(26)} ${value}`);
  }
  if (groups.length === 0) {
    lines.push('', 'Nothing to document: no criterion is unknown.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    '',
    `${String(groups.length)} ${groups.length === 1 ? 'criterion needs' : 'criteria need'} documentation (* = required)`,
  );
  for (const group of groups) {
    lines.push('', `${group.text ?? group.linkId}  [${group.linkId}]`);
    for (const item of group.item ?? []) lines.push(...question(item, prefilled));
  }
  return `${lines.join('\n')}\n`;
}

/** The message for a rejected QuestionnaireResponse (about the answers, not "the bundle"); undefined otherwise. */
export function answersRejected(error: unknown): string | undefined {
  if (error instanceof InvalidInputError && error.issues.some((i) => i.location?.startsWith('QuestionnaireResponse'))) {
    return `The answers were rejected:\n${formatIssues(error.issues).replace(/^/gm, '  - ')}`;
  }
  return undefined;
}
