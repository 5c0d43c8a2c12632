// Authentication and authorization of the API: every /api route needs an API key (Bearer or X-Api-Key) that names
// an organization and a role; each route declares the permission it needs (a route without one is refused, so a
// new route is closed until someone decides who may use it); case reads and changes go to the audit log. The PAS
// webhook authenticates with its own secret. Without an AccessStore (unit tests) requests act for the default
// organization.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashApiKey, type AccessStore, type Principal } from '../../app/access.ts';
import { can, type Permission } from '../../core/access/roles.ts';
import { toOperationOutcome } from '../../core/fhir/outcome.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant the request acts for. */
    organizationId: string;
    principal: Principal | undefined;
  }
}

export const ROUTE_PERMISSIONS: Readonly<Record<string, Permission>> = {
  'POST /api/cases': 'cases:create',
  'GET /api/cases': 'cases:read',
  'GET /api/cases/:id': 'cases:read',
  'GET /api/cases/:id/questionnaire': 'cases:read',
  'POST /api/cases/:id/questionnaire-response': 'cases:document',
  'POST /api/cases/:id/submissions': 'cases:submit',
  'PUT /api/cases/:id/assignee': 'cases:manage',
  'POST /api/cases/:id/comments': 'cases:document',
  'POST /api/cases/:id/documents': 'cases:document',
  'GET /api/cases/:id/audit': 'cases:manage',
  'POST /api/cases/:id/determination': 'cases:document',
  'GET /api/work-queue': 'cases:read',
  'GET /api/jobs/dead': 'jobs:read',
  'GET /api/policies': 'policies:read',
  'GET /api/policies/:id': 'policies:read',
  'POST /api/keys': 'keys:manage',
  'DELETE /api/keys/:id': 'keys:manage',
};

/** Routes outside key authentication: the payer's webhook has its own secret. */
const SELF_AUTHENTICATED = new Set(['POST /api/pas/notifications']);

const refuse = (reply: FastifyReply, status: 401 | 403, message: string) =>
  reply
    .status(status)
    .type('application/fhir+json')
    .send(toOperationOutcome([{ severity: 'error', code: status === 401 ? 'invalid' : 'invalid', message }]));

function keyOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey : undefined;
}

const routeKey = (request: FastifyRequest): string => `${request.method} ${request.routeOptions.url ?? ''}`;

export function installAuth(app: FastifyInstance, defaultOrganization: string, store: AccessStore | undefined): void {
  app.decorateRequest('organizationId', '');
  app.decorateRequest('principal', undefined);
  const cache = new Map<string, { principal: Principal | undefined; until: number }>();

  app.addHook('onRequest', async (request, reply) => {
    request.organizationId = defaultOrganization;
    if (!store || !request.url.startsWith('/api/') || SELF_AUTHENTICATED.has(routeKey(request))) return;
    const key = keyOf(request);
    if (!key) return refuse(reply, 401, 'an API key is required (Authorization: Bearer <key>)');
    const hash = hashApiKey(key);
    let cached = cache.get(hash);
    if (!cached || cached.until < Date.now()) {
      // Short cache: a revoked key stops working within 30 s without a database read per request.
      cached = { principal: await store.principalForKeyHash(hash), until: Date.now() + 30_000 };
      cache.set(hash, cached);
    }
    if (!cached.principal) return refuse(reply, 401, 'the API key is not valid');
    request.principal = cached.principal;
    request.organizationId = cached.principal.organizationId;
    const permission = ROUTE_PERMISSIONS[routeKey(request)];
    if (request.routeOptions.url === undefined) return; // unknown route: the 404 handler answers
    if (permission === undefined) return refuse(reply, 403, 'no permission is defined for this route');
    if (!can(cached.principal.role, permission)) {
      return refuse(reply, 403, `the ${cached.principal.role} role may not ${permission.replace(':', ' ')}`);
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    const principal = request.principal;
    const id = (request.params as { id?: unknown } | undefined)?.id;
    if (!store || !principal || typeof id !== 'string' || !request.routeOptions.url?.startsWith('/api/cases/:id'))
      return;
    await store.audit({
      organizationId: principal.organizationId,
      keyId: principal.keyId,
      role: principal.role,
      action: request.method === 'GET' ? 'view' : 'change',
      resource: `case/${id}`,
      route: routeKey(request),
      status: reply.statusCode,
    });
  });
}
