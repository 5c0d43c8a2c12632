// CDS Hooks latency benchmark (issue 17): order-sign with a full prefetch on the demo cases (typical records: 8–25
// resources, one draft order), JWT verified on every call, in process (`app.inject`) and over loopback HTTP.
// Each phase sends ROUNDS × 24 requests after one warm-up pass; the target is p95 < 500 ms.
// Run: node --import tsx bench/cds-hooks/latency.ts
import Fastify from 'fastify';
import { cdsHooksRoutes } from '../../src/adapters/cds-hooks/routes.ts';
import { demoHookRequest } from '../../src/adapters/cds-hooks/testing/demo-hook.ts';
import { startTestEhr } from '../../src/adapters/cds-hooks/testing/ehr-keys.ts';
import { loadPolicyLibrary } from '../../src/adapters/policies/load.ts';
import { CaseService } from '../../src/app/cases.ts';
import { generateDemoCases } from '../../src/demo/index.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const PUBLIC_URL = 'https://klivira.bench';
const AUDIENCE = `${PUBLIC_URL}/cds-services/klivira-order-sign`;

const ehr = await startTestEhr();
const service = new CaseService({ library: loadPolicyLibrary(), organizationId: 'bench', today: () => '2026-11-02' });
const app = Fastify({ logger: false });
await app.register(cdsHooksRoutes({ service, publicUrl: PUBLIC_URL, trustedIssuers: { [ehr.issuer]: ehr.jwksUrl } }));

const demos = generateDemoCases({ seed: 1 });
const bodies = demos.map((demo) => JSON.stringify(demoHookRequest(demo, { hook: 'order-sign' })));
const sizes = bodies.map((b) => Buffer.byteLength(b)).sort((a, b) => a - b);

/** Tokens are the EHR's cost, minted before the clock starts; each is used once (jti). */
const tokens = async (n: number) => Promise.all(Array.from({ length: n }, () => ehr.sign(AUDIENCE)));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

function report(label: string, latencies: number[], wallMs: number): void {
  const sorted = [...latencies].sort((a, b) => a - b);
  const f = (ms: number) => ms.toFixed(1).padStart(7);
  console.log(
    `${label.padEnd(34)} n=${String(sorted.length).padStart(4)}  p50 ${f(percentile(sorted, 50))} ms  p95 ${f(percentile(sorted, 95))} ms  p99 ${f(percentile(sorted, 99))} ms  max ${f(sorted.at(-1) ?? NaN)} ms  ${(sorted.length / (wallMs / 1000)).toFixed(0)} req/s`,
  );
}

async function phase(label: string, concurrency: number, send: (body: string, token: string) => Promise<number>) {
  const count = ROUNDS * bodies.length;
  const minted = await tokens(count);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        const status = await send(bodies[i % bodies.length] ?? '', minted[i] ?? '');
        latencies.push(performance.now() - t0);
        if (status !== 200) throw new Error(`${label}: HTTP ${status}`);
      }
    }),
  );
  report(label, latencies, performance.now() - started);
}

const inject = async (body: string, token: string) =>
  (
    await app.inject({
      method: 'POST',
      url: '/cds-services/klivira-order-sign',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: body,
    })
  ).statusCode;

// Warm-up: one pass over every case (the first determination compiles the policy library's paths).
const warmTokens = await tokens(bodies.length);
const warmStart = performance.now();
for (const [i, body] of bodies.entries()) await inject(body, warmTokens[i] ?? '');
console.log(`warm-up: ${bodies.length} requests in ${(performance.now() - warmStart).toFixed(0)} ms`);
console.log(`request bodies: ${sizes[0]}–${sizes.at(-1)} bytes (median ${percentile(sizes, 50)})`);

await phase('in process (inject), sequential', 1, inject);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
const http = async (body: string, token: string) => {
  const response = await fetch(`${url}/cds-services/klivira-order-sign`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  await response.arrayBuffer();
  return response.status;
};
await phase('loopback HTTP, sequential', 1, http);
await phase('loopback HTTP, 4 concurrent', 4, http);

await app.close();
await ehr.close();
