// Child-process side of the streaming benchmark: stream a batch file through the one-pass validator (tokenize,
// envelope, 278 model, validation, decision summary per set), print figures as JSON. bench.ts runs it transpiled to
// plain JS under plain node, so the figure is the codec's, not the tsx loader's.
import { createReadStream, readFileSync } from 'node:fs';
import { summarise278Response, validateX12Stream } from '../../src/core/x12/index.ts';

export interface StreamFigures {
  count: number;
  errors: number;
  seconds: number;
  maxRssMiB: number;
  heapUsedMiB: number;
}

/**
 * Peak resident memory of this process. On Linux, VmHWM of /proc/self/status: getrusage's maxRSS also counts the
 * parent's memory, which the child shares between fork and exec (the kernel carries that peak across exec).
 */
function peakRssMiB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (hwm !== undefined) return Number(hwm) / 1024;
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS / 1024;
}

export async function streamFile(file: string): Promise<StreamFigures> {
  const started = performance.now();
  let heapUsed = 0;
  let seen = 0;
  const report = await validateX12Stream(createReadStream(file, { highWaterMark: 64 * 1024 }), {
    retainTransactions: false,
    onTransaction: (parsed) => {
      summarise278Response(parsed.transaction);
      if (++seen % 5_000 === 0) heapUsed = Math.max(heapUsed, process.memoryUsage().heapUsed);
    },
  });
  return {
    count: report.transactionCount,
    errors: report.errorCount,
    seconds: (performance.now() - started) / 1000,
    maxRssMiB: peakRssMiB(),
    heapUsedMiB: heapUsed / (1024 * 1024),
  };
}

const file = process.argv[2];
if (file !== undefined && process.argv[1]?.endsWith('stream-run.js') === true) {
  process.stdout.write(JSON.stringify(await streamFile(file)));
}
