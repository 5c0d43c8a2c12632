// One hook call answered: the record gathered once for the patient, then each order under review determined on it,
// with its cards and its coverage-information system action. An order that cannot be determined gets a card saying
// so; a part of the record that could not be read gets one card for the call.
import type { CaseService } from '../../app/cases.ts';
import { InvalidInputError } from '../../core/fhir/index.ts';
import { determinationCards, notCheckedCard, unavailableCard, type Card } from './cards.ts';
import { coverageInformationAction, type SystemAction } from './coverage-information.ts';
import { decisiveCriteria } from './decisive.ts';
import { gatherRecord } from './gather.ts';
import { assembleRecord } from './record.ts';
import type { RecordSource } from './record-source.ts';
import { orderReference, ordersUnderReview, type HookRequest } from './request.ts';

export interface HookResponse {
  cards: Card[];
  systemActions: SystemAction[];
}

export interface AnswerDeps {
  service: CaseService;
  recordSource: RecordSource;
  smartLaunchUrl: string;
  sourceUrl: string;
  /** Today's date (YYYY-MM-DD): the coverage assertion's date. */
  today: () => string;
}

/** What the call did, for the log: counts and outcomes only, nothing of the record. */
export interface AnswerSummary {
  orders: number;
  outcomes: string[];
  fetched: number;
  unavailable: number;
}

export async function answerHook(
  request: HookRequest,
  deps: AnswerDeps,
): Promise<{ response: HookResponse; summary: AnswerSummary }> {
  const record = await gatherRecord(request, deps.recordSource);
  const cards: Card[] = record.unavailable.length > 0 ? [unavailableCard(record.unavailable, deps.sourceUrl)] : [];
  const systemActions: SystemAction[] = [];
  const outcomes: string[] = [];
  const orders = ordersUnderReview(request);
  for (const order of orders) {
    const reference = orderReference(order);
    let result;
    try {
      result = deps.service.check(assembleRecord(record.resources, order), { orderReference: reference });
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      cards.push(notCheckedCard(reference, error.issues, deps.sourceUrl));
      outcomes.push('not_checked');
      continue;
    }
    const { determination, intake } = result;
    const coverage = intake.coverage?.id ? `Coverage/${intake.coverage.id}` : undefined;
    const decisive = decisiveCriteria(determination, deps.service.library);
    cards.push(
      ...determinationCards(determination, decisive, {
        order: reference,
        ...(coverage ? { coverage } : {}),
        smartLaunchUrl: deps.smartLaunchUrl,
        sourceUrl: deps.sourceUrl,
      }),
    );
    const action = coverageInformationAction(order, determination, coverage, deps.today());
    if (action) systemActions.push(action);
    outcomes.push(determination.determination);
  }
  return {
    response: { cards, systemActions },
    summary: {
      orders: orders.length,
      outcomes,
      fetched: record.fetched.length,
      unavailable: record.unavailable.length,
    },
  };
}
