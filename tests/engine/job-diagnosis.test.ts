import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine/engine.js';
import type { Step, StepContext } from '../../src-main/engine/step.js';
import { registeredChildPids } from '../../src-main/engine/child-pids.js';
import { ChildRegistry } from '../../src-main/pipeline/child-registry.js';
import { bundledFfmpegPath } from '../../src-main/pipeline/ffmpeg-locate.js';
import { runProcess } from '../../src-main/pipeline/process-runner.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSpec } from '../helpers/test-steps.js';
import { canMountTmpfs, mountTmpfs, type Tmpfs } from '../helpers/tmpfs.js';
import { waitForEvent, waitUntil } from '../helpers/wait.js';

const FFMPEG = bundledFfmpegPath() ?? '/usr/bin/ffmpeg';

/** One step that runs a real child process until aborted; stdout lines count as progress. */
function childStep(command: (ctx: StepContext) => [string, string[]], lowPriority = true): Step {
  return {
    name: 'encode',
    stage: 'Encode',
    weight: 1,
    resumable: false,
    async run(ctx) {
      let lines = 0;
      const [file, args] = command(ctx);
      await runProcess(file, args, {
        signal: ctx.signal,
        registry: new ChildRegistry(ctx.tempDir),
        lowPriority,
        onStdoutLine: () => ctx.progress(Math.min(99, ++lines / 100)),
      });
      return { outputs: [] };
    },
  };
}

let tmp: ReturnType<typeof makeTempDir> | undefined;
let disk: Tmpfs | undefined;
let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  disk?.cleanup();
  disk = undefined;
  tmp?.cleanup();
  tmp = undefined;
});

async function startWith(dataDir: string, step: Step): Promise<{ jobId: string; pid: number }> {
  engine = await createEngine({
    dataDir,
    steps: () => [step],
    settings: { stallWarningSeconds: 1, stallTimeoutSeconds: 600, cleanupInitialDelayMinutes: 600 },
    watchdogIntervalMs: 100,
  });
  const { jobId } = await engine.create(testSpec('diagnose me'));
  const tempDir = engine.layout.tempDir(jobId);
  let pid: number | undefined;
  await waitUntil(
    'the child to start',
    async () => {
      pid = (await registeredChildPids(tempDir))[0];
      return pid !== undefined;
    },
    20_000,
  );
  return { jobId, pid: pid! };
}

const stallWarning = (jobId: string, pattern: RegExp) =>
  waitForEvent(
    engine!,
    (e) =>
      e.jobId === jobId && e.type === 'warning' && e.data.code === 'STALL_SUSPECTED' && pattern.test(e.data.message),
    30_000,
  );

describe('explaining a stall on a real machine', () => {
  it('sees a real ffmpeg stopped with SIGSTOP', async () => {
    tmp = makeTempDir();
    const step = childStep((ctx) => [
      FFMPEG,
      [
        '-hide_banner',
        '-nostdin',
        '-re',
        '-f',
        'lavfi',
        '-i',
        'testsrc=size=160x90:rate=10',
        '-t',
        '600',
        '-progress',
        'pipe:1',
        '-y',
        path.join(ctx.tempDir, 'endless.mp4'),
      ],
    ]);
    const { jobId, pid } = await startWith(tmp.dir, step);
    await waitForEvent(engine!, (e) => e.jobId === jobId && e.type === 'step-progress', 20_000);
    process.kill(pid, 'SIGSTOP');
    try {
      const warning = await stallWarning(jobId, /stopped/);
      expect(warning.type === 'warning' && warning.data.message).toMatch(
        /^ffmpeg is alive but stopped \(not using any CPU; no progress for \d+ s\): it was suspended by another program; resume it or cancel\./,
      );
      const diagnosis = await engine!.diagnose(jobId);
      expect(diagnosis).toMatchObject({ jobId, state: 'stalled' });
      expect(diagnosis.findings.map((f) => f.code)).toEqual(
        expect.arrayContaining(['PROCESS_STOPPED', 'NO_CPU', 'NO_OUTPUT']),
      );
      expect(diagnosis.suggestedActions[0]).toContain(`kill -CONT ${pid}`);
      expect(engine!.get(jobId)!.warnings.at(-1)).toMatchObject({ code: 'STALL_SUSPECTED', step: 'encode' });
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // Resumed, it works again: the diagnosis says so once progress flows.
    await waitForEvent(engine!, (e) => e.jobId === jobId && e.type === 'step-progress', 20_000);
    expect((await engine!.diagnose(jobId)).state).toBe('healthy');
    await engine!.cancel(jobId);
  });

  it('sees a step that spins a CPU without writing anything', async () => {
    tmp = makeTempDir();
    // A busy loop at normal priority, so a loaded test machine still gives it a real share of a core.
    const step = childStep(
      (ctx) => ['sh', ['-c', 'while :; do :; done', 'spin', path.join(ctx.tempDir, 'spin.out')]],
      false,
    );
    const { jobId } = await startWith(tmp.dir, step);
    const warning = await stallWarning(jobId, /./);
    expect(warning.type === 'warning' && warning.data.message).toMatch(
      /^sh is using \d+ % CPU but writing nothing \(no progress for \d+ s\): it may be stuck on its input\./,
    );
    const diagnosis = await engine!.diagnose(jobId);
    expect(diagnosis.state).toBe('stalled');
    expect(diagnosis.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['PROCESS_RUNNING', 'CPU_BUSY', 'NO_OUTPUT']),
    );
    await engine!.cancel(jobId);
  });

  it.skipIf(!canMountTmpfs)('sees a step blocked on a really full disk', async () => {
    disk = mountTmpfs(4);
    // The child fills the disk, then keeps trying to write more.
    const script = 'cat /dev/zero > "$1" 2>/dev/null; while :; do sleep 0.2; cat /dev/zero >> "$1" 2>/dev/null; done';
    const step = childStep((ctx) => ['sh', ['-c', script, 'fill', path.join(ctx.tempDir, 'fill.bin')]]);
    const { jobId } = await startWith(disk.dir, step);
    // On a full disk the warning cannot be logged (events.jsonl cannot grow), but the job carries it.
    await waitUntil(
      'the stall warning',
      () => engine!.get(jobId)!.warnings.some((w) => w.code === 'STALL_SUSPECTED'),
      30_000,
    );
    expect(engine!.get(jobId)!.warnings.find((w) => w.code === 'STALL_SUSPECTED')!.message).toMatch(
      /^The disk holding the data folder is full \(\d+ B free\), so the encode step cannot write its output\./,
    );
    const diagnosis = await engine!.diagnose(jobId);
    expect(diagnosis.state).toBe('stalled');
    expect(diagnosis.findings.map((f) => f.code)).toContain('DISK_FULL');
    expect(diagnosis.suggestedActions[0]).toMatch(/Free some disk space/);
    await engine!.cancel(jobId);
    expect(fs.existsSync(engine!.layout.tempDir(jobId))).toBe(false);
  });

  it('diagnoses any job at any time, and refuses an unknown one', async () => {
    tmp = makeTempDir();
    engine = await createEngine({ dataDir: tmp.dir, steps: () => [] });
    engine.pauseQueue();
    const { jobId } = await engine.create(testSpec());
    const diagnosis = await engine.diagnose(jobId);
    expect(diagnosis).toMatchObject({ jobId, state: 'waiting', suggestedActions: [] });
    expect(diagnosis.summary).toBe('This job is waiting in the queue for its turn.');
    expect(Date.parse(diagnosis.checkedAt)).not.toBeNaN();
    // Machine-wide findings (load on a shared CI box) may be present; nothing about the job itself.
    expect(diagnosis.findings.filter((f) => f.code !== 'MACHINE_OVERLOADED' && f.code !== 'DISK_NEARLY_FULL')).toEqual(
      [],
    );
    await expect(engine.diagnose('nope-0000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
