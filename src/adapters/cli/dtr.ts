// `klivira dtr prefill <package.json> <record.json> --order <Type/id> [--today YYYY-MM-DD] [--json]`: the
// QuestionnaireResponse a DTR client pre-populates by running the payer's CQL over the patient's record. This
// adapter reads the files and the clock; the engine is src/core/dtr/cql.
import { readFileSync } from 'node:fs';
import type { QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { prefillQuestionnaire, PrefillInputError, type PrefillResult } from '../../core/dtr/index.ts';

export interface DtrPrefillFlags {
  order?: string;
  today?: string;
  json?: boolean;
}

/** The output, and warnings for stderr (items the CQL could not fill and why); or a message for exit code 2. */
export type DtrPrefillOutput = { out: string; warnings: string[] } | { error: string };

function readJson(file: string): { value: unknown } | { error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file} (${code ?? 'error'})` };
  }
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    return { error: `${file} is not valid JSON: ${(error as Error).message}` };
  }
}

const isCalendarDate = (text: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

function shown(answer: QuestionnaireResponseItemAnswer): string {
  if (answer.valueCoding) {
    const { code = '', display } = answer.valueCoding;
    return display === undefined || display.includes(code.trim()) ? (display ?? code) : `${display} (${code.trim()})`;
  }
  if (answer.valueBoolean !== undefined) return answer.valueBoolean ? 'yes' : 'no';
  if (answer.valueQuantity) return `${answer.valueQuantity.value ?? ''} ${answer.valueQuantity.unit ?? ''}`.trim();
  if (answer.valueReference) return answer.valueReference.reference ?? answer.valueReference.display ?? '';
  const value =
    answer.valueString ??
    answer.valueDate ??
    answer.valueDateTime ??
    answer.valueTime ??
    answer.valueUri ??
    answer.valueDecimal ??
    answer.valueInteger;
  return value === undefined ? '' : String(value);
}

function answeredItems(items: readonly QuestionnaireResponseItem[] | undefined): QuestionnaireResponseItem[] {
  return (items ?? []).flatMap((i) => [
    ...(i.answer?.length ? [i] : []),
    ...answeredItems(i.item),
    ...(i.answer ?? []).flatMap((a) => answeredItems(a.item)),
  ]);
}

/** `linkId  text: answer(s)`, one line per prefilled item, then what the CQL left empty and why. */
export function formatPrefill(result: PrefillResult): string {
  const { questionnaire: q, response: qr } = result;
  const context = (qr.extension ?? []).flatMap((e) =>
    e.valueReference?.reference ? [e.valueReference.reference] : [],
  );
  const items = answeredItems(qr.item);
  const width = Math.max(0, ...items.map((i) => i.linkId.length)) + 2;
  const lines = [
    `Questionnaire ${q.name ?? q.id ?? ''}${q.title ? ` — ${q.title}` : ''}`,
    `for ${qr.subject?.reference ?? 'the patient'}; context ${context.join(', ')}; authored ${qr.authored ?? ''}`,
    `${items.length} of ${result.evaluated.length} CQL-filled items have an answer`,
    '',
    ...items.map((i) => {
      const text = (i.text ?? '').trim().replace(/:$/, '');
      return `${i.linkId.padEnd(width)}${text}: ${(i.answer ?? []).map(shown).join('; ')}`;
    }),
  ];
  const empty = result.evaluated.filter((e) => e.answers.length === 0 && e.skipped.length > 0);
  if (empty.length > 0) {
    lines.push('', 'Not prefilled:');
    for (const e of empty) lines.push(`  ${e.linkId.padEnd(width)}${e.expression}: ${e.skipped.join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `dtr prefill`; `now` is the clock when --today is not given. Engine failures throw (exit code 1). */
export async function dtrPrefill(
  packageFile: string,
  recordFile: string,
  flags: DtrPrefillFlags,
  now: () => Date = () => new Date(),
): Promise<DtrPrefillOutput> {
  if (!flags.order) return { error: '--order <ResourceType/id> is required: the order the questionnaire is about' };
  if (flags.today !== undefined && !isCalendarDate(flags.today)) {
    return { error: `--today '${flags.today}' is not a calendar date YYYY-MM-DD` };
  }
  const pkg = readJson(packageFile);
  if ('error' in pkg) return pkg;
  const record = readJson(recordFile);
  if ('error' in record) return record;
  let result: PrefillResult;
  try {
    result = await prefillQuestionnaire(pkg.value, record.value, {
      order: flags.order,
      now: flags.today ?? now().toISOString(),
    });
  } catch (error) {
    if (!(error instanceof PrefillInputError)) throw error;
    const file = { package: packageFile, record: recordFile, options: undefined }[error.source];
    return { error: file ? `${file}: ${error.message}` : error.message };
  }
  return {
    out: flags.json ? `${JSON.stringify(result.response, null, 2)}\n` : formatPrefill(result),
    warnings: result.warnings,
  };
}
