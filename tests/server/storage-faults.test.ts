import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobSchema } from '../../src-shared/job.js';
import { ProblemSchema } from '../../src-shared/problem.js';
import { canMountTmpfs, fillDisk, mountTmpfs } from '../pipeline/helpers/disk-full.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { postJson, startTestHost, type TestHost } from './harness.js';

const canMount = canMountTmpfs();

async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return ProblemSchema.parse(await res.json());
}

/** The data folder on a real, small tmpfs that the test fills up and makes read-only. */
describe.skipIf(!canMount)('a full or read-only data folder over HTTP (real tmpfs)', () => {
  let disk: ReturnType<typeof mountTmpfs>;
  let t: TestHost;
  const filler = () => join(disk.dir, 'filler.bin');

  beforeAll(async () => {
    disk = mountTmpfs(16);
    t = await startTestHost({ dataDir: disk.dir, steps: testSteps() });
    await t.json('/api/queue/pause', { method: 'POST' });
  });
  afterAll(async () => {
    execFileSync('mount', ['-o', 'remount,rw', disk.dir]);
    rmSync(filler(), { force: true });
    await t?.cleanup();
    disk?.unmount();
  });

  it('disk full: 507 DISK_FULL saying so, never 500; a cancel answers what it recorded', async () => {
    const waiting = JobSchema.parse(await (await postJson(t, '/api/jobs', testSpec('queued before'))).json());
    fillDisk(filler(), 0);

    const create = await postJson(t, '/api/jobs', testSpec('no room'));
    expect(create.status).toBe(507);
    const problem = await problemOf(create);
    expect(problem.code).toBe('DISK_FULL');
    expect(problem.detail).toMatch(/full/i);

    const settings = await postJson(t, '/api/settings', { concurrency: 2 }, 'PUT');
    expect(settings.status).toBe(507);
    expect((await problemOf(settings)).code).toBe('DISK_FULL');

    // The answer matches what happened: 202 means the cancel is recorded, 507 that the job is unchanged.
    const cancel = await t.api(`/api/jobs/${waiting.jobId}/cancel`, { method: 'POST' });
    expect([202, 507]).toContain(cancel.status);
    const after = JobSchema.parse(await t.json(`/api/jobs/${waiting.jobId}`));
    expect(after.status).toBe(cancel.status === 202 ? 'canceled' : 'pending');
    rmSync(filler());
  });

  it('read-only: 503 STORAGE_READ_ONLY, never 500', async () => {
    execFileSync('mount', ['-o', 'remount,ro', disk.dir]);
    try {
      const create = await postJson(t, '/api/jobs', testSpec('read only'));
      expect(create.status).toBe(503);
      const problem = await problemOf(create);
      expect(problem.code).toBe('STORAGE_READ_ONLY');
      expect(problem.detail).toMatch(/read-only/);
      const settings = await postJson(t, '/api/settings', { concurrency: 2 }, 'PUT');
      expect(settings.status).toBe(503);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', disk.dir]);
    }
  });
});
