// GET against one FHIR server, the way a pull needs it: a timeout per request, retries with backoff on what is
// transient, one new token after a 401, a cap on the bytes read, and the token sent only to that server. Failures
// name the request by a label (`Observation search`), never by its URL (which names the patient) nor the token.
import type { FhirAuth } from './auth.ts';
import type { PullLimits } from './limits.ts';
import { backoffMs, isRetryableStatus, retryAfterMs, sleep } from './retry.ts';

export const FHIR_JSON = 'application/fhir+json';

export interface FhirResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

export interface RequestStats {
  requests: number;
  retries: number;
  bytes: number;
}

/** A request that could not be completed: timed out, failed on the network, or larger than allowed. */
export class FhirFetchError extends Error {}

class TooLarge extends Error {}

/** The response was larger than the request allowed. */
export class FhirTooLargeError extends FhirFetchError {}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new TooLarge();
  }
  if (!response.body) return Buffer.alloc(0);
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}

function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof cause === 'string' ? cause : (error as Error).message;
}

export class FhirClient {
  readonly base: URL;
  readonly stats: RequestStats = { requests: 0, retries: 0, bytes: 0 };

  constructor(
    fhirBase: string,
    private readonly limits: PullLimits,
    private readonly auth?: FhirAuth,
  ) {
    this.base = new URL(fhirBase.replace(/\/?$/, '/'));
  }

  /** An absolute URL for a path relative to the FHIR base (`Patient/1`) or an absolute one. */
  resolve(reference: string): string {
    return new URL(reference, this.base).href;
  }

  /** Whether a URL is on this FHIR server, and so may be sent the token. */
  owns(url: string): boolean {
    return URL.canParse(url) && new URL(url).href.startsWith(this.base.href);
  }

  async get(url: string, label: string, options: { accept?: string; maxBytes?: number } = {}): Promise<FhirResponse> {
    if (!this.owns(url)) throw new FhirFetchError(`${label}: not on the FHIR server ${this.base.href}; not fetched`);
    const maxBytes = options.maxBytes ?? this.limits.maxBytes;
    let tokenRenewed = false;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= this.limits.retries;
      // Outside the try: a token that cannot be had is not a network error to retry.
      const authorization = this.auth ? await this.auth.authorization() : undefined;
      const controller = new AbortController();
      const timer = setTimeout(() => {
        controller.abort();
      }, this.limits.timeoutMs);
      try {
        this.stats.requests++;
        const response = await fetch(url, {
          headers: { accept: options.accept ?? FHIR_JSON, ...(authorization ? { authorization } : {}) },
          signal: controller.signal,
          redirect: 'error',
        });
        if (response.status === 401 && this.auth && !tokenRenewed) {
          await response.body?.cancel();
          this.auth.refused();
          tokenRenewed = true;
          attempt--;
          continue;
        }
        if (isRetryableStatus(response.status) && !last) {
          await response.body?.cancel();
          const asked = retryAfterMs(response.headers.get('retry-after'));
          if (asked === undefined || asked <= this.limits.maxRetryAfterMs) {
            this.stats.retries++;
            await sleep(asked ?? backoffMs(attempt, this.limits));
            continue;
          }
          throw new FhirFetchError(`${label}: the server asked to wait ${Math.round(asked / 1000)} s; gave up`);
        }
        const body = await readCapped(response, maxBytes);
        this.stats.bytes += body.byteLength;
        return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
      } catch (error) {
        if (error instanceof FhirFetchError) throw error;
        if (error instanceof TooLarge)
          throw new FhirTooLargeError(`${label}: larger than ${maxBytes} bytes; not fetched`);
        const why = controller.signal.aborted
          ? `timed out after ${this.limits.timeoutMs} ms`
          : `network error (${networkCause(error)})`;
        if (last) throw new FhirFetchError(`${label}: ${why}, ${attempt + 1} attempts`);
        this.stats.retries++;
        await sleep(backoffMs(attempt, this.limits));
      } finally {
        clearTimeout(timer);
      }
    }
  }
}
