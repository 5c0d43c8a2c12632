// The HTTP API: Fastify with TypeBox-typed schemas, OpenAPI at /docs, size limits, one OperationOutcome error
// handler, and pino logs with PHI redacted.
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DestinationStream } from 'pino';
import type { CaseService } from '../../app/cases.ts';
import { installErrorHandler } from './errors.ts';
import { loggerOptions } from './logging.ts';
import { casesRoutes } from './routes/cases.ts';
import { healthRoutes } from './routes/health.ts';
import { policiesRoutes } from './routes/policies.ts';
import { questionnaireRoutes } from './routes/questionnaire.ts';
import { submissionRoutes, type SubmissionRoutesOptions } from './routes/submissions.ts';
import { workQueueRoutes, type WorkQueueRoutesOptions } from './routes/work-queue.ts';
import { accessRoutes } from './routes/access.ts';
import { installAuth } from './auth.ts';
import { DEFAULT_BODY_LIMIT } from '../config.ts';
import type { AccessStore } from '../../app/access.ts';

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
  /** API keys, roles and the audit log; without it every request acts for `service`'s organization (tests). */
  access?: AccessStore;
  /** Where logs go (tests capture them). */
  logStream?: DestinationStream;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const logger = loggerOptions(options.logLevel ?? 'info');
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    logger: options.logStream ? { ...logger, stream: options.logStream } : logger,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addContentTypeParser(
    ['application/fhir+json', 'application/json'],
    { parseAs: 'string', bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT },
    (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(Object.assign(new SyntaxError('invalid JSON'), { statusCode: 400 }), undefined);
      }
    },
  );
  installErrorHandler(app);
  installAuth(app, options.service.organizationId, options.access);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Klivira API',
        version: '0.1.0',
        description:
          'Prior authorization: submit a FHIR R4 Bundle (patient, coverage, order, clinical record); get a determination against the payer policy with cited evidence.',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(healthRoutes(options.ping, options.storage));
  await app.register(casesRoutes(options.service));
  await app.register(policiesRoutes(options.service.library));
  await app.register(questionnaireRoutes(options.service));
  if (options.submissions) await app.register(submissionRoutes(options.submissions));
  if (options.workQueue) await app.register(workQueueRoutes(options.workQueue));
  if (options.access) await app.register(accessRoutes(options.access));
  return app;
}
