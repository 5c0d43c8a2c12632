// The terminology the CQL's `valueset` declarations resolve against: the package's own ValueSet expansions (DTR
// ships them so the client needs no terminology server). A ValueSet is found under its canonical and, for VSAC
// value sets, its OID too, since ELM may name either.
import { CodeService, type ValueSetDictionary } from 'cql-execution';
import type { ValueSet, ValueSetExpansionContains } from '@medplum/fhirtypes';

type Codes = ValueSetDictionary[string][string];

function expansionCodes(contains: readonly ValueSetExpansionContains[] | undefined, into: Codes = []): Codes {
  for (const c of contains ?? []) {
    if (c.code !== undefined && c.system !== undefined && c.abstract !== true) {
      into.push({
        code: c.code,
        system: c.system,
        ...(c.version !== undefined ? { version: c.version } : {}),
        ...(c.display !== undefined ? { display: c.display } : {}),
      });
    }
    expansionCodes(c.contains, into);
  }
  return into;
}

/** Codes enumerated in compose.include (no filters, no imported value sets): usable without an expansion. */
function enumeratedCodes(valueSet: ValueSet): Codes | undefined {
  const includes = valueSet.compose?.include ?? [];
  if (includes.length === 0 || valueSet.compose?.exclude?.length) return undefined;
  if (includes.some((i) => i.filter?.length || i.valueSet?.length || !i.concept?.length || !i.system)) return undefined;
  return includes.flatMap((i) =>
    (i.concept ?? []).map((c) => ({
      code: c.code ?? '',
      system: i.system ?? '',
      ...(i.version !== undefined ? { version: i.version } : {}),
      ...(c.display !== undefined ? { display: c.display } : {}),
    })),
  );
}

/** The codes of a ValueSet: its expansion, else its enumerated compose; undefined when neither is usable. */
export function valueSetCodes(valueSet: ValueSet): Codes | undefined {
  if (valueSet.expansion?.contains) return expansionCodes(valueSet.expansion.contains);
  return enumeratedCodes(valueSet);
}

const OID = /^[0-2](\.(0|[1-9]\d*))+$/;

/** The names ELM may use for a ValueSet: canonical, and `urn:oid:` + OID when it has one. */
export function valueSetKeys(valueSet: ValueSet): string[] {
  const keys = new Set<string>();
  if (valueSet.url) keys.add(valueSet.url);
  const oids = [
    valueSet.url?.split('/').at(-1),
    valueSet.id,
    ...(valueSet.identifier ?? []).map((i) => i.value?.replace(/^urn:oid:/, '')),
  ].filter((oid): oid is string => oid !== undefined && OID.test(oid));
  for (const oid of oids) {
    keys.add(`urn:oid:${oid}`);
    keys.add(oid);
  }
  return [...keys];
}

export interface PackageCodeService {
  service: CodeService;
  warnings: string[];
}

export function codeServiceFrom(valueSets: readonly ValueSet[]): PackageCodeService {
  const dictionary: ValueSetDictionary = {};
  const warnings: string[] = [];
  for (const valueSet of valueSets) {
    const keys = valueSetKeys(valueSet).filter((k) => !k.startsWith('#'));
    if (keys.length === 0) continue;
    const codes = valueSetCodes(valueSet);
    if (!codes) {
      warnings.push(
        `ValueSet ${keys[0] ?? ''} has no expansion (nor enumerated codes): CQL retrieves by it find nothing`,
      );
      continue;
    }
    for (const key of keys) {
      dictionary[key] = { ...dictionary[key], [valueSet.version ?? '']: codes };
    }
  }
  return { service: new CodeService(dictionary), warnings };
}
