// The one error handler: every failure leaves the API as a FHIR OperationOutcome with the right HTTP status, and
// is logged without its message (messages may quote input).
import type { FastifyError, FastifyInstance } from 'fastify';
import { InvalidInputError, toOperationOutcome, type Issue } from '../../core/fhir/outcome.ts';

function outcome(status: number, code: Issue['code'], message: string) {
  return { status, body: toOperationOutcome([{ severity: 'error', code, message }]) };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | InvalidInputError, request, reply) => {
    let result: { status: number; body: ReturnType<typeof toOperationOutcome> };
    if (error instanceof InvalidInputError) {
      result = { status: error.status, body: toOperationOutcome(error.issues) };
      request.log.info({ issues: error.issues.map((i) => ({ code: i.code, location: i.location })) }, 'input rejected');
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      result = outcome(
        413,
        'too-costly',
        `the request body is larger than the ${String(app.initialConfig.bodyLimit)}-byte limit`,
      );
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      result = outcome(415, 'not-supported', 'send the Bundle as application/fhir+json or application/json');
    } else if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError) {
      result = outcome(400, 'structure', 'the body is not valid JSON');
    } else if (error.validation) {
      const detail = error.validation.map(
        (v) => `${v.instancePath || error.validationContext || ''} ${v.message ?? ''}`,
      );
      result = outcome(400, 'invalid', `invalid request: ${detail.join('; ')}`);
    } else if (typeof error.statusCode === 'number' && error.statusCode < 500) {
      result = outcome(error.statusCode, 'invalid', error.message);
    } else {
      request.log.error({ errorName: error.name, errorCode: error.code }, 'request failed');
      result = outcome(500, 'invalid', 'internal error; the request was not applied');
    }
    if (result.status < 500 && !(error instanceof InvalidInputError)) {
      request.log.info({ status: result.status, errorCode: error.code }, 'request refused');
    }
    return reply.status(result.status).type('application/fhir+json').send(result.body);
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .type('application/fhir+json')
      .send(outcome(404, 'not-found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`).body),
  );
}
