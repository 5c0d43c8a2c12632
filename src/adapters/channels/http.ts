// One HTTP exchange of a channel, with a time-out, mapped to typed channel failures.
import { ChannelError } from '../../core/channel/index.ts';

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

export async function exchange(url: string, init: RequestInit, timeoutMs: number): Promise<HttpAnswer> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new ChannelError('timeout', `no answer from ${new URL(url).host} within ${String(timeoutMs)} ms`);
    }
    throw new ChannelError(
      'unavailable',
      `cannot reach ${new URL(url).host}: ${error instanceof Error ? error.message : 'network error'}`,
    );
  }
  let body: Buffer;
  try {
    body = Buffer.from(await response.arrayBuffer());
  } catch {
    throw new ChannelError('timeout', `the answer from ${new URL(url).host} was cut off`);
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
}
