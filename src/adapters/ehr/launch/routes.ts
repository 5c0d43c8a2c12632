// Klivira as a SMART app: EHR launch (`/smart/launch?iss&launch`) and standalone launch (`/smart/login?iss`) send
// the browser to the EHR's authorization endpoint (PKCE S256, state kept here, single use, ten minutes); the
// callback exchanges the code, reads the launch context, pulls the record with the user's token and opens the case,
// then redirects to the case page (or answers `{ caseId, determination }` to `Accept: application/json`). Outside
// the API-key authentication (not under /api): state and PKCE guard it, and only registered EHRs are launched from.
// Tokens stay on the server and out of logs and messages.
//
//   await app.register(smartLaunchRoutes({ service, organizationId, redirectUri, ehrs: [{ fhirBase, clientId }] }));
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { CaseService } from '../../../app/cases.ts';
import { formatIssues, InvalidInputError } from '../../../core/fhir/index.ts';
import type { FhirAuth } from '../pull/auth.ts';
import type { PullLimits } from '../pull/limits.ts';
import { PullError } from '../pull/pull-record.ts';
import { discoverSmart, SmartDiscoveryError } from '../pull/smart-configuration.ts';
import { requestToken, TokenError } from '../pull/token-endpoint.ts';
import { userTokenAuth } from '../pull/user-token.ts';
import { authorizationUrl, LAUNCH_SCOPE, pkcePair, STANDALONE_SCOPE } from './authorize.ts';
import { choosePage } from './choose-page.ts';
import { launchContextOf } from './launch-context.ts';
import { openCase } from './open-case.ts';
import { activeOrders, type OrderOption } from './orders.ts';
import { Pending } from './pending.ts';

/** An EHR Klivira is registered with: its FHIR base (the launch's `iss`) and Klivira's client id there. */
export interface EhrRegistration {
  fhirBase: string;
  clientId: string;
}

export interface SmartLaunchOptions {
  service: CaseService;
  /** The organization (tenant) launched cases belong to. */
  organizationId: string;
  ehrs: readonly EhrRegistration[];
  /** Klivira's callback as registered with the EHRs, e.g. https://klivira.example/smart/callback. */
  redirectUri: string;
  pullLimits?: Partial<PullLimits>;
  /** Where a case opens in the web app; default `/cases/<id>`. */
  casePath?: (caseId: string) => string;
}

const SIGN_IN_TTL_MS = 10 * 60_000;

interface SignIn {
  ehr: EhrRegistration;
  tokenEndpoint: string;
  verifier: string;
}

interface OrderChoice {
  ehr: EhrRegistration;
  auth: FhirAuth;
  patient: string;
  actor: string;
  orders: OrderOption[];
}

/** A failure the user sees: its status and a message that names what is wrong (never a token). */
class LaunchFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

function failureOf(error: unknown): LaunchFailure {
  if (error instanceof LaunchFailure) return error;
  if (error instanceof InvalidInputError)
    return new LaunchFailure(422, `the EHR's record was not accepted:\n${formatIssues(error.issues)}`);
  if (error instanceof PullError)
    return new LaunchFailure(502, `the record could not be read from the EHR: ${error.message}`);
  if (error instanceof TokenError || error instanceof SmartDiscoveryError) return new LaunchFailure(502, error.message);
  throw error;
}

const normalized = (url: string): string => url.replace(/\/+$/, '');

export function smartLaunchRoutes(options: SmartLaunchOptions): FastifyPluginAsyncTypebox {
  const service = options.service.forOrganization(options.organizationId);
  const signIns = new Pending<SignIn>(SIGN_IN_TTL_MS);
  const choices = new Pending<OrderChoice>(SIGN_IN_TTL_MS);
  const casePath = options.casePath ?? ((id: string) => `/cases/${encodeURIComponent(id)}`);

  function registered(iss: string): EhrRegistration {
    const ehr = options.ehrs.find((e) => normalized(e.fhirBase) === normalized(iss));
    if (!ehr) throw new LaunchFailure(400, `iss '${iss.slice(0, 200)}' is not an EHR Klivira is registered with`);
    return ehr;
  }

  async function answer(request: FastifyRequest, reply: FastifyReply, work: () => Promise<FastifyReply>) {
    try {
      return await work();
    } catch (error) {
      const failure = failureOf(error);
      request.log.warn({ status: failure.status }, 'SMART launch failed');
      return wantsJson(request)
        ? reply.code(failure.status).send({ error: failure.message })
        : reply.code(failure.status).type('text/plain; charset=utf-8').send(`${failure.message}\n`);
    }
  }

  async function startSignIn(reply: FastifyReply, iss: string, launch?: string): Promise<FastifyReply> {
    const ehr = registered(iss);
    const smart = await discoverSmart(ehr.fhirBase);
    const { verifier, challenge } = pkcePair();
    const state = signIns.put({ ehr, tokenEndpoint: smart.tokenEndpoint, verifier });
    const url = authorizationUrl({
      smart,
      clientId: ehr.clientId,
      redirectUri: options.redirectUri,
      iss: ehr.fhirBase,
      scope: launch === undefined ? STANDALONE_SCOPE : LAUNCH_SCOPE,
      state,
      codeChallenge: challenge,
      ...(launch === undefined ? {} : { launch }),
    });
    return reply.redirect(url, 302);
  }

  async function caseOpened(
    request: FastifyRequest,
    reply: FastifyReply,
    launched: { ehr: EhrRegistration; auth: FhirAuth; patient: string; order: string; actor: string },
  ): Promise<FastifyReply> {
    const { stored, warnings } = await openCase(
      service,
      { fhirBase: launched.ehr.fhirBase, ...launched },
      options.pullLimits,
    );
    if (wantsJson(request))
      return reply.code(201).send({ caseId: stored.caseId, determination: stored.determination, warnings });
    return reply.redirect(casePath(stored.caseId), 303);
  }

  return async (app) => {
    app.get(
      '/smart/launch',
      {
        schema: {
          summary: 'SMART EHR launch: redirects to the EHR to sign in',
          tags: ['smart'],
          security: [],
          querystring: Type.Object({ iss: Type.String({ maxLength: 2000 }), launch: Type.String({ maxLength: 2000 }) }),
        },
      },
      (request, reply) => answer(request, reply, () => startSignIn(reply, request.query.iss, request.query.launch)),
    );

    app.get(
      '/smart/login',
      {
        schema: {
          summary: 'SMART standalone launch: redirects to the EHR to sign in and pick a patient',
          tags: ['smart'],
          security: [],
          querystring: Type.Object({ iss: Type.String({ maxLength: 2000 }) }),
        },
      },
      (request, reply) => answer(request, reply, () => startSignIn(reply, request.query.iss)),
    );

    app.get(
      '/smart/callback',
      {
        schema: {
          summary: 'SMART redirect URI: exchanges the code and opens the case',
          tags: ['smart'],
          security: [],
          querystring: Type.Object({
            state: Type.String({ maxLength: 200 }),
            code: Type.Optional(Type.String({ maxLength: 4000 })),
            error: Type.Optional(Type.String({ maxLength: 200 })),
          }),
        },
      },
      (request, reply) =>
        answer(request, reply, async () => {
          const signIn = signIns.take(request.query.state);
          if (!signIn) throw new LaunchFailure(400, 'this sign-in has expired or was already used: launch again');
          if (request.query.error !== undefined || request.query.code === undefined)
            throw new LaunchFailure(403, `the EHR did not authorize Klivira (${request.query.error ?? 'no code'})`);
          const grant = await requestToken(signIn.tokenEndpoint, {
            grant_type: 'authorization_code',
            code: request.query.code,
            redirect_uri: options.redirectUri,
            client_id: signIn.ehr.clientId,
            code_verifier: signIn.verifier,
          });
          const context = launchContextOf(grant);
          if (!context) throw new LaunchFailure(400, 'the EHR gave no patient context: launch for a patient');
          const auth = userTokenAuth({ tokenUrl: signIn.tokenEndpoint, clientId: signIn.ehr.clientId, grant });
          const launched = {
            ehr: signIn.ehr,
            auth,
            patient: context.patient,
            actor: context.fhirUser ?? `smart:${signIn.ehr.clientId}`,
          };
          if (context.order) return caseOpened(request, reply, { ...launched, order: context.order });
          const orders = await activeOrders(signIn.ehr.fhirBase, auth, context.patient, options.pullLimits);
          const [only] = orders;
          if (only === undefined) throw new LaunchFailure(404, 'the patient has no active order to authorize');
          if (orders.length === 1) return caseOpened(request, reply, { ...launched, order: only.reference });
          const choice = choices.put({ ...launched, orders });
          if (wantsJson(request)) return reply.send({ choice, orders });
          return reply.type('text/html; charset=utf-8').send(choosePage(choice, orders));
        }),
    );

    app.get(
      '/smart/choose',
      {
        schema: {
          summary: 'Opens the case for the order chosen after a standalone launch',
          tags: ['smart'],
          security: [],
          querystring: Type.Object({ choice: Type.String({ maxLength: 200 }), order: Type.String({ maxLength: 200 }) }),
        },
      },
      (request, reply) =>
        answer(request, reply, async () => {
          const choice = choices.take(request.query.choice);
          if (!choice) throw new LaunchFailure(400, 'this choice has expired or was already made: launch again');
          const order = choice.orders.find((o) => o.reference === request.query.order);
          if (!order)
            throw new LaunchFailure(400, `${request.query.order.slice(0, 100)} is not one of the orders offered`);
          return caseOpened(request, reply, { ...choice, order: order.reference });
        }),
    );

    return Promise.resolve();
  };
}
