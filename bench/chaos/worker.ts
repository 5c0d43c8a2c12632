// One worker process of the chaos runs: the product's runtime, configured from the environment as `klivira serve`
// is (DATABASE_URL, KLIVIRA_PAS_URL, KLIVIRA_CORE_URL), with a fast-polling worker that claims and runs jobs until
// it is killed.
import { loadConfig } from '../../src/adapters/config.ts';
import { startRuntime } from '../../src/adapters/runtime.ts';
import { Worker } from '../../src/app/worker.ts';
import { generateDemoCases } from '../../src/demo/index.ts';

const config = loadConfig();
if (!config.databaseUrl || !config.payer.pasUrl) throw new Error('DATABASE_URL and KLIVIRA_PAS_URL are required');
const runtime = await startRuntime(config);
// Warm up as a long-running worker is: the first intake check in a process loads the validator and takes seconds on
// a busy machine, longer than the 0.5–2 s a worker lives here, so that no job would ever finish.
for (const demo of generateDemoCases({ seed: 1, count: 2 })) runtime.service.check(demo.bundle);
// A short lease so that a killed worker's job is taken over quickly.
const worker = new Worker(runtime.ports.jobs, runtime.submissions, { pollMs: 20, leaseMs: 1500 });
worker.start();
// The runner starts its kill timer now: start-up and warm-up are not what is tested.
process.send?.('ready');
