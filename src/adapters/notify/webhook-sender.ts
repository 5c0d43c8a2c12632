// Outgoing webhooks: a signed JSON POST (Standard Webhooks headers), no redirects followed, a time limit, and a
// guard against server-side request forgery: the URL is checked again at send time, and the host name's addresses
// are checked as they are resolved for the connection itself (so a name that resolves to a private address, or
// changes to one after the settings were saved, is refused). 2xx is delivered; 408, 429, 5xx and network failures
// are retried by the job queue; other answers are final.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { DeliveryError, type OutgoingWebhook, type WebhookSender } from '../../app/notification-ports.ts';
import { checkWebhookUrl, type WebhookUrlPolicy } from '../../core/notification/index.ts';
import { signWebhook } from './webhook-signature.ts';

function blockedRanges(policy: WebhookUrlPolicy): BlockList {
  const blocked = new BlockList();
  if (!policy.allowLoopbackHttp && !policy.allowPrivateNetworks) {
    blocked.addSubnet('127.0.0.0', 8, 'ipv4');
    blocked.addAddress('::1', 'ipv6');
  }
  if (!policy.allowPrivateNetworks) {
    for (const [net, bits] of [
      ['0.0.0.0', 8],
      ['10.0.0.0', 8],
      ['100.64.0.0', 10],
      ['169.254.0.0', 16],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
      ['224.0.0.0', 3],
    ] as const) {
      blocked.addSubnet(net, bits, 'ipv4');
    }
    blocked.addAddress('::', 'ipv6');
    blocked.addSubnet('fc00::', 7, 'ipv6');
    blocked.addSubnet('fe80::', 10, 'ipv6');
    // IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) are checked against the IPv4 ranges by BlockList itself.
  }
  return blocked;
}

/** dns.lookup that refuses private addresses, used by the connection itself (no second, rebindable lookup). */
function guardedLookup(blocked: BlockList): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 4);
        return;
      }
      const refused = addresses.find((a) => blocked.check(a.address, a.family === 6 ? 'ipv6' : 'ipv4'));
      if (refused || addresses.length === 0) {
        const denied = Object.assign(new Error('the webhook host resolves to a private network address'), {
          code: 'EWEBHOOKPRIVATE',
        });
        callback(denied, '', 4);
        return;
      }
      if (options.all) {
        (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        return;
      }
      const first = addresses[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

export class HttpWebhookSender implements WebhookSender {
  private readonly blocked: BlockList;

  constructor(
    private readonly policy: WebhookUrlPolicy,
    private readonly timeoutMs = 10_000,
  ) {
    this.blocked = blockedRanges(policy);
  }

  post(webhook: OutgoingWebhook): Promise<void> {
    const issue = checkWebhookUrl(webhook.url, this.policy)[0];
    if (issue) return Promise.reject(new DeliveryError(`webhook refused: ${issue.message}`, false));
    const url = new URL(webhook.url);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && this.blocked.check(host, isIP(host) === 6 ? 'ipv6' : 'ipv4')) {
      return Promise.reject(new DeliveryError('webhook refused: a private network address', false));
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Klivira-Webhooks/1',
      ...signWebhook(webhook.secret, webhook.id, webhook.timestamp, webhook.body),
    };
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<void>((resolve, reject) => {
      const request = client.request(
        url,
        { method: 'POST', headers, lookup: guardedLookup(this.blocked), timeout: this.timeoutMs },
        (response) => {
          response.resume();
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            resolve();
            return;
          }
          const retryable = status === 408 || status === 429 || status >= 500;
          reject(new DeliveryError(`webhook answered ${String(status)}`, retryable));
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${String(this.timeoutMs)} ms`)));
      request.on('error', (error: Error & { code?: string }) => {
        const refused = error.code === 'EWEBHOOKPRIVATE';
        reject(new DeliveryError(`webhook not delivered: ${error.message}`, !refused));
      });
      request.end(webhook.body);
    });
  }
}
