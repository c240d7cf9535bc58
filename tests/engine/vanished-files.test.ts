import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine/engine.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForEvent, waitForStatus } from '../helpers/wait.js';

let tmp: ReturnType<typeof makeTempDir>;
let engine: Engine;
beforeEach(async () => {
  tmp = makeTempDir();
  engine = await createEngine({ dataDir: tmp.dir, steps: testSteps({ units: 6, unitMs: 40 }) });
});
afterEach(async () => {
  await engine.close();
  tmp.cleanup();
});

describe('a job whose folders vanish mid-render', () => {
  it.each([
    ['jobs/<id>', (e: Engine, id: string) => e.layout.jobDir(id)],
    ['temp/<id>', (e: Engine, id: string) => e.layout.tempDir(id)],
    ['both', (e: Engine, id: string) => [e.layout.jobDir(id), e.layout.tempDir(id)]],
  ])('fails with JOB_FILES_MISSING when %s is removed, resumes, and can be deleted', async (_, dirs) => {
    const job = await engine.create(testSpec('vanish'));
    await waitForEvent(engine, (e) => e.jobId === job.jobId && e.type === 'step-progress');
    for (const dir of [dirs(engine, job.jobId)].flat()) fs.rmSync(dir, { recursive: true, force: true });
    await waitForStatus(engine, job.jobId, 'failed', 20_000);
    const failed = engine.get(job.jobId)!;
    expect(failed).toMatchObject({ canResume: true, error: { code: 'JOB_FILES_MISSING' } });
    expect(failed.error!.message).toMatch(/vanished while it was running/);
    // The failure is on disk: a restart shows the same.
    await engine.close();
    engine = await createEngine({ dataDir: tmp.dir, steps: testSteps({ units: 6, unitMs: 1 }) });
    expect(engine.get(job.jobId)).toMatchObject({ status: 'failed', error: { code: 'JOB_FILES_MISSING' } });
    await engine.resume(job.jobId);
    await waitForStatus(engine, job.jobId, 'completed');
    expect(engine.artifactPath(job.jobId, 'output.txt')).toBeDefined();
    await engine.delete(job.jobId);
    expect(fs.existsSync(engine.layout.jobDir(job.jobId))).toBe(false);
  });

  it('fails a pending job whose folder vanished when its turn comes, instead of leaving it pending', async () => {
    engine.pauseQueue();
    const job = await engine.create(testSpec('gone before start'));
    fs.rmSync(engine.layout.jobDir(job.jobId), { recursive: true, force: true });
    engine.resumeQueue();
    await waitForStatus(engine, job.jobId, 'failed');
    expect(engine.get(job.jobId)).toMatchObject({ canResume: true, error: { code: 'JOB_FILES_MISSING' } });
    await engine.delete(job.jobId);
    expect(engine.get(job.jobId)).toBeUndefined();
  });
});
