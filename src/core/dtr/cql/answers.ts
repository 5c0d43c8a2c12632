// CQL values to QuestionnaireResponse answers, by the item's type: string → valueString, date → valueDate (a
// date-time is cut to its date, as a DTR renderer does), choice → the matching answerOption or answerValueSet
// Coding, and so on. Lists give repeated answers (the first only when the item does not repeat); nulls give none.
import type {
  Coding,
  QuestionnaireItem,
  QuestionnaireItemAnswerOption,
  QuestionnaireResponseItemAnswer as Answer,
  ValueSet,
} from '@medplum/fhirtypes';
import { valueSetCodes } from './code-service.ts';
import { coding, plainValues, type PlainValue } from './values.ts';

export interface AnswerOutcome {
  answers: Answer[];
  /** Why values the expression returned were not used (a value the item's type cannot hold, not an option …). */
  skipped: string[];
}

/** Finds a ValueSet an item names in answerValueSet (`#contained` or a canonical). */
export type ValueSetLookup = (reference: string) => ValueSet | undefined;

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}/;

function describe(value: PlainValue): string {
  switch (value.kind) {
    case 'codings':
      return value.codings.map((c) => `${c.system ?? ''}|${c.code ?? ''}`).join(', ') || (value.text ?? 'a concept');
    case 'quantity':
      return `${value.value} ${value.unit ?? ''}`.trim();
    case 'reference':
      return value.reference;
    case 'unsupported':
      return `a ${value.type}`;
    case 'boolean':
    case 'number':
      return String(value.value);
    case 'string':
    case 'date':
    case 'dateTime':
    case 'time':
      return `'${value.value}'`;
  }
}

const sameCode = (a: Coding, b: Coding): boolean =>
  a.code === b.code && (a.system === undefined || b.system === undefined || a.system === b.system);

/** The candidates a constrained choice offers: its answerOption Codings, else its value set's codes. */
function offered(item: QuestionnaireItem, lookup: ValueSetLookup): Coding[] | undefined {
  if (item.answerOption) {
    return item.answerOption.flatMap((o: QuestionnaireItemAnswerOption) => (o.valueCoding ? [o.valueCoding] : []));
  }
  if (item.answerValueSet === undefined) return undefined;
  const valueSet = lookup(item.answerValueSet);
  const codes = valueSet ? valueSetCodes(valueSet) : undefined;
  return codes?.map((c) => coding(c.system, c.code, c.display)).filter((c): c is Coding => c !== undefined);
}

/** A string matches an option by code, else by display (case aside). */
function byText(candidates: readonly Coding[], text: string): Coding | undefined {
  const lower = text.trim().toLowerCase();
  return (
    candidates.find((c) => c.code === text) ??
    candidates.find((c) => c.code?.toLowerCase() === lower) ??
    candidates.find((c) => c.display?.trim().toLowerCase() === lower)
  );
}

function choiceAnswer(item: QuestionnaireItem, value: PlainValue, lookup: ValueSetLookup): Answer | string {
  const open = item.type === 'open-choice';
  const candidates = offered(item, lookup);
  // Options that are not Codings (valueString, valueInteger, valueDate) match a value of their own type.
  const options = item.answerOption ?? [];
  if (value.kind === 'string' && options.some((o) => o.valueString === value.value))
    return { valueString: value.value };
  if (value.kind === 'number' && options.some((o) => o.valueInteger === value.value))
    return { valueInteger: value.value };
  if (value.kind === 'date' && options.some((o) => o.valueDate === value.value)) return { valueDate: value.value };
  if (value.kind === 'codings') {
    const first = value.codings[0];
    if (candidates !== undefined && candidates.length > 0) {
      const match = value.codings.flatMap((c) => candidates.filter((o) => sameCode(o, c)))[0];
      if (match) return { valueCoding: { ...match } };
      if (!open) return `${describe(value)} is not one of the item's options`;
    }
    if (first) return { valueCoding: first };
    return open && value.text ? { valueString: value.text } : 'a concept without codings';
  }
  if (value.kind === 'string') {
    const match = candidates ? byText(candidates, value.value) : undefined;
    if (match) return { valueCoding: { ...match } };
    if (open && value.value.trim() !== '') return { valueString: value.value };
    return `'${value.value}' is not one of the item's options`;
  }
  return `${describe(value)} cannot answer a ${item.type} item`;
}

function answerFor(item: QuestionnaireItem, value: PlainValue, lookup: ValueSetLookup): Answer | string {
  const cannot = `${describe(value)} cannot answer a ${item.type} item`;
  switch (item.type) {
    case 'string':
    case 'text':
      switch (value.kind) {
        case 'string':
          return value.value === '' ? 'an empty string' : { valueString: value.value };
        case 'number':
        case 'date':
        case 'dateTime':
        case 'time':
          return { valueString: String(value.value) };
        case 'codings': {
          const text = value.text ?? value.codings[0]?.display ?? value.codings[0]?.code;
          return text !== undefined ? { valueString: text } : cannot;
        }
        case 'quantity':
          return { valueString: `${value.value}${value.unit !== undefined ? ` ${value.unit}` : ''}` };
        default:
          return cannot;
      }
    case 'url':
      return value.kind === 'string' ? { valueUri: value.value } : cannot;
    case 'boolean':
      return value.kind === 'boolean' ? { valueBoolean: value.value } : cannot;
    case 'decimal':
      if (value.kind === 'number' || value.kind === 'quantity') return { valueDecimal: value.value };
      return cannot;
    case 'integer':
      if ((value.kind === 'number' || value.kind === 'quantity') && Number.isInteger(value.value)) {
        return { valueInteger: value.value };
      }
      return cannot;
    case 'date':
      if (value.kind === 'date') return { valueDate: value.value };
      if (value.kind === 'dateTime') return { valueDate: value.date };
      if (value.kind === 'string' && DATE.test(value.value)) return { valueDate: value.value };
      if (value.kind === 'string') {
        const day = DATE_TIME.exec(value.value)?.[1];
        if (day !== undefined) return { valueDate: day };
      }
      return cannot;
    case 'dateTime':
      if (value.kind === 'dateTime' || value.kind === 'date') return { valueDateTime: value.value };
      if (value.kind === 'string' && (DATE.test(value.value) || DATE_TIME.test(value.value))) {
        return { valueDateTime: value.value };
      }
      return cannot;
    case 'time':
      return value.kind === 'time' ? { valueTime: value.value } : cannot;
    case 'quantity':
      if (value.kind === 'quantity') {
        const { value: amount, unit, system, code } = value;
        return {
          valueQuantity: {
            value: amount,
            ...(unit !== undefined ? { unit } : {}),
            ...(system !== undefined ? { system } : {}),
            ...(code !== undefined ? { code } : {}),
          },
        };
      }
      return value.kind === 'number' ? { valueQuantity: { value: value.value } } : cannot;
    case 'reference':
      if (value.kind !== 'reference') return cannot;
      return {
        valueReference: {
          reference: value.reference,
          ...(value.display !== undefined ? { display: value.display } : {}),
        },
      };
    case 'choice':
    case 'open-choice':
      return choiceAnswer(item, value, lookup);
    default:
      return cannot;
  }
}

/** The answers an expression's result gives the item (none for null or an empty list). */
export function answersFor(item: QuestionnaireItem, result: unknown, lookup: ValueSetLookup): AnswerOutcome {
  const answers: Answer[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const value of plainValues(result)) {
    const answer = answerFor(item, value, lookup);
    if (typeof answer === 'string') {
      skipped.push(answer);
      continue;
    }
    const key = JSON.stringify(answer);
    if (!seen.has(key)) {
      seen.add(key);
      answers.push(answer);
    }
  }
  if (item.repeats !== true && answers.length > 1) {
    skipped.push(`${answers.length - 1} further value(s): the item takes one answer`);
    return { answers: answers.slice(0, 1), skipped };
  }
  return { answers, skipped };
}
