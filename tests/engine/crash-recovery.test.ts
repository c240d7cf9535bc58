import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine.js';
import type { JobEvent } from '../../src-shared/events.js';
import { killHard, runChildUntil as runChild } from '../helpers/child-engine.js';
import { useEngineFixture } from '../helpers/engine-fixture.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus } from '../helpers/wait.js';

const fx = useEngineFixture();
let engine: Engine | undefined;
let child: ChildProcess | undefined;

/** The child engine, kept so afterEach can stop it. */
const runChildUntil = (dataDir: string, until: (e: JobEvent) => boolean) =>
  runChild(dataDir, until, (proc) => (child = proc));

// Runs before the fixture's clean-up (hooks unwind in reverse): no child writes into a removed folder.
afterEach(() => {
  child?.kill('SIGKILL');
});

describe('crash recovery', () => {
  it('resumes a job whose engine was killed with SIGKILL mid-step, from its checkpoints', async () => {
    const { child: proc, event } = await runChildUntil(
      fx.dir,
      (e) => e.type === 'step-progress' && e.data.step === 'work' && e.data.progressPct >= 50,
    );
    await killHard(proc);
    const jobId = event.jobId;
    const onDisk = JSON.parse(fs.readFileSync(path.join(fx.dir, 'jobs', jobId, 'job.json'), 'utf8'));
    // The attempt's start is fsynced in the event log; job.json follows it lazily.
    expect(['pending', 'running']).toContain(onDisk.status);
    expect(fs.existsSync(path.join(fx.dir, 'engine.lock'))).toBe(true);

    const runs = new Map<string, number>();
    engine = await fx.open({ steps: testSteps({ units: 4, unitMs: 20, runs }) });
    await waitForStatus(engine, jobId, 'completed', 20_000);
    expect(runs.has(`${jobId}/prepare/0`)).toBe(false);
    expect(runs.has(`${jobId}/work/0`)).toBe(false);
    expect(runs.get(`${jobId}/finish/3`)).toBe(1);
    const events = await engine.readEvents(jobId, 0);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.some((e) => e.type === 'warning' && e.data.code === 'INTERRUPTED')).toBe(true);
    expect(events.at(-1)!.type).toBe('job-completed');
    expect(engine.get(jobId)!.attempts).toBe(2);
  });

  it('trusts the event log over a job.json that had not caught up with the start of an attempt', async () => {
    const seed = await fx.open({ steps: testSteps() });
    seed.pauseQueue();
    const job = await seed.create(testSpec('stale record'));
    await seed.close();
    const events = path.join(fx.dir, 'jobs', job.jobId, 'events.jsonl');
    const running = {
      seq: 2,
      ts: Date.now(),
      jobId: job.jobId,
      type: 'job-status',
      data: { jobId: job.jobId, status: 'running', stage: 'Prepare', progressPct: 0, canResume: false },
    };
    fs.appendFileSync(events, JSON.stringify(running) + '\n');
    engine = await fx.open({ steps: testSteps() });
    await waitForStatus(engine, job.jobId, 'completed');
    const logged = await engine.readEvents(job.jobId, 0);
    expect(logged.find((e) => e.type === 'warning')?.data).toMatchObject({ code: 'INTERRUPTED' });
    expect(logged.map((e) => e.seq)).toEqual(logged.map((_, i) => i + 1));
  });

  it('fails an interrupted job resumably when autoResumeInterrupted is off', async () => {
    const { child: proc, event } = await runChildUntil(fx.dir, (e) => e.type === 'step-progress');
    await killHard(proc);
    engine = await fx.open({ steps: testSteps(), settings: { autoResumeInterrupted: false } });
    expect(engine.get(event.jobId)).toMatchObject({
      status: 'failed',
      canResume: true,
      error: { code: 'INTERRUPTED' },
    });
    await engine.resume(event.jobId);
    await waitForStatus(engine, event.jobId, 'completed');
  });

  it('refuses a second engine on the same data dir while the first lives', async () => {
    const { child: proc } = await runChildUntil(fx.dir, (e) => e.type === 'job-created');
    await expect(fx.open({ steps: testSteps() })).rejects.toThrow(/already using the data folder/);
    await killHard(proc);
  });

  it('pauses running work on a clean shutdown and picks it up on the next start', async () => {
    engine = await fx.open({ steps: testSteps({ units: 4, unitMs: 50 }) });
    const job = await engine.create({ ...testSpec('shutdown'), script: '# a\nb' });
    await waitForStatus(engine, job.jobId, 'running');
    await engine.close();
    const onDisk = JSON.parse(fs.readFileSync(path.join(fx.dir, 'jobs', job.jobId, 'job.json'), 'utf8'));
    expect(onDisk).toMatchObject({ status: 'paused', resumeOnStart: true });
    expect(fs.existsSync(path.join(fx.dir, 'engine.lock'))).toBe(false);
    engine = await fx.open({ steps: testSteps({ units: 4, unitMs: 5 }) });
    await waitForStatus(engine, job.jobId, 'completed');
  });
});

describe('crash between the event log and job.json', () => {
  it('does not run again a job whose cancel reached the log but not job.json', async () => {
    const seed = await fx.open({ steps: testSteps({ units: 4, unitMs: 30 }) });
    const job = await seed.create(testSpec('canceled just before a crash'));
    await waitForStatus(seed, job.jobId, 'running');
    const file = path.join(fx.dir, 'jobs', job.jobId, 'job.json');
    const beforeCancel = fs.readFileSync(file, 'utf8');
    await seed.cancel(job.jobId);
    await seed.close();
    fs.writeFileSync(file, beforeCancel); // as if the crash came before job.json was replaced
    engine = await fx.open({ steps: testSteps() });
    const recovered = engine.get(job.jobId)!;
    expect(recovered).toMatchObject({ status: 'canceled', canResume: false });
    expect(recovered.canceledAt).not.toBeNull();
    const events = await engine.readEvents(job.jobId, 0);
    expect(events.at(-1)!.type).toBe('job-canceled');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).status).toBe('canceled');
  });
});

describe('runQueuedJobs: false (aura render)', () => {
  it('leaves jobs already queued on disk alone and runs only what it is given', async () => {
    const seed = await fx.open({ steps: testSteps() });
    seed.pauseQueue();
    const waiting = await seed.create(testSpec('queued by the app'));
    await seed.close();
    engine = await fx.open({ steps: testSteps(), runQueuedJobs: false });
    const mine = await engine.create(testSpec('from the command line'));
    await waitForStatus(engine, mine.jobId, 'completed');
    expect(engine.get(waiting.jobId)!.status).toBe('pending');
  });
});
