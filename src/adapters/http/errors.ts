// The one place errors become responses: every failure leaves the API as a FHIR OperationOutcome with the right HTTP
// status — handler and hook errors, unknown routes, the router's own refusals (bad URL, over-long path segment),
// and the ones Node's HTTP parser answers before Fastify sees a request (headers too large, timeouts). Errors are
// logged with their code and never their message (messages may quote input).
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CaseConflictError } from '../../core/case/index.ts';
import { InvalidInputError, toOperationOutcome, type IssueCode } from '../../core/fhir/index.ts';

export const FHIR_JSON = 'application/fhir+json';

interface Answer {
  status: number;
  body: ReturnType<typeof toOperationOutcome>;
}

const answer = (status: number, code: IssueCode, message: string): Answer => ({
  status,
  body: toOperationOutcome([{ severity: 'error', code, message }]),
});

/** The FHIR issue type of a refusal known only by its status. */
const ISSUE_FOR_STATUS: Readonly<Partial<Record<number, IssueCode>>> = {
  404: 'not-found',
  413: 'too-costly',
  414: 'too-costly',
  415: 'not-supported',
  429: 'throttled',
  431: 'too-costly',
};

function answerFor(error: FastifyError | InvalidInputError | CaseConflictError, request: FastifyRequest): Answer {
  if (error instanceof InvalidInputError) {
    request.log.info({ issues: error.issues.map((i) => ({ code: i.code, location: i.location })) }, 'input rejected');
    return { status: error.status, body: toOperationOutcome(error.issues) };
  }
  // The case's state does not allow the change (e.g. a new determination while a send is in flight).
  if (error instanceof CaseConflictError) {
    request.log.info({ status: 409, errorName: error.name }, 'request refused');
    return answer(409, 'conflict', error.message);
  }
  const config = request.server.initialConfig;
  let result: Answer;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    result = answer(413, 'too-costly', `the request body is larger than the ${String(config.bodyLimit)}-byte limit`);
  } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    result = answer(415, 'not-supported', 'send the body as application/fhir+json or application/json');
  } else if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError) {
    result = answer(400, 'structure', 'the body is not valid JSON');
  } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const limit = config.routerOptions?.maxParamLength;
    result = answer(414, 'too-costly', `a path segment is longer than ${String(limit)} characters`);
  } else if (error.code === 'FST_ERR_BAD_URL') {
    result = answer(400, 'invalid', 'the path is not a valid URL');
  } else if (error.validation) {
    const detail = error.validation.map((v) => `${v.instancePath || error.validationContext || ''} ${v.message ?? ''}`);
    result = answer(400, 'invalid', `invalid request: ${detail.join('; ')}`);
  } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    result = answer(error.statusCode, ISSUE_FOR_STATUS[error.statusCode] ?? 'invalid', error.message);
  } else {
    request.log.error({ errorName: error.name, errorCode: error.code }, 'request failed');
    return answer(500, 'invalid', 'internal error; the request was not applied');
  }
  request.log.info({ status: result.status, errorCode: error.code }, 'request refused');
  return result;
}

const send = (reply: FastifyReply, result: Answer) => reply.status(result.status).type(FHIR_JSON).send(result.body);

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | InvalidInputError | CaseConflictError, request, reply) =>
    send(reply, answerFor(error, request)),
  );
  // The path goes back to the caller who sent it, and not to the log.
  app.setNotFoundHandler((request, reply) =>
    send(reply, answer(404, 'not-found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`)),
  );
}

/** Fastify's `frameworkErrors` option: the router's refusals (bad URL encoding, a path segment over
 * `maxParamLength`) answered like any other error. */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void send(reply, answerFor(error, request));
}

/** Fastify's `clientErrorHandler`: Node's HTTP parser refused the request before there was one (headers or URL
 * over `maxHeaderSize`, a timeout, malformed HTTP), so the answer is written to the socket directly. */
export function answerClientError(this: FastifyInstance, error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // The error's rawPacket holds the request's bytes (path, headers): only the code is logged.
  this.log.info({ errorCode: error.code }, 'client error');
  const result =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? answer(431, 'too-costly', 'the request line and headers are larger than the server accepts')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? answer(408, 'invalid', 'the request did not arrive in time')
        : answer(400, 'invalid', 'the request is not well-formed HTTP');
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(result.body);
  socket.end(
    `HTTP/1.1 ${String(result.status)} ${STATUS_CODES[result.status] ?? ''}\r\n` +
      `Content-Type: ${FHIR_JSON}\r\nContent-Length: ${String(Buffer.byteLength(body))}\r\nConnection: close\r\n\r\n${body}`,
  );
}
