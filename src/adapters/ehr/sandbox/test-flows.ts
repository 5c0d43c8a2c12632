// The client side of the SMART flows, as the integration tests drive them against a running sandbox: a Backend
// Services token from a signed client assertion, and an authorization code flow with PKCE that fills the login form
// and follows every redirect by hand (cookies included), as a browser would; and a browser's walk through another
// app's sign-in at the sandbox (Klivira's web sign-in), ending where the app sends the browser back to itself.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import type { SandboxEhr } from './server.ts';

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
  refresh_token?: string;
  id_token?: string;
  patient?: string;
  encounter?: string;
  fhirContext?: { reference: string }[];
  need_patient_banner?: boolean;
  smart_style_url?: string;
}

async function tokenRequest(tokenUrl: string, form: Record<string, string>): Promise<Response> {
  return fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
}

export async function backendToken(ehr: SandboxEhr, scope = 'system/*.rs'): Promise<TokenResponse> {
  const { clientId, privateJwk, tokenUrl } = ehr.backendClient;
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS384', kid: privateJwk.kid ?? '', typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrl)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(await importJWK(privateJwk, 'RS384'));
  const response = await tokenRequest(tokenUrl, {
    grant_type: 'client_credentials',
    scope,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });
  if (!response.ok) throw new Error(`token request failed: ${String(response.status)} ${await response.text()}`);
  return (await response.json()) as TokenResponse;
}

export async function fhirGet(url: string, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    headers: { accept: 'application/fhir+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export interface AuthorizeOptions {
  scope: string;
  username: string;
  password: string;
  redirectUri: string;
  launch?: string;
  /** Standalone launch: the patient to pick in the form. */
  patient?: string;
}

/** A browser's cookies by name (the sandbox and the app share a host, as a browser's cookies do across ports). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split(/=(.*)/s);
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The form's fields as a browser would submit them, the credentials and the picked patient filled in. */
function fillForm(html: string, options: AuthorizeOptions): { action: string; fields: URLSearchParams } {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in the page: ${html.slice(0, 300)}`);
  const fields = new URLSearchParams();
  if (html.includes('name="username"')) {
    fields.set('username', options.username);
    fields.set('password', options.password);
  }
  if (html.includes('name="patient"')) {
    const selected = /<option value="([^"]+)" selected>/.exec(html)?.[1];
    fields.set('patient', options.patient ?? selected ?? '');
  }
  return { action, fields };
}

/** Authorization code flow with PKCE (S256) through the sandbox's login and consent; returns the token response. */
export async function authorizeWithPkce(ehr: SandboxEhr, options: AuthorizeOptions): Promise<TokenResponse> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(8).toString('hex');
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: ehr.appClient.clientId,
    redirect_uri: options.redirectUri,
    scope: options.scope,
    state,
    aud: ehr.fhirBase,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(options.launch ? { launch: options.launch } : {}),
  });
  const jar = new CookieJar();
  let url = new URL(`${ehr.issuer}/auth?${params.toString()}`);
  let post: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, {
      method: post ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(post ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(post ? { body: post } : {}),
    });
    jar.store(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.href.startsWith(options.redirectUri)) {
        if (next.searchParams.get('state') !== state) throw new Error('state mismatch');
        const code = next.searchParams.get('code');
        if (!code) throw new Error(`authorization failed: ${next.searchParams.toString()}`);
        return exchangeCode(ehr, { code, verifier, redirectUri: options.redirectUri });
      }
      url = next;
      post = undefined;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`unexpected ${String(response.status)} at ${url.href}: ${html}`);
    const form = fillForm(html, options);
    url = new URL(form.action, url);
    post = form.fields;
  }
  throw new Error('too many redirects');
}

async function exchangeCode(
  ehr: SandboxEhr,
  input: { code: string; verifier: string; redirectUri: string },
): Promise<TokenResponse> {
  const response = await tokenRequest(ehr.tokenUrl, {
    grant_type: 'authorization_code',
    code: input.code,
    code_verifier: input.verifier,
    redirect_uri: input.redirectUri,
    client_id: ehr.appClient.clientId,
  });
  if (!response.ok) throw new Error(`code exchange failed: ${String(response.status)} ${await response.text()}`);
  return (await response.json()) as TokenResponse;
}

/**
 * From `startUrl`, follows redirects (keeping cookies) and fills the sandbox's login form, until `done` says a URL
 * about to be requested is the end: that URL, with the cookies so far. A non-redirect that is not the form fails.
 */
export async function browseSignIn(
  startUrl: string,
  credentials: { username: string; password: string },
  done: (url: URL) => boolean,
  jar = new CookieJar(),
): Promise<{ url: URL; jar: CookieJar }> {
  let url = new URL(startUrl);
  let post: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, {
      method: post ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(post ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(post ? { body: post } : {}),
    });
    jar.store(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      post = undefined;
      if (done(url)) return { url, jar };
      continue;
    }
    const html = await response.text();
    if (response.status !== 200 || !html.includes('name="username"'))
      throw new Error(`unexpected ${String(response.status)} at ${url.href}: ${html.slice(0, 300)}`);
    const form = fillForm(html, { ...credentials, scope: '', redirectUri: '' });
    url = new URL(form.action, url);
    post = form.fields;
  }
  throw new Error('too many redirects');
}

export async function refresh(ehr: SandboxEhr, refreshToken: string): Promise<Response> {
  return tokenRequest(ehr.tokenUrl, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: ehr.appClient.clientId,
  });
}
