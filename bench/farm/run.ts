/**
 * bench:farm — no-op jobs through the farm (a coordinator in this process, 1, 2 and 4 worker
 * processes, one real redis-server with AOF everysec), BullMQ's raw no-op throughput with 4
 * worker processes on the same Redis, the SSE delivery p99 of job events through the API, and
 * the replay of a job's 1,000 events through the API (Last-Event-ID). With 4 workers, and for
 * raw BullMQ, it also prints the CPU every process of the round spent per job (workers, this
 * process, redis-server): on a 2-core machine shared with other work, jobs/s swings with their
 * load while CPU per job barely does, and its ratio is what ratio4 would be with the cores free.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Queue } from 'bullmq';
import { EventSource } from 'eventsource';
import { farmRedisOptions } from '../../src-main/farm/farm-connection.js';
import { FarmKeys } from '../../src-main/farm/farm-keys.js';
import { parseFarmUrl } from '../../src-main/farm/farm-url.js';
import { startHost, type Host } from '../../src-main/host.js';
import { newJobRecord } from '../../src-main/engine/job-record.js';
import { toQueueItem } from '../../src-main/engine/job-views.js';
import { FarmJournal } from '../../src-main/farm/farm-journal.js';
import { FarmStore } from '../../src-main/farm/farm-store.js';
import { Redis } from 'ioredis';
import { startRedis } from '../../tests/helpers/redis-server.js';
import { cpuMeter } from './cpu.js';
import { quantile, report, round } from '../lib/stats.js';
import { benchSpec, noOpSteps } from '../engine/no-op-steps.js';

const JOBS = Number(process.env.BENCH_FARM_JOBS ?? 300);
const CHILD = path.join(import.meta.dirname, 'worker-child.ts');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aura-bench-farm-'));
const redis = await startRedis({ appendfsync: 'everysec' });
const url = parseFarmUrl(redis.url);
const children: ChildProcess[] = [];
/** Reads redis-server's INFO for the CPU figures. */
const stats = new Redis(farmRedisOptions(url, 'bench-stats'));

function child(args: string[]): Promise<ChildProcess> {
  const proc = spawn('node', ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(proc);
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`worker child exited (${code})`)));
    createInterface({ input: proc.stdout! }).once('line', () => resolve(proc));
  });
}

async function stopAll(): Promise<void> {
  await Promise.all(
    children.splice(0).map(
      (c) =>
        new Promise<void>((resolve) => {
          c.removeAllListeners('exit');
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
        }),
    ),
  );
}

/** A host on the farm (prefix `prefix`), not rendering itself. */
async function coordinator(prefix: string): Promise<{ host: Host; shared: string }> {
  const shared = path.join(root, `${prefix}-shared`);
  fs.mkdirSync(shared, { recursive: true });
  const host = await startHost({
    dataDir: path.join(root, `${prefix}-data`),
    rendererDir: '/nonexistent',
    steps: noOpSteps,
    farm: { url, sharedDir: shared, render: false, keys: new FarmKeys(prefix) },
  });
  return { host, shared };
}

/** JOBS no-op jobs through a farm of `workers` processes; jobs/s, CPU ms per job and the SSE delivery latencies. */
async function farmRound(workers: number): Promise<{ jobsPerSec: number; cpuMsPerJob: number; sseMs: number[] }> {
  const prefix = `bench${workers}`;
  const { host, shared } = await coordinator(prefix);
  for (let i = 0; i < workers; i++) await child(['farm', redis.url, shared, prefix, `w${i}`]);
  const sseMs: number[] = [];
  const source = new EventSource(`${host.url}/api/events?token=${host.token}`);
  await new Promise((resolve) => source.addEventListener('queue-snapshot', resolve, { once: true }));
  // From the worker's commit (the event's ts) to an SSE client of the coordinator's API.
  const committedAt = new Map<string, number>();
  const off = host.engine.subscribe((e) => {
    if (e.type === 'job-completed') committedAt.set(e.jobId, e.ts);
  });
  let completed = 0;
  let batchDone: () => void = () => undefined;
  source.addEventListener('job-completed', (e: MessageEvent) => {
    const { jobId } = JSON.parse(e.data as string) as { jobId: string };
    sseMs.push(Date.now() - committedAt.get(jobId)!);
    if (++completed % JOBS === 0) batchDone();
  });
  /** JOBS jobs created in bursts of 50, resolved when the SSE client has seen every one complete. */
  const batch = async (first: number) => {
    const done = new Promise<void>((resolve) => (batchDone = resolve));
    for (let i = 0; i < JOBS; i += 50)
      await Promise.all(
        Array.from({ length: Math.min(50, JOBS - i) }, (_, k) => host.engine.create(benchSpec(first + i + k))),
      );
    await done;
  };
  // Untimed first: fresh processes run their first jobs while V8 is still compiling them.
  await batch(0);
  sseMs.length = 0;
  const cpu = await cpuMeter(
    stats,
    children.map((c) => c.pid!),
  );
  const start = performance.now();
  await batch(JOBS);
  const seconds = (performance.now() - start) / 1000;
  const cpuMsPerJob = (await cpu.stop()) / JOBS;
  off();
  source.close();
  await stopAll();
  await host.close();
  return { jobsPerSec: JOBS / seconds, cpuMsPerJob, sseMs };
}

/** JOBS no-op jobs through bare BullMQ with 4 worker processes: what the farm is measured against. */
async function rawRound(): Promise<{ jobsPerSec: number; cpuMsPerJob: number }> {
  const prefix = 'rawbench';
  for (let i = 0; i < 4; i++) await child(['raw', redis.url, prefix]);
  const queue = new Queue(`${prefix}-raw`, { connection: farmRedisOptions(url, 'raw-queue') });
  await queue.waitUntilReady();
  const batch = async () => {
    await queue.addBulk(
      Array.from({ length: JOBS }, (_, i) => ({ name: 'noop', data: { i }, opts: { removeOnComplete: true } })),
    );
    for (;;) {
      const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) break;
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  await batch(); // untimed, as the farm's first batch
  const cpu = await cpuMeter(
    stats,
    children.map((c) => c.pid!),
  );
  const start = performance.now();
  await batch();
  const seconds = (performance.now() - start) / 1000;
  const cpuMsPerJob = (await cpu.stop()) / JOBS;
  await queue.close();
  await stopAll();
  return { jobsPerSec: JOBS / seconds, cpuMsPerJob };
}

/** A job with 1,000 events in Redis, replayed through the API with Last-Event-ID from its start. */
async function replayRound(): Promise<number> {
  const { host } = await coordinator('replay');
  const conn = new Redis(farmRedisOptions(url, 'replay'));
  const journal = new FarmJournal(new FarmStore(conn, new FarmKeys('replay'), () => 100_000));
  const record = newJobRecord('replay-job', benchSpec(0), [], new Date().toISOString());
  const log = (n: number) =>
    ({ type: 'job-log', data: { jobId: record.jobId, level: 'info', message: `line ${n}` } }) as const;
  await journal.create(record, [log(0)]);
  for (let i = 1; i < 1000; i += 100)
    await journal.commit(
      record,
      Array.from({ length: Math.min(100, 1000 - i) }, (_, k) => log(i + k)),
      'record',
    );
  // Wait until the coordinator's index has the job.
  while (host.engine.lastSeq(record.jobId) < 1000) await new Promise((r) => setTimeout(r, 10));
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    const res = await fetch(`${host.url}/api/jobs/${record.jobId}/events`, {
      headers: { authorization: `Bearer ${host.token}`, 'last-event-id': '0-0' },
    });
    const reader = res.body!.getReader();
    let text = '';
    let ids = 0;
    while (ids < 1000) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString();
      ids = text.split('\nid: ').length - 1 + (text.startsWith('id: ') ? 1 : 0);
    }
    times.push(performance.now() - start);
    await reader.cancel();
  }
  conn.disconnect();
  await host.close();
  return quantile(times, 0.5);
}

/** 10,000 jobs in the farm: a coordinator's start-up (loading the index) and GET /api/queue p50 through the API. */
async function listRound(): Promise<{ listP50Ms: number; index10kLoadMs: number }> {
  const prefix = 'list';
  const conn = new Redis(farmRedisOptions(url, 'list'));
  const journal = new FarmJournal(new FarmStore(conn, new FarmKeys(prefix), () => 100_000));
  for (let i = 0; i < 10_000; i += 500)
    await Promise.all(
      Array.from({ length: 500 }, (_, k) => {
        const record = newJobRecord(
          `list-${i + k}`,
          benchSpec(i + k),
          [],
          new Date(Date.now() - (i + k)).toISOString(),
        );
        return journal.create(record, [{ type: 'job-created', data: { job: toQueueItem(record) } }]);
      }),
    );
  conn.disconnect();
  const start = performance.now();
  const { host } = await coordinator(prefix);
  const index10kLoadMs = performance.now() - start;
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    const res = await fetch(`${host.url}/api/queue?limit=50`, { headers: { authorization: `Bearer ${host.token}` } });
    await res.arrayBuffer();
    times.push(performance.now() - t);
  }
  await host.close();
  return { listP50Ms: quantile(times, 0.5), index10kLoadMs };
}

try {
  const list = await listRound();
  const one = await farmRound(1);
  const two = await farmRound(2);
  const four = await farmRound(4);
  const raw = await rawRound();
  const replay = await replayRound();
  report(
    `bench:farm — ${JOBS} no-op jobs (3 steps) per round after ${JOBS} untimed ones, one redis-server (AOF everysec), ${os.cpus().length} cores`,
    {
      jobsPerSec1: round(one.jobsPerSec, 1),
      jobsPerSec2: round(two.jobsPerSec, 1),
      jobsPerSec4: round(four.jobsPerSec, 1),
      rawBullmqJobsPerSec: round(raw.jobsPerSec, 1),
      ratio4: round(four.jobsPerSec / raw.jobsPerSec, 3),
      cpuMsPerJob4: round(four.cpuMsPerJob, 2),
      rawCpuMsPerJob: round(raw.cpuMsPerJob, 2),
      cpuRatio4: round(raw.cpuMsPerJob / four.cpuMsPerJob, 3),
      sseP99Ms: round(quantile(four.sseMs, 0.99), 1),
      replay1000Ms: round(replay, 1),
      list10kP50Ms: round(list.listP50Ms, 2),
      index10kLoadMs: round(list.index10kLoadMs, 0),
    },
  );
} finally {
  await stopAll();
  stats.disconnect();
  await redis.stop();
  fs.rmSync(root, { recursive: true, force: true });
}
