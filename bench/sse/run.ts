/**
 * bench:sse — fan-out: 200 EventSource clients on /api/events while jobs report progress at a
 * fixed rate; delivery latency (engine emit → client receive) p50/p99, events/s, server CPU; the
 * same load through a minimal better-sse channel server as the anchor. Then reconnect replay:
 * a client that missed 1,000 events of a job reconnects; time until it has all of them.
 * Each server runs in its own process so its CPU is its own; rounds alternate between them.
 * Flags: --clients N --client-procs N --seconds N --rounds N --json.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { EventSource } from 'eventsource';
import { EVENT_TYPES } from '../../src-shared/events.js';
import { quantile, report, round } from '../lib/stats.js';
import type { ClientProcMessage } from './client-proc.js';
import { type ChildMessage, type LoadShape, type ParentMessage } from './protocol.js';

const flag = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const CLIENTS = flag('clients', 200);
/** Processes receiving the clients' frames. On 2 cores one leaves the other core to the server; raise it on bigger machines. */
const CLIENT_PROCS = flag('client-procs', 1);
/** Settings cap concurrency at 16 jobs, so the 20 jobs × 10 Hz (200 events/s) runs as 16 × 12.5 Hz. */
const SHAPE: LoadShape = { jobs: 16, hz: 12.5, seconds: flag('seconds', 6) };
const ROUNDS = flag('rounds', 3);

interface Child {
  process: ChildProcess;
  next<T extends ChildMessage['type']>(type: T): Promise<Extract<ChildMessage, { type: T }>>;
  send(message: ParentMessage): void;
}

function startChild(script: string): Child {
  const child = fork(join(import.meta.dirname, script), [JSON.stringify(SHAPE)], { execArgv: ['--import', 'tsx'] });
  return {
    process: child,
    next: (type) =>
      new Promise((resolve, reject) => {
        const onMessage = (message: ChildMessage) => {
          if (message.type !== type) return;
          child.off('message', onMessage);
          resolve(message as never);
        };
        child.on('message', onMessage);
        child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before "${type}"`)));
      }),
    send: (message) => child.send(message),
  };
}

/** Opens `CLIENTS` EventSources spread over `CLIENT_PROCS` processes; resolves once every one has its snapshot. */
async function openClients(url: string) {
  const procs = Array.from({ length: CLIENT_PROCS }, (_, i) => {
    const share = Math.floor(CLIENTS / CLIENT_PROCS) + (i < CLIENTS % CLIENT_PROCS ? 1 : 0);
    return fork(join(import.meta.dirname, 'client-proc.ts'), [url, String(share)], { execArgv: ['--import', 'tsx'] });
  });
  const next = <T extends ClientProcMessage['type']>(proc: ChildProcess, type: T) =>
    new Promise<Extract<ClientProcMessage, { type: T }>>((resolve) => {
      const onMessage = (message: ClientProcMessage) => {
        if (message.type !== type) return;
        proc.off('message', onMessage);
        resolve(message as never);
      };
      proc.on('message', onMessage);
    });
  await Promise.all(procs.map((p) => next(p, 'connected')));
  return {
    /** Every client's (seq, arrival) pairs so far. */
    async collect(): Promise<{ seqs: number[]; times: number[] }> {
      const parts = await Promise.all(
        procs.map((p) => {
          const reply = next(p, 'collected');
          p.send({ type: 'collect' });
          return reply;
        }),
      );
      return { seqs: parts.flatMap((x) => x.seqs), times: parts.flatMap((x) => x.times) };
    },
    close: () => procs.forEach((p) => p.send({ type: 'exit' })),
  };
}

async function fanOut(script: string) {
  const child = startChild(script);
  const { url } = await child.next('ready');
  const clients = await openClients(url);
  const done = child.next('done');
  child.send({ type: 'start' });
  const result = await done;
  // Let the last frames arrive: every client should have every event emitted since the start.
  const expected = (result.emits.length - result.firstSeq) * CLIENTS;
  const deadline = Date.now() + 5_000;
  let got = await clients.collect();
  while (got.seqs.length < expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    got = await clients.collect();
  }
  clients.close();
  const latencies: number[] = [];
  for (let i = 0; i < got.seqs.length; i++) {
    const seq = got.seqs[i]!;
    const emitted = result.emits[seq];
    if (emitted !== undefined && seq >= result.firstSeq) latencies.push(got.times[i]! - emitted);
  }
  return { child, url, result, latencies, delivered: got.seqs.length, expected };
}

async function replay(child: Child, url: string, count: number): Promise<number> {
  const ready = child.next('replay-ready');
  child.send({ type: 'prepare-replay', count });
  const { jobId, afterId } = await ready;
  const timings: number[] = [];
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      let received = 0;
      const source = new EventSource(`${url}/api/jobs/${jobId}/events?token=bench&lastEventId=${afterId}`);
      const onEvent = () => {
        if (++received < count) return;
        source.close();
        resolve();
      };
      for (const type of EVENT_TYPES) source.addEventListener(type, onEvent);
    });
    timings.push(performance.now() - started);
  }
  return quantile(timings, 0.5);
}

/** Rounds of each server, alternating, so changing load on the machine hits both alike. */
interface Pooled {
  latencies: number[];
  delivered: number;
  expected: number;
  cpuMs: number;
  wallMs: number;
}
const pooled = (): Pooled => ({ latencies: [], delivered: 0, expected: 0, cpuMs: 0, wallMs: 0 });
const aura = pooled();
const anchor = pooled();
let replay1000Ms = NaN;
for (let round = 0; round < ROUNDS; round++) {
  for (const [script, into] of [
    ['aura-server.ts', aura],
    ['better-sse-server.ts', anchor],
  ] as const) {
    const run = await fanOut(script);
    for (const latency of run.latencies) into.latencies.push(latency);
    into.delivered += run.delivered;
    into.expected += run.expected;
    into.cpuMs += run.result.cpuMs;
    into.wallMs += run.result.wallMs;
    if (script === 'aura-server.ts' && round === 0) replay1000Ms = await replay(run.child, run.url, 1000);
    run.child.send({ type: 'exit' });
  }
}

const p99 = quantile(aura.latencies, 0.99);
const betterSseP99 = quantile(anchor.latencies, 0.99);
const cpuPct = (r: { cpuMs: number; wallMs: number }) => round((r.cpuMs / r.wallMs) * 100, 1);
report(
  `bench:sse — ${CLIENTS} clients (${CLIENT_PROCS} processes) on /api/events, ${SHAPE.jobs} jobs × ${SHAPE.hz} Hz progress, ${ROUNDS} × ${SHAPE.seconds} s per server, alternating`,
  {
    p50Ms: round(quantile(aura.latencies, 0.5), 2),
    p99Ms: round(p99, 2),
    eventsPerSec: round(aura.delivered / (aura.wallMs / 1000), 0),
    betterSseP99Ms: round(betterSseP99, 2),
    ratioP99: round(p99 / betterSseP99, 2),
    replay1000Ms: round(replay1000Ms, 1),
  },
  [
    `aura: delivered ${aura.delivered}/${aura.expected}, server CPU ${cpuPct(aura)} % of a core (engine, disk and server in one process)`,
    `better-sse: p50 ${round(quantile(anchor.latencies, 0.5), 2)} ms, ${round(anchor.delivered / (anchor.wallMs / 1000), 0)} events/s, delivered ${anchor.delivered}/${anchor.expected}, server CPU ${cpuPct(anchor)} %`,
    'latency: engine emit (first engine subscriber, before the server sees it) → EventSource message in the client process',
    "settings cap concurrency at 16, so 16 jobs at 12.5 Hz carry the issue's 200 progress events/s",
    `machine: ${cpus().length} CPUs, load average at the end ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' / ')} (other work on the machine inflates latencies)`,
  ],
);
process.exit(0);
