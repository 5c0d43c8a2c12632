// `klivira serve`: the API on the embedded database (or DATABASE_URL), optionally with the demo cases loaded.
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { buildServer } from '../http/server.ts';
import { startRuntime } from '../runtime.ts';
import { loadDemo } from './demo.ts';
import type { CliIo } from './main.ts';

export async function serve(config: Config, options: { demo: boolean }, io: CliIo): Promise<void> {
  const runtime = await startRuntime(config);
  const app = await buildServer({
    service: runtime.service,
    ping: async () => {
      await sql`select 1`.execute(runtime.database.db);
    },
    storage: runtime.database.kind,
    bodyLimit: config.bodyLimit,
    logLevel: config.logLevel,
  });
  if (options.demo) {
    const loaded = await loadDemo(runtime, '.klivira/demo');
    io.out(
      `demo: ${String(loaded.stored)} cases stored (${String(loaded.skipped)} already there); bundles in ${loaded.dir}\n`,
    );
  }
  const stop = async (): Promise<void> => {
    await app.close();
    await runtime.database.close();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  const address = await app.listen({ host: config.host, port: config.port });
  io.out(
    `Klivira API on ${address} (storage: ${runtime.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL server'})\n` +
      `  OpenAPI docs  ${address}/docs\n  health        ${address}/healthz\n`,
  );
}
