// The HTTP API: Fastify with TypeBox-typed schemas, OpenAPI at /docs, size limits, one OperationOutcome error
// handler, and pino logs with PHI redacted. At the edge, before any handler: security headers and CORS, rate
// limits, authentication, and the input guard (nesting depth, text the database cannot store).
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DestinationStream } from 'pino';
import type { CaseService } from '../../app/cases.ts';
import { InvalidInputError } from '../../core/fhir/index.ts';
import { answerClientError, answerFrameworkError, installErrorHandler } from './errors.ts';
import { guardText, parseGuardedJson } from './input-guard.ts';
import { loggerOptions } from './logging.ts';
import { DOCS_CSP, installProtections } from './protections.ts';
import { installRateLimits } from './rate-limit.ts';
import { validatorFactory } from './validation.ts';
import { casesRoutes } from './routes/cases.ts';
import { appealRoutes } from './routes/appeals.ts';
import type { AppealService } from '../../app/appeals.ts';
import { healthRoutes } from './routes/health.ts';
import { policiesRoutes } from './routes/policies.ts';
import { questionnaireRoutes } from './routes/questionnaire.ts';
import { notesRoutes } from './routes/notes.ts';
import { cdsHooksRoutes, type CdsHooksOptions } from '../cds-hooks/routes.ts';
import { smartLaunchRoutes, type SmartLaunchOptions } from '../ehr/launch/routes.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { submissionRoutes, type SubmissionRoutesOptions } from './routes/submissions.ts';
import { workQueueRoutes, type WorkQueueRoutesOptions } from './routes/work-queue.ts';
import { accessRoutes } from './routes/access.ts';
import { payerRequestRoutes, type PayerRequestRoutesOptions } from './routes/payer-requests.ts';
import { appealDocumentRoutes } from './routes/appeal-documents.ts';
import { documentRoutes } from './routes/documents.ts';
import type { AppealDocumentService } from '../../app/documents.ts';
import { analyticsRoutes, type AnalyticsRoutesOptions } from './routes/analytics.ts';
import { notificationRoutes } from './routes/notifications.ts';
import type { NotificationService } from '../../app/notifications.ts';
import { installAuth } from './auth.ts';
import { DEFAULT_BODY_LIMIT, DEFAULT_RATE_LIMITS, type RateLimits, type TrustProxy } from '../config.ts';
import type { AccessStore } from '../../app/access.ts';
import { peopleRoutes, type WebAuth } from '../web/auth/index.ts';
import type { UserStore } from '../../app/web-users.ts';
import { webAppRoutes } from '../web/serve.ts';

export interface ServerOptions {
  service: CaseService;
  ping: () => Promise<void>;
  storage: string;
  /** Largest accepted body in bytes (the largest realistic patient bundle is a few MB). */
  bodyLimit?: number;
  logLevel?: string;
  /** Submission, dead letters and payer notifications; absent on a server that only determines. */
  submissions?: SubmissionRoutesOptions;
  /** The coordinator's work queue (list, assign, comment, attach). */
  workQueue?: WorkQueueRoutesOptions;
  /** Appeals and new attempts after an adverse decision (and their fields on GET /api/cases/:id). */
  appeals?: AppealService;
  /** A payer's requests for more information: on the case, drafted answers, the reviewed answer sent once. */
  payerRequests?: PayerRequestRoutesOptions;
  /** Denial analytics (rates, turnaround, CMS-0057-F figures) computed in the database. */
  analytics?: AnalyticsRoutesOptions;
  /** API keys, roles and the audit log; without it every request acts for `service`'s organization (tests). */
  access?: AccessStore;
  /** Where logs go (tests capture them). */
  logStream?: DestinationStream;
  /** Requests a minute per API key and per client address (DEFAULT_RATE_LIMITS unless set). */
  rateLimits?: RateLimits;
  /** Browser origins allowed cross-origin access; none unless set. */
  corsOrigins?: string[];
  /** Which proxies' X-Forwarded-For to believe for the client address (none unless set). */
  trustProxy?: TrustProxy;
  /** The CDS Hooks service for EHRs (discovery, order-select, order-sign), outside the API-key routes. */
  cdsHooks?: Omit<CdsHooksOptions, 'service'>;
  /** Klivira as a SMART app: EHR and standalone launch under /smart, guarded by state and PKCE. */
  smartLaunch?: SmartLaunchOptions;
  /** Notification settings of the organization and of each person. */
  notifications?: NotificationService;
  /** Case documents (list, download) and the documents that answer a denial (appeal letter and packet, P2P brief). */
  documents?: AppealDocumentService;
  /** People's sign-in (OpenID Connect) and sessions: the cookie is accepted on /api beside API keys. */
  webAuth?: WebAuth;
  /** The people who signed in: GET /api/me and GET /api/users. */
  users?: UserStore;
}

/** Longest path segment (a case id is 36 characters); longer ones are answered 414. */
const MAX_PARAM_LENGTH = 100;

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const logger = loggerOptions(options.logLevel ?? 'info');
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({
    bodyLimit,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    trustProxy: options.trustProxy ?? false,
    logger: options.logStream ? { ...logger, stream: options.logStream } : logger,
    schemaController: { compilersFactory: { buildValidator: validatorFactory() } },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // JSON only: any other media type (text/plain included) is answered 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/fhir+json', 'application/json'],
    { parseAs: 'string', bodyLimit },
    (_request, body, done) => {
      try {
        done(null, parseGuardedJson(body as string));
      } catch (error) {
        done(
          error instanceof InvalidInputError
            ? error
            : Object.assign(new SyntaxError('invalid JSON'), { statusCode: 400 }),
          undefined,
        );
      }
    },
  );
  installErrorHandler(app);
  await installProtections(app, options.corsOrigins ?? []);
  await installRateLimits(app, options.rateLimits ?? DEFAULT_RATE_LIMITS);
  // Before authentication: a refused request never acts for anyone, so nothing (not even the audit) stores its text.
  app.addHook('onRequest', (request, _reply, done) => {
    guardText(request.query, 'query');
    guardText(request.params, 'params');
    done();
  });
  // Cookies are parsed before authentication reads the session's.
  await app.register(cookie);
  app.decorateRequest('webSession', undefined);
  installAuth(app, options.service.organizationId, options.access, options.webAuth?.people);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Klivira API',
        version: '0.1.0',
        description:
          'Prior authorization: submit a FHIR R4 Bundle (patient, coverage, order, clinical record); get a determination against the payer policy with cited evidence.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer <key>`' },
          apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        },
      },
      security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });
  await app.register(healthRoutes(options.ping, options.storage));
  await app.register(casesRoutes(options.service, options.appeals, options.payerRequests?.service));
  if (options.payerRequests) await app.register(payerRequestRoutes(options.payerRequests));
  if (options.appeals) await app.register(appealRoutes(options.appeals));
  await app.register(policiesRoutes(options.service.library));
  await app.register(questionnaireRoutes(options.service));
  await app.register(notesRoutes(options.service));
  if (options.submissions) {
    await app.register(submissionRoutes(options.submissions, options.service));
    await app.register(metricsRoutes(options.submissions.jobs));
  }
  if (options.cdsHooks) await app.register(cdsHooksRoutes({ service: options.service, ...options.cdsHooks }));
  if (options.smartLaunch) await app.register(smartLaunchRoutes(options.smartLaunch));
  if (options.workQueue) await app.register(workQueueRoutes(options.workQueue));
  if (options.access) await app.register(accessRoutes(options.access));
  if (options.analytics) await app.register(analyticsRoutes(options.analytics));
  if (options.notifications) await app.register(notificationRoutes(options.notifications));
  if (options.documents) {
    await app.register(documentRoutes(options.documents));
    await app.register(appealDocumentRoutes(options.documents));
  }
  if (options.webAuth) await app.register(options.webAuth.routes);
  if (options.users) await app.register(peopleRoutes(options.users));
  // The people's web app (pages at /, /queue, /cases/:id), served where people can sign in.
  if (options.webAuth) await app.register(webAppRoutes);
  return app;
}
