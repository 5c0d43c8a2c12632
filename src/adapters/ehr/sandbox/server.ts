// The sandbox EHR: a FHIR R4 server (@medplum/fhir-router on an in-memory repository) and a SMART authorization
// server (oidc-provider) on one HTTP server — the real protocols an EHR speaks, with synthetic data.
//
//   const ehr = await startSandboxEhr({ port: 3200 });
//   ehr.fhirBase                      // http://127.0.0.1:3200/fhir
//   ehr.launch({ patient, order })    // an EHR launch: { launch, launchUrl }
//   ehr.backendClient                 // { clientId, privateJwk, tokenUrl, scope } for SMART Backend Services
//   ehr.webClient                     // { clientId, clientSecret, redirectUris } for Klivira's web sign-in
//   await ehr.close();
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FhirRouter } from '@medplum/fhir-router';
import type { Patient } from '@medplum/fhirtypes';
import Fastify from 'fastify';
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK } from 'jose';
import { buildAuthServer } from './auth-server.ts';
import { capabilityStatement, endpointsOf, smartConfiguration } from './capability.ts';
import { indexFhirDefinitions } from './fhir-model.ts';
import { registerFhir } from './fhir-http.ts';
import { registerInteractions } from './interaction.ts';
import { type LaunchRequest, LaunchContexts } from './launch.ts';
import { SandboxRepository } from './repository.ts';
import { type SandboxCase, seedSandbox } from './seed.ts';
import { DEMO_USERS } from './users.ts';

export const DEFAULT_PORT = 3200;
const AUTH_PREFIX = '/auth';
const INTERACTION_PREFIX = `${AUTH_PREFIX}/interaction`;

export interface SandboxEhrOptions {
  port?: number;
  host?: string;
  /** Demo cases to load (default 24). */
  demoCases?: number;
  /** Synthea per-patient bundles; default ../shared/fhir-samples/bulk-10-patients-bundles, null to skip. */
  syntheaDir?: string | null;
  /** Redirect URIs of the public demo app client (default: Klivira on port 3000). */
  redirectUris?: string[];
  /** Redirect URIs of Klivira's web sign-in client (default: Klivira on port 3000, `/auth/callback`). */
  webRedirectUris?: string[];
  /** The web client's secret (default: random for this run). */
  webClientSecret?: string;
  /** The app's SMART launch URL, for `launch()`'s launchUrl. */
  appLaunchUrl?: string;
  warn?: (message: string) => void;
}

export interface SandboxEhr {
  url: string;
  fhirBase: string;
  issuer: string;
  smartConfigurationUrl: string;
  tokenUrl: string;
  appClient: { clientId: string; redirectUris: string[] };
  /** Klivira's web sign-in (OpenID Connect, confidential: client_secret_basic). */
  webClient: { clientId: string; clientSecret: string; redirectUris: string[] };
  /** SMART Backend Services client; its private key lives in memory for this run only. */
  backendClient: { clientId: string; privateJwk: JWK; tokenUrl: string; scope: string };
  users: { username: string; password: string; fhirUser: string }[];
  cases: SandboxCase[];
  launch: (request: LaunchRequest & { appLaunchUrl?: string }) => { launch: string; launchUrl: string };
  close: () => Promise<void>;
}

export const APP_CLIENT_ID = 'klivira-app';
export const BACKEND_CLIENT_ID = 'klivira-backend';
export const WEB_CLIENT_ID = 'klivira-web';

async function keyPair(alg: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `${alg.toLowerCase()}-${Date.now().toString(36)}`;
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' },
  };
}

/** SMART asks for `offline_access` without `prompt=consent`, which OIDC (and so oidc-provider) requires before it
 * issues a refresh token; the sandbox adds it, and turns an authorize POST into the equivalent GET. */
async function smartAuthorizeRequest(req: IncomingMessage, path: string): Promise<void> {
  const [, search = ''] = path.split(/\?(.*)/s);
  const params = new URLSearchParams(search);
  if (req.method === 'POST') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params.append(k, v);
    req.method = 'GET';
    delete req.headers['content-type'];
    delete req.headers['content-length'];
  }
  if ((params.get('scope') ?? '').split(' ').includes('offline_access') && !params.has('prompt'))
    params.set('prompt', 'consent');
  req.url = `/auth?${params.toString()}`;
}

export async function startSandboxEhr(options: SandboxEhrOptions = {}): Promise<SandboxEhr> {
  indexFhirDefinitions();
  const repo = new SandboxRepository();
  const seeded = await seedSandbox(repo, {
    ...(options.demoCases !== undefined ? { demoCases: options.demoCases } : {}),
    ...(options.syntheaDir !== undefined ? { syntheaDir: options.syntheaDir } : {}),
    ...(options.warn ? { warn: options.warn } : {}),
  });

  let dispatch: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503).end();
  };
  const server = createServer((req, res) => {
    dispatch(req, res);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${String(port)}`;
  const fhirBase = `${url}/fhir`;
  const issuer = `${url}${AUTH_PREFIX}`;
  const endpoints = endpointsOf(issuer);

  const signing = await keyPair('RS256');
  const backend = await keyPair('RS384');
  const redirectUris = options.redirectUris ?? [
    'http://127.0.0.1:3000/smart/callback',
    'http://localhost:3000/smart/callback',
  ];
  const webClient = {
    clientId: WEB_CLIENT_ID,
    clientSecret: options.webClientSecret ?? randomBytes(24).toString('base64url'),
    redirectUris: options.webRedirectUris ?? [
      'http://127.0.0.1:3000/auth/callback',
      'http://localhost:3000/auth/callback',
    ],
  };
  const launches = new LaunchContexts();
  const provider = buildAuthServer({
    issuer,
    fhirBase,
    signingKey: signing.privateJwk,
    launches,
    styleUrl: `${url}/sandbox/smart-style.json`,
    clients: [
      {
        client_id: APP_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      {
        client_id: BACKEND_CLIENT_ID,
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'RS384',
        jwks: { keys: [backend.publicJwk] },
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
      {
        client_id: webClient.clientId,
        client_secret: webClient.clientSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: webClient.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
  });
  const authorize = provider.callback();

  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.setErrorHandler((error: Error & { statusCode?: number; status?: number }, _request, reply) => {
    const status = error.statusCode ?? error.status ?? 500;
    return reply
      .code(status)
      .type('text/plain')
      .send(status >= 500 ? 'internal error' : error.message);
  });
  registerFhir(app, {
    fhirBase,
    issuer,
    router: new FhirRouter(),
    repo,
    keys: createLocalJWKSet({ keys: [signing.publicJwk] }),
    metadata: () => capabilityStatement(fhirBase, endpoints),
    smartConfiguration: () => smartConfiguration(endpoints),
  });
  registerInteractions(app, {
    provider,
    launches,
    prefix: INTERACTION_PREFIX,
    patients: async () =>
      (await repo.searchResources<Patient>({ resourceType: 'Patient', count: 200 })).map((p) => ({
        id: p.id,
        label: `${p.name?.[0]?.given?.join(' ') ?? ''} ${p.name?.[0]?.family ?? ''} (${p.birthDate ?? '?'})`.trim(),
      })),
  });

  const launch = (request: LaunchRequest & { appLaunchUrl?: string }): { launch: string; launchUrl: string } => {
    const id = launches.issue(request);
    const appLaunchUrl = request.appLaunchUrl ?? options.appLaunchUrl ?? 'http://127.0.0.1:3000/smart/launch';
    return { launch: id, launchUrl: `${appLaunchUrl}?iss=${encodeURIComponent(fhirBase)}&launch=${id}` };
  };
  app.post<{ Body: LaunchRequest & { appLaunchUrl?: string } }>('/sandbox/launch', async (request, reply) => {
    const body = request.body as Partial<LaunchRequest> | undefined;
    if (typeof body?.patient !== 'string') return reply.code(400).send({ error: 'patient is required' });
    const patientId = body.patient.replace(/^Patient\//, '');
    const exists = await repo.readResource('Patient', patientId).catch(() => undefined);
    if (!exists) return reply.code(404).send({ error: `no Patient/${patientId}` });
    return reply.send(launch(request.body));
  });
  app.get('/sandbox/smart-style.json', (_request, reply) =>
    reply.send({ color_background: '#f4f6f8', color_highlight: '#1c6dd0', font_family_body: 'system-ui, sans-serif' }),
  );
  await app.ready();

  dispatch = (req, res) => {
    const path = req.url ?? '/';
    if (!path.startsWith(`${AUTH_PREFIX}/`) || path.startsWith(`${INTERACTION_PREFIX}/`)) {
      app.routing(req, res);
      return;
    }
    void (async () => {
      const inner = path.slice(AUTH_PREFIX.length);
      if (/^\/auth(\?|$)/.test(inner)) await smartAuthorizeRequest(req, inner);
      else req.url = inner;
      // oidc-provider finds its mount path from originalUrl (as under Express), so it links to /auth/... itself.
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = `${AUTH_PREFIX}${req.url ?? ''}`;
      await authorize(req, res);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(400).end();
    });
  };

  return {
    url,
    fhirBase,
    issuer,
    smartConfigurationUrl: `${fhirBase}/.well-known/smart-configuration`,
    tokenUrl: endpoints.token,
    appClient: { clientId: APP_CLIENT_ID, redirectUris },
    webClient,
    backendClient: {
      clientId: BACKEND_CLIENT_ID,
      privateJwk: backend.privateJwk,
      tokenUrl: endpoints.token,
      scope: 'system/*.rs',
    },
    users: DEMO_USERS.map((u) => ({
      username: u.username,
      password: u.password,
      fhirUser: `${fhirBase}/Practitioner/${u.practitionerId}`,
    })),
    cases: seeded.cases,
    launch,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      await app.close();
    },
  };
}
