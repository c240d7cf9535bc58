import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthSchema, JobSchema, QueueResponseSchema, type QueueItem } from '../../src-shared/job.js';
import { ProblemSchema } from '../../src-shared/problem.js';
import {
  DeleteManyResponseSchema,
  DiagnosisSchema,
  MoveResponseSchema,
  QueueStatusSchema,
  WorkersResponseSchema,
} from '../../src-shared/queue.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus } from '../helpers/wait.js';
import { postJson, SseRecorder, startTestHost, type TestHost } from './harness.js';

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const problem = ProblemSchema.parse(await res.json());
  expect(problem.code).toBe(code);
  return problem;
}

describe('queue routes: render again, order, bulk delete, diagnosis, workers, queue status', () => {
  let t: TestHost;
  const create = async (title: string) => {
    const res = await postJson(t, '/api/jobs', testSpec(title));
    expect(res.status).toBe(201);
    return JobSchema.parse(await res.json());
  };
  const runOrder = async () =>
    QueueResponseSchema.parse(await t.json('/api/queue?order=run&limit=200')).jobs.filter((j) =>
      j.title.startsWith('order '),
    );
  const ids = (jobs: QueueItem[]) => jobs.map((j) => j.jobId);

  beforeAll(async () => {
    t = await startTestHost({ steps: testSteps() });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('POST /api/jobs/{id}/duplicate: 201 + Location, a new pending job with the same spec; 404 unknown', async () => {
    const original = await create('render me again');
    await waitForStatus(t.host.engine, original.jobId, 'completed');
    const res = await t.api(`/api/jobs/${original.jobId}/duplicate`, { method: 'POST' });
    expect(res.status).toBe(201);
    const copy = JobSchema.parse(await res.json());
    expect(res.headers.get('location')).toBe(`/api/jobs/${copy.jobId}`);
    expect(copy.jobId).not.toBe(original.jobId);
    expect(copy.status).toBe('pending');
    expect(copy.spec).toEqual(original.spec);
    await waitForStatus(t.host.engine, copy.jobId, 'completed');
    await expectProblem(await t.api('/api/jobs/missing/duplicate', { method: 'POST' }), 404, 'NOT_FOUND');
  });

  it('GET /api/queue?order=run and POST /api/jobs/{id}/move: positions follow the run order', async () => {
    await t.json('/api/queue/pause', { method: 'POST' });
    try {
      const [a, b, c] = [await create('order a'), await create('order b'), await create('order c')];
      expect(ids(await runOrder())).toEqual([a!.jobId, b!.jobId, c!.jobId]);
      expect((await runOrder()).map((j) => j.position)).toEqual([1, 2, 3]);

      const top = await postJson(t, `/api/jobs/${c!.jobId}/move`, { to: 'top' });
      expect(MoveResponseSchema.parse(await top.json())).toEqual({ jobId: c!.jobId, position: 1 });
      expect(ids(await runOrder())).toEqual([c!.jobId, a!.jobId, b!.jobId]);

      const after = await postJson(t, `/api/jobs/${c!.jobId}/move`, { after: b!.jobId });
      expect(MoveResponseSchema.parse(await after.json())).toEqual({ jobId: c!.jobId, position: 3 });
      const before = await postJson(t, `/api/jobs/${b!.jobId}/move`, { before: a!.jobId });
      expect(MoveResponseSchema.parse(await before.json()).position).toBe(1);
      expect(ids(await runOrder())).toEqual([b!.jobId, a!.jobId, c!.jobId]);
      // The newest-first order is still the default.
      const newest = QueueResponseSchema.parse(await t.json('/api/queue?limit=3')).jobs;
      expect(ids(newest)).toEqual([c!.jobId, b!.jobId, a!.jobId]);

      for (const bad of [{ to: 'middle' }, { to: 'top', before: a!.jobId }, {}, { before: 'a/b' }]) {
        await expectProblem(await postJson(t, `/api/jobs/${a!.jobId}/move`, bad), 400, 'VALIDATION_FAILED');
      }
      await expectProblem(await postJson(t, `/api/jobs/missing/move`, { to: 'top' }), 404, 'NOT_FOUND');
    } finally {
      await t.json('/api/queue/resume', { method: 'POST' });
    }
    for (const job of await runOrder()) await waitForStatus(t.host.engine, job.jobId, 'completed');
    const done = (await runOrder())[0]!;
    expect(done.position).toBeNull();
    await expectProblem(await postJson(t, `/api/jobs/${done.jobId}/move`, { to: 'top' }), 409, 'JOB_NOT_PENDING');
  });

  it('DELETE /api/jobs?status=completed,canceled: 200 {deleted}; active statuses and no status are 400', async () => {
    await t.json('/api/queue/pause', { method: 'POST' });
    const kept = await create('still waiting');
    const canceled = await create('canceled one');
    await t.json(`/api/jobs/${canceled.jobId}/cancel`, { method: 'POST', expect: 202 });
    const before = QueueResponseSchema.parse(await t.json('/api/queue?limit=200')).stats;
    expect(before.completed).toBeGreaterThan(0);

    for (const query of ['status=running', 'status=pending,completed', '', 'status=', 'status=completed,bogus']) {
      await expectProblem(await t.api(`/api/jobs?${query}`, { method: 'DELETE' }), 400, 'VALIDATION_FAILED');
    }
    const res = await t.api('/api/jobs?status=completed,canceled', { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(DeleteManyResponseSchema.parse(await res.json()).deleted).toBe(before.completed + before.canceled);
    const after = QueueResponseSchema.parse(await t.json('/api/queue?limit=200'));
    expect(after.stats).toMatchObject({ completed: 0, canceled: 0, pending: before.pending });
    expect(ids(after.jobs)).toContain(kept.jobId);
    await expectProblem(await t.api(`/api/jobs/${canceled.jobId}`), 404, 'NOT_FOUND');
    await t.json('/api/queue/resume', { method: 'POST' });
    await waitForStatus(t.host.engine, kept.jobId, 'completed');
  });

  it('queue pause/resume answer {queuePaused, running, pending} and push queue-status on the global stream', async () => {
    const stream = new SseRecorder(`${t.host.url}/api/events?token=${t.host.token}`);
    try {
      await stream.waitFor((events) => events.some((e) => e.type === 'queue-snapshot'), 'snapshot');
      const paused = QueueStatusSchema.parse(await t.json('/api/queue/pause', { method: 'POST' }));
      expect(paused.queuePaused).toBe(true);
      await stream.waitFor(
        (events) => events.some((e) => e.type === 'queue-status' && e.data.queuePaused === true),
        'queue-status paused',
      );
      const waiting = await create('waits for resume');
      const resumed = QueueStatusSchema.parse(await t.json('/api/queue/resume', { method: 'POST' }));
      expect(resumed.queuePaused).toBe(false);
      await stream.waitFor(
        (events) => events.some((e) => e.type === 'queue-status' && e.data.queuePaused === false),
        'queue-status resumed',
      );
      const status = stream.events.find((e) => e.type === 'queue-status')!;
      QueueStatusSchema.parse(status.data);
      await waitForStatus(t.host.engine, waiting.jobId, 'completed');
    } finally {
      stream.close();
    }
  });

  it('GET /api/jobs/{id}/diagnosis for any job; 404 unknown', async () => {
    const job = await create('diagnose me');
    await waitForStatus(t.host.engine, job.jobId, 'completed');
    const diagnosis = DiagnosisSchema.parse(await t.json(`/api/jobs/${job.jobId}/diagnosis`));
    expect(diagnosis.jobId).toBe(job.jobId);
    expect(diagnosis.summary.length).toBeGreaterThan(0);
    await expectProblem(await t.api('/api/jobs/missing/diagnosis'), 404, 'NOT_FOUND');
  });

  it('GET /api/workers: embedded, this machine alone with the jobs it runs; GET /api/health carries warnings', async () => {
    const slow = await startTestHost({ steps: testSteps({ unitMs: 10_000 }), settings: { concurrency: 2 } });
    try {
      const res = await postJson(slow, '/api/jobs', testSpec('running here'));
      const { jobId } = JobSchema.parse(await res.json());
      await waitForStatus(slow.host.engine, jobId, 'running');
      const workers = WorkersResponseSchema.parse(await slow.json('/api/workers'));
      expect(workers).toHaveLength(1);
      expect(workers[0]).toMatchObject({ pid: process.pid, concurrency: 2, running: [jobId] });
    } finally {
      await slow.cleanup();
    }
    expect(HealthSchema.parse(await t.json('/api/health')).warnings).toEqual([]);
  });
});

describe('GET /api/health warnings', () => {
  it('a corrupt settings.json is reported as SETTINGS_CORRUPT (no token needed)', async () => {
    const temp = makeTempDir('aura-health-');
    writeFileSync(join(temp.dir, 'settings.json'), '{"concurrency": 2,');
    const t = await startTestHost({ dataDir: temp.dir, steps: testSteps() });
    try {
      const health = HealthSchema.parse(await (await t.fetch('/api/health')).json());
      expect(health.warnings.map((w) => w.code)).toEqual(['SETTINGS_CORRUPT']);
      expect(health.warnings[0]!.message.length).toBeGreaterThan(0);
    } finally {
      await t.cleanup();
      temp.cleanup();
    }
  });
});
