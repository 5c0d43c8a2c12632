// The app's one way to the API: same-origin JSON with the session cookie; errors arrive as FHIR OperationOutcomes
// and become an ApiError carrying their diagnostics; unsafe methods carry the session's CSRF token (from /api/me).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The whole error body (a 409 duplicate carries `duplicateOf` beside the OperationOutcome). */
    readonly body: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;

/** Set once /api/me answers: every POST/PUT/DELETE carries it in X-CSRF-Token. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

interface OperationOutcomeLike {
  issue?: { diagnostics?: string; details?: { text?: string } }[];
}

function messageOf(status: number, body: unknown): string {
  const issues = (body as OperationOutcomeLike | null)?.issue ?? [];
  const text = issues
    .map((i) => i.diagnostics ?? i.details?.text)
    .filter(Boolean)
    .join('; ');
  return text || `the server answered ${String(status)}`;
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json, application/fhir+json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (a proxy's error page): the status alone is the message
  }
  // The session ended (signed out elsewhere, idle too long): start again, which shows the sign-in page.
  if (response.status === 401 && path !== '/api/me') window.location.reload();
  if (!response.ok) throw new ApiError(response.status, messageOf(response.status, parsed), parsed);
  return parsed as T;
}

/** Query string from the defined, non-empty values. */
export function query(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
