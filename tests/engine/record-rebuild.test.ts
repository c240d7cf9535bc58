import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine/engine.js';
import { useEngineFixture } from '../helpers/engine-fixture.js';
import { testSpec, testSteps, type TestStepOptions } from '../helpers/test-steps.js';
import { canMountTmpfs, mountTmpfs } from '../helpers/tmpfs.js';
import { waitForEvent, waitForStatus } from '../helpers/wait.js';

const fx = useEngineFixture();
let engine: Engine | undefined;

const jobFile = (id: string) => path.join(fx.dir, 'jobs', id, 'job.json');
const open = (options: TestStepOptions | ((title: string) => TestStepOptions) = {}) =>
  fx.open({ steps: testSteps(typeof options === 'function' ? (spec) => options(spec.title) : options) });

/** Flips one bit of one byte past the middle of a file (a key's ':' becomes '>'): what a bad sector or a stray write does. */
function flipByte(file: string): void {
  const bytes = fs.readFileSync(file);
  // The colon after a key (`"key":`), never one inside a value such as a timestamp.
  const at = bytes.indexOf('":', Math.floor(bytes.length / 2)) + 1;
  bytes[at] = bytes[at]! ^ 0x04;
  fs.writeFileSync(file, bytes);
}

describe('a damaged job.json is rebuilt from the event log and the files', () => {
  it('keeps a completed job (status, spec, artifacts) after a flipped byte, and says it was rebuilt', async () => {
    engine = await open();
    const job = await engine.create(testSpec('flip me'));
    await waitForStatus(engine, job.jobId, 'completed');
    const before = engine.get(job.jobId)!;
    await engine.close();
    flipByte(jobFile(job.jobId));
    expect(() => JSON.parse(fs.readFileSync(jobFile(job.jobId), 'utf8'))).toThrow();

    engine = await open();
    const after = engine.get(job.jobId)!;
    expect(after).toMatchObject({
      status: 'completed',
      title: 'flip me',
      spec: before.spec,
      canResume: false,
      completedAt: expect.any(String),
      artifactCount: 1,
    });
    expect(after.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(after.artifacts).toEqual([
      expect.objectContaining({ name: 'output.txt', type: 'text/plain', sizeBytes: before.artifacts[0]!.sizeBytes }),
    ]);
    expect(after.warnings.at(-1)).toMatchObject({ code: 'RECORD_REBUILT' });
    expect(after.warnings.at(-1)!.message).toMatch(/corrupt or half-written.*rebuilt from its event log/);
    expect(engine.artifactPath(job.jobId, 'output.txt')).toBeDefined();
    // The rebuilt record is written back; the damaged one is kept beside it.
    expect(JSON.parse(fs.readFileSync(jobFile(job.jobId), 'utf8')).status).toBe('completed');
    expect(fs.readdirSync(path.dirname(jobFile(job.jobId))).some((n) => n.startsWith('job.json.corrupt-'))).toBe(true);
    // The log goes on where it was: no seq is handed out twice.
    const again = await engine.duplicate(job.jobId);
    await waitForStatus(engine, again.jobId, 'completed');
    const seqs = (await engine.readEvents(job.jobId, 0)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('keeps a failed job resumable from its checkpoints after job.json is truncated', async () => {
    const runs = new Map<string, number>();
    let failing = true;
    engine = await open(() => ({ runs, ...(failing ? { failStep: 'work' } : {}) }));
    const job = await engine.create(testSpec('truncate me'));
    await waitForStatus(engine, job.jobId, 'failed');
    await engine.close();
    const text = fs.readFileSync(jobFile(job.jobId), 'utf8');
    fs.writeFileSync(jobFile(job.jobId), text.slice(0, Math.floor(text.length / 3)));

    failing = false;
    engine = await open(() => ({ runs }));
    expect(engine.get(job.jobId)).toMatchObject({
      status: 'failed',
      canResume: true,
      lastCompletedStep: 'prepare',
      error: { code: 'STEP_FAILED', step: 'work', message: 'work failed on purpose' },
    });
    await engine.resume(job.jobId);
    await waitForStatus(engine, job.jobId, 'completed');
    // The prepare step's units were checkpointed before the failure: not redone.
    expect(runs.get(`${job.jobId}/prepare/0`)).toBe(1);
    expect(runs.get(`${job.jobId}/finish/2`)).toBe(1);
  });

  it('keeps a paused job whose job.json was deleted, and resumes it', async () => {
    engine = await open({ units: 4, unitMs: 40 });
    const job = await engine.create(testSpec('delete my record'));
    await waitForEvent(
      engine,
      (e) => e.jobId === job.jobId && e.type === 'step-status' && e.data.status === 'succeeded',
    );
    await engine.pause(job.jobId);
    await engine.close();
    fs.rmSync(jobFile(job.jobId));

    engine = await open({ units: 4, unitMs: 1 });
    expect(engine.get(job.jobId)).toMatchObject({ status: 'paused', canResume: true });
    expect(engine.get(job.jobId)!.warnings.at(-1)!.message).toMatch(/job\.json is missing/);
    await engine.resume(job.jobId);
    await waitForStatus(engine, job.jobId, 'completed');
  });

  it('rebuilds every state the same way, whatever the damage (status × flipped byte, truncation, deletion)', async () => {
    let failing = true;
    engine = await open((title) => ({
      units: 3,
      unitMs: title.startsWith('slow') ? 40 : 1,
      ...(failing && title.startsWith('fail') ? { failStep: 'work' } : {}),
    }));
    const e = engine;
    const make = async (title: string, until: (id: string) => Promise<void>) => {
      const { jobId } = await e.create(testSpec(title));
      await until(jobId);
      return jobId;
    };
    const damages = ['flip', 'truncate', 'delete'] as const;
    const ids: Array<{ id: string; damage: (typeof damages)[number] }> = [];
    for (const damage of damages) {
      ids.push({ id: await make('completed', (id) => waitForStatus(e, id, 'completed')), damage });
      ids.push({ id: await make('failed', (id) => waitForStatus(e, id, 'failed')), damage });
      ids.push({
        id: await make('slow paused', async (id) => {
          await waitForEvent(e, (ev) => ev.jobId === id && ev.type === 'step-status' && ev.data.status === 'succeeded');
          await e.pause(id);
        }),
        damage,
      });
      ids.push({
        id: await make('slow canceled', async (id) => {
          await waitForEvent(e, (ev) => ev.jobId === id && ev.type === 'step-progress');
          await e.cancel(id);
        }),
        damage,
      });
    }
    const toResume = [];
    for (const damage of damages) {
      const id = await make('failed, then resumed', (jobId) => waitForStatus(e, jobId, 'failed'));
      toResume.push(id);
      ids.push({ id, damage });
    }
    e.pauseQueue();
    for (const id of toResume) await e.resume(id);
    for (const damage of damages) ids.push({ id: await make('pending', async () => undefined), damage });
    const key = (id: string) => {
      const j = engine!.get(id)!;
      const { status, canResume, title, spec, artifacts, lastCompletedStep, attempts } = j;
      const steps = j.steps.map((st) => st.status).join(',');
      return {
        status,
        canResume,
        title,
        spec,
        artifacts,
        lastCompletedStep,
        attempts,
        steps,
        error: j.error?.code ?? null,
      };
    };
    const before = new Map(ids.map(({ id }) => [id, key(id)]));
    await engine.close();
    for (const { id, damage } of ids) {
      const text = fs.readFileSync(jobFile(id), 'utf8');
      if (damage === 'flip') flipByte(jobFile(id));
      if (damage === 'truncate') fs.writeFileSync(jobFile(id), text.slice(0, Math.floor(text.length / 2)));
      if (damage === 'delete') fs.rmSync(jobFile(id));
    }
    failing = false;
    // Held, so the pending ones are compared before they start.
    engine = await createEngine({ dataDir: fx.dir, steps: testSteps({ units: 3, unitMs: 1 }), runQueuedJobs: false });
    for (const { id, damage } of ids) {
      expect({ damage, ...key(id) }).toEqual({ damage, ...before.get(id)! });
      expect(engine.get(id)!.warnings.at(-1)!.code).toBe('RECORD_REBUILT');
    }
    // And they go on: the paused and failed ones resume, the pending ones run.
    await engine.close();
    engine = await open(() => ({ units: 3, unitMs: 1 }));
    for (const { id } of ids) if (['paused', 'failed'].includes(engine.get(id)!.status)) await engine.resume(id);
    for (const { id } of ids)
      if (!['completed', 'canceled'].includes(before.get(id)!.status))
        await waitForStatus(engine, id, 'completed', 20_000);
  });

  it('shows a job as damaged (and deletable) only when nothing usable is left', async () => {
    engine = await open();
    const job = await engine.create(testSpec());
    await waitForStatus(engine, job.jobId, 'completed');
    await engine.close();
    flipByte(jobFile(job.jobId));
    fs.rmSync(path.join(fx.dir, 'jobs', job.jobId, 'spec.json'));

    engine = await open();
    expect(engine.get(job.jobId)).toMatchObject({ status: 'failed', canResume: false, error: { code: 'JOB_DAMAGED' } });
    await engine.delete(job.jobId);
    expect(fs.existsSync(path.join(fx.dir, 'jobs', job.jobId))).toBe(false);
  });

  it('removes the leftovers of a create that never wrote its first event (no phantom job)', async () => {
    fs.mkdirSync(path.join(fx.dir, 'jobs', 'mxyz1234-0123456789', 'artifacts'), { recursive: true });
    fs.writeFileSync(path.join(fx.dir, 'jobs', 'mxyz1234-0123456789', 'events.jsonl'), '');
    engine = await open();
    expect(engine.stats().total).toBe(0);
    expect(fs.existsSync(path.join(fx.dir, 'jobs', 'mxyz1234-0123456789'))).toBe(false);
  });

  it.skipIf(!canMountTmpfs)('leaves no phantom job after a create that failed on a really full disk', async () => {
    const disk = mountTmpfs(4);
    try {
      let full = await createEngine({ dataDir: disk.dir, steps: testSteps() });
      full.pauseQueue();
      const filler = disk.fill();
      await expect(full.create(testSpec('no room'))).rejects.toThrow();
      await full.close();
      disk.free(filler);
      full = await createEngine({ dataDir: disk.dir, steps: testSteps() });
      expect(full.stats().total).toBe(0);
      expect(fs.readdirSync(path.join(disk.dir, 'jobs'))).toEqual([]);
      await full.close();
    } finally {
      disk.cleanup();
    }
  });
});
