// A completed QuestionnaireResponse back in: checked against the Questionnaire it answers (canonical, linkIds, answer
// types, options, required answers) with every problem reported at once, then turned into facts whose provenance is
// `QuestionnaireResponse/<id>` and whose text names the author and the time of answering. Pure.
import { randomUUID } from 'node:crypto';
import type {
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from '@medplum/fhirtypes';
import type { Fact } from '../evidence/fact.ts';
import { InvalidInputError, type Issue } from '../fhir/outcome.ts';
import type { Policy } from '../policy/schema.ts';
import { canonicalOf, KLIVIRA_CODES, leavesOf, linkIds, type Leaf } from './questionnaire.ts';

const VALUE_KEYS: Record<string, readonly (keyof QuestionnaireResponseItemAnswer)[]> = {
  boolean: ['valueBoolean'],
  decimal: ['valueDecimal', 'valueInteger'],
  integer: ['valueInteger'],
  date: ['valueDate'],
  dateTime: ['valueDateTime'],
  string: ['valueString'],
  text: ['valueString'],
  choice: ['valueCoding'],
  'open-choice': ['valueCoding', 'valueString'],
};
const ALL_VALUE_KEYS = [...new Set(Object.values(VALUE_KEYS).flat())];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function flatten(items: readonly QuestionnaireItem[] | undefined, into = new Map<string, QuestionnaireItem>()) {
  for (const item of items ?? []) {
    into.set(item.linkId, item);
    flatten(item.item, into);
  }
  return into;
}

/** Every problem with the response, each located (`QuestionnaireResponse.item[2].item[0].answer[0]`). */
export function responseIssues(questionnaire: Questionnaire, response: unknown): Issue[] {
  const issue = (message: string, location: string, code: Issue['code'] = 'invalid'): Issue => ({
    severity: 'error',
    code,
    message,
    location,
  });
  if (typeof response !== 'object' || response === null || Array.isArray(response)) {
    return [issue('the body is not a QuestionnaireResponse', 'QuestionnaireResponse', 'structure')];
  }
  const qr = response as QuestionnaireResponse;
  if (qr.resourceType !== 'QuestionnaireResponse') {
    return [
      issue(
        `expected a QuestionnaireResponse, got ${String((qr as { resourceType?: unknown }).resourceType)}`,
        'QuestionnaireResponse.resourceType',
        'structure',
      ),
    ];
  }
  const issues: Issue[] = [];
  const expected = canonicalOf(questionnaire);
  if (qr.questionnaire !== expected) {
    issues.push(
      issue(
        `answers questionnaire '${String(qr.questionnaire)}', not '${expected}' (the questions of this case): fetch the current questionnaire and answer it`,
        'QuestionnaireResponse.questionnaire',
        'value',
      ),
    );
    return issues;
  }
  if (!qr.id)
    issues.push(
      issue(
        'the response needs an id: answers are cited as QuestionnaireResponse/<id>',
        'QuestionnaireResponse.id',
        'required',
      ),
    );
  if (qr.status !== 'completed' && qr.status !== 'amended') {
    issues.push(
      issue(
        `status is '${qr.status}': only a completed (or amended) response is evaluated`,
        'QuestionnaireResponse.status',
        'value',
      ),
    );
  }
  if (!qr.authored || Number.isNaN(Date.parse(qr.authored))) {
    issues.push(issue('authored (when it was answered) is required', 'QuestionnaireResponse.authored', 'required'));
  }
  if (!qr.author?.reference && !qr.author?.display) {
    issues.push(issue('author (who answered) is required', 'QuestionnaireResponse.author', 'required'));
  }
  const definitions = flatten(questionnaire.item);
  const answered = new Set<string>();
  const walk = (items: readonly QuestionnaireResponseItem[] | undefined, path: string): void => {
    (items ?? []).forEach((item, i) => {
      const at = `${path}.item[${String(i)}]`;
      const def = definitions.get(item.linkId);
      if (!def) {
        issues.push(issue(`linkId '${item.linkId}' is not in the questionnaire`, `${at}.linkId`, 'not-found'));
        return;
      }
      const answers = item.answer ?? [];
      if (def.type === 'group' || def.type === 'display') {
        if (answers.length > 0)
          issues.push(issue(`'${item.linkId}' is a ${def.type} and takes no answer`, `${at}.answer`));
      } else {
        if (answers.length > 1 && def.repeats !== true) {
          issues.push(issue(`'${item.linkId}' takes one answer, got ${String(answers.length)}`, `${at}.answer`));
        }
        answers.forEach((answer, j) => {
          const problem = answerProblem(def, answer);
          if (problem) issues.push(issue(problem, `${at}.answer[${String(j)}]`, 'value'));
        });
        if (answers.length > 0) answered.add(item.linkId);
      }
      walk(item.item, at);
    });
  };
  walk(qr.item, 'QuestionnaireResponse');
  if (qr.status === 'completed') {
    for (const def of definitions.values()) {
      if (def.required === true && !answered.has(def.linkId) && parentAnswered(def.linkId, answered)) {
        issues.push(issue(`'${def.linkId}' (${def.text ?? ''}) is required`, 'QuestionnaireResponse.item', 'required'));
      }
    }
  }
  return issues;
}

/** A criterion's required sub-items are required once its group is answered at all; unanswered groups stay open. */
function parentAnswered(linkId: string, answered: ReadonlySet<string>): boolean {
  const group = linkId.slice(0, linkId.lastIndexOf('.'));
  if (!group) return true;
  return [...answered].some((a) => a.startsWith(`${group}.`));
}

function answerProblem(def: QuestionnaireItem, answer: QuestionnaireResponseItemAnswer): string | undefined {
  const allowed = VALUE_KEYS[def.type] ?? [];
  const present = ALL_VALUE_KEYS.filter((k) => answer[k] !== undefined);
  if (present.length !== 1 || !allowed.includes(present[0] as keyof QuestionnaireResponseItemAnswer)) {
    return `'${def.linkId}' is a ${def.type} question: answer with ${allowed.join(' or ')}${present.length > 0 ? `, not ${present.join(', ')}` : ''}`;
  }
  const key = present[0];
  const value = key ? answer[key] : undefined;
  if (key === 'valueBoolean' && typeof value !== 'boolean')
    return `'${def.linkId}': valueBoolean must be true or false`;
  if (key === 'valueInteger' && !Number.isInteger(value)) return `'${def.linkId}': valueInteger must be an integer`;
  if (key === 'valueDecimal' && (typeof value !== 'number' || !Number.isFinite(value)))
    return `'${def.linkId}': valueDecimal must be a number`;
  if (key === 'valueDate' && (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))))
    return `'${def.linkId}': valueDate must be a date YYYY-MM-DD`;
  if (key === 'valueString' && (typeof value !== 'string' || value.trim() === ''))
    return `'${def.linkId}': valueString must be non-empty text`;
  if (key === 'valueCoding' && def.answerOption) {
    const code = answer.valueCoding?.code;
    const ok = def.answerOption.some(
      (o) => o.valueCoding?.code === code && o.valueCoding?.system === answer.valueCoding?.system,
    );
    if (!ok) {
      const codes = def.answerOption.map((o) => o.valueCoding?.code).join(', ');
      return `'${def.linkId}': '${String(code)}' is not one of the options (${codes}; system ${KLIVIRA_CODES})`;
    }
  }
  return undefined;
}

/** Who submits a response, and how the server names it: what a draft sent back as it came needs. */
export interface Submission {
  /**
   * The authenticated caller (e.g. `{ display: <API key label>, identifier: { system, value: <key id> } }`): the
   * author of a response that names none. Without it, such a response is refused (422, author required).
   */
  submitter?: QuestionnaireResponse['author'];
  /** The id for a response that has none; a random UUID by default (injected for deterministic tests). */
  newId?: () => string;
}

/**
 * The response as the server records it: a missing id assigned, a missing author taken from the submitter. What
 * the response says is never overridden; anything that is not a QuestionnaireResponse is left for the check to
 * refuse. Our own prefilled draft (`questionnaireFor(...).draft`) has neither id nor author, so a clinician can
 * complete it and send it back as is.
 */
export function withServerDefaults(response: unknown, submission: Submission = {}): unknown {
  if (typeof response !== 'object' || response === null || Array.isArray(response)) return response;
  const qr = response as QuestionnaireResponse;
  if (qr.resourceType !== 'QuestionnaireResponse') return response;
  const named = Boolean(qr.author?.reference ?? qr.author?.display);
  return {
    ...qr,
    ...(qr.id ? {} : { id: (submission.newId ?? randomUUID)() }),
    ...(!named && submission.submitter ? { author: submission.submitter } : {}),
  };
}

/** Throws InvalidInputError (422) with every problem; returns the response typed when it is valid. */
export function checkResponse(questionnaire: Questionnaire, response: unknown): QuestionnaireResponse {
  const issues = responseIssues(questionnaire, response);
  if (issues.length > 0) throw new InvalidInputError(issues);
  return response as QuestionnaireResponse;
}

function answersByLinkId(
  items: readonly QuestionnaireResponseItem[] | undefined,
  into = new Map<string, QuestionnaireResponseItemAnswer[]>(),
) {
  for (const item of items ?? []) {
    if (item.answer && item.answer.length > 0) into.set(item.linkId, item.answer);
    answersByLinkId(item.item, into);
  }
  return into;
}

export function authorOf(qr: QuestionnaireResponse): string {
  return qr.author?.display ?? qr.author?.reference ?? 'unknown author';
}

/**
 * Facts from a valid response, for the criteria of `policy`. A yes (or a chosen option) affirms, a no (or `none`)
 * negates; therapy answers carry their dates and provider direction. Every fact cites the response, its author and
 * the time it was answered, plus where the clinician says it is documented.
 */
export function answersToFacts(policy: Policy, qr: QuestionnaireResponse): Fact[] {
  const answers = answersByLinkId(qr.item);
  const leaves = leavesOf(policy);
  const reference = `QuestionnaireResponse/${qr.id ?? 'unidentified'}`;
  const facts: Fact[] = [];
  const groups = new Set([...answers.keys()].map((id) => id.slice(0, id.lastIndexOf('.'))));
  for (const id of groups) {
    const leaf = leaves.get(id);
    if (!leaf) continue;
    facts.push(...leafFacts(leaf, answers, reference, qr));
  }
  return facts;
}

function leafFacts(
  leaf: Leaf,
  answers: Map<string, QuestionnaireResponseItemAnswer[]>,
  reference: string,
  qr: QuestionnaireResponse,
): Fact[] {
  const ids = linkIds(leaf.node.id);
  const first = (linkId: string) => answers.get(linkId)?.[0];
  const main = answers.get(ids.answer) ?? [];
  const where = first(ids.where)?.valueString;
  const shown = main
    .map((a) =>
      a.valueBoolean !== undefined
        ? a.valueBoolean
          ? 'yes'
          : 'no'
        : String(
            a.valueCoding?.display ??
              a.valueCoding?.code ??
              a.valueString ??
              a.valueDecimal ??
              a.valueInteger ??
              a.valueDate ??
              '',
          ),
    )
    .join(', ');
  const source = {
    reference,
    text: `${leaf.node.text}: ${shown} — answered by ${authorOf(qr)} on ${qr.authored ?? ''}${where ? `; documented in ${where}` : ''}`,
  };
  return leaf.kind.answerFacts?.(leaf.spec, { ids, main, first, source }) ?? [];
}
