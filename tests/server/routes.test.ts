import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HealthSchema,
  JobSchema,
  ProgressSchema,
  QueueResponseSchema,
  StorageStatsSchema,
  SweepResultSchema,
} from '../../src-shared/job.js';
import { ProblemSchema } from '../../src-shared/problem.js';
import { SettingsSchema } from '../../src-shared/settings.js';
import { ROUTES } from '../../src-main/server/routes/index.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus } from '../helpers/wait.js';
import { postJson, startTestHost, type TestHost } from './harness.js';

/** Jobs titled "slow" take 10 s a unit (abortable), so they stay running while a test acts on them. */
const steps = testSteps((spec) => (spec.title.startsWith('slow') ? { unitMs: 10_000 } : {}));

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = ProblemSchema.parse(await res.json());
  expect(problem).toMatchObject({ status, code });
  return problem;
}

async function createJob(t: TestHost, title: string) {
  const res = await postJson(t, '/api/render', testSpec(title));
  expect(res.status).toBe(201);
  return JobSchema.parse(await res.json());
}

describe('routes', () => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({ steps });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('GET /api/health answers without a token', async () => {
    const res = await t.fetch('/api/health');
    expect(res.status).toBe(200);
    expect(HealthSchema.parse(await res.json())).toEqual({ status: 'ok', version: '0.1.0', warnings: [] });
  });

  it('POST /api/render creates a job: 201, Location, the Job; it runs to completion', async () => {
    const res = await postJson(t, '/api/render', testSpec('quick'));
    expect(res.status).toBe(201);
    const job = JobSchema.parse(await res.json());
    expect(res.headers.get('location')).toBe(`/api/jobs/${job.jobId}`);
    expect(job.status).toBe('pending');
    await waitForStatus(t.host.engine, job.jobId, 'completed');
    const done = JobSchema.parse(await t.json(`/api/jobs/${job.jobId}`));
    expect(done.status).toBe('completed');
    expect(done.artifacts.map((a) => a.name)).toEqual(['output.txt']);
  });

  it('POST /api/render: 400 listing the bad fields, unknown fields and a missing body', async () => {
    const bad = await postJson(t, '/api/render', {
      title: 'x',
      scenes: [{ narration: 'hi', durationSec: 0.1 }],
      output: { width: 15 },
    });
    const problem = await expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect([...new Set(problem.errors?.map((e) => e.path))].sort()).toEqual(['output.width', 'scenes.0.durationSec']);

    const unknown = await expectProblem(
      await postJson(t, '/api/render', { ...testSpec(), colour: 'red' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknown.errors?.length).toBeGreaterThan(0);
    await expectProblem(
      await postJson(t, '/api/render', { title: 'x', script: 'a', scenes: [{}] }),
      400,
      'VALIDATION_FAILED',
    );
    await expectProblem(await t.api('/api/render', { method: 'POST' }), 400, 'VALIDATION_FAILED');
    await expectProblem(await postJson(t, '/api/render', [1, 2]), 400, 'VALIDATION_FAILED');
  });

  it('GET /api/queue: newest first, status filter, limit, stats of every job, 400 on a bad query', async () => {
    const a = await createJob(t, 'queue a');
    const b = await createJob(t, 'queue b');
    await waitForStatus(t.host.engine, b.jobId, 'completed');
    const all = QueueResponseSchema.parse(await t.json('/api/queue'));
    const ids = all.jobs.map((j) => j.jobId);
    expect(ids.indexOf(b.jobId)).toBeLessThan(ids.indexOf(a.jobId));
    expect(all.stats.total).toBe(all.jobs.length);

    const one = QueueResponseSchema.parse(await t.json('/api/queue?limit=1'));
    expect(one.jobs).toHaveLength(1);
    expect(one.stats).toEqual(all.stats);
    const completed = QueueResponseSchema.parse(await t.json('/api/queue?status=completed&limit=200'));
    expect(completed.jobs.every((j) => j.status === 'completed')).toBe(true);
    expect(completed.jobs.length).toBe(all.stats.completed);

    for (const query of [
      'status=done',
      'limit=0',
      'limit=201',
      'limit=abc',
      'limit=1.5',
      'limit=-1',
      'status=pending&status=running',
    ]) {
      await expectProblem(await t.api(`/api/queue?${query}`), 400, 'VALIDATION_FAILED');
    }
  });

  it('GET /api/jobs/{id} and progress: 200, 404 unknown, 400 malformed id', async () => {
    const job = await createJob(t, 'read me');
    await waitForStatus(t.host.engine, job.jobId, 'completed');
    expect(JobSchema.parse(await t.json(`/api/jobs/${job.jobId}`)).jobId).toBe(job.jobId);
    const progress = ProgressSchema.parse(await t.json(`/api/render/${job.jobId}/progress`));
    expect(progress).toMatchObject({ jobId: job.jobId, status: 'completed', progressPct: 100 });
    await expectProblem(await t.api('/api/jobs/nope'), 404, 'NOT_FOUND');
    await expectProblem(await t.api('/api/render/nope/progress'), 404, 'NOT_FOUND');
    await expectProblem(await t.api(`/api/jobs/${'a'.repeat(65)}`), 400, 'VALIDATION_FAILED');
    await expectProblem(await t.api('/api/jobs/a.b'), 400, 'VALIDATION_FAILED');
  });

  it('pause, resume, cancel: 202 with the new status, 409 when the state forbids it, 404 unknown', async () => {
    const job = await createJob(t, 'slow pause');
    await waitForStatus(t.host.engine, job.jobId, 'running');
    await expectProblem(await t.api(`/api/render/${job.jobId}/resume`, { method: 'POST' }), 409, 'JOB_NOT_RESUMABLE');

    const paused = await t.api(`/api/render/${job.jobId}/pause`, { method: 'POST' });
    expect(paused.status).toBe(202);
    expect(await paused.json()).toEqual({ jobId: job.jobId, status: 'paused' });
    await expectProblem(await t.api(`/api/render/${job.jobId}/pause`, { method: 'POST' }), 409, 'JOB_NOT_PAUSABLE');
    await expectProblem(await t.api(`/api/jobs/${job.jobId}`, { method: 'DELETE' }), 409, 'JOB_ACTIVE');

    const resumed = await t.api(`/api/render/${job.jobId}/resume`, { method: 'POST' });
    expect(resumed.status).toBe(202);
    expect(((await resumed.json()) as { status: string }).status).toMatch(/^(pending|running)$/);

    // Some clients always send a JSON content type, even with no body.
    const canceled = await t.api(`/api/render/${job.jobId}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(canceled.status).toBe(202);
    expect(await canceled.json()).toEqual({ jobId: job.jobId, status: 'canceled' });
    await expectProblem(await t.api(`/api/render/${job.jobId}/cancel`, { method: 'POST' }), 409, 'JOB_NOT_CANCELABLE');
    await expectProblem(await t.api(`/api/render/${job.jobId}/pause`, { method: 'POST' }), 409, 'JOB_NOT_PAUSABLE');
    await expectProblem(await t.api(`/api/render/${job.jobId}/resume`, { method: 'POST' }), 409, 'JOB_NOT_RESUMABLE');
    for (const action of ['cancel', 'pause', 'resume']) {
      await expectProblem(await t.api(`/api/render/missing/${action}`, { method: 'POST' }), 404, 'NOT_FOUND');
    }
    await expectProblem(
      await postJson(t, `/api/render/${job.jobId}/cancel`, { force: true }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('DELETE /api/jobs/{id}: 204 for an ended job, its files gone; 404 after', async () => {
    const job = await createJob(t, 'delete me');
    await waitForStatus(t.host.engine, job.jobId, 'completed');
    const res = await t.api(`/api/jobs/${job.jobId}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    await expectProblem(await t.api(`/api/jobs/${job.jobId}`), 404, 'NOT_FOUND');
    await expectProblem(await t.api(`/api/jobs/${job.jobId}`, { method: 'DELETE' }), 404, 'NOT_FOUND');
  });

  it('queue pause/resume stop and restart taking new jobs', async () => {
    expect(await t.json('/api/queue/pause', { method: 'POST' })).toMatchObject({ queuePaused: true });
    const job = await createJob(t, 'waits');
    // Nothing to wait for but time: prove it stays pending across a full run of another API call.
    await t.json('/api/storage');
    expect(t.host.engine.get(job.jobId)?.status).toBe('pending');
    expect(await t.json('/api/queue')).toMatchObject({ queuePaused: true });
    expect(await t.json('/api/queue/resume', { method: 'POST' })).toMatchObject({ queuePaused: false });
    expect(await t.json('/api/queue')).toMatchObject({ queuePaused: false });
    await waitForStatus(t.host.engine, job.jobId, 'completed');
  });

  it('GET /api/jobs/{id}/log is text/plain', async () => {
    const job = await createJob(t, 'logged');
    await waitForStatus(t.host.engine, job.jobId, 'completed');
    const res = await t.api(`/api/jobs/${job.jobId}/log`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(typeof (await res.text())).toBe('string');
    await expectProblem(await t.api('/api/jobs/unknown/log'), 404, 'NOT_FOUND');
  });

  it('storage stats and sweep', async () => {
    StorageStatsSchema.parse(await t.json('/api/storage'));
    const swept = SweepResultSchema.parse(await t.json('/api/cleanup/sweep', { method: 'POST' }));
    expect(swept.tempRemoved).toBeGreaterThanOrEqual(0);
  });

  it('settings: GET, PUT applies at once, 400 lists bad fields', async () => {
    const before = SettingsSchema.parse(await t.json('/api/settings'));
    const put = await postJson(t, '/api/settings', { ssePingSeconds: 7 }, 'PUT');
    expect(put.status).toBe(200);
    expect(SettingsSchema.parse(await put.json()).ssePingSeconds).toBe(7);
    expect(t.host.engine.settings().ssePingSeconds).toBe(7);
    expect(SettingsSchema.parse(await t.json('/api/settings')).ssePingSeconds).toBe(7);

    const bad = await expectProblem(
      await postJson(t, '/api/settings', { concurrency: 0, bogus: 1 }, 'PUT'),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.errors?.map((e) => e.path)).toContain('concurrency');
    await expectProblem(await postJson(t, '/api/settings', 'text', 'PUT'), 400, 'VALIDATION_FAILED');
    await expectProblem(await t.api('/api/settings', { method: 'PUT' }), 400, 'VALIDATION_FAILED');
    await postJson(t, '/api/settings', { ssePingSeconds: before.ssePingSeconds }, 'PUT');
  });

  it('GET /api/openapi.json is generated from the route table: every route, one operationId each', async () => {
    const doc = await t.json<{
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string; responses: object }>>;
      components: { schemas: Record<string, { properties?: object }> };
    }>('/api/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    const operationIds = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(operationIds.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(operationIds).size).toBe(operationIds.length);
    // The routes issue 12 and 13 add, and the old paths kept as aliases.
    for (const route of [
      'POST /api/jobs/{id}/duplicate',
      'POST /api/jobs/{id}/move',
      'DELETE /api/jobs',
      'GET /api/jobs/{id}/diagnosis',
      'GET /api/workers',
      'POST /api/render',
      'POST /api/render/{id}/cancel',
      'GET /api/render/{id}/progress',
    ]) {
      expect(documented).toContain(route);
    }
    expect(doc.components.schemas['Event_queue-status']).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain('$defs');
    expect(Object.keys(doc.components.schemas.RenderSpec?.properties ?? {})).toEqual([
      'title',
      'script',
      'scenes',
      'voice',
      'output',
      'transition',
      'music',
      'captions',
      'chapters',
      'thumbnail',
    ]);
    const output = (doc.components.schemas.RenderSpec?.properties as Record<string, { properties?: object }>).output;
    expect(Object.keys(output?.properties ?? {})).toEqual(['preset', 'width', 'height', 'fps', 'quality', 'encoder']);
  });

  it('unknown routes are 404 problems; the page at / needs no token', async () => {
    await expectProblem(await t.api('/api/nothing-here'), 404, 'NOT_FOUND');
    const page = await t.fetch('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Aura Studio');
  });
});
