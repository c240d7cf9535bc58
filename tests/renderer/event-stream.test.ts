import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream } from '../../src-renderer/sse/event-stream.js';
import { FIRST_SLICE, parseSnapshotInSlices } from '../../src-renderer/sse/snapshot-slices.js';
import type { StreamEvent } from '../../src-renderer/store/stream-event.js';
import { item, STATS0, statusEv } from './fixtures.js';

const jobs = (n: number) => Array.from({ length: n }, (_, i) => item(`j${i}`, n - i));
const snapshotData = (n: number) => JSON.stringify({ jobs: jobs(n), stats: { ...STATS0, total: n, pending: n } });

describe('parseSnapshotInSlices', () => {
  it('hands over the first screenful at once, then every job, in order', async () => {
    const first: StreamEvent[] = [];
    const done = await new Promise<StreamEvent>((resolve, reject) => {
      parseSnapshotInSlices(snapshotData(4321), '77-5', { first: (e) => first.push(e), done: resolve, fail: reject });
    });
    expect(first).toHaveLength(1);
    expect(first[0]!.type === 'queue-snapshot' && first[0]!.data.jobs.length).toBe(FIRST_SLICE);
    expect(done).toMatchObject({ id: '77-5', ts: 77, seq: 5, type: 'queue-snapshot' });
    const all = done.type === 'queue-snapshot' ? done.data.jobs : [];
    expect(all.map((j) => j.jobId)).toEqual(jobs(4321).map((j) => j.jobId));
    expect(done.type === 'queue-snapshot' && done.data.stats.total).toBe(4321);
  });

  it('goes straight to done for a small queue', async () => {
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) =>
      parseSnapshotInSlices(snapshotData(3), '1-1', {
        first: () => seen.push('first'),
        done: () => resolve(void seen.push('done')),
        fail: reject,
      }),
    );
    expect(seen).toEqual(['done']);
  });

  it('fails, naming the job, when a slice breaks the schema', async () => {
    const list = jobs(300) as unknown[];
    list[250] = { ...(list[250] as object), status: 'exploded' };
    const reason = await new Promise<string>((resolve) =>
      parseSnapshotInSlices(JSON.stringify({ jobs: list, stats: STATS0 }), '1-1', {
        first: () => undefined,
        done: () => resolve('done?!'),
        fail: resolve,
      }),
    );
    expect(reason).toMatch(/job 250/);
  });
});

// A real SSE server: a big snapshot, then a live event right behind it in the same write.
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_req, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const status = statusEv(2, item('j0', 0, { status: 'running', stage: 'Voice', progressPct: 10 })).data;
    res.write(
      `retry: 2000\n\nid: 9-1\nevent: queue-snapshot\ndata: ${snapshotData(2500)}\n\n` +
        `id: 9-2\nevent: job-status\ndata: ${JSON.stringify(status)}\n\n` +
        `id: 9-3\nevent: job-status\ndata: {"broken": true}\n\n` +
        `id: 9-4\nevent: job-canceled\ndata: {"jobId":"j1"}\n\n`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('openEventStream', () => {
  it('keeps event order around a sliced snapshot and drops frames that break the schema', async () => {
    const received: StreamEvent[] = [];
    const stream = openEventStream({
      url: () => url,
      onEvents: (events) => received.push(...events),
      EventSource: EventSource as unknown as typeof globalThis.EventSource,
    });
    const deadline = Date.now() + 10_000;
    while (!received.some((e) => e.type === 'job-canceled') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    stream.close();
    expect(
      received.map((e) => `${e.type}:${e.seq}${e.type === 'queue-snapshot' ? `:${e.data.jobs.length}` : ''}`),
    ).toEqual([`queue-snapshot:1:${FIRST_SLICE}`, 'queue-snapshot:1:2500', 'job-status:2', 'job-canceled:4']);
  });
});
