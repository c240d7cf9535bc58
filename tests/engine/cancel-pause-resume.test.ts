import fs from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine.js';
import { EngineError } from '../../src-main/engine/errors.js';
import { useEngineFixture } from '../helpers/engine-fixture.js';
import { testSpec, testSteps, type TestStepOptions } from '../helpers/test-steps.js';
import { waitForEvent, waitForStatus } from '../helpers/wait.js';

const fx = useEngineFixture();
let engine: Engine;
const runs = new Map<string, number>();

async function open(options: TestStepOptions = {}): Promise<Engine> {
  engine = await fx.open({ steps: testSteps({ units: 5, unitMs: 40, runs, ...options }) });
  return engine;
}

/** Waits until the job is running and has done some real work in its second step. */
const midWork = (jobId: string) =>
  waitForEvent(
    engine,
    (e) => e.jobId === jobId && e.type === 'step-progress' && e.data.step === 'work' && e.data.progressPct >= 40,
  );

const refusedWith = async (promise: Promise<unknown>, code: string) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  expect((error as EngineError).code).toBe(code);
};

beforeEach(() => {
  runs.clear();
});

describe('cancel', () => {
  it('cancels a pending job at once: out of the queue, never started', async () => {
    await open();
    engine.pauseQueue();
    const job = await engine.create(testSpec());
    const canceled = await engine.cancel(job.jobId);
    expect(canceled).toMatchObject({ status: 'canceled', startedAt: null, canResume: false });
    expect(canceled.canceledAt).toBe(canceled.endedAt);
    engine.resumeQueue();
    expect(engine.get(job.jobId)!.status).toBe('canceled');
    expect(engine.stats()).toMatchObject({ running: 0, pending: 0, canceled: 1 });
  });

  it('cancels a running job: its step is aborted, temp and proxy removed', async () => {
    await open();
    const job = await engine.create(testSpec());
    await midWork(job.jobId);
    const tempDir = engine.layout.tempDir(job.jobId);
    expect(fs.existsSync(tempDir)).toBe(true);
    const canceled = await engine.cancel(job.jobId);
    expect(canceled.status).toBe('canceled');
    expect(canceled.steps.find((s) => s.name === 'work')!.status).toBe('canceled');
    expect(fs.existsSync(tempDir)).toBe(false);
    expect(fs.existsSync(engine.layout.proxyDir(job.jobId))).toBe(false);
    const events = await engine.readEvents(job.jobId, 0);
    expect(events.at(-1)!.type).toBe('job-canceled');
  });

  it('cancels a paused job and removes its checkpoints', async () => {
    await open();
    const job = await engine.create(testSpec());
    await midWork(job.jobId);
    await engine.pause(job.jobId);
    expect(fs.existsSync(engine.layout.tempDir(job.jobId))).toBe(true);
    const canceled = await engine.cancel(job.jobId);
    expect(canceled.status).toBe('canceled');
    expect(fs.existsSync(engine.layout.tempDir(job.jobId))).toBe(false);
    await refusedWith(engine.resume(job.jobId), 'JOB_NOT_RESUMABLE');
  });

  it('refuses an unknown job, an ended job and a second cancel', async () => {
    await open({ unitMs: 0 });
    await refusedWith(engine.cancel('no-such-job'), 'NOT_FOUND');
    const job = await engine.create(testSpec());
    await waitForStatus(engine, job.jobId, 'completed');
    await refusedWith(engine.cancel(job.jobId), 'JOB_NOT_CANCELABLE');
    const other = await engine.create(testSpec());
    await engine.cancel(other.jobId).catch(() => undefined);
    await refusedWith(engine.cancel(other.jobId), 'JOB_NOT_CANCELABLE');
  });

  it('lets exactly one of two simultaneous cancels win', async () => {
    await open();
    const job = await engine.create(testSpec());
    await midWork(job.jobId);
    const results = await Promise.allSettled([engine.cancel(job.jobId), engine.cancel(job.jobId)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as EngineError).code).toBe('JOB_NOT_CANCELABLE');
    expect(engine.get(job.jobId)!.status).toBe('canceled');
  });

  it('cancels a job whose pause is still under way: it ends canceled, not paused', async () => {
    await open();
    const job = await engine.create(testSpec());
    await midWork(job.jobId);
    const [paused, canceled] = await Promise.allSettled([engine.pause(job.jobId), engine.cancel(job.jobId)]);
    expect(canceled.status).toBe('fulfilled');
    // The pause did its work; by the time it reports, the cancel may already have superseded it.
    if (paused.status === 'rejected') expect((paused.reason as EngineError).code).toBe('JOB_NOT_PAUSABLE');
    expect(engine.get(job.jobId)!.status).toBe('canceled');
    expect(fs.existsSync(engine.layout.tempDir(job.jobId))).toBe(false);
  });

  it('is not held up by a step that ignores its abort signal', async () => {
    await open({ hangStep: 'work' });
    const job = await engine.create(testSpec());
    await waitForEvent(
      engine,
      (e) => e.type === 'step-status' && e.data.step === 'work' && e.data.status === 'running',
    );
    const started = Date.now();
    await engine.cancel(job.jobId);
    expect(engine.get(job.jobId)!.status).toBe('canceled');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('pause and resume', () => {
  it('pauses a running job keeping its checkpoints, and resume skips finished work', async () => {
    await open();
    const job = await engine.create(testSpec());
    await midWork(job.jobId);
    const paused = await engine.pause(job.jobId);
    expect(paused).toMatchObject({ status: 'paused', canResume: true });
    expect(paused.steps.map((s) => s.status)).toEqual(['succeeded', 'pending', 'pending']);
    const doneBefore = new Map(runs);
    await engine.resume(job.jobId);
    await waitForStatus(engine, job.jobId, 'completed');
    for (const [key, count] of doneBefore) expect(runs.get(key), key).toBe(count);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(runs.size).toBe(15);
    expect(engine.get(job.jobId)!.attempts).toBe(2);
  });

  it('refuses to pause what is not running, and to resume what is not paused or resumable', async () => {
    await open({ unitMs: 0 });
    engine.pauseQueue();
    const pending = await engine.create(testSpec());
    await refusedWith(engine.pause(pending.jobId), 'JOB_NOT_PAUSABLE');
    await refusedWith(engine.resume(pending.jobId), 'JOB_NOT_RESUMABLE');
    await refusedWith(engine.pause('missing'), 'NOT_FOUND');
    engine.resumeQueue();
    await waitForStatus(engine, pending.jobId, 'completed');
    await refusedWith(engine.pause(pending.jobId), 'JOB_NOT_PAUSABLE');
    await refusedWith(engine.resume(pending.jobId), 'JOB_NOT_RESUMABLE');
  });

  it('refuses to resume a failure that retrying cannot fix', async () => {
    await open({ failStep: 'prepare', retryable: false });
    const job = await engine.create(testSpec());
    await waitForStatus(engine, job.jobId, 'failed');
    expect(engine.get(job.jobId)!.canResume).toBe(false);
    await refusedWith(engine.resume(job.jobId), 'JOB_NOT_RESUMABLE');
  });

  it('redoes a unit whose checkpoint output vanished or was cut short, and only that one', async () => {
    await open();
    const job = await engine.create(testSpec());
    await midWork(job.jobId);
    await engine.pause(job.jobId);
    fs.rmSync(`${engine.layout.tempDir(job.jobId)}/work-0.txt`);
    fs.truncateSync(`${engine.layout.tempDir(job.jobId)}/prepare-1.txt`, 3); // a half-written output
    await engine.resume(job.jobId);
    await waitForStatus(engine, job.jobId, 'completed');
    expect(runs.get(`${job.jobId}/work/0`)).toBe(2);
    expect(runs.get(`${job.jobId}/work/1`)).toBe(1);
    expect(runs.get(`${job.jobId}/prepare/0`)).toBe(1);
    expect(runs.get(`${job.jobId}/prepare/1`)).toBe(2);
  });
});

describe('queue', () => {
  it('runs at most `concurrency` jobs at once, in creation order', async () => {
    engine = await fx.open({ steps: testSteps({ units: 2, unitMs: 20 }), settings: { concurrency: 2 } });
    let running = 0;
    let peak = 0;
    const startOrder: string[] = [];
    engine.subscribe((e) => {
      if (e.type !== 'job-status') return;
      if (e.data.status === 'running') {
        running++;
        startOrder.push(e.jobId);
      } else running = Math.max(0, running - 1);
      peak = Math.max(peak, running);
    });
    const jobs = [];
    for (let i = 0; i < 5; i++) jobs.push(await engine.create(testSpec(`job ${i}`)));
    await Promise.all(jobs.map((j) => waitForStatus(engine, j.jobId, 'completed')));
    expect(peak).toBe(2);
    expect(new Set(startOrder)).toEqual(new Set(jobs.map((j) => j.jobId)));
    const startedAt = jobs.map((j) => engine.get(j.jobId)!.startedAt!);
    expect(startedAt).toEqual([...startedAt].sort());
  });

  it('takes no new job while the queue is paused; running ones go on', async () => {
    await open({ unitMs: 10 });
    const first = await engine.create(testSpec('first'));
    await waitForStatus(engine, first.jobId, 'running');
    engine.pauseQueue();
    expect(engine.queuePaused).toBe(true);
    const second = await engine.create(testSpec('second'));
    await waitForStatus(engine, first.jobId, 'completed');
    expect(engine.get(second.jobId)!.status).toBe('pending');
    engine.resumeQueue();
    await waitForStatus(engine, second.jobId, 'completed');
  });

  it('lists newest first with a status filter and a limit; stats count everything', async () => {
    await open();
    engine.pauseQueue();
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await engine.create(testSpec(`n${i}`))).jobId);
    await engine.cancel(ids[1]!);
    expect(engine.list().map((j) => j.jobId)).toEqual([...ids].reverse());
    expect(engine.list({ status: 'canceled' }).map((j) => j.jobId)).toEqual([ids[1]]);
    expect(engine.list({ limit: 2 })).toHaveLength(2);
    expect(engine.stats()).toEqual({
      total: 4,
      pending: 3,
      running: 0,
      paused: 0,
      completed: 0,
      failed: 0,
      canceled: 1,
    });
  });

  it('deletes only ended jobs, removing every file', async () => {
    await open({ unitMs: 0 });
    const job = await engine.create(testSpec());
    await waitForStatus(engine, job.jobId, 'completed');
    const deleted = waitForEvent(engine, (e) => e.type === 'job-deleted');
    await engine.delete(job.jobId);
    expect((await deleted).jobId).toBe(job.jobId);
    expect(fs.existsSync(engine.layout.jobDir(job.jobId))).toBe(false);
    expect(engine.get(job.jobId)).toBeUndefined();
    engine.pauseQueue();
    const pending = await engine.create(testSpec());
    await refusedWith(engine.delete(pending.jobId), 'JOB_ACTIVE');
    await refusedWith(engine.delete('nope'), 'NOT_FOUND');
  });
});
