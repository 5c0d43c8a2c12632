// Integration: the webhook sender against a real local HTTP receiver. It signs, refuses private targets before any
// connection (literal addresses) and at connection time (a host name that resolves to one), follows no redirect,
// and says which failures are worth retrying.
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../app/notification-ports.ts';
import { HttpWebhookSender } from './webhook-sender.ts';

const SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const strict = new HttpWebhookSender({ allowLoopbackHttp: false, allowPrivateNetworks: false }, 2000);
const local = new HttpWebhookSender({ allowLoopbackHttp: true, allowPrivateNetworks: false }, 2000);
const webhook = (url: string) => ({ url, secret: SECRET, id: 'msg_1', timestamp: 1_700_000_000, body: '{"a":1}' });

/** The host name of this machine when it resolves to a loopback or private address (as on most machines). */
const localName = await lookup(hostname()).then(
  ({ address }) => (/^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(address) ? hostname() : undefined),
  () => undefined,
);

describe('webhook sender', () => {
  let receiver: http.Server;
  let port = 0;
  const received: http.IncomingHttpHeaders[] = [];
  let answer = 204;

  beforeAll(async () => {
    receiver = http.createServer((request, response) => {
      received.push(request.headers);
      response.statusCode = answer;
      if (answer === 302) response.setHeader('location', 'http://169.254.169.254/latest/meta-data');
      request.resume();
      request.on('end', () => response.end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    port = (receiver.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
  });

  beforeEach(() => {
    received.length = 0;
    answer = 204;
  });

  const failure = (promise: Promise<void>) =>
    promise.then(
      () => undefined,
      (error: unknown) => (error instanceof DeliveryError ? error : undefined),
    );

  it('posts the signed body to a receiver it is allowed to reach', async () => {
    await local.post(webhook(`http://127.0.0.1:${String(port)}/hook`));
    expect(received[0]).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
      'webhook-timestamp': '1700000000',
    });
    expect(received[0]?.['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
  });

  it('refuses loopback and private targets for good, without connecting', async () => {
    for (const url of [
      `http://127.0.0.1:${String(port)}/hook`,
      `https://127.0.0.1:${String(port)}/hook`,
      'https://10.9.8.7/hook',
    ]) {
      const error = await failure(strict.post(webhook(url)));
      expect(error?.retryable, url).toBe(false);
    }
    expect(received).toHaveLength(0);
  });

  it.runIf(localName !== undefined)(
    'refuses a host name that resolves to a private address, when connecting',
    async () => {
      const error = await failure(strict.post(webhook(`https://${localName ?? ''}:${String(port)}/hook`)));
      expect(error?.message).toContain('private network');
      expect(error?.retryable).toBe(false);
      expect(received).toHaveLength(0);
    },
  );

  it('follows no redirect, and retries only what may succeed later', async () => {
    const url = `http://127.0.0.1:${String(port)}/hook`;
    answer = 302;
    expect((await failure(local.post(webhook(url))))?.retryable).toBe(false);
    expect(received).toHaveLength(1);
    answer = 503;
    expect((await failure(local.post(webhook(url))))?.retryable).toBe(true);
    answer = 429;
    expect((await failure(local.post(webhook(url))))?.retryable).toBe(true);
    answer = 410;
    expect((await failure(local.post(webhook(url))))?.retryable).toBe(false);
    const closed = await failure(local.post(webhook('http://127.0.0.1:9/hook')));
    expect(closed?.retryable).toBe(true);
  });
});
