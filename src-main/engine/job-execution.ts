import fs from 'node:fs/promises';
import path from 'node:path';
import type { Settings } from '../../src-shared/settings.js';
import { hashInputs } from './checkpoint-store.js';
import type { CheckpointStore } from './checkpoint-store.js';
import type { EventJournal, JobFiles } from './backend.js';
import { StepError, type AbortReason } from './errors.js';
import type { JobLogs } from './job-log.js';
import type { JobRecord } from './job-record.js';
import { stepStatusEvent } from './job-views.js';
import { ProgressTracker } from './progress-tracker.js';
import type { StallWatchdog } from './stall-watchdog.js';
import type { Checkpoints, Step, StepContext, StepFolder, StepLog } from './step.js';
import { makeFolder } from './make-folder.js';
import { makeFolders } from './step-folders.js';
import { storageStepError } from './storage-errors.js';

const PROGRESS_EVENT_INTERVAL_MS = 50;
/** How long an aborted step may take to stop before the runner moves on without it. */
const ABANDON_AFTER_MS = 2000;

function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise
      .then(
        () => resolve(),
        () => resolve(),
      )
      .finally(() => clearTimeout(timer));
  });
}

/** How one attempt ended. */
export type AttemptOutcome =
  { kind: 'completed' } | { kind: 'failed'; step: string; error: StepError } | { kind: 'aborted'; reason: AbortReason };

export interface ExecutionDeps {
  files: JobFiles;
  journal: EventJournal;
  logs: JobLogs;
  checkpoints: CheckpointStore;
  watchdog: StallWatchdog;
  settings: () => Settings;
}

/** A running attempt: the runner reads its tracker for ETAs. */
export interface Attempt {
  readonly tracker: ProgressTracker;
  readonly done: Promise<AttemptOutcome>;
}

const nowIso = () => new Date().toISOString();

/** The folders a step writes into. */
interface StepDirs {
  tempDir: string;
  proxyDir: string;
  artifactsDir: string;
}

/** Resolves when the signal aborts, so a step that ignores its signal cannot hold the job. */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fire = () => reject(signal.reason);
    if (signal.aborted) fire();
    else signal.addEventListener('abort', fire, { once: true });
  });
}

function toStepError(error: unknown): StepError {
  if (error instanceof StepError) return error;
  // A full or read-only disk says so (a checkpoint, a step's folder or file it could not write).
  const storage = storageStepError(error);
  if (storage) return storage;
  const message = error instanceof Error ? error.message : String(error);
  return new StepError('STEP_FAILED', message, {
    suggestedActions: ['Look at the job log, then resume the job.'],
    cause: error,
  });
}

/** Runs the job's steps in order, skipping those whose checkpoint still holds. */
export function startAttempt(record: JobRecord, steps: Step[], signal: AbortSignal, deps: ExecutionDeps): Attempt {
  const tracker = new ProgressTracker(
    steps.map((s) => s.weight),
    record.progressPct,
  );
  const done = runSteps(record, steps, signal, deps, tracker);
  return { tracker, done };
}

async function runSteps(
  record: JobRecord,
  steps: Step[],
  signal: AbortSignal,
  deps: ExecutionDeps,
  tracker: ProgressTracker,
): Promise<AttemptOutcome> {
  const { files, checkpoints } = deps;
  const jobId = record.jobId;
  const dirs: StepDirs = {
    tempDir: files.tempDir(jobId),
    proxyDir: files.proxyDir(jobId),
    artifactsDir: files.artifactsDir(jobId),
  };
  // Temp holds the checkpoints, so every attempt has it; proxy and artifacts wait for a step that writes there.
  const madeTemp = await makeFolder(dirs.tempDir);
  const attemptCheckpoints = checkpoints.forAttempt(jobId, madeTemp);
  const aborted = whenAborted(signal);
  aborted.catch(() => undefined);
  try {
    return await runEachStep(record, steps, signal, deps, tracker, dirs, attemptCheckpoints, aborted);
  } finally {
    await attemptCheckpoints.close();
  }
}

async function runEachStep(
  record: JobRecord,
  steps: Step[],
  signal: AbortSignal,
  deps: ExecutionDeps,
  tracker: ProgressTracker,
  dirs: StepDirs,
  attemptCheckpoints: Checkpoints,
  aborted: Promise<never>,
): Promise<AttemptOutcome> {
  const { journal, logs, watchdog } = deps;
  const jobId = record.jobId;
  const made = new Set<StepFolder>();
  /** The default inputs hash: the spec's, the same for every step of the attempt. */
  let specHash: string | undefined;
  for (const [index, step] of steps.entries()) {
    if (signal.aborted) return { kind: 'aborted', reason: signal.reason as AbortReason };
    const state = record.steps[index]!;
    const ctx = makeContext(record, index, step, signal, deps, tracker, dirs, attemptCheckpoints);
    const key = `step:${step.name}`;
    let inputsHash: string;
    try {
      inputsHash = step.inputsHash ? await step.inputsHash(ctx) : (specHash ??= hashInputs(record.spec));
    } catch (error) {
      return { kind: 'failed', step: step.name, error: toStepError(error) };
    }
    if (step.resumable !== false && (await attemptCheckpoints.isDone(key, inputsHash))) {
      if (state.status !== 'succeeded')
        Object.assign(state, { status: 'succeeded', progressPct: 100, endedAt: nowIso() });
      tracker.update(index, 100);
      logs.append(jobId, `[${nowIso()}] ${step.stage}: already done, skipped`);
      continue;
    }
    // Step transitions are logged without fsync: the durable truth for resume is the checkpoint below.
    Object.assign(state, { status: 'running', progressPct: 0, startedAt: nowIso(), endedAt: null });
    record.stage = step.stage;
    // Awaited (a 'none' commit never rejects), so the step runs only once its start is written.
    await journal.commit(record, [stepStatusEvent(record, index)], 'none');
    try {
      await makeFolders(step, dirs, made);
    } catch (error) {
      return { kind: 'failed', step: step.name, error: toStepError(error) };
    }
    watchdog.watch(jobId, step.name);
    const running = step.run(ctx);
    try {
      const result = await Promise.race([running, aborted]);
      await attemptCheckpoints.markDone(key, inputsHash, result?.outputs ?? []);
    } catch (error) {
      watchdog.unwatch(jobId);
      if (signal.aborted) {
        // Give the step a moment to kill its children before its files are touched; a step that ignores its signal is abandoned.
        await settleWithin(running, ABANDON_AFTER_MS);
        return { kind: 'aborted', reason: signal.reason as AbortReason };
      }
      return { kind: 'failed', step: step.name, error: toStepError(error) };
    }
    watchdog.unwatch(jobId);
    Object.assign(state, { status: 'succeeded', progressPct: 100, endedAt: nowIso() });
    record.lastCompletedStep = step.name;
    record.progressPct = tracker.update(index, 100);
    await journal.commit(record, [stepStatusEvent(record, index)], 'none');
  }
  return { kind: 'completed' };
}

function makeContext(
  record: JobRecord,
  index: number,
  step: Step,
  signal: AbortSignal,
  deps: ExecutionDeps,
  tracker: ProgressTracker,
  dirs: StepDirs,
  checkpoint: Checkpoints,
): StepContext {
  const { journal, logs, watchdog } = deps;
  const jobId = record.jobId;
  const state = record.steps[index]!;
  let lastEmitMs = 0;
  const line = (level: string, message: string) => `[${nowIso()}] ${level.toUpperCase()} ${step.stage}: ${message}`;
  const logEvent = (level: 'info' | 'warn' | 'error', message: string) => {
    logs.append(jobId, line(level, message));
    if (!signal.aborted) void journal.commit(record, [{ type: 'job-log', data: { jobId, level, message } }], 'none');
  };
  const log: StepLog = {
    debug: (m) => logs.append(jobId, line('debug', m)),
    info: (m) => logEvent('info', m),
    warn: (m) => logEvent('warn', m),
    error: (m) => logEvent('error', m),
    raw: (text) => logs.append(jobId, text),
  };
  return {
    jobId,
    spec: record.spec,
    settings: deps.settings(),
    signal,
    ...dirs,
    log,
    checkpoint,
    progress(pct, message) {
      if (signal.aborted || !Number.isFinite(pct)) return;
      watchdog.alive(jobId);
      const stepPct = Math.max(state.progressPct, Math.min(100, Math.round(pct * 100) / 100));
      state.progressPct = stepPct;
      record.progressPct = tracker.update(index, stepPct);
      const now = Date.now();
      if (now - lastEmitMs < PROGRESS_EVENT_INTERVAL_MS && stepPct < 100) return;
      lastEmitMs = now;
      const data = {
        jobId,
        step: step.name,
        stage: step.stage,
        progressPct: stepPct,
        jobProgressPct: record.progressPct,
        etaSeconds: tracker.eta(now),
      };
      void journal.commit(record, [{ type: 'step-progress', data: message ? { ...data, message } : data }], 'none');
    },
    warn(code, message) {
      if (signal.aborted) return;
      record.warnings.push({ code, message, step: step.name, at: nowIso() });
      void journal.commit(record, [{ type: 'warning', data: { jobId, code, message, step: step.name } }], 'none');
    },
    async addArtifact(name, type) {
      const stat = await fs.stat(path.join(dirs.artifactsDir, name));
      const artifact = { name, type, sizeBytes: stat.size, createdAt: nowIso() };
      record.artifacts = [...record.artifacts.filter((a) => a.name !== name), artifact];
    },
  };
}
