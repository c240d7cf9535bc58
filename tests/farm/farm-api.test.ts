import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JobSchema, QueueResponseSchema } from '../../src-shared/job.js';
import { ProblemSchema } from '../../src-shared/problem.js';
import { MoveResponseSchema, type MoveRequest } from '../../src-shared/queue.js';
import { FarmKeys } from '../../src-main/farm/farm-keys.js';
import { parseFarmUrl } from '../../src-main/farm/farm-url.js';
import { FarmWorker } from '../../src-main/farm/farm-worker.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { writeTestImage } from '../helpers/test-image.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForEvent, waitForStatus, waitUntil } from '../helpers/wait.js';
import { postJson, startTestHost, type TestHost } from '../server/harness.js';

/**
 * The farm through the real API: coordinators (`startHost` on the farm, answers checked against the
 * OpenAPI document) on one real redis-server, each test on its own key prefix.
 */
let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
}, 30_000);
afterAll(() => redis?.stop());

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let farms = 0;
/** A farm of `count` coordinators that do not render, on one shared folder. */
async function coordinators(count: number): Promise<{ hosts: TestHost[]; keys: FarmKeys; shared: string }> {
  const keys = new FarmKeys(`api${++farms}`);
  const shared = makeTempDir('aura-farm-shared-');
  cleanups.push(shared.cleanup);
  const hosts: TestHost[] = [];
  for (let i = 0; i < count; i++) {
    const t = await startTestHost({
      steps: testSteps(),
      farm: { url: parseFarmUrl(redis.url), sharedDir: shared.dir, render: false, keys },
    });
    cleanups.push(() => t.cleanup());
    hosts.push(t);
  }
  return { hosts, keys, shared: shared.dir };
}

const runOrder = async (t: TestHost) =>
  QueueResponseSchema.parse(await t.json('/api/queue?order=run'))
    .jobs.filter((j) => j.status === 'pending')
    .map((j) => `${j.title}:${j.position}`);

async function move(t: TestHost, jobId: string, request: MoveRequest): Promise<number> {
  return MoveResponseSchema.parse(await t.json(`/api/jobs/${jobId}/move`, jsonBody(request))).position;
}
const jsonBody = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('the farm through the API (real Redis, two coordinators)', () => {
  it('moves pending jobs from either coordinator; both list the same order and BullMQ runs it', async () => {
    const { hosts, keys, shared } = await coordinators(2);
    const [a, b] = hosts as [TestHost, TestHost];
    const id: Record<string, string> = {};
    for (const title of ['J1', 'J2', 'J3', 'J4', 'J5'])
      id[title] = JobSchema.parse(await a.json('/api/jobs', { ...jsonBody(testSpec(title)), expect: 201 })).jobId;
    const start = ['J1:1', 'J2:2', 'J3:3', 'J4:4', 'J5:5'];
    expect(await runOrder(a)).toEqual(start);
    await waitUntil('b lists the five jobs', async () => (await runOrder(b)).join() === start.join(), 10_000);

    // b hears a's move as the moved job's job-status event, with its new place.
    const heard = waitForEvent(
      b.host.engine,
      (e) => e.type === 'job-status' && e.jobId === id.J5 && e.data.job.position === 1,
    );
    expect(await move(a, id.J5!, { to: 'top' })).toBe(1);
    await heard;
    expect(await move(b, id.J1!, { after: id.J3! })).toBe(4);
    expect(await move(a, id.J4!, { before: id.J2! })).toBe(2);
    expect(await move(b, id.J2!, { to: 'bottom' })).toBe(5);
    const moved = ['J5:1', 'J4:2', 'J3:3', 'J1:4', 'J2:5'];
    expect(await runOrder(b)).toEqual(moved); // the mover's own list is current when its answer comes
    await waitUntil('a lists the same order', async () => (await runOrder(a)).join() === moved.join(), 10_000);
    expect(JobSchema.parse(await a.json(`/api/jobs/${id.J1}`)).position).toBe(4);

    // Two moves at once from the two coordinators: the queue lock serialises them, both see one order.
    const [p3, p1] = await Promise.all([move(a, id.J3!, { to: 'top' }), move(b, id.J1!, { to: 'top' })]);
    expect([p3, p1]).toEqual([1, 1]);
    const settled = async () => [await runOrder(a), await runOrder(b)];
    await waitUntil(
      'both coordinators list the same order',
      async () => {
        const [x, y] = await settled();
        return x!.join() === y!.join();
      },
      10_000,
    );
    const final = (await runOrder(a)).map((row) => row.split(':')[0]!);
    expect(new Set(final.slice(0, 2))).toEqual(new Set(['J3', 'J1']));
    expect(final.slice(2)).toEqual(['J5', 'J4', 'J2']);
    expect(await runOrder(b)).toEqual(final.map((title, i) => `${title}:${i + 1}`));

    // A worker (one job at a time) takes them in exactly that order.
    const started: string[] = [];
    a.host.engine.subscribe((e) => {
      if (e.type === 'job-status' && e.data.status === 'running') started.push(e.data.job.title);
    });
    const worker = await FarmWorker.start({
      url: parseFarmUrl(redis.url),
      sharedDir: shared,
      steps: testSteps(),
      keys,
      name: 'api-worker',
    });
    cleanups.push(() => worker.close());
    for (const jobId of Object.values(id)) await waitForStatus(a.host.engine, jobId, 'completed', 20_000);
    expect(started).toEqual(final);

    const late = await a.api(`/api/jobs/${id.J1}/move`, jsonBody({ to: 'top' }));
    expect(late.status).toBe(409);
    expect(ProblemSchema.parse(await late.json()).code).toBe('JOB_NOT_PENDING');
  }, 60_000);

  it('checks the files a spec names at submit (400 naming the field); nothing is created', async () => {
    const { hosts } = await coordinators(1);
    const t = hosts[0]!;
    const files = makeTempDir('aura-farm-spec-files-');
    cleanups.push(files.cleanup);
    const image = writeTestImage(join(files.dir, 'still.png'), 'testsrc=s=160x90');
    const spec = (path: string) => ({
      title: 'farm files checked at submit',
      scenes: [{ narration: 'a', image: path }],
      voice: { engine: 'none' },
      output: { width: 160, height: 90, fps: 30, quality: 'draft' },
    });
    const gone = join(files.dir, 'gone.png');
    const refused = await postJson(t, '/api/jobs', spec(gone));
    expect(refused.status).toBe(400);
    expect(ProblemSchema.parse(await refused.json())).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'scenes.0.image', message: `${gone} does not exist` }],
    });
    expect(QueueResponseSchema.parse(await t.json('/api/queue')).stats.total).toBe(0);

    // Render again re-checks: the image has gone since the job was queued.
    const job = JobSchema.parse(await t.json('/api/jobs', { ...jsonBody(spec(image)), expect: 201 }));
    rmSync(image);
    const again = await t.api(`/api/jobs/${job.jobId}/duplicate`, { method: 'POST' });
    expect(again.status).toBe(400);
    expect(ProblemSchema.parse(await again.json()).errors?.[0]?.path).toBe('scenes.0.image');
    expect(QueueResponseSchema.parse(await t.json('/api/queue')).stats.total).toBe(1);
  }, 30_000);
});
