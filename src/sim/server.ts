// The payer simulator: a separate server that behaves like a payer on the wire, for tests and the demo (never used
// by production code paths). Da Vinci PAS ($submit, $inquire, Subscription with rest-hook notifications) and the
// X12 278 over CAQH CORE (SOAP and MIME). It keeps state, deduplicates by request identifier, counts receipts, and
// adjudicates by configurable scenario.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Bundle, Subscription } from '@medplum/fhirtypes';
import {
  buildSoapEnvelope,
  mimeFields,
  parseSoapEnvelope,
  PAYLOAD_TYPES,
  readMimeFields,
  type CoreEnvelope,
  decodeMultipart,
  encodeMultipart,
} from '../core/connectivity/index.ts';
import { PAYLOAD_TYPE_275, X12Error } from '../core/x12/index.ts';
import { deliver, notificationBundle, type SimSubscription } from './notify.ts';
import { PasRequestError, readPasRequest, writePasResponse } from './pas.ts';
import { SimulatedPayer, type Authorization } from './payer.ts';
import type { ScenarioRule } from './scenarios.ts';
import { readX12Request, writeX12Response, type ReadX12Request } from './x12.ts';
import { readX12Attachment, write999 } from './x12-attachments.ts';

/** Our convention for a status inquiry over CORE (a 278 inquiry is X12 005010X215, outside this simulator). */
export const INQUIRY_PAYLOAD_TYPE = 'X12_278_Inquiry_Request_005010X217E1_2';

export interface SimulatorOptions {
  rules?: ScenarioRule[];
  /** CORE credentials the simulator accepts. */
  core?: { username: string; password: string };
  /** When set, every PAS request must carry a bearer token this accepts (like a payer's OAuth-protected endpoint). */
  requireBearer?: (token: string) => boolean | Promise<boolean>;
  /** Added to every answer, like a real payer's processing time (the demo uses a few hundred ms; tests none). */
  latencyMs?: number;
  /** How often pends are checked for their decision time. */
  tickMs?: number;
  logger?: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Simulator {
  app: FastifyInstance;
  payer: SimulatedPayer;
  notificationsSent: { subscriptionId: string; eventNumber: number; submissionId: string; status: number }[];
  /** Every answer to a request for information as received (PAS update Bundle JSON, X12 275 text), for tests. */
  informationReceived: { wire: 'pas' | 'x12-278'; body: string }[];
}

export function buildSimulator(options: SimulatorOptions = {}): Simulator {
  const payer = new SimulatedPayer(options.rules ?? []);
  const pasRequests = new Map<string, Bundle>();
  const x12Requests = new Map<string, ReadX12Request>();
  const subscriptions = new Map<string, SimSubscription>();
  const notificationsSent: Simulator['notificationsSent'] = [];
  const informationReceived: Simulator['informationReceived'] = [];
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 32 * 1024 * 1024 });
  if (options.latencyMs) {
    const latency = options.latencyMs;
    app.addHook('onRequest', async () => {
      await sleep(latency);
    });
  }
  app.addContentTypeParser(['application/fhir+json', 'application/json'], { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('invalid JSON'), { statusCode: 400 }), undefined);
    }
  });
  app.addContentTypeParser(['application/soap+xml', 'text/xml'], { parseAs: 'string' }, (_req, body, done) => {
    done(null, body);
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_req, body, done) => {
    done(null, body);
  });

  const outcome = (code: string, text: string) => ({
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, diagnostics: text }],
  });

  async function notify(authorization: Authorization, repeat: 'once' | 'duplicate' | 'out_of_order'): Promise<void> {
    const request = pasRequests.get(authorization.request.submissionId);
    if (!request) return;
    const now = new Date();
    const response = writePasResponse(request, authorization, now);
    for (const subscription of subscriptions.values()) {
      const sender = authorization.request.senderId;
      if (
        subscription.orgIdentifiers.length > 0 &&
        (sender === undefined || !subscription.orgIdentifiers.includes(sender))
      )
        continue;
      subscription.eventCount += 1;
      const eventNumber = subscription.eventCount;
      const send = async (n: number, body: Bundle) => {
        const status = await deliver(subscription, notificationBundle(subscription, n, body, now));
        notificationsSent.push({
          subscriptionId: subscription.id,
          eventNumber: n,
          submissionId: authorization.request.submissionId,
          status,
        });
      };
      await send(eventNumber, response);
      if (repeat === 'duplicate') await send(eventNumber, response);
      if (repeat === 'out_of_order') {
        // A stale "still pended" notification arriving after the final one.
        const stale = writePasResponse(
          request,
          {
            ...authorization,
            decideAt: 0,
            items: authorization.items.map((i) => ({ ...i, action: 'A4' as const, reasonCodes: ['0U'] })),
          },
          new Date(now.getTime() - 1000),
        );
        await send(eventNumber - 1, stale);
      }
    }
  }

  const ticker = setInterval(() => {
    for (const decided of payer.resolveDue(Date.now())) {
      if (decided.request.wire === 'pas') void notify(decided, decided.notifications ?? 'once');
    }
  }, options.tickMs ?? 25);
  app.addHook('onClose', () => {
    clearInterval(ticker);
    return Promise.resolve();
  });

  // ---- Da Vinci PAS ----
  const requireBearer = options.requireBearer;
  if (requireBearer) {
    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/fhir/')) return;
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (token === undefined || !(await requireBearer(token))) {
        await reply.status(401).header('www-authenticate', 'Bearer').send(outcome('login', 'bearer token required'));
      }
    });
  }
  app.post('/fhir/Claim/$submit', async (request, reply) => {
    let received;
    try {
      received = readPasRequest(request.body);
    } catch (error) {
      if (error instanceof PasRequestError)
        return reply.status(400).type('application/fhir+json').send(outcome('invalid', error.message));
      throw error;
    }
    // An update adding the documents a pended request awaits answers it: decided once nothing is awaited.
    if (received.kind === 'update' && received.attachmentControlNumbers !== undefined) {
      informationReceived.push({ wire: 'pas', body: JSON.stringify(request.body) });
      const answered = payer.receiveInformation(
        {
          wire: 'pas',
          answerId: received.submissionId,
          ...(received.relatedTo !== undefined ? { relatedTo: received.relatedTo } : {}),
          controlNumbers: received.attachmentControlNumbers,
        },
        Date.now(),
      );
      if (answered) {
        return reply.type('application/fhir+json').send(writePasResponse(request.body as Bundle, answered, new Date()));
      }
    }
    const result = payer.receive(received, Date.now());
    if (result.kind === 'http_500') return reply.status(500).send('simulated server error');
    if (result.kind === 'malformed')
      return reply
        .status(200)
        .type('application/fhir+json')
        .send('{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient"}}]}');
    if (!pasRequests.has(received.submissionId) && received.kind !== 'cancel')
      pasRequests.set(received.submissionId, request.body as Bundle);
    if (result.delayMs > 0) await sleep(result.delayMs);
    const original = pasRequests.get(result.authorization.request.submissionId) ?? (request.body as Bundle);
    return reply.type('application/fhir+json').send(writePasResponse(original, result.authorization, new Date()));
  });

  app.post('/fhir/Claim/$inquire', async (request, reply) => {
    // Query by example: the inquiry has its own identifier; it is matched on the member and the items asked about.
    let example;
    try {
      example = readPasRequest(request.body);
    } catch (error) {
      if (error instanceof PasRequestError)
        return reply.status(400).type('application/fhir+json').send(outcome('invalid', error.message));
      throw error;
    }
    const now = new Date();
    const parameter = payer.findByExample(example.keys.memberId, example.keys.codes).flatMap((authorization) => {
      const original = pasRequests.get(authorization.request.submissionId);
      return original ? [{ name: 'return', resource: writePasResponse(original, authorization, now) }] : [];
    });
    return reply.type('application/fhir+json').send({ resourceType: 'Parameters', parameter });
  });

  app.post('/fhir/Subscription', async (request, reply) => {
    const subscription = request.body as Subscription;
    const endpoint = subscription.channel.endpoint;
    if (subscription.resourceType !== 'Subscription' || subscription.channel.type !== 'rest-hook' || !endpoint) {
      return reply
        .status(400)
        .type('application/fhir+json')
        .send(outcome('invalid', 'a rest-hook Subscription with an endpoint is required'));
    }
    const filter =
      (subscription as { _criteria?: { extension?: { valueString?: string }[] } })._criteria?.extension?.[0]
        ?.valueString ?? '';
    const ids = /orgIdentifier=([^&]+)/.exec(filter)?.[1]?.split(',') ?? [];
    const id = randomUUID();
    subscriptions.set(id, {
      id,
      endpoint,
      headers: subscription.channel.header ?? [],
      orgIdentifiers: ids,
      eventCount: 0,
    });
    return reply
      .status(201)
      .type('application/fhir+json')
      .send({ ...subscription, id, status: 'active' });
  });

  app.delete('/fhir/Subscription/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    return reply.status(subscriptions.delete(id) ? 204 : 404).send();
  });

  // ---- X12 278 over CAQH CORE ----
  app.post('/core', async (request, reply) => {
    const soap = typeof request.body === 'string';
    let parsed: { envelope: CoreEnvelope; credentials?: { username: string; password: string } };
    try {
      parsed = soap
        ? parseSoapEnvelope(request.body as string)
        : readMimeFields(await decodeMultipart(request.body as Buffer, request.headers['content-type'] ?? ''));
    } catch (error) {
      return reply
        .status(400)
        .type('text/plain')
        .send(error instanceof Error ? error.message : 'bad envelope');
    }
    const answer = (envelope: Partial<CoreEnvelope> & { errorCode: string }, status = 200) => {
      const full: CoreEnvelope = {
        payloadType: PAYLOAD_TYPES.response278,
        processingMode: 'RealTime',
        payloadId: randomUUID(),
        timestamp: new Date().toISOString(),
        senderId: parsed.envelope.receiverId,
        receiverId: parsed.envelope.senderId,
        coreRuleVersion: parsed.envelope.coreRuleVersion,
        payload: '',
        ...envelope,
      };
      if (soap) return reply.status(status).type('application/soap+xml').send(buildSoapEnvelope('response', full));
      const form = encodeMultipart(mimeFields(full));
      return reply.status(status).type(form.contentType).send(form.body);
    };
    if (
      options.core &&
      (parsed.credentials?.username !== options.core.username || parsed.credentials.password !== options.core.password)
    ) {
      return answer({ errorCode: 'UnAuthorized', errorMessage: 'invalid credentials' }, 401);
    }
    if (parsed.envelope.payloadType === PAYLOAD_TYPE_275) {
      // A 275 answering a request for information: acknowledged with a 999; the review follows (ask by inquiry).
      informationReceived.push({ wire: 'x12-278', body: parsed.envelope.payload });
      try {
        const attachment = readX12Attachment(parsed.envelope.payload);
        const answered = attachment.answer && payer.receiveInformation(attachment.answer, Date.now());
        return await answer({
          errorCode: 'Success',
          payloadType: PAYLOAD_TYPES.ack999,
          payload: write999(attachment, answered !== undefined, new Date()),
        });
      } catch (error) {
        if (error instanceof X12Error) return answer({ errorCode: 'PayloadFormatError', errorMessage: error.message });
        throw error;
      }
    }
    const inquiry = parsed.envelope.payloadType === INQUIRY_PAYLOAD_TYPE;
    if (!inquiry && parsed.envelope.payloadType !== PAYLOAD_TYPES.request278) {
      return answer({
        errorCode: 'PayloadTypeIncorrect',
        errorMessage: `unsupported PayloadType ${parsed.envelope.payloadType}`,
      });
    }
    let read: ReadX12Request;
    try {
      read = readX12Request(parsed.envelope.payload);
    } catch (error) {
      if (error instanceof X12Error) return answer({ errorCode: 'PayloadFormatError', errorMessage: error.message });
      throw error;
    }
    if (inquiry) {
      const known = payer.lookup(read.request.submissionId);
      const original = x12Requests.get(read.request.submissionId);
      if (!known || !original) return answer({ errorCode: 'Success', payload: '' });
      return answer({ errorCode: 'Success', payload: writeX12Response(original, known, new Date()) });
    }
    const result = payer.receive(read.request, Date.now());
    if (result.kind === 'http_500') return reply.status(500).send('simulated server error');
    if (result.kind === 'malformed') return answer({ errorCode: 'Success', payload: 'ISA*00*garbage~' });
    if (!x12Requests.has(read.request.submissionId) && read.request.kind !== 'cancel')
      x12Requests.set(read.request.submissionId, read);
    if (result.delayMs > 0) await sleep(result.delayMs);
    const original = x12Requests.get(result.authorization.request.submissionId) ?? read;
    return answer({ errorCode: 'Success', payload: writeX12Response(original, result.authorization, new Date()) });
  });

  // ---- test controls ----
  app.get('/sim/receipts', () => Promise.resolve({ receipts: payer.receipts, notifications: notificationsSent }));
  app.put('/sim/scenarios', (request) => {
    payer.rules = request.body as ScenarioRule[];
    return Promise.resolve({ rules: payer.rules.length });
  });
  app.post('/sim/reset', () => {
    payer.reset(payer.rules);
    pasRequests.clear();
    x12Requests.clear();
    notificationsSent.length = 0;
    informationReceived.length = 0;
    return Promise.resolve({ reset: true });
  });

  return { app, payer, notificationsSent, informationReceived };
}
