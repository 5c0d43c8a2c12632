// Bearer tokens for a payer's FHIR endpoint: OAuth 2 client credentials, either SMART Backend Services style (a
// `private_key_jwt` client assertion signed with our private key, RS384 or ES384) or a client secret (HTTP Basic).
// A token is reused until shortly before it expires; it is never logged or put in an error message.
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { ChannelError } from '../../core/channel/index.ts';
import type { PasAuthConfig } from '../config.ts';
import { CLIENT_ASSERTION_TYPE, signClientAssertion } from '../oauth/client-assertion.ts';
import { exchange } from './http.ts';

export interface BearerTokens {
  token(): Promise<string>;
  /** Forgets the cached token (the endpoint refused it): the next call fetches a fresh one. */
  invalidate(): void;
}

export type ClientCredential = { kind: 'private_key_jwt'; key: JWK } | { kind: 'client_secret'; secret: string };

export interface ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  credential: ClientCredential;
  scope?: string;
  timeoutMs: number;
  now?: () => number;
}

/** Renew this long before the stated expiry, so that a token never expires in flight. */
const RENEW_BEFORE_MS = 60_000;

export class ClientCredentialsTokens implements BearerTokens {
  private cached: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ClientCredentialsOptions) {
    this.now = options.now ?? Date.now;
  }

  token(): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return Promise.resolve(this.cached.token);
    // Concurrent submissions share one request to the token endpoint.
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    const { tokenUrl, clientId, credential, scope, timeoutMs } = this.options;
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (credential.kind === 'private_key_jwt') {
      form.set('client_assertion_type', CLIENT_ASSERTION_TYPE);
      form.set('client_assertion', await signClientAssertion(credential.key, clientId, tokenUrl, this.now()));
    } else {
      // RFC 6749 §2.3.1: both parts form-encoded before Basic encoding.
      const pair = `${encodeURIComponent(clientId)}:${encodeURIComponent(credential.secret)}`;
      headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    }
    const host = new URL(tokenUrl).host;
    const answer = await exchange(tokenUrl, { method: 'POST', headers, body: form.toString() }, timeoutMs);
    const body = parseJson(answer.body.toString('utf8'));
    if (answer.status !== 200) {
      const reason = typeof body?.error === 'string' ? `: ${body.error.slice(0, 100)}` : '';
      const message = `the token endpoint ${host} refused the client credentials (HTTP ${String(answer.status)}${reason})`;
      throw new ChannelError(answer.status >= 500 ? 'unavailable' : 'rejected', message, answer.status);
    }
    const token = body?.access_token;
    if (typeof token !== 'string' || token === '') {
      throw new ChannelError('malformed_response', `the token endpoint ${host} answered without an access_token`);
    }
    const lifetimeMs = (typeof body?.expires_in === 'number' ? body.expires_in : 300) * 1000;
    // Short-lived tokens are renewed at half their life rather than before they were issued.
    this.cached = { token, renewAt: this.now() + Math.max(lifetimeMs - RENEW_BEFORE_MS, lifetimeMs / 2) };
    return token;
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The token source configuration names; the private JWK is read once, at start-up. */
export function tokensFromConfig(auth: PasAuthConfig, timeoutMs: number): ClientCredentialsTokens {
  let credential: ClientCredential;
  if (auth.clientKeyFile) {
    const key = JSON.parse(readFileSync(auth.clientKeyFile, 'utf8')) as JWK;
    if (!key.d) throw new Error('KLIVIRA_PAS_CLIENT_KEY must name a private JWK (it has no private part)');
    if (key.kty !== 'RSA' && key.kty !== 'EC') throw new Error('KLIVIRA_PAS_CLIENT_KEY must be an RSA or EC key');
    credential = { kind: 'private_key_jwt', key };
  } else if (auth.clientSecret) credential = { kind: 'client_secret', secret: auth.clientSecret };
  else throw new Error('PAS authentication needs a client key or a client secret');
  return new ClientCredentialsTokens({
    tokenUrl: auth.tokenUrl,
    clientId: auth.clientId,
    credential,
    ...(auth.scope ? { scope: auth.scope } : {}),
    timeoutMs,
  });
}
