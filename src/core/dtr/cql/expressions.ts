// Which items the CQL fills: each item's `sdc-questionnaire-initialExpression` in CQL (`"<Library>".<Define>`),
// resolved to a library of the package. An unqualified define names the Questionnaire's only cqf-library.
import type { Expression, Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import type { PackageLibrary } from './package.ts';

export const INITIAL_EXPRESSION = 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression';
/** DTR STU 1 packages carried the initial expression as cqf-expression. */
const LEGACY_EXPRESSION = 'http://hl7.org/fhir/StructureDefinition/cqf-expression';
const CQF_LIBRARY = 'http://hl7.org/fhir/StructureDefinition/cqf-library';
const CQL_LANGUAGES = new Set(['text/cql', 'text/cql-expression', 'text/cql.expression', 'text/cql-identifier']);

export interface ItemExpression {
  linkId: string;
  /** The expression as written, for messages. */
  expression: string;
  /** CQL library name (ELM identifier). */
  library: string;
  define: string;
}

const NAME = String.raw`(?:"([^"]+)"|([A-Za-z_][A-Za-z0-9_]*))`;
const QUALIFIED = new RegExp(String.raw`^\s*${NAME}\s*\.\s*${NAME}\s*$`);
const UNQUALIFIED = new RegExp(String.raw`^\s*${NAME}\s*$`);

/** `"Lib".Define`, `Lib."Define name"` or a bare define (in `fallback`); undefined when it is no define reference. */
export function parseExpression(text: string, fallback?: string): { library: string; define: string } | undefined {
  const qualified = QUALIFIED.exec(text);
  if (qualified) {
    return { library: qualified[1] ?? qualified[2] ?? '', define: qualified[3] ?? qualified[4] ?? '' };
  }
  const bare = UNQUALIFIED.exec(text);
  if (bare && fallback !== undefined) return { library: fallback, define: bare[1] ?? bare[2] ?? '' };
  return undefined;
}

/** The CQL library names of the Questionnaire's cqf-library extensions (canonical[|version] → package Library). */
export function cqfLibraries(questionnaire: Questionnaire, libraries: readonly PackageLibrary[]): string[] {
  return (questionnaire.extension ?? [])
    .filter((e) => e.url === CQF_LIBRARY && e.valueCanonical !== undefined)
    .flatMap((e) => {
      const [url, version] = (e.valueCanonical ?? '').split('|');
      const found = libraries.find((l) => l.url === url && (version === undefined || l.version === version));
      return found ? [found.name] : [];
    });
}

function expressionOf(item: QuestionnaireItem): Expression | undefined {
  const extension =
    item.extension?.find((e) => e.url === INITIAL_EXPRESSION) ??
    item.extension?.find((e) => e.url === LEGACY_EXPRESSION);
  return extension?.valueExpression;
}

export function initialExpressions(
  questionnaire: Questionnaire,
  libraries: readonly PackageLibrary[],
): { expressions: ItemExpression[]; warnings: string[] } {
  const named = cqfLibraries(questionnaire, libraries);
  const fallback = named.length === 1 ? named[0] : undefined;
  const expressions: ItemExpression[] = [];
  const warnings: string[] = [];
  const visit = (items: readonly QuestionnaireItem[] | undefined): void => {
    for (const item of items ?? []) {
      const expression = expressionOf(item);
      if (expression?.expression !== undefined) {
        const text = expression.expression;
        const language = expression.language ?? '';
        const parsed = CQL_LANGUAGES.has(language) ? parseExpression(text, fallback) : undefined;
        if (!CQL_LANGUAGES.has(language)) {
          warnings.push(`${item.linkId}: initialExpression in ${language || 'no language'} is not CQL: not evaluated`);
        } else if (!parsed) {
          warnings.push(`${item.linkId}: initialExpression '${text}' does not name a define ("Library".Define)`);
        } else if (item.type === 'group' || item.type === 'display') {
          warnings.push(`${item.linkId}: a ${item.type} item takes no initial value: '${text}' not evaluated`);
        } else {
          expressions.push({ linkId: item.linkId, expression: text, ...parsed });
        }
      }
      visit(item.item);
    }
  };
  visit(questionnaire.item);
  return { expressions, warnings };
}
