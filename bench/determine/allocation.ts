// What a determination allocates, on the Synthea sample patients: V8's sampling heap profiler, counting the objects
// the garbage collector has already freed too, over whole rounds of the 13 (bundle JSON → determination, as in
// bench.ts). Garbage matters on large records because every young-generation collection during a case copies the
// still-live parsed bundle; the top allocating functions say where the churn comes from.
// Run: node --import tsx bench/determine/allocation.ts [rounds]
import { Session } from 'node:inspector/promises';
import { loadPolicyLibrary } from '../../src/adapters/policies/load.ts';
import { CaseService } from '../../src/app/cases.ts';
import { syntheaCases } from './cases.ts';

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const texts = syntheaCases();
if (texts.length === 0) process.exit(0);
const rounds = Number(process.argv[2] ?? 4);
const service = new CaseService({ library: loadPolicyLibrary(), organizationId: 'bench', today: () => '2026-11-02' });
// Named, so that the profile shows the parsed bundles (JSON.parse's own allocation) under this name.
function parseBundle(text: string): unknown {
  return JSON.parse(text);
}
const round = (): void => {
  for (const text of texts) service.check(parseBundle(text));
};
for (let i = 0; i < 3; i += 1) round(); // warm-up: definitions compiled, JIT settled

const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 4096,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
for (let i = 0; i < rounds; i += 1) round();
const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: ProfileNode } };
session.disconnect();

const bySite = new Map<string, number>();
let total = 0;
const visit = (node: ProfileNode): void => {
  const { functionName, url, lineNumber } = node.callFrame;
  const site = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${String(lineNumber + 1)}`;
  bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
  total += node.selfSize;
  for (const child of node.children) visit(child);
};
visit(profile.head);
const mib = (bytes: number): string => (bytes / rounds / 1048576).toFixed(1).padStart(6);
console.log(`${String(texts.length)} bundles, ${String(rounds)} rounds: ${mib(total)} MiB allocated per round`);
for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`  ${mib(bytes)} MiB  ${site}`);
}
