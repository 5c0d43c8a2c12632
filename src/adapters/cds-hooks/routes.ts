// The CDS Hooks endpoints as a Fastify plugin, outside /api (the EHR authenticates with its signed JWT, not an API
// key): public discovery, and one POST per service. Errors are plain JSON as CDS Hooks has them — 400 for a malformed
// call, 401 for an untrusted one — and the log keeps counts and outcomes, never the record.
//
//   await app.register(cdsHooksRoutes({ service, publicUrl: 'https://klivira.example.org',
//                                       trustedIssuers: { 'https://ehr.example.org': 'https://ehr.example.org/jwks' } }));
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import type { CaseService } from '../../app/cases.ts';
import { InvalidInputError } from '../../core/fhir/index.ts';
import { answerHook } from './answer.ts';
import { EhrJwtVerifier } from './ehr-jwt.ts';
import { FhirRecordSource, type RecordSource } from './record-source.ts';
import { HookRequestError, parseHookRequest } from './request.ts';
import { CDS_SERVICES, serviceById } from './services.ts';

export interface CdsHooksOptions {
  service: CaseService;
  /** Klivira's public base URL: the JWT audience is `<publicUrl>/cds-services/<id>`; the SMART link `<publicUrl>/smart/launch`. */
  publicUrl: string;
  /** Trusted EHR issuers (`iss`) → the URL of each one's JWKS. */
  trustedIssuers: Readonly<Record<string, string>>;
  /** Reads the prefetch the EHR did not send (default: plain FHIR GETs with the EHR's token). */
  recordSource?: RecordSource;
  /** Today's date, YYYY-MM-DD (default: the local date). */
  today?: () => string;
}

const localDate = (): string => new Date().toLocaleDateString('sv-SE');

/** CDS Hooks errors are plain JSON: the status in words (`bad_request`, `unauthorized`) and what went wrong. */
const errorBody = (status: number, message: string) => ({
  error: (STATUS_CODES[status] ?? 'error').toLowerCase().replace(/\W+/g, '_'),
  message,
});

export function cdsHooksRoutes(options: CdsHooksOptions): FastifyPluginAsync {
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const verifier = new EhrJwtVerifier({ trustedIssuers: options.trustedIssuers });
  const deps = {
    service: options.service,
    recordSource: options.recordSource ?? new FhirRecordSource(),
    smartLaunchUrl: `${publicUrl}/smart/launch`,
    sourceUrl: publicUrl,
    today: options.today ?? localDate,
  };

  return async (app) => {
    app.setErrorHandler((error: FastifyError | InvalidInputError, request, reply) => {
      if (error instanceof HookRequestError) return reply.code(400).send(errorBody(400, error.message));
      // The edge's input guard (text the database cannot store, nesting too deep) names locations, not values.
      if (error instanceof InvalidInputError) {
        return reply.code(400).send(errorBody(400, error.issues.map((i) => i.message).join('; ')));
      }
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
      if (status >= 500) {
        request.log.error({ errorName: error.name, errorCode: error.code }, 'cds hook failed');
        return reply.code(500).send(errorBody(500, 'internal error'));
      }
      // A framework refusal (not JSON, too large, rate limited) says what it is.
      return reply.code(status).send(errorBody(status, error.message));
    });

    app.get('/cds-services', () => ({
      services: CDS_SERVICES.map(({ id, hook, title, description, prefetch }) => ({
        id,
        hook,
        title,
        description,
        prefetch,
      })),
    }));

    app.post<{ Params: { id: string } }>('/cds-services/:id', async (request, reply) => {
      const service = serviceById(request.params.id);
      if (!service) return reply.code(404).send(errorBody(404, 'no such CDS service'));
      const caller = await verifier.verify(request.headers.authorization, `${publicUrl}/cds-services/${service.id}`);
      if (!caller.ok) {
        request.log.info({ service: service.id, refusal: caller.reason }, 'cds hook caller refused');
        return reply.code(401).send(errorBody(401, caller.reason));
      }
      const hookRequest = parseHookRequest(request.body, service.hook);
      const { response, summary } = await answerHook(hookRequest, deps);
      request.log.info({ service: service.id, issuer: caller.issuer, ...summary }, 'cds hook answered');
      return response;
    });
    return Promise.resolve();
  };
}
