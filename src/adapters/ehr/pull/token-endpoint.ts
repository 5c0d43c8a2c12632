// One request to an OAuth token endpoint (form POST), its answer checked. A refusal is reported by its OAuth
// error code only: the response body and the form (codes, assertions, refresh tokens) stay out of messages.
export interface TokenGrant {
  access_token: string;
  token_type: string;
  expires_in?: number;
  scope?: string;
  refresh_token?: string;
  id_token?: string;
  patient?: string;
  encounter?: string;
  fhirContext?: { reference?: string; canonical?: string; type?: string }[];
}

export class TokenError extends Error {}

export async function requestToken(
  tokenUrl: string,
  form: Record<string, string>,
  timeoutMs = 15_000,
): Promise<TokenGrant> {
  let response: Response;
  try {
    response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new TokenError(`the token endpoint ${tokenUrl} did not answer: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok) {
    const code = typeof body?.error === 'string' ? `: ${body.error.slice(0, 60)}` : '';
    throw new TokenError(`the token endpoint refused the ${form.grant_type ?? ''} grant (${response.status}${code})`);
  }
  if (typeof body?.access_token !== 'string' || typeof body.token_type !== 'string')
    throw new TokenError(
      `the token endpoint answered no access_token and token_type to the ${form.grant_type ?? ''} grant`,
    );
  if (body.token_type.toLowerCase() !== 'bearer')
    throw new TokenError(
      `the token endpoint issued a '${body.token_type.slice(0, 20)}' token; only Bearer is supported`,
    );
  return body as unknown as TokenGrant;
}
