// DTR pre-population with the payer's CQL: run the libraries the Questionnaire's initialExpressions name over the
// patient's record (the order as their parameter), and answer each item whose define yields a value. The draft is
// what a DTR client shows the clinician before they review it: status in-progress, every answer marked auto-filled,
// its context the order and the Coverage. Pure computation over the inputs: the caller reads files and the clock.
import type {
  Extension,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  Reference,
  ValueSet,
} from '@medplum/fhirtypes';
import { DTR_RESPONSE_PROFILE, INFORMATION_ORIGIN } from '../questionnaire.ts';
import { answersFor } from './answers.ts';
import { codeServiceFrom } from './code-service.ts';
import { CqlExecutionError } from './errors.ts';
import { executeLibraries, executionDateTime } from './execute.ts';
import { initialExpressions, type ItemExpression } from './expressions.ts';
import { readPackage } from './package.ts';
import { orderType, readRecord } from './record.ts';

export const QR_CONTEXT = 'http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/qr-context';

/**
 * `auto-client`: filled by the DTR client from the EHR (DTR 2.2 vocabulary). `auto` is the DTR STU 2.0.1 code,
 * for receivers that still expect it.
 */
export type InformationOrigin = 'auto-client' | 'auto';

export interface PrefillOptions {
  /** The order the questionnaire is about, `ResourceType/id` in the record. */
  order: string;
  /** The CQL clock (Today(), Now()) and the response's authored time: YYYY-MM-DD or an ISO date-time. */
  now: string;
  origin?: InformationOrigin;
  /** Who the draft is prepared for, when known (the signed-in clinician). */
  author?: QuestionnaireResponse['author'];
}

/** One initialExpression's outcome: the answers it gave, and why values were left out. */
export interface EvaluatedItem {
  linkId: string;
  expression: string;
  answers: QuestionnaireResponseItemAnswer[];
  skipped: string[];
}

export interface PrefillResult {
  questionnaire: Questionnaire;
  response: QuestionnaireResponse;
  evaluated: EvaluatedItem[];
  /** Problems that left items empty without stopping the rest (a missing define, a Library without ELM …). */
  warnings: string[];
}

const originExtension = (origin: InformationOrigin): Extension => ({
  url: INFORMATION_ORIGIN,
  extension: [{ url: 'source', valueCode: origin }],
});

/** answerValueSet: `#id` is a ValueSet contained in the Questionnaire; else a canonical in the package. */
function valueSetLookup(questionnaire: Questionnaire, valueSets: readonly ValueSet[]) {
  return (reference: string): ValueSet | undefined => {
    if (reference.startsWith('#')) {
      const id = reference.slice(1);
      return questionnaire.contained?.find((r): r is ValueSet => r.resourceType === 'ValueSet' && r.id === id);
    }
    const [url, version] = reference.split('|');
    return valueSets.find((v) => v.url === url && (version === undefined || v.version === version));
  };
}

function itemsByLinkId(items: readonly QuestionnaireItem[] | undefined, into = new Map<string, QuestionnaireItem>()) {
  for (const item of items ?? []) {
    into.set(item.linkId, item);
    itemsByLinkId(item.item, into);
  }
  return into;
}

/** The answered items in the Questionnaire's order, inside the groups that hold them; empty groups left out. */
function responseItems(
  items: readonly QuestionnaireItem[] | undefined,
  answers: ReadonlyMap<string, QuestionnaireResponseItemAnswer[]>,
): QuestionnaireResponseItem[] {
  return (items ?? []).flatMap((item): QuestionnaireResponseItem[] => {
    const own = answers.get(item.linkId) ?? [];
    const children = responseItems(item.item, answers);
    if (own.length === 0 && children.length === 0) return [];
    const base = { linkId: item.linkId, ...(item.text !== undefined ? { text: item.text } : {}) };
    if (own.length === 0) return [{ ...base, item: children }];
    // A question's sub-items hang under its answer (FHIR qrs-1: an item has answers or items, not both).
    const [first, ...rest] = own;
    return [{ ...base, answer: first && children.length > 0 ? [{ ...first, item: children }, ...rest] : own }];
  });
}

function definesByLibrary(expressions: readonly ItemExpression[]): Map<string, string[]> {
  const run = new Map<string, string[]>();
  for (const e of expressions) {
    const defines = run.get(e.library) ?? [];
    if (!defines.includes(e.define)) defines.push(e.define);
    run.set(e.library, defines);
  }
  return run;
}

const canonical = (q: Questionnaire): string =>
  q.url !== undefined ? `${q.url}${q.version !== undefined ? `|${q.version}` : ''}` : `Questionnaire/${q.id ?? ''}`;

export async function prefillQuestionnaire(
  packageInput: unknown,
  recordInput: unknown,
  options: PrefillOptions,
): Promise<PrefillResult> {
  // The options are the caller's input: refused before any work.
  orderType(options.order);
  executionDateTime(options.now);
  const pkg = readPackage(packageInput);
  const record = readRecord(recordInput, options.order);
  const { questionnaire } = pkg;
  const { expressions, warnings: expressionWarnings } = initialExpressions(questionnaire, pkg.libraries);
  const warnings = [...pkg.warnings, ...expressionWarnings];
  const known = new Map(pkg.libraries.map((l) => [l.name, l]));
  const runnable: ItemExpression[] = [];
  for (const e of expressions) {
    const library = known.get(e.library);
    const defines = new Set((library?.elm.library.statements?.def ?? []).map((d) => d.name));
    if (!library) warnings.push(`${e.linkId}: no Library ${e.library} with ELM in the package ('${e.expression}')`);
    else if (!defines.has(e.define)) warnings.push(`${e.linkId}: Library ${e.library} has no define ${e.define}`);
    else runnable.push(e);
  }
  const codes = codeServiceFrom(pkg.valueSets);
  warnings.push(...codes.warnings);
  const executed = await executeLibraries({
    libraries: pkg.libraries,
    run: definesByLibrary(runnable),
    record: record.bundle,
    order: record.order,
    codeService: codes.service,
    now: options.now,
  });
  warnings.push(...executed.warnings);
  const failed = new Map(executed.failures.map((f) => [`${f.library}.${f.define}`, f.message]));
  if (runnable.length > 0 && runnable.every((e) => failed.has(`${e.library}.${e.define}`))) {
    const first = executed.failures[0];
    throw new CqlExecutionError(
      first?.library ?? '',
      `every expression failed; ${first?.define ?? ''}: ${first?.message ?? ''}`,
    );
  }

  const origin = originExtension(options.origin ?? 'auto-client');
  const lookup = valueSetLookup(questionnaire, pkg.valueSets);
  const definitions = itemsByLinkId(questionnaire.item);
  const answers = new Map<string, QuestionnaireResponseItemAnswer[]>();
  const evaluated = runnable.flatMap((e): EvaluatedItem[] => {
    const item = definitions.get(e.linkId);
    if (!item) return [];
    const failure = failed.get(`${e.library}.${e.define}`);
    if (failure !== undefined) warnings.push(`${e.linkId}: ${e.expression} failed: ${failure}`);
    const outcome = answersFor(item, executed.results.get(e.library)?.get(e.define), lookup);
    const marked = outcome.answers.map((a) => ({ ...a, extension: [...(a.extension ?? []), origin] }));
    if (marked.length > 0) answers.set(e.linkId, marked);
    return [{ linkId: e.linkId, expression: e.expression, answers: marked, skipped: outcome.skipped }];
  });

  const context = (reference: string): Extension => ({
    url: QR_CONTEXT,
    // Reference.type is a resource type; medplum's typing narrows it to a union the reference cannot prove.
    valueReference: { reference, type: (reference.split('/')[0] ?? '') as Reference['type'] },
  });
  const response: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    meta: { profile: [DTR_RESPONSE_PROFILE] },
    extension: [
      context(`${record.order.resourceType}/${record.order.id ?? ''}`),
      ...(record.coverage ? [context(record.coverage.reference)] : []),
    ],
    questionnaire: canonical(questionnaire),
    status: 'in-progress',
    subject: { reference: `Patient/${record.patient.id ?? ''}` },
    authored: options.now,
    ...(options.author ? { author: options.author } : {}),
    item: responseItems(questionnaire.item, answers),
  };
  if (!record.coverage) warnings.push('the record has no Coverage for the order: qr-context names the order only');
  return { questionnaire, response, evaluated, warnings };
}
