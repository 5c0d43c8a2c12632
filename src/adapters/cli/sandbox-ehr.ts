// `klivira sandbox-ehr`: the sandbox EHR as a process — a SMART-protected FHIR R4 server with synthetic patients.
import { DEFAULT_PORT, startSandboxEhr, type SandboxEhr } from '../ehr/sandbox/server.ts';
import type { CliIo } from './main.ts';

export async function runSandboxEhr(options: { port?: number }, io: CliIo): Promise<void> {
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port number');
  const ehr = await startSandboxEhr({
    port,
    warn: (message) => {
      io.err(`${message}\n`);
    },
  });
  io.out(describeSandbox(ehr));
  const stop = (): void => void ehr.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Where the sandbox answers, its clients and its demo users (printed by `sandbox-ehr` and by `serve --demo`). */
export function describeSandbox(ehr: SandboxEhr): string {
  const users = ehr.users.map((u) => `  ${u.username} / ${u.password}  (${u.fhirUser})`).join('\n');
  return (
    `sandbox EHR on ${ehr.url}\n` +
    `  FHIR base            ${ehr.fhirBase}\n` +
    `  SMART configuration  ${ehr.smartConfigurationUrl}\n` +
    `  EHR launch           POST ${ehr.url}/sandbox/launch {"patient","encounter?","order?"}\n` +
    `  app client           ${ehr.appClient.clientId} (public, PKCE)\n` +
    `  backend client       ${ehr.backendClient.clientId} (private_key_jwt RS384; key in memory for this run)\n` +
    `  web sign-in client   ${ehr.webClient.clientId} (confidential; secret for this run; role claim klivira_role)\n` +
    `  demo users\n${users}\n` +
    `  ${String(ehr.cases.length)} charts with an order, e.g. ${ehr.cases[0]?.order ?? '(none)'}\n`
  );
}
