import { afterEach, describe, expect, it } from 'vitest';
import type { Problem } from '../../src-shared/problem.js';
import { PROBLEM_CONTENT_TYPE } from '../../src-main/server/problem.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { canMountTmpfs, mountTmpfs, type Tmpfs } from '../helpers/tmpfs.js';
import { postJson, startTestHost, type TestHost } from './harness.js';

let disk: Tmpfs | undefined;
let t: TestHost | undefined;
afterEach(async () => {
  disk?.remount('rw');
  await t?.cleanup();
  t = undefined;
  disk?.cleanup();
  disk = undefined;
});

async function problemOf(res: Response, status: number, code: string): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
  const body = (await res.json()) as Problem;
  expect(body).toMatchObject({ status, code });
  return body;
}

describe.skipIf(!canMountTmpfs)('the wire on a full or read-only data folder', () => {
  it('answers 507 DISK_FULL for a render and a settings change on a really full disk, never 500', async () => {
    disk = mountTmpfs(4);
    t = await startTestHost({ dataDir: disk.dir, steps: testSteps() });
    t.host.engine.pauseQueue();
    const waiting = (await (await postJson(t, '/api/render', testSpec('queued before'))).json()) as { jobId: string };
    const filler = disk.fill();
    const render = await problemOf(await postJson(t, '/api/render', testSpec('no room')), 507, 'DISK_FULL');
    expect(render.detail).toMatch(/is full: only .* is free and at least .* is needed/);
    await problemOf(await postJson(t, '/api/settings', { concurrency: 2 }, 'PUT'), 507, 'DISK_FULL');
    // The answer matches what happened: 202 means the cancel is recorded, 507 that the job is unchanged.
    const cancel = await t.api(`/api/jobs/${waiting.jobId}/cancel`, { method: 'POST' });
    expect([202, 507]).toContain(cancel.status);
    const after = await t.json<{ status: string }>(`/api/jobs/${waiting.jobId}`);
    expect(after.status).toBe(cancel.status === 202 ? 'canceled' : 'pending');
    expect((await t.json<{ jobs: { jobId: string }[] }>('/api/queue')).jobs.map((j) => j.jobId)).toEqual([
      waiting.jobId,
    ]);
    disk.free(filler);
    expect((await postJson(t, '/api/render', testSpec('room again'))).status).toBe(201);
  });

  it('answers 503 STORAGE_READ_ONLY on a read-only folder and leaves the job as it was', async () => {
    disk = mountTmpfs(4);
    t = await startTestHost({ dataDir: disk.dir, steps: testSteps() });
    t.host.engine.pauseQueue();
    const created = await postJson(t, '/api/render', testSpec('waiting'));
    const { jobId } = (await created.json()) as { jobId: string };
    disk.remount('ro');
    const cancel = await problemOf(
      await t.api(`/api/render/${jobId}/cancel`, { method: 'POST' }),
      503,
      'STORAGE_READ_ONLY',
    );
    expect(cancel.detail).toMatch(/read-only/);
    expect((await t.json<{ status: string }>(`/api/jobs/${jobId}`)).status).toBe('pending');
    await problemOf(await postJson(t, '/api/settings', { concurrency: 2 }, 'PUT'), 503, 'STORAGE_READ_ONLY');
    await problemOf(await postJson(t, '/api/render', testSpec('x')), 503, 'STORAGE_READ_ONLY');
    disk.remount('rw');
    const ok = await t.api(`/api/render/${jobId}/cancel`, { method: 'POST' });
    expect(ok.status).toBe(202);
    expect((await t.json<{ status: string }>(`/api/jobs/${jobId}`)).status).toBe('canceled');
  });
});
