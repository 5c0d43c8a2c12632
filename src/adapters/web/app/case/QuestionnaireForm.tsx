// A FHIR Questionnaire (ours or a payer's DTR one: boolean, choice, date, decimal, integer, string, text, group,
// enableWhen) as a form, prefilled from the draft QuestionnaireResponse. Submitting sends the completed response;
// the server re-determines the case and answers with it, which the case page shows at once.
import { useState, type SyntheticEvent } from 'react';
import { api } from '../api.ts';
import type {
  AnswerValue,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  ResponseItem,
  StoredCase,
} from '../types.ts';

type Answers = Map<string, AnswerValue[]>;

function collect(items: ResponseItem[] | undefined, into: Answers): Answers {
  for (const item of items ?? []) {
    if (item.answer?.length) into.set(item.linkId, item.answer);
    collect(item.item, into);
  }
  return into;
}

const codeOf = (answer: AnswerValue | undefined): string | undefined => {
  if (!answer) return undefined;
  if ('valueCoding' in answer) return answer.valueCoding.code;
  if ('valueBoolean' in answer) return String(answer.valueBoolean);
  return String(Object.values(answer)[0]);
};

function enabled(item: QuestionnaireItem, answers: Answers): boolean {
  if (!item.enableWhen?.length) return true;
  const results = item.enableWhen.map((condition) => {
    const given = answers.get(condition.question)?.[0];
    if (condition.operator === 'exists') return (given !== undefined) === (condition.answerBoolean ?? true);
    const wanted =
      condition.answerBoolean !== undefined
        ? String(condition.answerBoolean)
        : (condition.answerCoding?.code ?? condition.answerString);
    const equal = given !== undefined && codeOf(given) === wanted;
    return condition.operator === '!=' ? !equal : equal;
  });
  return item.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
}

/** The response's items for the enabled questions that have answers (FHIR: an item has answers or sub-items). */
function responseItems(items: QuestionnaireItem[] | undefined, answers: Answers): ResponseItem[] {
  const out: ResponseItem[] = [];
  for (const item of items ?? []) {
    if (!enabled(item, answers)) continue;
    if (item.type === 'group') {
      const children = responseItems(item.item, answers);
      if (children.length) out.push({ linkId: item.linkId, ...(item.text ? { text: item.text } : {}), item: children });
      continue;
    }
    const answer = answers.get(item.linkId);
    if (answer?.length) out.push({ linkId: item.linkId, ...(item.text ? { text: item.text } : {}), answer });
  }
  return out;
}

export function QuestionnaireForm({
  caseId,
  questionnaire,
  draft,
  onAnswered,
}: {
  caseId: string;
  questionnaire: Questionnaire;
  draft: QuestionnaireResponse;
  onAnswered: (stored: StoredCase) => void;
}) {
  const [answers, setAnswers] = useState<Answers>(() => collect(draft.item, new Map()));
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const set = (linkId: string, value: AnswerValue | undefined) =>
    setAnswers((previous) => {
      const next = new Map(previous);
      if (value === undefined) next.delete(linkId);
      else next.set(linkId, [value]);
      return next;
    });
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      const response: QuestionnaireResponse = {
        ...draft,
        status: 'completed',
        authored: new Date().toISOString(),
        item: responseItems(questionnaire.item, answers),
      };
      onAnswered(await api<StoredCase>('POST', `/api/cases/${caseId}/questionnaire-response`, response));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSending(false);
    }
  };
  return (
    <form className="questionnaire" onSubmit={(e) => void submit(e)} aria-labelledby="questionnaire-title">
      <h3 id="questionnaire-title">{questionnaire.title ?? 'Documentation questionnaire'}</h3>
      <Items items={questionnaire.item} answers={answers} set={set} depth={0} />
      {error && (
        <p role="alert" className="error">
          The answers were not accepted: {error}
        </p>
      )}
      <button type="submit" disabled={sending}>
        {sending ? 'Sending answers…' : 'Send answers and determine again'}
      </button>
    </form>
  );
}

interface ItemsProps {
  items: QuestionnaireItem[] | undefined;
  answers: Answers;
  set: (linkId: string, value: AnswerValue | undefined) => void;
  depth: number;
}

function Items({ items, answers, set, depth }: ItemsProps) {
  return (
    <>
      {(items ?? [])
        .filter((item) => enabled(item, answers))
        .map((item) =>
          item.type === 'group' ? (
            <fieldset key={item.linkId} className={`group depth-${String(depth)}`}>
              <legend>{item.text ?? item.linkId}</legend>
              <Items items={item.item} answers={answers} set={set} depth={depth + 1} />
            </fieldset>
          ) : (
            <Question key={item.linkId} item={item} answer={answers.get(item.linkId)?.[0]} set={set} />
          ),
        )}
    </>
  );
}

function Question({
  item,
  answer,
  set,
}: {
  item: QuestionnaireItem & { readOnly?: boolean };
  answer: AnswerValue | undefined;
  set: ItemsProps['set'];
}) {
  const id = `q-${item.linkId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const label = (
    <>
      {item.text ?? item.linkId}
      {item.required && <span aria-hidden="true"> *</span>}
    </>
  );
  const common = { id, required: item.required === true, readOnly: item.readOnly === true };
  const value = answer === undefined ? '' : String(Object.values(answer)[0] ?? '');
  switch (item.type) {
    case 'boolean': {
      const current = answer && 'valueBoolean' in answer ? answer.valueBoolean : undefined;
      return (
        <fieldset className="question" role="radiogroup" aria-required={item.required === true}>
          <legend>{label}</legend>
          {[true, false].map((choice) => (
            <label key={String(choice)} className="inline">
              <input
                type="radio"
                name={id}
                checked={current === choice}
                disabled={item.readOnly === true}
                onChange={() => set(item.linkId, { valueBoolean: choice })}
              />
              {choice ? 'Yes' : 'No'}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'choice': {
      const options = item.answerOption ?? [];
      const current = codeOf(answer);
      return (
        <div className="question">
          <label htmlFor={id}>{label}</label>
          <select
            {...common}
            disabled={item.readOnly === true}
            value={current ?? ''}
            onChange={(e) => {
              const chosen = options.find((o) => (o.valueCoding?.code ?? o.valueString) === e.target.value);
              if (!chosen) set(item.linkId, undefined);
              else if (chosen.valueCoding) set(item.linkId, { valueCoding: chosen.valueCoding });
              else set(item.linkId, { valueString: chosen.valueString ?? '' });
            }}
          >
            <option value="">(no answer)</option>
            {options.map((o) => {
              const code = o.valueCoding?.code ?? o.valueString ?? '';
              return (
                <option key={code} value={code}>
                  {o.valueCoding?.display ?? code}
                </option>
              );
            })}
          </select>
        </div>
      );
    }
    case 'date':
      return (
        <div className="question">
          <label htmlFor={id}>{label}</label>
          <input
            {...common}
            type="date"
            value={value}
            onChange={(e) => set(item.linkId, e.target.value ? { valueDate: e.target.value } : undefined)}
          />
        </div>
      );
    case 'decimal':
    case 'integer':
      return (
        <div className="question">
          <label htmlFor={id}>{label}</label>
          <input
            {...common}
            type="number"
            step={item.type === 'integer' ? 1 : 'any'}
            value={value}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (e.target.value === '' || !Number.isFinite(n)) set(item.linkId, undefined);
              else set(item.linkId, item.type === 'integer' ? { valueInteger: Math.trunc(n) } : { valueDecimal: n });
            }}
          />
        </div>
      );
    case 'text':
      return (
        <div className="question">
          <label htmlFor={id}>{label}</label>
          <textarea
            {...common}
            value={value}
            onChange={(e) => set(item.linkId, e.target.value ? { valueString: e.target.value } : undefined)}
          />
        </div>
      );
    default:
      // string, and any type this form does not know, as one line of text
      return (
        <div className="question">
          <label htmlFor={id}>{label}</label>
          <input
            {...common}
            type="text"
            value={value}
            onChange={(e) => set(item.linkId, e.target.value ? { valueString: e.target.value } : undefined)}
          />
        </div>
      );
  }
}
