import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine.js';
import type { EngineEvent } from '../../src-main/engine/engine-api.js';
import type { Step } from '../../src-main/engine/step.js';
import { useEngineFixture } from '../helpers/engine-fixture.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForEvent, waitForStatus } from '../helpers/wait.js';

const fx = useEngineFixture();
let engine: Engine;

describe('job lifecycle', () => {
  it('runs a job from pending to completed with every timestamp, step status and artifact', async () => {
    engine = await fx.open({ steps: testSteps() });
    const seen: EngineEvent[] = [];
    engine.subscribe((e) => seen.push(e));
    const job = await engine.create(testSpec('First'));
    expect(job.status).toBe('pending');
    expect(job.createdAt).toMatch(/Z$/);
    await waitForStatus(engine, job.jobId, 'completed');
    const done = engine.get(job.jobId)!;
    expect(done.status).toBe('completed');
    expect(done.progressPct).toBe(100);
    expect(done.startedAt).not.toBeNull();
    expect(done.completedAt).not.toBeNull();
    expect(done.endedAt).toBe(done.completedAt);
    expect(done.canceledAt).toBeNull();
    expect(done.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(done.artifacts).toEqual([expect.objectContaining({ name: 'output.txt', type: 'text/plain' })]);
    expect(done.lastCompletedStep).toBe('finish');
    expect(done.attempts).toBe(1);
    const types = seen.filter((e) => e.jobId === job.jobId).map((e) => e.type);
    expect(types[0]).toBe('job-created');
    expect(types.at(-1)).toBe('job-completed');
    const logged = await engine.readEvents(job.jobId, 0);
    expect(logged.map((e) => e.seq)).toEqual(logged.map((_, i) => i + 1));
    expect(engine.lastSeq(job.jobId)).toBe(logged.length);
    const onDisk = JSON.parse(fs.readFileSync(engine.layout.jobFile(job.jobId), 'utf8'));
    expect(onDisk).toMatchObject({ schemaVersion: 1, status: 'completed' });
  });

  it('keeps job progress monotonic and reports an ETA once it can', async () => {
    engine = await fx.open({ steps: testSteps({ units: 4, unitMs: 30 }) });
    const pcts: number[] = [];
    engine.subscribe((e) => {
      if (e.type === 'step-progress') pcts.push(e.data.jobProgressPct);
    });
    const job = await engine.create(testSpec());
    await waitForStatus(engine, job.jobId, 'completed');
    expect(pcts.length).toBeGreaterThan(3);
    expect(pcts).toEqual([...pcts].sort((a, b) => a - b));
    expect(pcts.at(-1)).toBe(100);
  });

  it('fails a job with the step error and keeps it resumable when retrying can help', async () => {
    const options = { failStep: 'work' as string | undefined };
    engine = await fx.open({ steps: testSteps(() => ({ failStep: options.failStep })) });
    const job = await engine.create(testSpec());
    const failed = await waitForEvent(engine, (e) => e.type === 'job-failed' && e.jobId === job.jobId);
    expect(failed.data).toMatchObject({
      step: 'work',
      error: { code: 'STEP_FAILED', suggestedActions: ['Fix the test'] },
    });
    const record = engine.get(job.jobId)!;
    expect(record).toMatchObject({ status: 'failed', canResume: true, hasErrors: true });
    expect(record.error?.logTail).toBeInstanceOf(Array);
    options.failStep = undefined;
    await engine.resume(job.jobId);
    await waitForStatus(engine, job.jobId, 'completed');
    expect(engine.get(job.jobId)!.attempts).toBe(2);
  });

  it('makes the proxy and artifacts folders only for the steps that write there, before they run', async () => {
    const seen: Record<string, { proxy: boolean; artifacts: boolean }> = {};
    const step = (name: string, folders: Step['folders']): Step => ({
      name,
      stage: name,
      weight: 1,
      folders,
      run: async (ctx) => {
        seen[name] = { proxy: fs.existsSync(ctx.proxyDir), artifacts: fs.existsSync(ctx.artifactsDir) };
      },
    });
    engine = await fx.open({
      steps: () => [step('plain', []), step('preview', ['proxy']), step('output', ['artifacts'])],
    });
    const job = await engine.create(testSpec());
    await waitForStatus(engine, job.jobId, 'completed');
    expect(seen).toEqual({
      plain: { proxy: false, artifacts: false },
      preview: { proxy: true, artifacts: false },
      output: { proxy: true, artifacts: true },
    });

    // Steps that name no folder leave none behind: a job of them touches only its own folder and temp.
    engine = await fx.reopen({ steps: () => [step('plain', [])] });
    const bare = await engine.create(testSpec());
    await waitForStatus(engine, bare.jobId, 'completed');
    expect(fs.existsSync(engine.layout.proxyDir(bare.jobId))).toBe(false);
    expect(fs.existsSync(engine.layout.artifactsDir(bare.jobId))).toBe(false);
    expect(fs.existsSync(engine.layout.tempDir(bare.jobId))).toBe(false);
    expect(engine.get(bare.jobId)!.artifacts).toEqual([]);
  });
});
