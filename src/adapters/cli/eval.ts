// `klivira eval <folder> [--json]`: runs every case of a folder (`<id>.json`, a FHIR Bundle, beside
// `<id>.expected.json`, its expected determination) and prints accuracy, the confusion matrix, the false meets and
// the criteria behind each disagreement, so a practice can check a policy on its own records before trusting it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import type { CaseService } from '../../app/cases.ts';
import { evaluationReport, OUTCOMES, type CaseRun, type EvaluationReport } from '../../core/evaluation/index.ts';
import { formatIssues, InvalidInputError } from '../../core/fhir/index.ts';

const ExpectedFileSchema = Type.Object({
  id: Type.Optional(Type.String()),
  determination: Type.Union(OUTCOMES.map((o) => Type.Literal(o))),
  family: Type.Optional(Type.String()),
  asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  order: Type.Optional(Type.String({ pattern: '^[A-Za-z]+/[A-Za-z0-9\\-.]{1,64}$' })),
  reasons: Type.Optional(Type.Array(Type.String())),
});
type ExpectedFile = Static<typeof ExpectedFileSchema>;
const expectedFile = Compile(ExpectedFileSchema);

/** A folder that cannot be evaluated as given (exit code 2). */
export class EvalInputError extends Error {}

const SUFFIX = '.expected.json';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EvalInputError(code ? `cannot read ${file} (${code})` : `${file} is not valid JSON`);
  }
}

function expectedIn(file: string): ExpectedFile {
  const value = readJson(file);
  if (expectedFile.Check(value)) return value;
  const problem = [...expectedFile.Errors(value)][0];
  throw new EvalInputError(
    `${file}: ${problem?.instancePath || '(root)'} ${problem?.message ?? 'is not an expected-outcome file'}`,
  );
}

/** Determines every case of the folder; a case the product cannot read counts as an error, not a stop. */
export function runFolder(folder: string, service: CaseService): CaseRun[] {
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((name) => name.endsWith(SUFFIX))
      .sort();
  } catch {
    throw new EvalInputError(`no such folder: ${folder}`);
  }
  if (names.length === 0) throw new EvalInputError(`${folder} holds no <id>${SUFFIX} files`);
  return names.map((name): CaseRun => {
    const stem = name.slice(0, -SUFFIX.length);
    const file = expectedIn(path.join(folder, name));
    const expected = {
      id: file.id ?? stem,
      determination: file.determination,
      ...(file.family ? { family: file.family } : {}),
      ...(file.reasons ? { reasons: file.reasons } : {}),
    };
    const bundle = readJson(path.join(folder, `${stem}.json`));
    try {
      const { determination } = service.check(bundle, {
        ...(file.asOf ? { asOf: file.asOf } : {}),
        ...(file.order ? { orderReference: file.order } : {}),
      });
      return { expected, determination };
    } catch (error) {
      if (error instanceof InvalidInputError) return { expected, error: formatIssues(error.issues) };
      throw error;
    }
  });
}

const percent = (n: number): string => `${(n * 100).toFixed(1)} %`;
const SHORT: Record<string, string> = {
  meets: 'meets',
  does_not_meet: 'not met',
  insufficient_documentation: 'insuff.',
  not_required: 'not req.',
  no_policy: 'no policy',
  error: 'error',
};

export function formatReport(report: EvaluationReport): string {
  const lines = [
    `${String(report.correct)}/${String(report.total)} correct (${percent(report.accuracy)}), ${String(report.falseMeets.length)} false meets, ${String(report.errors)} errors`,
  ];
  const families = Object.entries(report.byFamily);
  if (families.length > 0) {
    lines.push('', 'by family:');
    for (const [family, t] of families) {
      lines.push(`  ${family.padEnd(30)} ${String(t.correct).padStart(3)}/${String(t.total)} (${percent(t.accuracy)})`);
    }
  }
  const columns = [...OUTCOMES, 'error'];
  lines.push('', `confusion (rows expected, columns Klivira):`);
  lines.push(`  ${''.padEnd(12)}${columns.map((c) => (SHORT[c] ?? c).padStart(10)).join('')}`);
  for (const expected of OUTCOMES) {
    const row = report.confusion[expected];
    if (!row) continue;
    lines.push(
      `  ${(SHORT[expected] ?? expected).padEnd(12)}${columns.map((c) => String(row[c] ?? 0).padStart(10)).join('')}`,
    );
  }
  if (report.falseMeets.length > 0) lines.push('', `false meets: ${report.falseMeets.join(', ')}`);
  for (const d of report.disagreements) {
    lines.push('', `${d.id}: expected ${d.expected}, Klivira ${d.actual}`);
    if (d.error) lines.push(`  error: ${d.error}`);
    for (const reason of d.expectedReasons) lines.push(`  expected because: ${reason}`);
    for (const c of d.criteria)
      lines.push(`  Klivira ${c.status === 'not_met' ? 'not met' : 'unknown'}: ${c.text} — ${c.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

export function evaluateFolder(folder: string, service: CaseService, json: boolean): string {
  const report = evaluationReport(runFolder(folder, service));
  return json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report);
}
