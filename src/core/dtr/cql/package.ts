// The payer's questionnaire package, read tolerantly: a Bundle (with or without Bundle.type and fullUrls, as real
// packages come) or the DTR 2.2 `$questionnaire-package` Parameters wrapping one. Out of it: the Questionnaire, the
// Libraries' compiled ELM (CQL text alone cannot run: there is no CQL-to-ELM translator here) and the ValueSets.
import type { Library, Questionnaire, Resource, ValueSet } from '@medplum/fhirtypes';
import { PrefillInputError } from './errors.ts';

/** The parts of an ELM library this module reads; cql-execution reads the rest. */
export interface ElmLibrary {
  library: {
    identifier: { id: string; version?: string; system?: string };
    usings?: { def?: { localIdentifier: string; uri?: string; version?: string }[] };
    includes?: { def?: { localIdentifier: string; path: string; version?: string }[] };
    parameters?: { def?: { name: string; parameterTypeSpecifier?: { type: string; name?: string } }[] };
    statements?: { def?: { name: string; type?: string; context?: string }[] };
  };
}

export interface PackageLibrary {
  /** The CQL library name (ELM identifier), the one initialExpressions name: `"<name>".<Define>`. */
  name: string;
  version?: string;
  /** The Library resource's canonical, which `cqf-library` extensions name. */
  url?: string;
  elm: ElmLibrary;
}

export interface QuestionnairePackage {
  questionnaire: Questionnaire;
  libraries: PackageLibrary[];
  /** Every ValueSet of the package: top-level ones and those contained in the Questionnaire or a Library. */
  valueSets: ValueSet[];
  warnings: string[];
}

const ELM_JSON = 'application/elm+json';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isResource = (value: unknown): value is Resource => isObject(value) && typeof value.resourceType === 'string';

/** The resources of a Bundle (entries without a resource are skipped) or of the Parameters' Bundles. */
function resourcesOf(input: unknown): Resource[] {
  if (!isResource(input)) {
    throw new PrefillInputError('package', 'is not a FHIR resource (expected a Bundle with a Questionnaire)');
  }
  if (input.resourceType === 'Parameters') {
    return (input.parameter ?? []).flatMap((p) => (p.resource ? resourcesOf(p.resource) : []));
  }
  if (input.resourceType !== 'Bundle') {
    throw new PrefillInputError('package', `is a ${input.resourceType}, not a Bundle of Questionnaire and Libraries`);
  }
  return (input.entry ?? []).flatMap((e, i) => {
    if (e.resource === undefined) return [];
    if (!isResource(e.resource)) {
      throw new PrefillInputError('package', `Bundle.entry[${i}].resource has no resourceType`);
    }
    return e.resource.resourceType === 'Bundle' ? resourcesOf(e.resource) : [e.resource];
  });
}

function isElm(value: unknown): value is ElmLibrary {
  if (!isObject(value) || !isObject(value.library)) return false;
  const identifier = value.library.identifier;
  return isObject(identifier) && typeof identifier.id === 'string';
}

function elmOf(library: Library, index: number): ElmLibrary | undefined {
  const content = (library.content ?? []).findIndex((c) => c.contentType === ELM_JSON);
  const attachment = library.content?.[content];
  if (!attachment) return undefined;
  const where = `Library '${library.id ?? library.name ?? String(index)}' content[${content}] (${ELM_JSON})`;
  if (typeof attachment.data !== 'string') {
    throw new PrefillInputError('package', `${where} has no inline data (a url alone is not fetched)`);
  }
  let elm: unknown;
  try {
    elm = JSON.parse(Buffer.from(attachment.data, 'base64').toString('utf8'));
  } catch (error) {
    throw new PrefillInputError('package', `${where} is not base64-encoded JSON: ${(error as Error).message}`);
  }
  if (!isElm(elm)) throw new PrefillInputError('package', `${where} is not an ELM library (no library.identifier.id)`);
  return elm;
}

export function readPackage(input: unknown): QuestionnairePackage {
  const resources = resourcesOf(input);
  const warnings: string[] = [];
  const questionnaires = resources.filter((r): r is Questionnaire => r.resourceType === 'Questionnaire');
  const questionnaire = questionnaires[0];
  if (!questionnaire) throw new PrefillInputError('package', 'has no Questionnaire');
  if (questionnaires.length > 1) {
    warnings.push(
      `the package has ${questionnaires.length} Questionnaires: the first (${questionnaire.id ?? ''}) is used`,
    );
  }
  const libraries: PackageLibrary[] = [];
  resources.forEach((resource, index) => {
    if (resource.resourceType !== 'Library') return;
    const elm = elmOf(resource, index);
    if (!elm) {
      const hasCql = (resource.content ?? []).some((c) => c.contentType === 'text/cql');
      warnings.push(
        `Library '${resource.id ?? resource.name ?? ''}' has no ${ELM_JSON} content${hasCql ? ' (only CQL text, which needs translating to ELM first)' : ''}: it cannot run`,
      );
      return;
    }
    const { id, version } = elm.library.identifier;
    libraries.push({
      name: id,
      ...(version !== undefined ? { version } : {}),
      ...(resource.url !== undefined ? { url: resource.url } : {}),
      elm,
    });
  });
  const contained = [questionnaire, ...resources.filter((r) => r.resourceType === 'Library')].flatMap(
    (r) => r.contained ?? [],
  );
  const valueSets = [...resources, ...contained].filter((r): r is ValueSet => r.resourceType === 'ValueSet');
  return { questionnaire, libraries, valueSets, warnings };
}
