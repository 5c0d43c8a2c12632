// The FHIR REST API over HTTP: Fastify in front of @medplum/fhir-router. Maps method, path, query and body to the
// router's request and its [outcome, resource] back to status, Location/ETag headers and body; checks the Bearer
// JWT against the authorization server's JWKS and the SMART scopes; pages searches with absolute links.
import type { OperationOutcome, Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { forbidden, getStatus, isOk, unauthorized } from '@medplum/core';
import type { FhirRepository, FhirRouter, HttpMethod } from '@medplum/fhir-router';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JWTVerifyGetKey } from 'jose';
import { jwtVerify } from 'jose';
import { mayTouch, permissionFor, type TokenAccess, verdict } from './access.ts';
import { COMPARTMENT_PARAM, DEFAULT_PAGE_SIZE } from './repository.ts';
import { parseScopes } from './scopes.ts';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export interface FhirHttpOptions {
  fhirBase: string;
  issuer: string;
  router: FhirRouter;
  repo: FhirRepository;
  keys: JWTVerifyGetKey;
  metadata: () => Resource;
  smartConfiguration: () => Record<string, unknown>;
}

function forbiddenBecause(text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', details: { text } }] };
}

/** The token's access, or undefined when it is missing or does not verify (expired, wrong issuer or audience). */
async function tokenAccess(request: FastifyRequest, options: FhirHttpOptions): Promise<TokenAccess | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  try {
    const { payload } = await jwtVerify(match[1], options.keys, {
      issuer: options.issuer,
      audience: options.fhirBase,
      typ: 'at+jwt',
    });
    const patient = typeof payload.patient === 'string' ? payload.patient : undefined;
    return {
      scopes: parseScopes(typeof payload.scope === 'string' ? payload.scope : ''),
      ...(patient ? { patient } : {}),
    };
  } catch {
    return undefined;
  }
}

function send(reply: FastifyReply, status: number, body: Resource): FastifyReply {
  return reply.code(status).type(FHIR_JSON).send(body);
}

/** Self, next and previous links, absolute to the FHIR base, from the client's own query. */
function pageLinks(fhirBase: string, path: string, query: URLSearchParams, total: number): Bundle['link'] {
  const offset = Number(query.get('_offset') ?? 0) || 0;
  const count = Number(query.get('_count') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE;
  const at = (o: number): string => {
    const q = new URLSearchParams(query);
    q.set('_offset', String(o));
    q.set('_count', String(count));
    return `${fhirBase}/${path}?${q.toString()}`;
  };
  return [
    { relation: 'self', url: at(offset) },
    ...(offset + count < total ? [{ relation: 'next', url: at(offset + count) }] : []),
    ...(offset > 0 ? [{ relation: 'previous', url: at(Math.max(offset - count, 0)) }] : []),
  ];
}

function resourceHeaders(reply: FastifyReply, fhirBase: string, resource: Resource, status: number): void {
  const version = resource.meta?.versionId;
  if (version) reply.header('ETag', `W/"${version}"`);
  if (resource.meta?.lastUpdated) reply.header('Last-Modified', new Date(resource.meta.lastUpdated).toUTCString());
  if (status === 201 && resource.id)
    reply.header(
      'Location',
      `${fhirBase}/${resource.resourceType}/${resource.id}${version ? `/_history/${version}` : ''}`,
    );
}

export function registerFhir(app: FastifyInstance, options: FhirHttpOptions): void {
  const { fhirBase, router, repo } = options;
  const prefix = new URL(fhirBase).pathname;

  app.addContentTypeParser(
    ['application/fhir+json', 'application/json-patch+json'],
    { parseAs: 'string' },
    (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(Object.assign(new Error('the body is not JSON'), { statusCode: 400 }), undefined);
      }
    },
  );

  app.get(`${prefix}/metadata`, (_request, reply) => send(reply, 200, options.metadata()));
  app.get(`${prefix}/.well-known/smart-configuration`, (_request, reply) =>
    reply.type('application/json').send(options.smartConfiguration()),
  );

  async function handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const access = await tokenAccess(request, options);
    if (!access) {
      reply.header('WWW-Authenticate', `Bearer realm="${fhirBase}", error="invalid_token"`);
      return send(reply, 401, unauthorized);
    }
    const [rawPath = '', rawQuery = ''] = request.url
      .slice(prefix.length)
      .replace(/^\//, '')
      .split(/\?(.*)/s);
    const query = new URLSearchParams(rawQuery);
    const method = request.method as HttpMethod;
    const route = router.find(method, rawPath);
    const interaction = route?.data?.interaction;
    const resourceType = route?.params.resourceType ?? '*';
    const permission = permissionFor(interaction);

    if (interaction === 'batch' || interaction === 'transaction') {
      const entries = (request.body as Bundle | undefined)?.entry ?? [];
      for (const entry of entries) {
        const found = router.find(entry.request?.method ?? 'GET', entry.request?.url ?? '');
        const v = verdict(access, found?.params.resourceType ?? '*', permissionFor(found?.data?.interaction));
        if (v.reach !== 'all')
          return send(
            reply,
            403,
            forbiddenBecause(
              `a ${interaction} entry is not allowed: ${v.reach === 'none' ? v.reason : 'patient/ scopes cannot batch'}`,
            ),
          );
      }
    } else {
      const v = verdict(access, resourceType, permission);
      if (v.reach === 'none') return send(reply, 403, forbiddenBecause(v.reason));
      if (v.reach === 'patient' && interaction === 'search-type') query.set(COMPARTMENT_PARAM, `Patient/${v.patient}`);
      if (v.reach === 'patient' && permission !== 'r' && permission !== 's') {
        const body = request.body as Resource | undefined;
        const id = route?.params.id;
        const existing = id ? await repo.readResource(resourceType, id).catch(() => undefined) : undefined;
        if (
          (body && !mayTouch(access, body, permission ?? 'c')) ||
          (existing && !mayTouch(access, existing, permission ?? 'c'))
        )
          return send(reply, 403, forbiddenBecause('outside the launch patient compartment'));
      }
    }

    const queryText = query.toString();
    const [result, resource] = await router.handleRequest(
      {
        method,
        url: queryText ? `${rawPath}?${queryText}` : rawPath,
        pathname: '',
        params: {},
        query: {},
        body: request.body,
        headers: request.headers,
      },
      repo,
    );
    const status = getStatus(result);
    if (!resource) return send(reply, status, result);
    if (!isOk(result)) return send(reply, status, result);

    if (interaction === 'search-type' && resource.resourceType === 'Bundle') {
      const visible: BundleEntry[] = (resource.entry ?? [])
        .filter((e) => e.search?.mode !== 'include' || (e.resource && mayTouch(access, e.resource, 'r')))
        .map((e) => ({ fullUrl: `${fhirBase}/${e.resource?.resourceType ?? ''}/${e.resource?.id ?? ''}`, ...e }));
      const clientQuery = new URLSearchParams(rawQuery);
      return send(reply, status, {
        ...resource,
        link: pageLinks(fhirBase, rawPath, clientQuery, resource.total ?? 0),
        ...(visible.length ? { entry: visible } : { entry: undefined }),
      });
    }
    if (permission === 'r' && !mayTouch(access, resource, 'r')) return send(reply, 403, forbidden);
    resourceHeaders(reply, fhirBase, resource, status);
    return send(reply, status, resource);
  }

  app.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: `${prefix}/*`, handler: handle });
  app.route({ method: ['GET', 'POST'], url: prefix, handler: handle });
}
