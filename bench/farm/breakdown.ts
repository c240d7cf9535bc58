/**
 * bench:farm:breakdown — where a farm job's time goes: BENCH_FARM_JOBS no-op jobs through a
 * coordinator (this process, with one SSE client, as bench:farm runs it) and BENCH_FARM_WORKERS
 * worker processes, then the CPU each side spent per job (this process, the workers, redis-server)
 * and the Redis commands per job (INFO commandstats). On a machine with few cores the sum of the
 * CPU per job bounds the throughput, so this says what to cut. `BENCH_FARM_PROF=DIR` writes a CPU
 * profile of each worker into DIR (node --cpu-prof).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { EventSource } from 'eventsource';
import { Redis } from 'ioredis';
import { cpuMsOf, redisStats } from './cpu.js';
import { farmRedisOptions } from '../../src-main/farm/farm-connection.js';
import { FarmKeys } from '../../src-main/farm/farm-keys.js';
import { parseFarmUrl } from '../../src-main/farm/farm-url.js';
import { startHost } from '../../src-main/host.js';
import { startRedis } from '../../tests/helpers/redis-server.js';
import { report, round } from '../lib/stats.js';
import { benchSpec, noOpSteps } from '../engine/no-op-steps.js';

const JOBS = Number(process.env.BENCH_FARM_JOBS ?? 1000);
const WORKERS = Number(process.env.BENCH_FARM_WORKERS ?? 1);
const PROF = process.env.BENCH_FARM_PROF;
const CHILD = path.join(import.meta.dirname, 'worker-child.ts');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aura-bench-farm-breakdown-'));
const redisServer = await startRedis({ appendfsync: 'everysec' });
const url = parseFarmUrl(redisServer.url);
const children: ChildProcess[] = [];
try {
  const prefix = 'breakdown';
  const shared = path.join(root, 'shared');
  fs.mkdirSync(shared, { recursive: true });
  const host = await startHost({
    dataDir: path.join(root, 'data'),
    rendererDir: '/nonexistent',
    steps: noOpSteps,
    farm: { url, sharedDir: shared, render: false, keys: new FarmKeys(prefix) },
  });
  for (let i = 0; i < WORKERS; i++) {
    const flags = PROF ? ['--cpu-prof', '--cpu-prof-dir', PROF] : [];
    const argv = [...flags, '--import', 'tsx', CHILD, 'farm', redisServer.url, shared, prefix, `w${i}`];
    const proc = spawn('node', argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(proc);
    await new Promise((resolve) => createInterface({ input: proc.stdout! }).once('line', resolve));
  }
  const source = new EventSource(`${host.url}/api/events?token=${host.token}`);
  await new Promise((resolve) => source.addEventListener('queue-snapshot', resolve, { once: true }));
  let completed = 0;
  const done = new Promise<void>((resolve) =>
    source.addEventListener('job-completed', () => {
      if (++completed === JOBS) resolve();
    }),
  );
  const stats = new Redis(farmRedisOptions(url, 'stats'));
  const redisBefore = await redisStats(stats);
  const selfBefore = process.cpuUsage();
  const workersBefore = children.map((c) => cpuMsOf(c.pid!));
  const start = performance.now();
  for (let i = 0; i < JOBS; i += 50)
    await Promise.all(Array.from({ length: Math.min(50, JOBS - i) }, (_, k) => host.engine.create(benchSpec(i + k))));
  await done;
  const wallMs = performance.now() - start;
  const self = process.cpuUsage(selfBefore);
  const workersMs = children.map((c, i) => cpuMsOf(c.pid!) - workersBefore[i]!);
  const redisAfter = await redisStats(stats);
  source.close();
  stats.disconnect();
  const perJob = (ms: number) => round(ms / JOBS, 3);
  const workerTotal = workersMs.reduce((a, b) => a + b, 0);
  const coordinatorMs = (self.user + self.system) / 1000;
  const redisMs = redisAfter.cpuMs - redisBefore.cpuMs;
  const commands = [...redisAfter.calls]
    .map(([name, calls]) => [name, (calls - (redisBefore.calls.get(name) ?? 0)) / JOBS] as const)
    .filter(([, n]) => n >= 0.05)
    .sort((a, b) => b[1] - a[1]);
  report(
    `bench:farm:breakdown — ${JOBS} no-op jobs, ${WORKERS} worker process(es), ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
    {
      jobsPerSec: round(JOBS / (wallMs / 1000), 1),
      workerCpuMsPerJob: perJob(workerTotal),
      coordinatorCpuMsPerJob: perJob(coordinatorMs),
      redisCpuMsPerJob: perJob(redisMs),
      totalCpuMsPerJob: perJob(workerTotal + coordinatorMs + redisMs),
      redisCommandsPerJob: round(
        commands.reduce((a, [, n]) => a + n, 0),
        2,
      ),
    },
    commands.map(([name, n]) => `${name}: ${round(n, 2)} per job`),
  );
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
  children.length = 0;
  await host.close();
} finally {
  for (const c of children) c.kill('SIGKILL');
  await redisServer.stop();
  fs.rmSync(root, { recursive: true, force: true });
}
