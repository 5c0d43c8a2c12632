// SMART discovery: `<fhirBase>/.well-known/smart-configuration` names the authorization server's endpoints.
export interface SmartConfiguration {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  codeChallengeMethods: string[];
  signingAlgorithms: string[];
}

export class SmartDiscoveryError extends Error {}

function endpoint(document: Record<string, unknown>, name: string, url: string): string {
  const value = document[name];
  if (typeof value !== 'string' || !URL.canParse(value)) throw new SmartDiscoveryError(`${url} has no valid ${name}`);
  return value;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export async function discoverSmart(fhirBase: string, timeoutMs = 10_000): Promise<SmartConfiguration> {
  const url = `${fhirBase.replace(/\/$/, '')}/.well-known/smart-configuration`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new SmartDiscoveryError(`SMART discovery at ${url} failed: ${(error as Error).message}`);
  }
  if (!response.ok) throw new SmartDiscoveryError(`SMART discovery at ${url} answered ${response.status}`);
  let document: unknown;
  try {
    document = await response.json();
  } catch {
    throw new SmartDiscoveryError(`SMART discovery at ${url} did not answer JSON`);
  }
  if (document === null || typeof document !== 'object')
    throw new SmartDiscoveryError(`SMART discovery at ${url} did not answer a JSON object`);
  const fields = document as Record<string, unknown>;
  return {
    authorizationEndpoint: endpoint(fields, 'authorization_endpoint', url),
    tokenEndpoint: endpoint(fields, 'token_endpoint', url),
    codeChallengeMethods: strings(fields.code_challenge_methods_supported),
    signingAlgorithms: strings(fields.token_endpoint_auth_signing_alg_values_supported),
  };
}
