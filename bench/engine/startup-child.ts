/** Run in a fresh process: opens an engine on a data dir of 10,000 jobs and measures start-up, RSS and list latency. */
import { performance } from 'node:perf_hooks';
import { createEngine } from '../../src-main/engine/engine.js';
import { quantile } from '../lib/stats.js';
import { noOpSteps } from './no-op-steps.js';

const dataDir = process.argv[2]!;
const started = performance.now();
const engine = await createEngine({ dataDir, steps: noOpSteps });
const startupMs = performance.now() - started;
const rssMB = process.memoryUsage().rss / 1024 / 1024;
const timings: number[] = [];
for (let i = 0; i < 1000; i++) {
  const t = performance.now();
  engine.list({ limit: 50 });
  engine.stats();
  timings.push(performance.now() - t);
}
const filtered: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  engine.list({ status: 'failed', limit: 50 });
  filtered.push(performance.now() - t);
}
await engine.close();
console.log(
  JSON.stringify({
    startupMs,
    rssMB,
    listP50Ms: quantile(timings, 0.5),
    listFilteredP50Ms: quantile(filtered, 0.5),
    jobs: engine.stats().total,
  }),
);
