// The hook request as the EHR sends it (CDS Hooks 2.0 §HTTP request, with the order-select and order-sign contexts),
// checked field by field: anything malformed is a HookRequestError naming the field, answered 400, never a 500.
import type { Bundle, MedicationRequest, ServiceRequest } from '@medplum/fhirtypes';
import { PREFETCH_KEYS, type PrefetchKey } from './prefetch.ts';

export type HookName = 'order-sign' | 'order-select';
export type DraftOrder = ServiceRequest | MedicationRequest;

export interface HookContext {
  userId: string;
  patientId: string;
  encounterId?: string;
  /** order-select: `Type/id` of the orders the user just picked. */
  selections?: string[];
  draftOrders: Bundle;
}

export interface FhirAuthorization {
  access_token: string;
  token_type: string;
  scope?: string;
}

export interface HookRequest {
  hook: HookName;
  hookInstance: string;
  fhirServer?: string;
  fhirAuthorization?: FhirAuthorization;
  context: HookContext;
  /** What the EHR prefetched: a resource, a search Bundle, or null (it looked and found nothing). */
  prefetch: Partial<Record<PrefetchKey, unknown>>;
}

export class HookRequestError extends Error {}

/** An order-sign call carries the whole order set; more than this is not one clinician signing. */
const MAX_DRAFT_ORDERS = 50;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function fail(message: string): never {
  throw new HookRequestError(message);
}

function text(holder: Json, field: string, where: string, required: boolean): string | undefined {
  const value = holder[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.trim() === '') fail(`${where}${field} must be a non-empty string`);
  return value;
}

function httpUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`${field} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`${field} must be an http(s) URL`);
  return value.replace(/\/+$/, '');
}

function parseAuthorization(value: unknown): FhirAuthorization | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) return fail('fhirAuthorization must be an object');
  const accessToken = text(value, 'access_token', 'fhirAuthorization.', true) as string;
  const tokenType = text(value, 'token_type', 'fhirAuthorization.', true) as string;
  if (tokenType.toLowerCase() !== 'bearer') fail('fhirAuthorization.token_type must be Bearer');
  const scope = text(value, 'scope', 'fhirAuthorization.', false);
  return { access_token: accessToken, token_type: tokenType, ...(scope ? { scope } : {}) };
}

function parseDraftOrders(value: unknown, patientId: string): Bundle {
  if (!isObject(value) || value.resourceType !== 'Bundle' || !Array.isArray(value.entry)) {
    return fail('context.draftOrders must be a FHIR Bundle with entries');
  }
  const bundle = value as unknown as Bundle;
  const orders = draftOrdersOf(bundle);
  if (orders.length === 0) fail('context.draftOrders holds no ServiceRequest or MedicationRequest');
  if (orders.length > MAX_DRAFT_ORDERS) fail(`context.draftOrders holds more than ${MAX_DRAFT_ORDERS} orders`);
  orders.forEach((order, i) => {
    const where = `context.draftOrders order ${i + 1} (${order.resourceType})`;
    if (typeof order.id !== 'string' || order.id === '') fail(`${where} has no id`);
    const subject = order.subject as { reference?: unknown } | undefined;
    if (subject?.reference !== `Patient/${patientId}`) fail(`${where}: subject must be Patient/${patientId}`);
  });
  return bundle;
}

function parseSelections(value: unknown, draftOrders: Bundle): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((s) => typeof s === 'string')) {
    return fail('context.selections must be a non-empty array of `Type/id` strings');
  }
  const known = new Set(draftOrdersOf(draftOrders).map(orderReference));
  const unknown = value.filter((s) => !known.has(s));
  if (unknown.length > 0) fail(`context.selections names orders not in draftOrders: ${unknown.join(', ')}`);
  return value;
}

function parsePrefetch(value: unknown): Partial<Record<PrefetchKey, unknown>> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) return fail('prefetch must be an object');
  const prefetch: Partial<Record<PrefetchKey, unknown>> = {};
  for (const key of PREFETCH_KEYS) {
    const item = value[key];
    if (item === undefined) continue;
    if (item !== null && (!isObject(item) || typeof item.resourceType !== 'string')) {
      fail(`prefetch.${key} must be a FHIR resource, a Bundle or null`);
    }
    prefetch[key] = item;
  }
  return prefetch;
}

export function parseHookRequest(body: unknown, hook: HookName): HookRequest {
  if (!isObject(body)) return fail('the body must be a CDS Hooks request (a JSON object)');
  if (body.hook !== hook) fail(`this service answers the ${hook} hook (got ${JSON.stringify(body.hook) ?? 'none'})`);
  const hookInstance = text(body, 'hookInstance', '', true) as string;
  const fhirServerText = text(body, 'fhirServer', '', false);
  const fhirServer = fhirServerText === undefined ? undefined : httpUrl(fhirServerText, 'fhirServer');
  const fhirAuthorization = parseAuthorization(body.fhirAuthorization);
  if (fhirAuthorization && !fhirServer) fail('fhirAuthorization is given without a fhirServer');
  if (!isObject(body.context)) return fail('context must be an object');
  const userId = text(body.context, 'userId', 'context.', true) as string;
  const patientId = text(body.context, 'patientId', 'context.', true) as string;
  const encounterId = text(body.context, 'encounterId', 'context.', false);
  const draftOrders = parseDraftOrders(body.context.draftOrders, patientId);
  const selections = hook === 'order-select' ? parseSelections(body.context.selections, draftOrders) : undefined;
  return {
    hook,
    hookInstance,
    ...(fhirServer ? { fhirServer } : {}),
    ...(fhirAuthorization ? { fhirAuthorization } : {}),
    context: {
      userId,
      patientId,
      ...(encounterId ? { encounterId } : {}),
      ...(selections ? { selections } : {}),
      draftOrders,
    },
    prefetch: parsePrefetch(body.prefetch),
  };
}

export const orderReference = (order: DraftOrder): string => `${order.resourceType}/${order.id ?? ''}`;

function draftOrdersOf(bundle: Bundle): DraftOrder[] {
  return (bundle.entry ?? []).flatMap((entry) => {
    const resource = (entry as { resource?: unknown } | null)?.resource;
    if (!isObject(resource)) return [];
    const type = resource.resourceType;
    return type === 'ServiceRequest' || type === 'MedicationRequest' ? [resource as unknown as DraftOrder] : [];
  });
}

/** The orders a call asks about: every draft on order-sign; on order-select, only the ones just selected. */
export function ordersUnderReview(request: HookRequest): DraftOrder[] {
  const orders = draftOrdersOf(request.context.draftOrders);
  const selections = request.context.selections;
  return selections ? orders.filter((order) => selections.includes(orderReference(order))) : orders;
}
