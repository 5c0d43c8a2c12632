// One way to answer a request that queues work under an optional Idempotency-Key (submissions, answers to a payer's
// request for information): the first request produces the answer; a repeat with the same key and body replays it;
// the same key with another body is refused; a repeat while the first is still running is told to retry.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdempotencyInProgressError, type IdempotencyStore } from '../../app/submission-store.ts';
import { toOperationOutcome } from '../../core/fhir/index.ts';

export interface Produced {
  status: number;
  response: unknown;
}

const refuse = (reply: FastifyReply, status: 409 | 422, code: 'conflict' | 'invalid', message: string) =>
  reply
    .status(status)
    .type('application/fhir+json')
    .send(toOperationOutcome([{ severity: 'error', code, message }]));

/**
 * Answers with what `produce` returns, at most once per (organization, Idempotency-Key). `scope` names what the
 * request acts on (its path parameters): with the body, it is the fingerprint a repeated key must match.
 */
export async function answerIdempotently(
  request: FastifyRequest,
  reply: FastifyReply,
  store: IdempotencyStore,
  scope: string,
  produce: () => Promise<Produced>,
): Promise<FastifyReply> {
  // The routes' header schema admits one string (Node joins repeated unknown headers into one).
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header.join(', ') : header;
  let result;
  try {
    result =
      key === undefined
        ? { ...(await produce()), replayed: false, conflict: false }
        : await store.remember(
            request.organizationId,
            key,
            createHash('sha256')
              .update(`${scope}|${JSON.stringify(request.body)}`)
              .digest('hex'),
            produce,
          );
  } catch (error) {
    if (error instanceof IdempotencyInProgressError) return refuse(reply, 409, 'conflict', error.message);
    throw error;
  }
  if (result.conflict) return refuse(reply, 422, 'invalid', 'this Idempotency-Key was used for a different request');
  if (key !== undefined) void reply.header('idempotent-replayed', String(result.replayed));
  if (result.status >= 400) void reply.type('application/fhir+json');
  return reply.status(result.status).send(result.response);
}
