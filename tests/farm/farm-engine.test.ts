import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFarmEngine, type FarmEngine } from '../../src-main/farm/farm-engine.js';
import { FarmKeys } from '../../src-main/farm/farm-keys.js';
import { parseFarmUrl } from '../../src-main/farm/farm-url.js';
import { FarmWorker } from '../../src-main/farm/farm-worker.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus, waitUntil } from '../helpers/wait.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
}, 30_000);
afterAll(() => redis.stop());

const steps = testSteps((spec) => (spec.title.includes('slow') ? { units: 6, unitMs: 300 } : { units: 2 }));
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let farmCount = 0;
async function farm(render = false): Promise<{ engine: FarmEngine; keys: FarmKeys; shared: string }> {
  const keys = new FarmKeys(`f${++farmCount}`);
  const data = makeTempDir('aura-farm-data-');
  const shared = makeTempDir('aura-farm-shared-');
  cleanups.push(data.cleanup, shared.cleanup);
  const engine = await createFarmEngine({
    dataDir: data.dir,
    url: parseFarmUrl(redis.url),
    sharedDir: shared.dir,
    steps,
    render,
    keys,
    settings: { farmLockSeconds: 2, farmStalledCheckSeconds: 1 },
  });
  cleanups.push(() => engine.close());
  return { engine, keys, shared: shared.dir };
}

async function worker(keys: FarmKeys, shared: string, name: string): Promise<FarmWorker> {
  const w = await FarmWorker.start({ url: parseFarmUrl(redis.url), sharedDir: shared, steps, keys, name });
  cleanups.push(() => w.close());
  return w;
}

describe('farm engine (in-process coordinator + worker, real Redis)', () => {
  it('runs a job created on the coordinator on a worker and replays its events exactly', async () => {
    const { engine, keys, shared } = await farm();
    await worker(keys, shared, 'w1');
    const job = await engine.create(testSpec('hello'));
    await waitForStatus(engine, job.jobId, 'completed', 20_000);
    const done = engine.get(job.jobId)!;
    expect(done.artifacts.map((a) => a.name)).toEqual(['output.txt']);
    expect(engine.artifactPath(job.jobId, 'output.txt')).toContain(shared);
    const events = await engine.readEvents(job.jobId, 0);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('job-completed');
    expect((await engine.readEvents(job.jobId, 3)).map((e) => e.seq)[0]).toBe(4);
    expect(engine.lastSeq(job.jobId)).toBe(events.length);
    expect(engine.list().map((j) => j.jobId)).toEqual([job.jobId]);
  });

  it('cancels and pauses a running job through its worker, and resumes it', async () => {
    const { engine, keys, shared } = await farm();
    const w = await worker(keys, shared, 'w1');
    const a = await engine.create(testSpec('slow a'));
    await waitForStatus(engine, a.jobId, 'running', 20_000);
    await waitUntil('the worker runs it', () => w.running().includes(a.jobId), 10_000);
    expect((await engine.pause(a.jobId)).status).toBe('paused');
    await waitUntil('the worker lets it go', () => w.running().length === 0, 5000);
    await engine.resume(a.jobId);
    await waitForStatus(engine, a.jobId, 'running', 20_000);
    expect((await engine.cancel(a.jobId)).status).toBe('canceled');
    expect((await engine.workers()).map((x) => x.name)).toEqual(['w1']);
  });
});
