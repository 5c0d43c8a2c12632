// Authentication and authorization of the API: every /api route needs an API key (Bearer or X-Api-Key) that names
// an organization and a role; each route declares the permission it needs (a route without one is refused, so a
// new route is closed until someone decides who may use it); case reads and changes go to the audit log. The PAS
// webhook authenticates with its own secret. Without an AccessStore (unit tests) requests act for the default
// organization. Keys are looked up in a small bounded cache that a revocation empties at once (other processes'
// revocations arrive through the store's feed; while that feed is down nothing is cached).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashApiKey, type AccessStore, type Principal } from '../../app/access.ts';
import { can, type Permission } from '../../core/access/index.ts';
import { UUID } from './cursor.ts';
import { toOperationOutcome } from '../../core/fhir/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant the request acts for. */
    organizationId: string;
    principal: Principal | undefined;
  }
  interface FastifyInstance {
    /** How many keys the authentication cache holds (it is bounded). */
    apiKeyCache: { readonly principals: number; readonly invalid: number };
  }
}

export const ROUTE_PERMISSIONS: Readonly<Record<string, Permission>> = {
  'POST /api/cases': 'cases:create',
  'GET /api/cases': 'cases:read',
  'GET /api/cases/:id': 'cases:read',
  'GET /api/cases/:id/questionnaire': 'cases:read',
  'GET /api/cases/:id/notes/:ref': 'cases:read',
  'POST /api/cases/:id/questionnaire-response': 'cases:document',
  'POST /api/cases/:id/submissions': 'cases:submit',
  'GET /api/cases/:id/payer-requests': 'cases:read',
  'GET /api/cases/:id/payer-requests/:requestId/answer': 'cases:read',
  'POST /api/cases/:id/payer-requests/:requestId/answer': 'cases:submit',
  'PUT /api/cases/:id/assignee': 'cases:manage',
  'POST /api/cases/:id/comments': 'cases:document',
  'POST /api/cases/:id/documents': 'cases:document',
  'GET /api/cases/:id/documents': 'cases:read',
  'GET /api/cases/:id/documents/:documentId': 'cases:read',
  'GET /api/cases/:id/appeal-letter': 'cases:read',
  'PUT /api/cases/:id/appeal-letter': 'cases:document',
  'POST /api/cases/:id/appeal-letter/final': 'cases:document',
  'GET /api/cases/:id/appeal-packet.pdf': 'cases:read',
  'GET /api/cases/:id/p2p-brief.pdf': 'cases:read',
  'GET /api/cases/:id/audit': 'cases:manage',
  'POST /api/cases/:id/determination': 'cases:document',
  'POST /api/cases/:id/cancel': 'cases:manage',
  'POST /api/cases/:id/appeals': 'cases:submit',
  'POST /api/cases/:id/appeals/:appealId/filed': 'cases:submit',
  'POST /api/cases/:id/appeals/:appealId/outcome': 'cases:submit',
  'POST /api/cases/:id/attempts': 'cases:manage',
  'GET /api/work-queue': 'cases:read',
  'GET /api/jobs/dead': 'jobs:read',
  'GET /api/metrics': 'jobs:read',
  'GET /api/policies': 'policies:read',
  'GET /api/policies/:id': 'policies:read',
  'POST /api/keys': 'keys:manage',
  'DELETE /api/keys/:id': 'keys:manage',
  'GET /api/notification-settings': 'notifications:manage',
  'PUT /api/notification-settings': 'notifications:manage',
  'GET /api/me/notification-settings': 'notifications:self',
  'PUT /api/me/notification-settings': 'notifications:self',
  'GET /api/me': 'cases:read',
  'GET /api/users': 'cases:read',
  'GET /api/analytics/denials': 'analytics:read',
  'GET /api/analytics/turnaround': 'analytics:read',
  'GET /api/analytics/summary': 'analytics:read',
  'GET /api/analytics/root-causes': 'analytics:read',
  'GET /api/analytics/cms-0057f': 'analytics:read',
};

/** Signs people in by their web session cookie (src/adapters/web/auth); without it only API keys are accepted. */
export interface PeopleAuthentication {
  /** The signed-in person; `refused` says why the session may not make this request (403); undefined: no session. */
  principalFor(request: FastifyRequest): Promise<Principal | { refused: string } | undefined>;
}

/** Routes outside key authentication: the payer's webhook has its own secret. */
const SELF_AUTHENTICATED = new Set(['POST /api/pas/notifications']);

const refuse = (reply: FastifyReply, status: 401 | 403, message: string) =>
  reply
    .status(status)
    .type('application/fhir+json')
    .send(toOperationOutcome([{ severity: 'error', code: status === 401 ? 'login' : 'forbidden', message }]));

// The auth scheme is case-insensitive (RFC 7235 §2.1).
const BEARER = /^bearer +(\S+) *$/i;

/** The API key a request presents (Bearer, any case, or X-Api-Key); shared with the rate limits. */
export function keyOf(request: FastifyRequest): string | undefined {
  const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey : undefined;
}

/** The route as ROUTE_PERMISSIONS names it: HEAD is a GET without the body, so it needs what GET needs. */
const routeKey = (request: FastifyRequest): string =>
  `${request.method === 'HEAD' ? 'GET' : request.method} ${request.routeOptions.url ?? ''}`;

/** A map that forgets its least recently used entry beyond `limit`, and any entry older than `ttlMs`. */
class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(
    private readonly limit: number,
    private readonly ttlMs: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.until < Date.now()) return undefined;
    this.entries.set(key, entry); // now the most recently used
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, until: Date.now() + this.ttlMs });
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Keys in use at once by a deployment's integrations and users: far fewer than this. */
const PRINCIPAL_CACHE_LIMIT = 10_000;
/** Unknown keys are remembered only so that one key retried in a loop does not read the database each time. */
export const INVALID_KEY_CACHE_LIMIT = 1_000;
/** A second line of defence: a revocation unheard (it should not be) stops working after this. */
const KEY_CACHE_TTL_MS = 5_000;

/** Key hash → principal, read through a bounded cache that the store's revocations clear. */
function keyLookup(store: AccessStore) {
  const principals = new BoundedCache<Principal>(PRINCIPAL_CACHE_LIMIT, KEY_CACHE_TTL_MS);
  const invalid = new BoundedCache<true>(INVALID_KEY_CACHE_LIMIT, KEY_CACHE_TTL_MS);
  // Bumped by every revocation, so that a lookup that started before it is not cached after it.
  let generation = 0;
  const unsubscribe = store.onRevoked((keyHash) => {
    generation++;
    if (keyHash === undefined) principals.clear();
    else principals.delete(keyHash);
  });
  return {
    unsubscribe,
    sizes: {
      get principals() {
        return principals.size;
      },
      get invalid() {
        return invalid.size;
      },
    },
    async principalFor(hash: string): Promise<Principal | undefined> {
      const cacheable = store.hearsAllRevocations();
      if (cacheable) {
        const known = principals.get(hash);
        if (known) return known;
        if (invalid.get(hash)) return undefined;
      }
      const started = generation;
      const principal = await store.principalForKeyHash(hash);
      if (cacheable && started === generation && store.hearsAllRevocations()) {
        if (principal) principals.set(hash, principal);
        else invalid.set(hash, true);
      }
      return principal;
    },
  };
}

export function installAuth(
  app: FastifyInstance,
  defaultOrganization: string,
  store: AccessStore | undefined,
  people?: PeopleAuthentication,
): void {
  app.decorateRequest('organizationId', '');
  app.decorateRequest('principal', undefined);
  const keys = store ? keyLookup(store) : undefined;
  app.decorate('apiKeyCache', keys?.sizes ?? { principals: 0, invalid: 0 });
  if (keys)
    app.addHook('onClose', (_app, done) => {
      keys.unsubscribe();
      done();
    });

  app.addHook('onRequest', async (request, reply) => {
    request.organizationId = defaultOrganization;
    if (!keys || !request.url.startsWith('/api/') || SELF_AUTHENTICATED.has(routeKey(request))) return;
    const key = keyOf(request);
    // Machines present a key; people their session cookie (a key, when present, decides).
    const person = key === undefined ? await people?.principalFor(request) : undefined;
    if (person && 'refused' in person) return refuse(reply, 403, person.refused);
    if (!key && !person) {
      return refuse(
        reply,
        401,
        people ? 'sign in (/auth/login) or present an API key' : 'an API key is required (Authorization: Bearer <key>)',
      );
    }
    const principal = person ?? (key ? await keys.principalFor(hashApiKey(key)) : undefined);
    if (!principal) return refuse(reply, 401, 'the API key is not valid');
    request.principal = principal;
    request.organizationId = principal.organizationId;
    const permission = ROUTE_PERMISSIONS[routeKey(request)];
    if (request.routeOptions.url === undefined) return; // unknown route: the 404 handler answers
    if (permission === undefined) return refuse(reply, 403, 'no permission is defined for this route');
    if (!can(principal.role, permission)) {
      return refuse(reply, 403, `the ${principal.role} role may not ${permission.replace(':', ' ')}`);
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    const principal = request.principal;
    const id = (request.params as { id?: unknown } | undefined)?.id;
    // Only a case id the route accepted is audited: a malformed one was refused before it named any case.
    if (!store || !principal || typeof id !== 'string' || !UUID.test(id)) return;
    if (!request.routeOptions.url?.startsWith('/api/cases/:id')) return;
    // A download names the document it gave out (only a well-formed id: a malformed one was refused).
    const documentId = (request.params as { documentId?: unknown }).documentId;
    const route =
      typeof documentId === 'string' && /^[1-9][0-9]{0,15}$/.test(documentId)
        ? routeKey(request).replace(':documentId', documentId)
        : routeKey(request);
    await store.audit({
      organizationId: principal.organizationId,
      ...(principal.keyId ? { keyId: principal.keyId } : {}),
      ...(principal.userId ? { userId: principal.userId } : {}),
      role: principal.role,
      action: route.startsWith('GET ') ? 'view' : 'change',
      resource: `case/${id}`,
      route,
      status: reply.statusCode,
    });
  });
}
