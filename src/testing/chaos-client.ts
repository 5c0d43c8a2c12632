// API clients for the concurrency chaos runs (bench/chaos/api-chaos.ts and src/app/concurrency.integration.test.ts):
// each client loops until its time is up, issuing random operations over HTTP on one shared pool of cases (submit
// over a random channel, with or without an Idempotency-Key, sometimes one already used, sometimes with an override;
// determine again; answer the questionnaire; cancel; read; now and then a new case), and every answer is counted by
// operation and status. A 5xx or a request that gets no answer is a failure; everything else is counted only.
import { randomUUID } from 'node:crypto';
import type { QuestionnaireItem } from '@medplum/fhirtypes';

/** What a client draws next; answering the questionnaire follows getting it. */
type Drawn = 'create' | 'read' | 'submit' | 'determine' | 'questionnaire' | 'cancel';
export type Operation = Drawn | 'answer';

export interface ChaosTarget {
  /** API base URLs; each request goes to one of them at random. */
  servers: readonly string[];
  /** e.g. the API key. */
  headers?: Readonly<Record<string, string>>;
  requestTimeoutMs?: number;
}

export interface ChaosTally {
  /** operation → status code (or `unavailable`: a route this server does not have; `no-answer`) → count. */
  byOperation: Partial<Record<Operation, Record<string, number>>>;
  requests: number;
  serverErrors: number;
  /** The first few requests that got no answer at all (connection refused or reset, time-out). */
  noAnswer: string[];
}

/** How often each operation is drawn (relative weights). Cancels and creations are rare so the pool stays busy. */
const MIX: readonly (readonly [Drawn, number])[] = [
  ['read', 30],
  ['submit', 30],
  ['determine', 20],
  ['questionnaire', 12],
  ['create', 2],
  ['cancel', 1],
];
const MIX_TOTAL = MIX.reduce((sum, [, weight]) => sum + weight, 0);

interface SubmitRequest {
  caseId: string;
  key?: string;
  body: { channel: 'pas' | 'x12-278'; override?: { reason: string } };
}

/** The cases all clients share: creations join it; operations pick among the newest `window`. */
export class CasePool {
  readonly ids: string[] = [];

  constructor(private readonly window: number) {}

  add(caseId: string): void {
    this.ids.push(caseId);
  }

  pick(random: () => number): string {
    const start = Math.max(0, this.ids.length - this.window);
    const id = this.ids[start + Math.floor(random() * (this.ids.length - start))];
    if (id === undefined) throw new Error('the case pool is empty');
    return id;
  }
}

export class ChaosClients {
  readonly tally: ChaosTally = { byOperation: {}, requests: 0, serverErrors: 0, noAnswer: [] };
  /** Submissions sent with an Idempotency-Key, for clients to send again. */
  private readonly keyed: SubmitRequest[] = [];

  constructor(
    private readonly target: ChaosTarget,
    readonly pool: CasePool,
    private readonly bundles: readonly unknown[],
    private readonly random: () => number = Math.random,
  ) {}

  /** Creates `count` cases from the bundles (in turn) and adds them to the pool. */
  async seed(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) await this.create(i);
    if (this.pool.ids.length < count) throw new Error(`only ${String(this.pool.ids.length)} of ${String(count)} cases`);
  }

  /** `clients` loops of random operations until `durationMs` has passed. */
  async run(clients: number, durationMs: number): Promise<ChaosTally> {
    const end = Date.now() + durationMs;
    const loop = async () => {
      while (Date.now() < end) await this.step();
    };
    await Promise.all(Array.from({ length: clients }, loop));
    return this.tally;
  }

  private async step(): Promise<void> {
    switch (this.draw()) {
      case 'create':
        return this.create(Math.floor(this.random() * this.bundles.length));
      case 'read':
        return this.read(this.pool.pick(this.random));
      case 'submit':
        return this.submit();
      case 'determine':
        return this.determine(this.pool.pick(this.random));
      case 'questionnaire':
        return this.answer(this.pool.pick(this.random));
      case 'cancel':
        return this.cancel(this.pool.pick(this.random));
    }
  }

  private draw(): Drawn {
    let at = this.random() * MIX_TOTAL;
    for (const [operation, weight] of MIX) {
      at -= weight;
      if (at < 0) return operation;
    }
    return 'read';
  }

  private async create(index: number): Promise<void> {
    // The same few bundles again and again, on purpose: each is confirmed as not a duplicate.
    const answer = await this.call(
      'POST',
      '/api/cases?confirmDuplicate=true',
      this.bundles[index % this.bundles.length],
    );
    this.count('create', answer);
    const caseId = (answer?.body as { caseId?: string } | undefined)?.caseId;
    if (answer?.status === 201 && caseId) this.pool.add(caseId);
  }

  private async read(caseId: string): Promise<void> {
    this.count('read', await this.call('GET', `/api/cases/${caseId}`));
  }

  private async determine(caseId: string): Promise<void> {
    const body = { reason: 'chaos run: new evidence' };
    this.count('determine', await this.call('POST', `/api/cases/${caseId}/determination`, body));
  }

  /** A new submission, or one sent before with its Idempotency-Key (the same request, to be replayed). */
  private async submit(): Promise<void> {
    const again = this.keyed.length > 0 && this.random() < 0.3;
    const request = again ? this.keyed[Math.floor(this.random() * this.keyed.length)] : this.newSubmission();
    if (!request) return;
    const headers: Record<string, string> = request.key ? { 'idempotency-key': request.key } : {};
    this.count('submit', await this.call('POST', `/api/cases/${request.caseId}/submissions`, request.body, headers));
  }

  private newSubmission(): SubmitRequest {
    const request: SubmitRequest = {
      caseId: this.pool.pick(this.random),
      body: {
        channel: this.random() < 0.5 ? 'pas' : 'x12-278',
        ...(this.random() < 0.3 ? { override: { reason: 'chaos run: the coordinator submits anyway' } } : {}),
      },
    };
    if (this.random() < 0.5) {
      request.key = `chaos-${randomUUID()}`;
      this.keyed.push(request);
    }
    return request;
  }

  /** GET the questionnaire and answer every question of it but the prefilled context (DTR). */
  private async answer(caseId: string): Promise<void> {
    const got = await this.call('GET', `/api/cases/${caseId}/questionnaire`);
    this.count('questionnaire', got);
    const bundle = got?.body as { entry?: { resource?: Questionnaire }[] } | undefined;
    const questionnaire = got?.status === 200 ? bundle?.entry?.[0]?.resource : undefined;
    if (!questionnaire) return;
    const response = completedResponse(questionnaire, this.random() < 0.7);
    this.count('answer', await this.call('POST', `/api/cases/${caseId}/questionnaire-response`, response));
  }

  private async cancel(caseId: string): Promise<void> {
    const answer = await this.call('POST', `/api/cases/${caseId}/cancel`, { reason: 'chaos run: order withdrawn' });
    // The pool's cases exist, so a 404 means this server has no cancel route yet.
    this.count('cancel', answer, answer?.status === 404 ? 'unavailable' : undefined);
  }

  private count(operation: Operation, answer: Answer | undefined, label?: string): void {
    const key = label ?? (answer ? String(answer.status) : 'no-answer');
    const counts = (this.tally.byOperation[operation] ??= {});
    counts[key] = (counts[key] ?? 0) + 1;
  }

  /** One request to a random server; undefined when no answer came (the error is kept). */
  private async call(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer | undefined> {
    const servers = this.target.servers;
    const server = servers[Math.floor(this.random() * servers.length)] ?? '';
    this.tally.requests += 1;
    try {
      const response = await fetch(`${server}${path}`, {
        method,
        headers: {
          ...this.target.headers,
          ...headers,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.target.requestTimeoutMs ?? 30_000),
      });
      const text = await response.text();
      if (response.status >= 500) this.tally.serverErrors += 1;
      return { status: response.status, body: parse(text) };
    } catch (error) {
      if (this.tally.noAnswer.length < 10)
        this.tally.noAnswer.push(`${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}

/** Requests that got no answer at all, over the tally. */
export function unanswered(tally: ChaosTally): number {
  return Object.values(tally.byOperation).reduce((sum, counts) => sum + (counts['no-answer'] ?? 0), 0);
}

interface Answer {
  status: number;
  body: unknown;
}

interface Questionnaire {
  url?: string;
  version?: string;
  item?: QuestionnaireItem[];
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A completed QuestionnaireResponse answering each criterion group: yes or no, and whatever else it requires. */
function completedResponse(questionnaire: Questionnaire, yes: boolean) {
  const groups = (questionnaire.item ?? []).filter((group) => group.linkId !== 'context');
  return {
    resourceType: 'QuestionnaireResponse',
    id: `chaos-${randomUUID()}`,
    questionnaire: `${questionnaire.url ?? ''}|${questionnaire.version ?? ''}`,
    status: 'completed',
    authored: new Date().toISOString(),
    author: { reference: 'Practitioner/chaos', display: 'Dr. Chaos Run' },
    item: groups.map((group) => ({
      linkId: group.linkId,
      item: (group.item ?? []).map((item) => ({ linkId: item.linkId, answer: [answerTo(item, yes)] })),
    })),
  };
}

function answerTo(item: QuestionnaireItem, yes: boolean): Record<string, unknown> {
  switch (item.type) {
    case 'boolean':
      return { valueBoolean: yes };
    case 'choice': {
      const option = item.answerOption?.[0];
      return option?.valueCoding ? { valueCoding: option.valueCoding } : { valueString: option?.valueString ?? '' };
    }
    case 'date':
      return { valueDate: '2026-10-01' };
    default:
      return { valueString: 'chaos run' };
  }
}
