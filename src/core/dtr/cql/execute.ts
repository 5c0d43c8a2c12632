// Evaluates the defines the Questionnaire names over one patient, with cql-execution and the cql-exec-fhir patient
// source: the order goes in as the library parameter typed for it (DeviceRequest → `device_request`, …), the clock
// is frozen at `now`. Each define runs alone, so one that throws (a `singleton from` over two records) leaves its
// items empty and the others filled, as a DTR client still renders the form.
import { DateTime, Executor, Repository, type Library as CqlLibrary, type TerminologyProvider } from 'cql-execution';
import { FHIRWrapper, PatientSource } from 'cql-exec-fhir';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { CqlExecutionError, PrefillInputError } from './errors.ts';
import type { ElmLibrary, PackageLibrary } from './package.ts';

const FHIR_MODEL = 'http://hl7.org/fhir';

/** The FHIR 4.0.x model the libraries declare (`using FHIR version '4.0.1'` reads 4.0.1, anything else 4.0.0). */
function fhirVersion(libraries: readonly ElmLibrary[]): '4.0.0' | '4.0.1' {
  const versions = libraries.flatMap((l) =>
    (l.library.usings?.def ?? []).filter((u) => u.uri === FHIR_MODEL).map((u) => u.version),
  );
  return versions.includes('4.0.1') && !versions.includes('4.0.0') ? '4.0.1' : '4.0.0';
}

/** `DeviceRequest` → `device_request`: the parameter name DTR libraries use when the type does not decide. */
const snakeCase = (type: string): string => type.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** The library's parameters that take the order: those typed as its resource type, else the one named for it. */
export function orderParameters(elm: ElmLibrary, resourceType: string): string[] {
  const defs = elm.library.parameters?.def ?? [];
  const typed = defs.filter((d) => d.parameterTypeSpecifier?.name === `{${FHIR_MODEL}}${resourceType}`);
  if (typed.length > 0) return typed.map((d) => d.name);
  return defs.filter((d) => d.name === snakeCase(resourceType)).map((d) => d.name);
}

/** Every library an ELM includes must be in the package, transitively: else the engine fails half-way. */
function checkIncludes(root: string, byName: ReadonlyMap<string, PackageLibrary>): void {
  const seen = new Set<string>();
  const visit = (name: string, from: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const library = byName.get(name);
    if (!library) throw new PrefillInputError('package', `Library ${from} includes ${name}, which the package lacks`);
    for (const include of library.elm.library.includes?.def ?? []) visit(include.path, name);
  };
  visit(root, root);
}

/** `YYYY-MM-DD` (midnight UTC: Today() is that date) or an ISO date-time with its zone. */
export function executionDateTime(now: string): DateTime {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(now);
  const parsed = date
    ? new DateTime(Number(date[1]), Number(date[2]), Number(date[3]), 0, 0, 0, 0, 0)
    : DateTime.parse(now);
  if (!parsed || Number.isNaN(parsed.toJSDate().getTime())) {
    throw new PrefillInputError('options', `today '${now}' is not a date YYYY-MM-DD or an ISO date-time`);
  }
  return parsed;
}

export interface ExecutionInput {
  libraries: readonly PackageLibrary[];
  /** CQL library name → the defines to evaluate in it. */
  run: ReadonlyMap<string, readonly string[]>;
  record: Bundle;
  order: Resource;
  codeService: TerminologyProvider;
  now: string;
}

export interface ExecutionOutput {
  /** Library name → define name → result (defines that threw are absent). */
  results: Map<string, Map<string, unknown>>;
  /** The defines that threw, with the engine's message. */
  failures: { library: string; define: string; message: string }[];
  warnings: string[];
}

const messageOf = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();

/** FHIR wrappers are stateless and slow to build (they parse the model info): one per version, made on first use. */
const wrappers = new Map<string, FHIRWrapper>();
function wrapperFor(version: '4.0.0' | '4.0.1'): FHIRWrapper {
  let wrapper = wrappers.get(version);
  if (!wrapper) {
    wrapper = version === '4.0.1' ? FHIRWrapper.FHIRv401() : FHIRWrapper.FHIRv400();
    wrappers.set(version, wrapper);
  }
  return wrapper;
}

export async function executeLibraries(input: ExecutionInput): Promise<ExecutionOutput> {
  const byName = new Map(input.libraries.map((l) => [l.name, l]));
  const repository = new Repository(Object.fromEntries(input.libraries.map((l) => [l.name, l.elm])));
  const version = fhirVersion([...input.run.keys()].flatMap((name) => byName.get(name)?.elm ?? []));
  const order = wrapperFor(version).wrap(input.order, input.order.resourceType);
  const when = executionDateTime(input.now);
  const results = new Map<string, Map<string, unknown>>();
  const failures: ExecutionOutput['failures'] = [];
  const warnings: string[] = [];
  // Loading the FHIR model info takes most of a second: one source, rewound (reset) before each evaluation.
  const source = version === '4.0.1' ? PatientSource.FHIRv401() : PatientSource.FHIRv400();
  for (const [name, defines] of input.run) {
    const library = byName.get(name);
    if (!library) continue;
    checkIncludes(name, byName);
    const parameters = Object.fromEntries(
      orderParameters(library.elm, input.order.resourceType).map((p) => [p, order]),
    );
    const declared = library.elm.library.parameters?.def ?? [];
    if (declared.length > 0 && Object.keys(parameters).length === 0) {
      warnings.push(
        `Library ${name} takes ${declared.map((d) => d.name).join(', ')}, none of them a ${input.order.resourceType}: run without the order`,
      );
    }
    let executor: Executor;
    try {
      const resolved: CqlLibrary | undefined = repository.resolve(name, library.version);
      if (!resolved) throw new Error('the repository does not resolve it');
      executor = new Executor(resolved, input.codeService, parameters);
    } catch (error) {
      throw new CqlExecutionError(name, error);
    }
    const values = new Map<string, unknown>();
    for (const define of defines) {
      source.reset();
      source.loadBundles([input.record]);
      try {
        const executed = await executor.exec_expression(define, source, when);
        const perPatient = Object.values((executed.patientResults ?? {}) as Record<string, Record<string, unknown>>);
        values.set(define, perPatient[0]?.[define]);
      } catch (error) {
        failures.push({ library: name, define, message: messageOf(error) });
      }
    }
    results.set(name, values);
  }
  return { results, failures, warnings };
}
