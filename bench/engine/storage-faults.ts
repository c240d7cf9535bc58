/**
 * bench:storage-faults — rounds of real storage faults under an engine with running, paused,
 * pending and completed jobs: before each write through the public API (cancel, pause, resume,
 * delete, create, updateSettings) the tmpfs is filled to a random few KB of room, or the folder is
 * made read-only under the open files (a read-only bind mount); then a restart. Every answer must
 * match what the restart finds, no job may be damaged or lost, nothing may answer other than
 * success, DISK_FULL or STORAGE_READ_ONLY. Linux, as root (mount). `--rounds N` (default 20).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createEngine, type Engine } from '../../src-main/engine/engine.js';
import type { StepsFactory } from '../../src-main/engine/step.js';
import { report } from '../lib/stats.js';
import { benchSpec } from './no-op-steps.js';

const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 20;

/** Three steps of four checkpointed 4 KB units each: real files, real checkpoints. */
const unitSteps: StepsFactory = () =>
  ['one', 'two', 'three'].map((name) => ({
    name,
    stage: name,
    weight: 1,
    async run(ctx) {
      const outputs: string[] = [];
      for (let unit = 0; unit < 4; unit++) {
        const file = path.join(ctx.tempDir, `${name}-${unit}.bin`);
        if (!(await ctx.checkpoint.isDone(`${name}:${unit}`, 'v1'))) {
          // "Bench job 2" is slow, so it is still running when the faults come.
          await delay(ctx.spec.title.endsWith(' 2') ? 150 : 15, undefined, { signal: ctx.signal });
          await fs.promises.writeFile(file, Buffer.alloc(4096, unit));
          await ctx.checkpoint.markDone(`${name}:${unit}`, 'v1', [file]);
        }
        outputs.push(file);
        ctx.progress(((unit + 1) / 4) * 100);
      }
      return { outputs };
    },
  }));

const OK_CODES = new Set(['DISK_FULL', 'STORAGE_READ_ONLY']);
type Said = { kind: 'ok'; status: string } | { kind: 'refused'; code: string } | { kind: 'unexpected'; text: string };

async function answer(call: () => Promise<{ status: string } | void | unknown>): Promise<Said> {
  try {
    const value = (await call()) as { status?: string } | undefined;
    return { kind: 'ok', status: value?.status ?? 'done' };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code && OK_CODES.has(code) ? { kind: 'refused', code } : { kind: 'unexpected', text: String(error) };
  }
}

const waitFor = async (what: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await delay(5);
  }
};

function fillLeaving(dir: string, roomBytes: number): void {
  const file = path.join(dir, 'filler.bin');
  const fd = fs.openSync(file, 'a');
  try {
    for (;;) fs.writeSync(fd, Buffer.alloc(64 * 1024));
  } catch {
    // full
  } finally {
    fs.closeSync(fd);
  }
  fs.truncateSync(file, Math.max(0, fs.statSync(file).size - roomBytes));
}

const tally = {
  actions: 0,
  readOnly: 0,
  stoppedByFault: 0,
  succeeded: 0,
  refused: 0,
  unexpected: 0,
  mismatches: 0,
  damaged: 0,
};
const notes: string[] = [];

async function round(n: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aura-bench-faults-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', dir]);
  let engine: Engine | undefined;
  try {
    engine = await createEngine({ dataDir: dir, steps: unitSteps, settings: { concurrency: 2 } });
    const e = engine;
    const done = await e.create(benchSpec(0));
    await waitFor(() => e.get(done.jobId)?.status === 'completed');
    const running = [await e.create(benchSpec(1)), await e.create(benchSpec(2))];
    await waitFor(() => running.every((j) => (e.progress(j.jobId)?.progressPct ?? 0) > 5));
    await e.pause(running[0]!.jobId);
    e.pauseQueue();
    const pending = [await e.create(benchSpec(3)), await e.create(benchSpec(4))];
    const before = new Map([done, ...running, ...pending].map((j) => [j.jobId, e.get(j.jobId)!.status]));

    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
    // Before each write the disk is filled again (a cancel or delete frees pages): mostly no room at
    // all (only the tail pages of existing files take a line), sometimes a page or a few.
    const refill = () => fillLeaving(dir, pick([0, 0, 0, 0, 4096, 8192, 16_384]));
    /** Runs one write under a fault: the full disk (mostly), or a folder turned read-only. */
    const faulty = async (call: () => Promise<unknown>): Promise<Said> => {
      refill();
      if (Math.random() < 0.7) return answer(call);
      tally.readOnly++;
      execFileSync('mount', ['--bind', dir, dir]);
      execFileSync('mount', ['-o', 'remount,bind,ro', dir]);
      try {
        return await answer(call);
      } finally {
        execFileSync('umount', [dir]);
      }
    };
    const said = new Map<string, { action: string; said: Said }>();
    const created = await faulty(() => e.create(benchSpec(5)));
    const settingsSaid = await faulty(() => e.updateSettings({ concurrency: 3 }));
    const stopped = new Set<string>();
    for (const [jobId] of before) {
      // An earlier fault may have stopped the running job (its writes failed): it must come back resumable.
      const current = e.get(jobId)!;
      before.set(jobId, current.status);
      const status = current.status;
      if (status === 'failed' && current.error?.code === 'WRITE_FAILED') {
        stopped.add(jobId);
        continue;
      }
      const action =
        { paused: pick(['cancel', 'resume']), running: pick(['cancel', 'pause']), pending: 'cancel' }[
          status as 'paused' | 'running' | 'pending'
        ] ?? 'delete';
      const calls = {
        cancel: () => e.cancel(jobId),
        resume: () => e.resume(jobId),
        pause: () => e.pause(jobId),
        delete: () => e.delete(jobId),
      };
      said.set(jobId, { action, said: await faulty(calls[action as keyof typeof calls]) });
    }
    const expectedConcurrency = settingsSaid.kind === 'ok' ? 3 : 2;

    await e.close();
    engine = undefined;
    fs.rmSync(path.join(dir, 'filler.bin'), { force: true });
    // Settings of this run (concurrency 2) were overrides: read what is on disk.
    engine = await createEngine({ dataDir: dir, steps: unitSteps, runQueuedJobs: false });
    const after = engine;
    const check = (ok: boolean, what: string) => {
      if (!ok) {
        tally.mismatches++;
        notes.push(`round ${n}: ${what}`);
      }
    };
    for (const jobId of stopped) {
      tally.stoppedByFault++;
      const job = after.get(jobId);
      check(
        job?.status === 'pending' || (job?.status === 'failed' && job.canResume),
        `a job stopped by a fault is ${job?.status} after restart`,
      );
    }
    for (const [jobId, { action, said: s }] of said) {
      tally.actions++;
      if (s.kind === 'unexpected') {
        tally.unexpected++;
        notes.push(`round ${n}: ${action} answered ${s.text}`);
        continue;
      }
      const now = after.get(jobId)?.status;
      if (s.kind === 'refused') {
        tally.refused++;
        if (before.get(jobId) === 'running') {
          // A refused write stopped the running job: the restart resumes it (interrupted) or shows it failed, resumable.
          const job = after.get(jobId);
          check(
            job?.status === 'pending' || (job?.status === 'failed' && job.canResume),
            `${action} of a running job refused (${s.code}) but the job is ${now} after restart`,
          );
        } else check(now === before.get(jobId), `${action} refused (${s.code}) but the job is ${now} after restart`);
      } else {
        tally.succeeded++;
        const expected = { delete: undefined, cancel: 'canceled', pause: 'paused', resume: 'pending' }[
          action as 'delete' | 'cancel' | 'pause' | 'resume'
        ];
        check(now === expected, `${action} succeeded but the job is ${now} after restart`);
      }
    }
    for (const s of [created, settingsSaid]) {
      tally.actions++;
      if (s.kind === 'unexpected') tally.unexpected++;
      else if (s.kind === 'refused') tally.refused++;
      else tally.succeeded++;
    }
    const expectedJobs =
      stopped.size + [...said.values()].filter((x) => !(x.action === 'delete' && x.said.kind === 'ok')).length;
    check(
      after.stats().total === expectedJobs + (created.kind === 'ok' ? 1 : 0),
      `create answered ${created.kind} but the queue holds ${after.stats().total} jobs`,
    );
    check(
      settingsSaid.kind === 'unexpected' || (after.settings().concurrency === 3) === (expectedConcurrency === 3),
      `settings answered ${settingsSaid.kind} but concurrency is ${after.settings().concurrency}`,
    );
    tally.damaged += after.list({ limit: 100 }).filter((j) => j.title.startsWith('Damaged job')).length;
  } finally {
    await engine?.close();
    execFileSync('umount', [dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const started = Date.now();
for (let n = 1; n <= ROUNDS; n++) await round(n);
report(
  `bench:storage-faults — ${ROUNDS} rounds of a really full or read-only data folder, answers vs. a restart`,
  { rounds: ROUNDS, ...tally, seconds: Math.round((Date.now() - started) / 1000) },
  notes.slice(0, 20),
);
if (tally.mismatches + tally.unexpected + tally.damaged > 0) process.exitCode = 1;
