import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEngineFixture } from '../helpers/engine-fixture.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus } from '../helpers/wait.js';

const fx = useEngineFixture();

/** Makes job.json impossible to replace: its temp file's name is taken by a folder (EISDIR). */
function blockRecordReplace(jobFile: string): void {
  fs.mkdirSync(`${jobFile}.progress.tmp`);
}

describe('a transition in the commit log holds when job.json cannot be replaced', () => {
  it('cancels (temp and proxy gone) though the disk refuses job.json, and a restart agrees', async () => {
    const engine = await fx.open({ steps: testSteps({ units: 40, unitMs: 50 }) });
    const { jobId } = await engine.create(testSpec());
    await waitForStatus(engine, jobId, 'running');
    blockRecordReplace(engine.layout.jobFile(jobId));
    await engine.cancel(jobId);
    expect(engine.get(jobId)!.status).toBe('canceled');
    expect(fs.existsSync(engine.layout.tempDir(jobId))).toBe(false);
    expect(fs.existsSync(engine.layout.proxyDir(jobId))).toBe(false);
    // job.json still holds an earlier state; the log says canceled, and the log is what a restart believes.
    expect(JSON.parse(fs.readFileSync(engine.layout.jobFile(jobId), 'utf8')).status).not.toBe('canceled');
    expect(fs.readFileSync(engine.layout.logFile(jobId), 'utf8')).toMatch(/could not write to the job's files/);
    fs.rmdirSync(`${engine.layout.jobFile(jobId)}.progress.tmp`);
    const restarted = await fx.reopen();
    expect(restarted.get(jobId)!.status).toBe('canceled');
  });

  it('completes though job.json cannot be replaced, and the restart shows it completed', async () => {
    const engine = await fx.open({ steps: testSteps({ units: 4, unitMs: 30 }) });
    engine.pauseQueue();
    const { jobId } = await engine.create(testSpec());
    blockRecordReplace(engine.layout.jobFile(jobId));
    engine.resumeQueue();
    await waitForStatus(engine, jobId, 'completed');
    expect(JSON.parse(fs.readFileSync(engine.layout.jobFile(jobId), 'utf8')).status).toBe('pending');
    fs.rmdirSync(path.join(engine.layout.jobDir(jobId), 'job.json.progress.tmp'));
    const restarted = await fx.reopen();
    expect(restarted.get(jobId)!.status).toBe('completed');
  });
});
