// Reads a PAS ClaimResponse into per-item decisions. The decision lives on each item's reviewAction (X12 306), never
// in ClaimResponse.outcome, which only says whether processing finished. Every field is checked before use (the
// payer's JSON is untrusted) and unknown codes become warnings. 2.0.1-shaped responses are read too (`queued`,
// addItem without reviewAction, the older errorElement shape).
import type {
  ClaimResponse,
  ClaimResponseAddItem,
  ClaimResponseItem,
  CodeableConcept,
  Extension,
  Period as FhirPeriod,
} from '@medplum/fhirtypes';
import {
  actionFor,
  overallOutcome,
  type AuthorizedService,
  type BusinessError,
  type ItemDecision,
  type PasDecision,
  type Period,
} from './decision.ts';
import { arrayOf, isObject, stringOf } from './json.ts';
import { EXTENSIONS } from './vocabulary.ts';

/** Reads one ClaimResponse (also a bare one, as some payers and the IG's examples send). */
export function readClaimResponse(response: ClaimResponse, responseIdentifier?: string): PasDecision {
  const warnings: string[] = [];
  const noteTexts = new Map<number, string>();
  for (const note of arrayOf(response.processNote)) {
    const text = stringOf(note.text);
    if (text !== undefined && typeof note.number === 'number') noteTexts.set(note.number, text);
  }
  const context: ReadContext = {
    warnings,
    noteTexts,
    fallbackCode: reviewActionOf(response.adjudication)?.code,
    queued: response.outcome === 'queued',
    preAuthRef: stringOf(response.preAuthRef),
  };
  const addItems = arrayOf(response.addItem);
  const items = arrayOf(response.item).flatMap((item) => {
    if (typeof item.itemSequence !== 'number') {
      warnings.push('a ClaimResponse.item has no itemSequence and cannot be matched to the request; skipped');
      return [];
    }
    const sameSequence = addItems.find((addItem) => arrayOf(addItem.itemSequence).includes(item.itemSequence));
    return [readItem(item, item.itemSequence, sameSequence, context)];
  });
  const requested = new Set(items.map((item) => item.itemSequence));
  const additional = addItems.flatMap((addItem) => {
    const sequence = arrayOf(addItem.itemSequence).find((value) => typeof value === 'number');
    if (sequence === undefined) {
      warnings.push('a ClaimResponse.addItem has no itemSequence; skipped');
      return [];
    }
    return requested.has(sequence) ? [] : [readAddItem(addItem, sequence, context)];
  });
  const errors = arrayOf(response.error).map(readError);
  const decisionItems = [...items, ...additional];
  const reviewer = extensionOf(response.extension, EXTENSIONS.claimResponseReviewer);
  const humanReviewed = extensionOf(reviewer?.extension, 'wasHumanReviewedFlag')?.valueBoolean;
  const request = response.request?.reference ?? response.request?.identifier?.value;
  return {
    outcome: overallOutcome(decisionItems, errors),
    ...(typeof response.outcome === 'string' ? { processing: response.outcome } : {}),
    ...(responseIdentifier ? { responseIdentifier } : {}),
    ...(typeof request === 'string' ? { request } : {}),
    items: decisionItems,
    errors,
    notes: [...noteTexts.values()],
    ...(typeof humanReviewed === 'boolean' ? { humanReviewed } : {}),
    warnings,
  };
}

interface ReadContext {
  warnings: string[];
  noteTexts: ReadonlyMap<number, string>;
  /** A reviewAction on the whole ClaimResponse applies to items that carry none. */
  fallbackCode: string | undefined;
  /** 2.0.1 `queued`: not decided yet, so items without a code are pended. */
  queued: boolean;
  preAuthRef: string | undefined;
}

function readItem(
  item: ClaimResponseItem,
  itemSequence: number,
  authorizedAs: ClaimResponseAddItem | undefined,
  context: ReadContext,
): ItemDecision {
  const decision = decide(item, itemSequence, 'item', context);
  const modification = authorizedAs
    ? authorizedService(authorizedAs)
    : decision.action === 'partial'
      ? authorizedDetail(item.extension)
      : undefined;
  if (decision.action === 'modified' && !modification) {
    context.warnings.push(`item ${itemSequence} is modified (A6) but no addItem says what was authorized`);
  }
  return { ...decision, ...(modification ? { modification } : {}) };
}

function readAddItem(addItem: ClaimResponseAddItem, itemSequence: number, context: ReadContext): ItemDecision {
  const decision = decide(addItem, itemSequence, 'addItem', context);
  return { ...decision, modification: authorizedService(addItem) };
}

function decide(
  element: Pick<ClaimResponseItem, 'adjudication' | 'extension' | 'noteNumber'>,
  itemSequence: number,
  source: ItemDecision['source'],
  context: ReadContext,
): ItemDecision {
  const extensions = element.extension;
  const review = reviewActionOf(element.adjudication);
  const code = review?.code ?? context.fallbackCode;
  const action = code === undefined ? (context.queued ? 'pended' : undefined) : actionFor(code);
  if (action === undefined) {
    const what = code === undefined ? 'carries no review action code' : `has the unknown review action code '${code}'`;
    context.warnings.push(`${source} ${itemSequence} ${what}; treated as contact payer`);
  }
  const authorizationNumber =
    review?.number ??
    stringOf(extensionOf(extensions, EXTENSIONS.authorizationNumber)?.valueString) ??
    context.preAuthRef;
  const administrationReferenceNumber = stringOf(
    extensionOf(extensions, EXTENSIONS.administrationReferenceNumber)?.valueString,
  );
  const authorizedPeriod = periodOf(extensionOf(extensions, EXTENSIONS.itemPreAuthPeriod)?.valuePeriod);
  return {
    itemSequence,
    source,
    action: action ?? 'contact_payer',
    reviewActionCode: code ?? '',
    ...(authorizationNumber ? { authorizationNumber } : {}),
    ...(administrationReferenceNumber ? { administrationReferenceNumber } : {}),
    ...(authorizedPeriod ? { authorizedPeriod } : {}),
    reasonCodes: review?.reasonCodes ?? [],
    notes: arrayOf(element.noteNumber).flatMap((number) => {
      const text = context.noteTexts.get(number);
      return text === undefined ? [] : [text];
    }),
  };
}

interface ReviewAction {
  code?: string;
  number?: string;
  reasonCodes: string[];
}

/** The reviewAction of the `submitted` adjudication (or of any adjudication, for payers that omit the category). */
function reviewActionOf(adjudications: ClaimResponseItem['adjudication'] | undefined): ReviewAction | undefined {
  const withReview = arrayOf(adjudications).filter((a) => extensionOf(a.extension, EXTENSIONS.reviewAction));
  const chosen =
    withReview.find((a) => arrayOf(a.category?.coding).some((coding) => coding.code === 'submitted')) ?? withReview[0];
  const review = extensionOf(chosen?.extension, EXTENSIONS.reviewAction);
  if (!review) return undefined;
  const parts = arrayOf(review.extension);
  // The profile names the slice `code`; instances carry the absolute URL. Accept both.
  const codeExtension = parts.find((part) => part.url === EXTENSIONS.reviewActionCode || part.url === 'code');
  const code = codeOf(codeExtension?.valueCodeableConcept);
  const number = stringOf(parts.find((part) => part.url === 'number')?.valueString);
  const reasonCodes = parts
    .filter((part) => part.url === 'reasonCode')
    .flatMap((part) => {
      const reason = codeOf(part.valueCodeableConcept);
      return reason === undefined ? [] : [reason];
    });
  return { ...(code ? { code } : {}), ...(number ? { number } : {}), reasonCodes };
}

function authorizedService(addItem: ClaimResponseAddItem): AuthorizedService {
  const date = stringOf(addItem.servicedDate);
  const serviced = addItem.servicedPeriod
    ? periodOf(addItem.servicedPeriod)
    : date
      ? { start: date, end: date }
      : undefined;
  return {
    productOrService: codingsOf(addItem.productOrService),
    modifiers: arrayOf(addItem.modifier).flatMap((modifier) => {
      const code = codeOf(modifier);
      return code === undefined ? [] : [code];
    }),
    ...(typeof addItem.quantity?.value === 'number' ? { quantity: addItem.quantity.value } : {}),
    ...(serviced ? { serviced } : {}),
    providers: arrayOf(addItem.provider).flatMap((provider) =>
      typeof provider.reference === 'string' ? [provider.reference] : [],
    ),
  };
}

/** The itemAuthorizedDetail extension: what the payer authorized for a requested item (e.g. fewer units). */
function authorizedDetail(extensions: Extension[] | undefined): AuthorizedService | undefined {
  const detail = extensionOf(extensions, EXTENSIONS.itemAuthorizedDetail);
  if (!detail) return undefined;
  const parts = arrayOf(detail.extension);
  const quantity = parts.find((part) => part.url === 'quantity')?.valueQuantity?.value;
  return {
    productOrService: codingsOf(parts.find((part) => part.url === 'productOrServiceCode')?.valueCodeableConcept),
    modifiers: parts.flatMap((part) => {
      const code = part.url === 'modifier' ? codeOf(part.valueCodeableConcept) : undefined;
      return code === undefined ? [] : [code];
    }),
    ...(typeof quantity === 'number' ? { quantity } : {}),
    providers: [],
  };
}

function readError(error: NonNullable<ClaimResponse['error']>[number]): BusinessError {
  const followupAction = codeOf(extensionOf(error.extension, EXTENSIONS.errorFollowupAction)?.valueCodeableConcept);
  // 2.2 nests the loop-element in an `error` sub-extension; 2.0.1 sent it as the extension's own value.
  const elementExtension = extensionOf(error.extension, EXTENSIONS.errorElement);
  const element =
    stringOf(extensionOf(elementExtension?.extension, 'error')?.valueString) ?? stringOf(elementExtension?.valueString);
  const path = stringOf(extensionOf(error.extension, EXTENSIONS.errorPath)?.valueString);
  return {
    code: codeOf(error.code) ?? '',
    ...(followupAction ? { followupAction } : {}),
    ...(element ? { element } : {}),
    ...(path ? { path } : {}),
  };
}

function extensionOf(extensions: Extension[] | undefined, url: string): Extension | undefined {
  return arrayOf(extensions).find((extension) => isObject(extension) && extension.url === url);
}

function codeOf(concept: CodeableConcept | undefined): string | undefined {
  return arrayOf(concept?.coding)
    .map((coding) => stringOf(coding.code))
    .find((code) => code !== undefined);
}

function codingsOf(concept: CodeableConcept | undefined): string[] {
  return arrayOf(concept?.coding).flatMap((coding) =>
    typeof coding.code === 'string' ? [`${coding.system ?? ''}|${coding.code}`] : [],
  );
}

function periodOf(period: FhirPeriod | undefined): Period | undefined {
  if (!isObject(period)) return undefined;
  const start = stringOf(period.start);
  const end = stringOf(period.end);
  return start || end ? { ...(start ? { start } : {}), ...(end ? { end } : {}) } : undefined;
}
