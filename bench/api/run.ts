/**
 * bench:api — GET /api/queue (default page of 50, stats over every job) with 10,000 jobs stored,
 * measured with autocannon against the real host in its own process. One connection gives the
 * per-request latency; ten show it under concurrent load. Flags: --seconds N --json.
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { quantile, report, round } from '../lib/stats.js';

const flag = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const SECONDS = flag('seconds', 10);
const STORED = flag('jobs', 10_000);

const child = fork(join(import.meta.dirname, 'server.ts'), [String(STORED)], { execArgv: ['--import', 'tsx'] });
const ready = await new Promise<{ url: string; token: string; jobs: number; seedMs: number }>((resolve, reject) => {
  child.once('message', (m) => resolve(m as never));
  child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
});

/** One autocannon run; durations come from its per-response hrtime, as autocannon's own summary rounds to whole ms. */
function run(
  connections: number,
  path = '/api/queue',
): Promise<{ p50: number; p99: number; perSec: number; bad: number }> {
  return new Promise((resolve, reject) => {
    const durations: number[] = [];
    const instance = autocannon(
      {
        url: `${ready.url}${path}`,
        headers: { authorization: `Bearer ${ready.token}` },
        connections,
        duration: SECONDS,
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          p50: quantile(durations, 0.5),
          p99: quantile(durations, 0.99),
          perSec: result.requests.average,
          bad: result.errors + result.non2xx,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, time) => durations.push(time));
  });
}

await run(1); // warm-up: JIT and caches, as a long-running server would be
const single = await run(1);
const loaded = await run(10);
const filtered = await run(1, '/api/queue?status=pending&limit=200');
const exited = new Promise((resolve) => child.once('exit', resolve));
child.send('exit');
await exited;

report(
  `bench:api — GET /api/queue with ${ready.jobs} jobs stored (seeded in ${round(ready.seedMs / 1000, 1)} s)`,
  { queue10kP50Ms: round(single.p50, 3), queue10kP99Ms: round(single.p99, 3) },
  [
    `1 connection: ${round(single.perSec, 0)} req/s`,
    `10 connections: p50 ${round(loaded.p50, 3)} ms, p99 ${round(loaded.p99, 3)} ms, ${round(loaded.perSec, 0)} req/s`,
    `?status=pending&limit=200, 1 connection: p50 ${round(filtered.p50, 3)} ms, p99 ${round(filtered.p99, 3)} ms`,
    `errors or non-2xx answers: ${single.bad + loaded.bad + filtered.bad}`,
    `machine: ${cpus().length} CPUs, load average at the end ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' / ')} (other work on the machine inflates latencies)`,
  ],
);
