import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src-shared/job.js';
import { parseFarmUrl } from '../../src-main/farm/farm-url.js';
import { startHost, type Host } from '../../src-main/host.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus, waitUntil } from '../helpers/wait.js';
import { SseRecorder } from '../server/harness.js';
import { aura, startWorker, waitForOutput } from './farm-harness.js';

/** Faults of a farm with real processes: Redis killed, the coordinator killed. Test steps keep them quick. */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(): Promise<{ redis: TestRedis; shared: string; data: string }> {
  const redis = await startRedis({ appendfsync: 'always' });
  const shared = makeTempDir('aura-farm-shared-');
  const data = makeTempDir('aura-farm-coord-');
  cleanups.push(() => redis.stop(), shared.cleanup, data.cleanup);
  return { redis, shared: shared.dir, data: data.dir };
}

/** A worker with the tests' steps, killed after the test (not returned bare: a child is a thenable). */
async function worker(url: string, shared: string, name: string): Promise<void> {
  const { child } = await startWorker(url, shared, name, { testSteps: true });
  cleanups.push(() => child.kill('SIGKILL'));
}

const api = (host: { url: string; token: string }, path: string, init: RequestInit = {}) =>
  fetch(`${host.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json', ...init.headers },
  });

const statusOf = (host: Host, jobId: string) => {
  try {
    return host.engine.get(jobId)?.status;
  } catch {
    return undefined;
  }
};

/** Seqs are 1..n with no gap and no duplicate. */
const contiguous = (events: Array<{ seq: number }>) => events.every((e, i) => e.seq === i + 1);

describe('farm faults (real redis-server, real worker processes)', () => {
  it('Redis killed -9 mid-render: the API answers 503 FARM_UNAVAILABLE; when it returns the job completes and nothing is lost', async () => {
    const { redis, shared, data } = await setUp();
    const host: Host = await startHost({
      dataDir: data,
      rendererDir: '/nonexistent',
      steps: testSteps(),
      farm: {
        url: parseFarmUrl(redis.url),
        sharedDir: shared,
        render: false,
      },
    });
    cleanups.push(() => host.close());
    await worker(redis.url, shared, 'w1');
    const created = await api(host, '/api/render', { method: 'POST', body: JSON.stringify(testSpec('slow outage')) });
    expect(created.status).toBe(201);
    const { jobId } = (await created.json()) as Job;
    await waitForStatus(host.engine, jobId, 'running', 20_000);

    await redis.kill9();
    let problem: { code?: string; status?: number } = {};
    await waitUntil(
      'a 503 while Redis is down',
      async () => {
        const res = await api(host, '/api/queue');
        if (res.status !== 503) return false;
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        problem = (await res.json()) as typeof problem;
        return true;
      },
      10_000,
    );
    expect(problem).toMatchObject({ status: 503, code: 'FARM_UNAVAILABLE' });
    expect((await api(host, '/api/render', { method: 'POST', body: JSON.stringify(testSpec('x')) })).status).toBe(503);

    await redis.restart();
    // Reads answer FARM_UNAVAILABLE until the coordinator is reconnected: wait through them.
    await waitUntil('the job to complete', () => statusOf(host, jobId) === 'completed', 60_000);
    const events = await host.engine.readEvents(jobId, 0);
    expect(contiguous(events)).toBe(true);
    expect(events.filter((e) => e.type === 'job-completed')).toHaveLength(1);
    const queue = (await (await api(host, '/api/queue')).json()) as { stats: { completed: number; total: number } };
    expect(queue.stats).toMatchObject({ completed: 1, total: 1 });
  }, 120_000);

  it('coordinator killed -9 mid-render: a client reconnecting to the restarted one by Last-Event-ID gets exactly what it missed', async () => {
    const { redis, shared, data } = await setUp();
    const token = 'farm-test-token-0123456789abcdefghijklmnop';
    const serve = async () => {
      const child = aura(
        ['serve', '--farm', redis.url, '--shared-dir', shared, '--data-dir', data, '--port', '0', '--no-render'],
        { testSteps: true, env: { AURA_TOKEN: token } },
      );
      cleanups.push(() => child.kill('SIGKILL'));
      const m = await waitForOutput(child, /^Aura Studio ready at (http:\/\/127\.0\.0\.1:\d+)\//m);
      return { child, url: m[1]!, token };
    };
    const first = await serve();
    await worker(redis.url, shared, 'w1');
    const created = await api(first, '/api/render', { method: 'POST', body: JSON.stringify(testSpec('slow restart')) });
    const { jobId } = (await created.json()) as Job;

    const before = new SseRecorder(`${first.url}/api/jobs/${jobId}/events?token=${token}`);
    const globalBefore = new SseRecorder(`${first.url}/api/events?token=${token}`);
    cleanups.push(
      () => before.close(),
      () => globalBefore.close(),
    );
    await before.waitFor((es) => es.filter((e) => e.type === 'step-progress').length >= 2, 'progress', 30_000);
    await globalBefore.waitFor((es) => es.some((e) => e.type === 'step-progress'), 'global progress', 30_000);
    first.child.kill('SIGKILL');
    await first.child;
    before.close();
    globalBefore.close();
    const lastGlobalId = globalBefore.events.at(-1)!.id;
    const lastId = before.events.at(-1)!.id;
    const seqOf = (id: string) => Number(id.split('-')[1]);

    const second = await serve();
    const after = new SseRecorder(`${second.url}/api/jobs/${jobId}/events?token=${token}`, { lastEventId: lastId });
    cleanups.push(() => after.close());
    const globalAfter = new SseRecorder(`${second.url}/api/events?token=${token}`, { lastEventId: lastGlobalId });
    cleanups.push(() => globalAfter.close());
    await after.waitFor((es) => es.some((e) => e.type === 'job-completed'), 'the job to complete', 60_000);
    await globalAfter.waitFor((es) => es.some((e) => e.type === 'job-completed'), 'the global completion', 30_000);
    // The global stream too: exactly the missed events from the farm's global stream, no snapshot.
    expect(globalAfter.events.map((e) => e.type)).not.toContain('queue-snapshot');
    // Its events of this job are the tail of the job's own log, in order: none missing, none twice.
    const log = [...before.events.slice(1), ...after.events].map((e) => e.type);
    const viaGlobal = [...globalBefore.events, ...globalAfter.events]
      .filter((e) => e.type !== 'queue-snapshot' && e.data.jobId === jobId)
      .map((e) => e.type);
    expect(viaGlobal.length).toBeGreaterThan(3);
    expect(viaGlobal).toEqual(log.slice(log.length - viaGlobal.length));
    expect(new Set(globalAfter.events.map((e) => e.id)).size).toBe(globalAfter.events.length);
    expect(seqOf(globalAfter.events[0]!.id)).toBeGreaterThan(seqOf(lastGlobalId));
    const replayed = after.events.map((e) => seqOf(e.id));
    expect(replayed[0]).toBe(seqOf(lastId) + 1);
    expect(after.events[0]!.type).not.toBe('job-status'); // no snapshot: the next event in the log
    const all = [...before.events, ...after.events].map((e) => seqOf(e.id));
    // The first connection got a job-status snapshot first (seq = the log's seq then), then live events;
    // compared as lists, so a failure shows which seq is missing (and on which side of the restart).
    const live = all.slice(1);
    expect(live).toEqual(live.map((_, i) => live[0]! + i));
  }, 120_000);
});
