import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine.js';
import type { EngineEvent } from '../../src-main/engine/engine-api.js';
import { EngineError } from '../../src-main/engine/errors.js';
import { useEngineFixture } from '../helpers/engine-fixture.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus, waitUntil } from '../helpers/wait.js';

const fx = useEngineFixture();

/** A job titled `Running` stalls in its work step until it is stopped; every other job runs at once. */
const steps = testSteps((spec) => (spec.title === 'Running' ? { stallStep: 'work' } : {}));

const titles = (engine: Engine, order: 'run' | 'newest', status?: 'pending') =>
  engine.list({ order, ...(status ? { status } : {}) }).map((j) => `${j.title}:${j.position ?? '-'}`);

async function refusal(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

/** Creates jobs with the queue paused, so they all stay pending; returns their ids by title. */
async function pendingJobs(engine: Engine, names: string[]): Promise<Record<string, string>> {
  engine.pauseQueue();
  const ids: Record<string, string> = {};
  for (const name of names) ids[name] = (await engine.create(testSpec(name))).jobId;
  return ids;
}

describe('queue order', () => {
  it('lists running, then pending in run order with positions, then ended newest first', async () => {
    const engine = await fx.open({ steps });
    for (const name of ['Done 1', 'Done 2']) {
      const { jobId } = await engine.create(testSpec(name));
      await waitForStatus(engine, jobId, 'completed');
    }
    const running = await engine.create(testSpec('Running'));
    await waitForStatus(engine, running.jobId, 'running');
    const created: EngineEvent[] = [];
    engine.subscribe((e) => e.type === 'job-created' && created.push(e));
    const ids = await pendingJobs(engine, ['P1', 'P2', 'P3']);

    expect(titles(engine, 'run')).toEqual(['Running:-', 'P1:1', 'P2:2', 'P3:3', 'Done 2:-', 'Done 1:-']);
    expect(titles(engine, 'newest')).toEqual(['P3:3', 'P2:2', 'P1:1', 'Running:-', 'Done 2:-', 'Done 1:-']);
    expect(titles(engine, 'run', 'pending')).toEqual(['P1:1', 'P2:2', 'P3:3']);
    expect(engine.list({ order: 'run', limit: 2 }).map((j) => j.title)).toEqual(['Running', 'P1']);
    expect(engine.get(ids.P2!)!.position).toBe(2);
    expect(engine.get(running.jobId)!.position).toBeNull();
    expect(created.map((e) => e.type === 'job-created' && e.data.job.position)).toEqual([1, 2, 3]);
    expect(engine.queueStatus()).toEqual({ queuePaused: true, running: 1, pending: 3 });
  });

  it('moves a pending job to the top, the bottom, before or after another, and answers its place', async () => {
    const engine = await fx.open({ steps });
    const ids = await pendingJobs(engine, ['A', 'B', 'C', 'D']);
    const order = () => titles(engine, 'run');

    expect(await engine.move(ids.D!, { to: 'top' })).toEqual({ jobId: ids.D, position: 1 });
    expect(order()).toEqual(['D:1', 'A:2', 'B:3', 'C:4']);
    expect(await engine.move(ids.D!, { to: 'bottom' })).toEqual({ jobId: ids.D, position: 4 });
    expect(order()).toEqual(['A:1', 'B:2', 'C:3', 'D:4']);
    expect(await engine.move(ids.D!, { before: ids.B! })).toEqual({ jobId: ids.D, position: 2 });
    expect(order()).toEqual(['A:1', 'D:2', 'B:3', 'C:4']);
    expect(await engine.move(ids.A!, { after: ids.C! })).toEqual({ jobId: ids.A, position: 4 });
    expect(order()).toEqual(['D:1', 'B:2', 'C:3', 'A:4']);
    expect(await engine.move(ids.B!, { after: ids.B! })).toEqual({ jobId: ids.B, position: 2 });
    // A new job goes last, whatever was moved to the bottom before it.
    await engine.create(testSpec('E'));
    expect(order()).toEqual(['D:1', 'B:2', 'C:3', 'A:4', 'E:5']);
  });

  it('tells every client of a move with the moved job’s own event, after it is on disk', async () => {
    const engine = await fx.open({ steps });
    const ids = await pendingJobs(engine, ['A', 'B']);
    const seen: EngineEvent[] = [];
    engine.subscribe((e) => seen.push(e));
    await engine.move(ids.B!, { to: 'top' });
    expect(seen).toEqual([expect.objectContaining({ jobId: ids.B, type: 'job-status' })]);
    const onDisk = JSON.parse(fs.readFileSync(engine.layout.jobFile(ids.B!), 'utf8'));
    const other = JSON.parse(fs.readFileSync(engine.layout.jobFile(ids.A!), 'utf8'));
    expect(onDisk.queueKey).toBeLessThan(other.queueKey);
    expect((await engine.readEvents(ids.B!, 0)).map((e) => e.type)).toEqual(['job-created', 'job-status']);
  });

  it('refuses to move a job that is not pending, or next to one that is not, with JOB_NOT_PENDING', async () => {
    const engine = await fx.open({ steps });
    const done = await engine.create(testSpec('Done'));
    await waitForStatus(engine, done.jobId, 'completed');
    const running = await engine.create(testSpec('Running'));
    await waitForStatus(engine, running.jobId, 'running');
    const ids = await pendingJobs(engine, ['A', 'B']);

    const notPending = await refusal(engine.move(running.jobId, { to: 'top' }));
    expect(notPending.code).toBe('JOB_NOT_PENDING');
    expect(notPending.message).toMatch(/is running/);
    expect((await refusal(engine.move(done.jobId, { to: 'bottom' }))).code).toBe('JOB_NOT_PENDING');
    const target = await refusal(engine.move(ids.A!, { before: running.jobId }));
    expect(target.code).toBe('JOB_NOT_PENDING');
    expect(target.message).toContain(running.jobId);
    expect((await refusal(engine.move('no-such-job', { to: 'top' }))).code).toBe('NOT_FOUND');
    expect((await refusal(engine.move(ids.A!, { after: 'no-such-job' }))).code).toBe('JOB_NOT_PENDING');
    expect(titles(engine, 'run', 'pending')).toEqual(['A:1', 'B:2']);
  });

  it('keeps the order across a restart and runs the jobs in it', async () => {
    let engine = await fx.open({ steps });
    const ids = await pendingJobs(engine, ['A', 'B', 'C', 'D']);
    await engine.move(ids.C!, { to: 'top' });
    await engine.move(ids.A!, { after: ids.D! });
    const expected = ['C:1', 'B:2', 'D:3', 'A:4'];
    expect(titles(engine, 'run')).toEqual(expected);

    // Reopened without running the queue: the order is read back from disk alone.
    engine = await fx.reopen({ steps, runQueuedJobs: false });
    expect(titles(engine, 'run')).toEqual(expected);

    engine = await fx.reopen({ steps });
    const started: string[] = [];
    engine.subscribe((e) => {
      if (e.type === 'job-status' && e.data.status === 'running') started.push(engine.get(e.jobId)!.title);
    });
    await waitUntil('all four jobs to complete', () => engine.stats().completed === 4, 20_000);
    // The first job may have started before the listener was added: it is the first in order either way.
    expect(['C', ...started].slice(-4)).toEqual(['C', 'B', 'D', 'A']);
  });

  it('orders records written before queue order by creation time', async () => {
    let engine = await fx.open({ steps });
    const ids = await pendingJobs(engine, ['Old 1', 'Old 2', 'Old 3']);
    await engine.move(ids['Old 3']!, { to: 'top' });
    await fx.reopen({ steps, runQueuedJobs: false }).then((e) => e.close());
    for (const id of Object.values(ids)) {
      const file = fx.engine.layout.jobFile(id);
      const { queueKey: _dropped, ...legacy } = JSON.parse(fs.readFileSync(file, 'utf8'));
      fs.writeFileSync(file, JSON.stringify(legacy));
    }
    engine = await fx.reopen({ steps, runQueuedJobs: false });
    expect(titles(engine, 'run')).toEqual(['Old 1:1', 'Old 2:2', 'Old 3:3']);
  });

  it('still orders right after many moves into one spot exhaust the gap between two keys', async () => {
    let engine = await fx.open({ steps });
    const ids = await pendingJobs(engine, ['First', 'Last', ...Array.from({ length: 60 }, (_, i) => `M${i}`)]);
    // Each move lands right after First: the gap there halves every time until the keys are renumbered.
    for (let i = 0; i < 60; i++) await engine.move(ids[`M${i}`]!, { after: ids.First! });
    const expected = ['First', ...Array.from({ length: 60 }, (_, i) => `M${59 - i}`), 'Last'];
    expect(engine.list({ order: 'run', limit: 100 }).map((j) => j.title)).toEqual(expected);
    engine = await fx.reopen({ steps, runQueuedJobs: false });
    expect(engine.list({ order: 'run', limit: 100 }).map((j) => j.title)).toEqual(expected);
  });

  it('puts a resumed job at the back of the queue', async () => {
    const engine = await fx.open({ steps });
    const running = await engine.create(testSpec('Running'));
    await waitForStatus(engine, running.jobId, 'running');
    await pendingJobs(engine, ['A', 'B']);
    await engine.pause(running.jobId);
    const resumed = await engine.resume(running.jobId);
    expect(resumed.position).toBe(3);
    expect(titles(engine, 'run')).toEqual(['A:1', 'B:2', 'Running:3']);
  });

  it('duplicates a job as a new pending job at the back with the same spec', async () => {
    const engine = await fx.open({ steps });
    const done = await engine.create(testSpec('Original'));
    await waitForStatus(engine, done.jobId, 'completed');
    await pendingJobs(engine, ['A']);
    const copy = await engine.duplicate(done.jobId);
    expect(copy).toMatchObject({ status: 'pending', position: 2, spec: engine.get(done.jobId)!.spec });
    expect(copy.jobId).not.toBe(done.jobId);
  });
});

describe('queue status', () => {
  it('counts running and pending jobs and emits queue-status only when pausing or resuming changes it', async () => {
    const engine = await fx.open({ steps });
    const running = await engine.create(testSpec('Running'));
    await waitForStatus(engine, running.jobId, 'running');
    const seen: EngineEvent[] = [];
    engine.subscribe((e) => e.type === 'queue-status' && seen.push(e));
    engine.pauseQueue();
    engine.pauseQueue();
    await engine.create(testSpec('Waiting'));
    engine.resumeQueue();
    expect(seen.map((e) => e.data)).toEqual([
      { queuePaused: true, running: 1, pending: 0 },
      { queuePaused: false, running: 1, pending: 1 },
    ]);
    expect(seen[0]).toMatchObject({ seq: 0, jobId: null });
    expect(engine.queueStatus()).toEqual({ queuePaused: false, running: 1, pending: 1 });
  });
});

describe('bulk delete', () => {
  it('deletes every job of the listed ended statuses, and nothing else', async () => {
    const engine = await fx.open({ steps: testSteps((spec) => (spec.title === 'Fails' ? { failStep: 'work' } : {})) });
    const make = async (title: string, status: string) => {
      const { jobId } = await engine.create(testSpec(title));
      await waitForStatus(engine, jobId, status);
      return jobId;
    };
    const completed = [await make('Done 1', 'completed'), await make('Done 2', 'completed')];
    const failed = await make('Fails', 'failed');
    const ids = await pendingJobs(engine, ['Canceled', 'Waiting']);
    await engine.cancel(ids.Canceled!);
    const deletedEvents: string[] = [];
    engine.subscribe((e) => e.type === 'job-deleted' && deletedEvents.push(e.jobId));

    expect(await engine.deleteMany(['completed', 'canceled'])).toBe(3);
    expect(deletedEvents.sort()).toEqual([...completed, ids.Canceled!].sort());
    for (const id of [...completed, ids.Canceled!]) {
      expect(engine.get(id)).toBeUndefined();
      expect(fs.existsSync(engine.layout.jobDir(id))).toBe(false);
    }
    expect(
      engine
        .list()
        .map((j) => j.title)
        .sort(),
    ).toEqual(['Fails', 'Waiting']);
    expect(await engine.deleteMany(['completed'])).toBe(0);

    const again = await fx.reopen({ steps, runQueuedJobs: false });
    expect(
      again
        .list()
        .map((j) => j.jobId)
        .sort(),
    ).toEqual([failed, ids.Waiting!].sort());
  });

  it('refuses an active status with VALIDATION_FAILED before removing anything', async () => {
    const engine = await fx.open({ steps });
    const done = await engine.create(testSpec('Done'));
    await waitForStatus(engine, done.jobId, 'completed');
    await pendingJobs(engine, ['Waiting']);
    const error = await refusal(engine.deleteMany(['completed', 'pending' as 'completed']));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/pending/);
    expect(engine.stats()).toMatchObject({ total: 2, completed: 1, pending: 1 });
  });
});
