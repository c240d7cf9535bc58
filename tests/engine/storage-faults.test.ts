import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine/engine.js';
import type { EngineError } from '../../src-main/engine/errors.js';
import type { Step, StepFolder, StepsFactory } from '../../src-main/engine/step.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { bindReadOnly, canMountTmpfs, mountTmpfs, type Tmpfs } from '../helpers/tmpfs.js';
import { waitForEvent, waitForStatus, waitUntil } from '../helpers/wait.js';

let disk: Tmpfs | undefined;
let engine: Engine | undefined;
afterEach(async () => {
  if (disk) disk.remount('rw');
  await engine?.close();
  engine = undefined;
  disk?.cleanup();
  disk = undefined;
});

const open = (dataDir: string) =>
  createEngine({ dataDir, steps: testSteps({ units: 3, unitMs: 20 }), settings: { cleanupInitialDelayMinutes: 600 } });

/** What an engine call answered: its status, or the code it was refused with. */
async function answer(call: Promise<{ status: string }>): Promise<string> {
  try {
    return (await call).status;
  } catch (error) {
    return (error as EngineError).code;
  }
}

/** A paused job with a checkpoint in temp (it has done real work). */
async function pausedJob(e: Engine, title: string): Promise<string> {
  const { jobId } = await e.create(testSpec(title));
  await waitForEvent(e, (ev) => ev.jobId === jobId && ev.type === 'step-status' && ev.data.status === 'succeeded');
  await e.pause(jobId);
  return jobId;
}

describe.skipIf(!canMountTmpfs)('a data folder on a disk that really fills up', () => {
  it('refuses a create with DISK_FULL saying what is free and needed, and leaves nothing behind', async () => {
    disk = mountTmpfs(4);
    engine = await open(disk.dir);
    const filler = disk.fill();
    const refusal = await engine.create(testSpec('no room')).catch((e: EngineError) => e);
    expect(refusal).toMatchObject({ code: 'DISK_FULL' });
    expect((refusal as EngineError).message).toMatch(
      /is full: only \d+(\.\d)? (B|KB) is free and at least \d+ KB is needed/,
    );
    expect(engine.stats().total).toBe(0);
    disk.free(filler);
    const ok = await engine.create(testSpec('room again'));
    await waitForStatus(engine, ok.jobId, 'completed');
  });

  it('answers cancel and resume on a full disk exactly as a restart finds them', async () => {
    disk = mountTmpfs(8);
    engine = await open(disk.dir);
    const paused = [];
    for (let i = 0; i < 4; i++) paused.push(await pausedJob(engine, `paused ${i}`));
    engine.pauseQueue(); // a resumed job waits, so what is in memory right after is the answer's doing
    const filler = disk.fill();
    // An event line may still fit in its file's last page while job.json does not (a recorded change);
    // the next test makes sure the other outcome, nothing recorded, is answered right too.
    const answers = new Map<string, string>();
    for (const [i, id] of paused.entries())
      answers.set(id, await answer(i % 2 === 0 ? engine.cancel(id) : engine.resume(id)));
    for (const [id, said] of answers) {
      expect(['canceled', 'pending', 'DISK_FULL']).toContain(said);
      // In memory the job is what the answer said: changed, or exactly as it was.
      expect(engine.get(id)!.status).toBe(said === 'DISK_FULL' ? 'paused' : said);
    }
    await engine.close();
    disk.free(filler);
    engine = await createEngine({ dataDir: disk.dir, steps: testSteps({ units: 3, unitMs: 1 }) });
    engine.pauseQueue();
    for (const [id, said] of answers) {
      const status = engine.get(id)!.status;
      if (said === 'DISK_FULL') expect(status).toBe('paused');
      else if (said === 'canceled') expect(status).toBe('canceled');
      else expect(['pending', 'running', 'completed']).toContain(status);
    }
    engine.resumeQueue();
    for (const [id, said] of answers) {
      if (said === 'DISK_FULL') await engine.resume(id);
      if (said !== 'canceled') await waitForStatus(engine, id, 'completed', 20_000);
    }
  });

  it('answers DISK_FULL and keeps the job as it was when not one byte of the cancel fits', async () => {
    disk = mountTmpfs(4);
    engine = await open(disk.dir);
    const id = await pausedJob(engine, 'no byte left');
    // End the log on a page boundary (with a blank line the parser skips), so the next line needs a new page.
    const events = engine.layout.eventsFile(id);
    const size = fs.statSync(events).size;
    fs.appendFileSync(events, ' '.repeat(4096 - ((size + 1) % 4096)) + '\n');
    const filler = disk.fill();
    const refusal = await engine.cancel(id).catch((e: EngineError) => e);
    expect(refusal).toMatchObject({ code: 'DISK_FULL' });
    expect(engine.get(id)).toMatchObject({ status: 'paused', canResume: true });
    await engine.close();
    disk.free(filler);
    engine = await open(disk.dir);
    expect(engine.get(id)).toMatchObject({ status: 'paused', canResume: true });
    const seqs = (await engine.readEvents(id, 0)).map((e) => e.seq);
    await engine.resume(id);
    await waitForStatus(engine, id, 'completed');
    const after = (await engine.readEvents(id, 0)).map((e) => e.seq);
    expect(after.slice(0, seqs.length)).toEqual(seqs);
    expect(after).toEqual(after.map((_, i) => i + 1));
  });

  it('fails a running job resumably when the disk fills under it, and resumes it once there is room', async () => {
    disk = mountTmpfs(4);
    // Slow enough (6 s of work) that the disk is full long before the job could end.
    engine = await createEngine({ dataDir: disk.dir, steps: testSteps({ units: 40, unitMs: 50 }) });
    const { jobId } = await engine.create(testSpec('filled mid-run'));
    await waitForEvent(engine, (e) => e.jobId === jobId && e.type === 'step-progress');
    const filler = disk.fill();
    await waitUntil('the job to fail', () => engine!.get(jobId)!.status === 'failed', 30_000);
    expect(engine.get(jobId)).toMatchObject({ canResume: true });
    expect((await engine.diagnose(jobId)).state).toBe('failed');
    disk.free(filler);
    await engine.resume(jobId);
    await waitForStatus(engine, jobId, 'completed', 60_000);
    // What the engine said is what a restart finds.
    await engine.close();
    engine = await open(disk.dir);
    expect(engine.get(jobId)!.status).toBe('completed');
  });

  it('fails the step whose folder the full disk refuses with DISK_FULL, saying why, and resumes once there is room', async () => {
    disk = mountTmpfs(4, 400);
    const full = disk;
    let fillers: string[] = [];
    // The second step uses up the disk's file entries (on its first attempt only), so the third one's
    // artifacts folder cannot be made: what a disk out of room does to a job between two steps.
    // The first step's checkpoint makes the checkpoint file while there is still room.
    const step = (name: string, run: Step['run'], folders: StepFolder[] = []): Step => ({
      name,
      stage: name,
      weight: 1,
      folders,
      run,
    });
    const steps: StepsFactory = () => [
      step('first', async () => undefined),
      step('exhaust', async () => {
        if (fillers.length === 0) fillers = [full.exhaustInodes()];
      }),
      step(
        'output',
        async (ctx) => {
          fs.writeFileSync(path.join(ctx.artifactsDir, 'out.txt'), 'done');
          await ctx.addArtifact('out.txt', 'text/plain');
        },
        ['artifacts'],
      ),
    ];
    engine = await createEngine({ dataDir: disk.dir, steps, settings: { cleanupInitialDelayMinutes: 600 } });
    const { jobId } = await engine.create(testSpec('no room for its output'));
    const failed = await waitForEvent(engine, (e) => e.jobId === jobId && e.type === 'job-failed');
    expect(failed.data).toMatchObject({
      step: 'output',
      error: { code: 'DISK_FULL', message: expect.stringMatching(/no room left for new files or folders/) },
    });
    expect(engine.get(jobId)).toMatchObject({ status: 'failed', canResume: true });
    expect(engine.get(jobId)!.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'failed']);
    for (const filler of fillers) disk.free(filler);
    await engine.resume(jobId);
    await waitForStatus(engine, jobId, 'completed');
    expect(fs.readFileSync(path.join(engine.layout.artifactsDir(jobId), 'out.txt'), 'utf8')).toBe('done');
  });

  it('keeps a paused job unchanged (checkpoints too) when a cancel cannot be recorded at all', async () => {
    disk = mountTmpfs(4);
    engine = await open(disk.dir);
    const id = await pausedJob(engine, 'keep me');
    const checkpoints = path.join(engine.layout.tempDir(id), 'checkpoints.jsonl');
    disk.remount('ro');
    await expect(engine.cancel(id)).rejects.toMatchObject({ code: 'STORAGE_READ_ONLY' });
    expect(engine.get(id)).toMatchObject({ status: 'paused', canResume: true });
    expect(fs.existsSync(checkpoints)).toBe(true);
    disk.remount('rw');
    await engine.resume(id);
    await waitForStatus(engine, id, 'completed');
  });
});

describe.skipIf(!canMountTmpfs)('a data folder that is read-only', () => {
  it('refuses every write path with STORAGE_READ_ONLY and changes nothing', async () => {
    disk = mountTmpfs(4);
    engine = await open(disk.dir);
    const done = await engine.create(testSpec('done'));
    await waitForStatus(engine, done.jobId, 'completed');
    const failedRun = await pausedJob(engine, 'paused');
    engine.pauseQueue();
    const waiting = await engine.create(testSpec('waiting'));
    disk.remount('ro');

    const e = engine;
    const writes = [
      () => e.create(testSpec('x')),
      () => e.cancel(waiting.jobId),
      () => e.resume(failedRun),
      () => e.delete(done.jobId),
      () => e.updateSettings({ concurrency: 2 }),
      () => e.duplicate(done.jobId),
    ];
    for (const write of writes) await expect(write()).rejects.toMatchObject({ code: 'STORAGE_READ_ONLY' });
    expect(engine.get(waiting.jobId)!.status).toBe('pending');
    expect(engine.get(failedRun)!.status).toBe('paused');
    expect(engine.get(done.jobId)!.status).toBe('completed');
    expect(engine.settings().concurrency).toBe(1);
    expect(engine.stats().total).toBe(3);

    disk.remount('rw');
    await engine.delete(done.jobId);
    engine.resumeQueue();
    // The pending job a refused cancel left alone still runs.
    await waitForStatus(engine, waiting.jobId, 'completed');
  });

  it('answers a pause of a running job exactly as a restart finds it when the folder turns read-only', async () => {
    disk = mountTmpfs(4);
    engine = await createEngine({ dataDir: disk.dir, steps: testSteps({ units: 30, unitMs: 20 }) });
    const { jobId } = await engine.create(testSpec('running on a folder that turns read-only'));
    await waitForEvent(engine, (e) => e.jobId === jobId && e.type === 'step-progress');
    const writable = bindReadOnly(disk.dir);
    let said: string;
    try {
      said = await answer(engine.pause(jobId));
    } finally {
      writable();
    }
    // The event log was open, so the pause's status line got in while job.json could not be replaced:
    // that is a recorded pause, and a restart agrees. Had nothing got in, the job would resume on restart.
    expect(['paused', 'STORAGE_READ_ONLY']).toContain(said);
    if (said === 'paused') expect(engine.get(jobId)).toMatchObject({ status: 'paused', canResume: true, error: null });
    await engine.close();
    engine = await createEngine({ dataDir: disk.dir, steps: testSteps({ units: 30, unitMs: 1 }) });
    if (said === 'paused') {
      expect(engine.get(jobId)!.status).toBe('paused');
      await engine.resume(jobId);
    }
    await waitForStatus(engine, jobId, 'completed', 20_000);
  });

  it('refuses to open on a read-only folder with one plain sentence', async () => {
    disk = mountTmpfs(4);
    disk.remount('ro');
    const refusal = await open(disk.dir).catch((e: EngineError) => e);
    expect(refusal).toMatchObject({ code: 'STORAGE_READ_ONLY' });
    expect((refusal as Error).message).toBe(
      `Aura Studio cannot write to ${disk.dir}: the folder is read-only (or not writable by this user); make it writable, or choose another data folder.`,
    );
  });
});
