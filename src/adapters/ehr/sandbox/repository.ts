// The sandbox's store: @medplum/fhir-router's MemoryRepository for create/read/update/history, with a search of its
// own for what MemoryRepository's lacks for an EHR's clients — `_include`/`_revinclude`, a default page size,
// bare-id references (`patient=123`), a Patient compartment restriction, a 400 for the parameters @medplum/core's
// matcher cannot evaluate (MemoryRepository silently matches nothing), and speed: the matcher evaluates FHIRPath at
// about 1 ms a resource, so reference filters first narrow the candidates by a substring test on the stored JSON.
import type { Filter, IncludeTarget, SearchRequest, SortRule, WithId } from '@medplum/core';
import {
  badRequest,
  deepClone,
  evalFhirPath,
  getSearchParameter,
  matchesSearchRequest,
  OperationOutcomeError,
  Operator,
} from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { inPatientCompartment, referencesOf } from './fhir-model.ts';

/** Restricts a search to a patient's compartment (`_compartment=Patient/123`); set by the access layer. */
export const COMPARTMENT_PARAM = '_compartment';
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;
/** `_include:iterate` follows references this many levels deep. */
const ITERATE_DEPTH = 3;
/** The search parameter types @medplum/core's matcher evaluates; number, quantity, composite and special it does not. */
const MATCHABLE = new Set(['reference', 'string', 'uri', 'token', 'date']);

interface Stored {
  resource: WithId<Resource>;
  /** The resource's JSON, for the substring pre-filter. */
  text: string;
}

function unsupported(message: string): OperationOutcomeError {
  return new OperationOutcomeError(badRequest(message));
}

/** Rejects what the matcher cannot evaluate; expands a bare id to the typed references the parameter may hold. */
function checkedFilter(resourceType: string, filter: Filter): Filter {
  if (filter.code.startsWith('_has') || filter.code.includes('.'))
    throw unsupported(`chained and reverse-chained search ('${filter.code}') is not supported by the sandbox`);
  const param = getSearchParameter(resourceType, filter.code);
  if (!param || !MATCHABLE.has(param.type))
    throw unsupported(`search parameter '${filter.code}' is not supported on ${resourceType} by the sandbox`);
  if (param.type !== 'reference' || filter.value.includes('/') || filter.value.includes(':')) return filter;
  const targets = param.target ?? [];
  const value = filter.value
    .split(',')
    .flatMap((id) => targets.map((target) => `${target}/${id}`))
    .join(',');
  return { ...filter, value };
}

/** For each equality reference filter, the ids one of which a matching resource's JSON must contain. */
function idNeedles(resourceType: string, filters: readonly Filter[]): string[][] {
  return filters
    .filter((f) => f.operator === Operator.EQUALS && getSearchParameter(resourceType, f.code)?.type === 'reference')
    .map((f) => f.value.split(',').map((ref) => ref.slice(ref.lastIndexOf('/') + 1)));
}

function compareBy(rule: SortRule): (a: Resource, b: Resource) => number {
  return (a, b) => {
    const expression = getSearchParameter(a.resourceType, rule.code)?.expression;
    if (!expression) return 0;
    const order = JSON.stringify(evalFhirPath(expression, a)).localeCompare(
      JSON.stringify(evalFhirPath(expression, b)),
    );
    return rule.descending ? -order : order;
  };
}

function sorted(resources: WithId<Resource>[], rules: readonly SortRule[] = []): WithId<Resource>[] {
  const comparators = rules.map(compareBy);
  return resources.sort((a, b) => {
    for (const compare of comparators) {
      const order = compare(a, b);
      if (order !== 0) return order;
    }
    return 0;
  });
}

function key(resource: Resource): string {
  return `${resource.resourceType}/${resource.id ?? ''}`;
}

export class SandboxRepository extends MemoryRepository {
  private readonly byType = new Map<string, Map<string, Stored>>();

  // MemoryRepository's update and patch create a new version through createResource, so this sees every write.
  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const created = await super.createResource(resource);
    let resources = this.byType.get(created.resourceType);
    if (!resources) {
      resources = new Map<string, Stored>();
      this.byType.set(created.resourceType, resources);
    }
    resources.set(created.id, { resource: created, text: JSON.stringify(created) });
    return created;
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    await super.deleteResource(resourceType, id);
    this.byType.get(resourceType)?.delete(id);
  }

  override clear(): void {
    super.clear();
    this.byType.clear();
  }

  override search<T extends Resource>(request: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const patientId = request.filters?.find((f) => f.code === COMPARTMENT_PARAM)?.value.replace(/^Patient\//, '');
    const filters = (request.filters ?? [])
      .filter((f) => f.code !== COMPARTMENT_PARAM)
      .map((f) => checkedFilter(request.resourceType, f));
    const matches = sorted(this.matching(request.resourceType, filters, patientId), request.sortRules);
    const offset = Math.max(request.offset ?? 0, 0);
    const count = Math.min(Math.max(request.count ?? DEFAULT_PAGE_SIZE, 0), MAX_PAGE_SIZE);
    const page = matches.slice(offset, offset + count);
    const included = this.included(page, request);
    const entry = [
      ...page.map((resource) => ({ resource: deepClone(resource), search: { mode: 'match' as const } })),
      ...included.map((resource) => ({ resource: deepClone(resource), search: { mode: 'include' as const } })),
    ] as BundleEntry<WithId<T>>[];
    return Promise.resolve({
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      ...(entry.length ? { entry } : {}),
    });
  }

  private matching(resourceType: string, filters: Filter[], patientId?: string): WithId<Resource>[] {
    const needles = idNeedles(resourceType, filters);
    if (patientId !== undefined) needles.push([patientId]);
    const request = { resourceType: resourceType as Resource['resourceType'], filters };
    const result: WithId<Resource>[] = [];
    for (const { resource, text } of this.byType.get(resourceType)?.values() ?? []) {
      if (!needles.every((ids) => ids.some((id) => text.includes(id)))) continue;
      if (!matchesSearchRequest(resource, request)) continue;
      if (patientId !== undefined && !inPatientCompartment(resource, patientId)) continue;
      result.push(resource);
    }
    return result;
  }

  /** `_include` and `_revinclude` targets of a page, without the page's own resources or duplicates. */
  private included(page: readonly Resource[], request: SearchRequest): Resource[] {
    const seen = new Set(page.map(key));
    const found: Resource[] = [];
    let current: readonly Resource[] = page;
    for (let depth = 0; depth < ITERATE_DEPTH && current.length > 0; depth++) {
      const iterating = (t: IncludeTarget): boolean => depth === 0 || t.modifier === Operator.ITERATE;
      const candidates = [
        ...(request.include ?? []).filter(iterating).flatMap((t) => this.forwardTargets(current, t)),
        ...(request.revInclude ?? []).filter(iterating).flatMap((t) => this.reverseTargets(current, t)),
      ];
      const fresh = candidates.filter((r) => !seen.has(key(r)) && seen.add(key(r)));
      found.push(...fresh);
      current = fresh;
    }
    return found;
  }

  private forwardTargets(resources: readonly Resource[], target: IncludeTarget): Resource[] {
    if (!getSearchParameter(target.resourceType, target.searchParam))
      throw unsupported(`_include: ${target.resourceType} has no search parameter '${target.searchParam}'`);
    return resources
      .filter((r) => r.resourceType === target.resourceType)
      .flatMap((r) => referencesOf(r, target.searchParam))
      .filter((ref) => !target.targetType || ref.startsWith(`${target.targetType}/`))
      .flatMap((ref) => {
        const [type = '', id = ''] = ref.split('/');
        const stored = this.byType.get(type)?.get(id);
        return stored ? [stored.resource] : [];
      });
  }

  private reverseTargets(resources: readonly Resource[], target: IncludeTarget): Resource[] {
    if (resources.length === 0) return [];
    const filter = checkedFilter(target.resourceType, {
      code: target.searchParam,
      operator: Operator.EQUALS,
      value: resources.map(key).join(','),
    });
    return this.matching(target.resourceType, [filter]);
  }
}
