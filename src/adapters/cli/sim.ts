// `klivira sim payer`: the payer simulator as a process, for the demo and for manual tests against a channel.
import { buildSimulator } from '../../sim/server.ts';
import type { ScenarioRule } from '../../sim/scenarios.ts';
import type { CliIo } from './main.ts';

export async function startSimulator(
  options: { port: number; rules?: unknown; coreUser?: string; latencyMs?: number },
  io: CliIo,
): Promise<void> {
  if (!Number.isInteger(options.port) || options.port <= 0) throw new Error(`--port must be a port number`);
  if (options.rules !== undefined && !Array.isArray(options.rules))
    throw new Error('--scenarios must hold a JSON array of rules');
  const [username, password] = options.coreUser?.split(':') ?? [];
  const simulator = buildSimulator({
    rules: (options.rules ?? []) as ScenarioRule[],
    ...(username && password ? { core: { username, password } } : {}),
    logger: true,
    latencyMs: options.latencyMs ?? 300,
  });
  const address = await simulator.app.listen({ host: '127.0.0.1', port: options.port });
  io.out(
    `payer simulator on ${address}\n  PAS       ${address}/fhir/Claim/$submit\n  X12 CORE  ${address}/core\n  receipts  ${address}/sim/receipts\n`,
  );
  process.once('SIGINT', () => void simulator.app.close());
  process.once('SIGTERM', () => void simulator.app.close());
}
