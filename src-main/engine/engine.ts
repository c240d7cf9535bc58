import fs from 'node:fs';
import path from 'node:path';
import type { Settings } from '../../src-shared/settings.js';
import type { BackendFactory } from './backend.js';
import { CheckpointStore } from './checkpoint-store.js';
import { CleanupService, CleanupTimer } from './cleanup-service.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { DataLayout } from './data-dir.js';
import type { EngineApi } from './engine-api.js';
import { embeddedWorker } from './embedded-worker.js';
import { EngineError } from './errors.js';
import { openFileBackend } from './file-backend.js';
import { JobLogs } from './job-log.js';
import { diagnoseJob, type DiagnosisSources } from './job-diagnosis.js';
import { deleteJob, deleteJobsWithStatus } from './job-deletion.js';
import { JobRunner } from './job-runner.js';
import { recordCheckpointsSwept } from './job-finalize.js';
import type { JobRecord } from './job-record.js';
import { countStats, toJob, toProgress } from './job-views.js';
import { listJobs } from './queue-listing.js';
import { moveJob } from './queue-move.js';
import { recoverJobs } from './recovery.js';
import { SettingsStore } from './settings-store.js';
import { refuseUnusableSpec, type SpecCheck } from './spec-check.js';
import { stallWarningHandler } from './stall-warning.js';
import { StallWatchdog } from './stall-watchdog.js';
import { throwAsStorageError } from './storage-errors.js';
import { guardJobWrite, guardWrite, type JobWriteGuard } from './storage-guard.js';
import type { StepsFactory } from './step.js';

export interface EngineOptions {
  /** Absolute data directory (see resolveDataDir). */
  dataDir: string;
  /** Builds a job's steps: the render pipeline, or test steps. */
  steps: StepsFactory;
  /** Settings that win over settings.json for this run (tests, benchmarks). */
  settings?: Partial<Settings>;
  /** Watchdog tick; default 1000 ms. */
  watchdogIntervalMs?: number;
  /**
   * Whether jobs already queued on disk (pending, interrupted) are run. `aura render` says no:
   * it renders its own spec and leaves the rest of the queue for the app. @default true
   */
  runQueuedJobs?: boolean;
  /** Where jobs, their events and their order are kept. @default the file backend (openFileBackend) */
  backend?: BackendFactory;
  /** Checks a spec's files before create and duplicate (the host wires the pipeline's). @default none */
  checkSpec?: SpecCheck;
}

/** The engine plus what tests and the host need beyond the public API. */
export interface Engine extends EngineApi {
  readonly cleanup: CleanupService;
  readonly cleanupTimer: CleanupTimer;
  readonly layout: DataLayout;
  /** Subscribers on the event bus (leak checks). */
  readonly listenerCount: number;
}

/** Opens the data directory (taking its lock), loads the queue, recovers interrupted jobs and starts working. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const layout = new DataLayout(options.dataDir);
  fs.mkdirSync(layout.root, { recursive: true });
  let lock: ReturnType<typeof acquireDataDirLock>;
  try {
    lock = acquireDataDirLock(layout.lockFile, layout.root);
  } catch (error) {
    throwAsStorageError(error, layout.root); // a read-only or full data folder: the lock is the first write to find out
  }
  try {
    return await openEngine(layout, options, lock.release);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function openEngine(layout: DataLayout, options: EngineOptions, releaseLock: () => void): Promise<Engine> {
  const settingsStore = await SettingsStore.open(layout.settingsFile, options.settings);
  const settings = () => settingsStore.get();
  // The log's path comes from the backend, which reports failed writes to the log: used only once both exist.
  const logs: JobLogs = new JobLogs(
    (id) => files.logFile(id),
    () => settings().jobLogMaxBytes,
  );
  const backend = await (options.backend ?? openFileBackend)({
    dataDir: layout.root,
    onWriteError: (jobId, error) =>
      logs.append(jobId, `[${new Date().toISOString()}] ERROR could not write to the job's files: ${String(error)}`),
  });
  const { records: store, queue, journal, files } = backend;
  const checkpoints = new CheckpointStore((id) => files.tempDir(id));
  const cleanup = new CleanupService({
    files,
    getJob: (id) => store.get(id),
    retention: () => ({ tempHours: settings().tempRetentionHours, proxyHours: settings().proxyRetentionHours }),
    onTempSwept: (id) => recordCheckpointsSwept(store.get(id), journal),
  });

  const watchdog = new StallWatchdog({
    warningSeconds: () => settings().stallWarningSeconds,
    timeoutSeconds: () => settings().stallTimeoutSeconds,
    intervalMs: options.watchdogIntervalMs,
    onWarning: stallWarningHandler({
      records: store,
      journal,
      logs,
      diagnose: (record) => diagnoseJob(record, diagnosisSources),
    }),
    onTimeout: ({ jobId }) => runner.stalled(jobId),
  });
  const diagnosisSources: DiagnosisSources = {
    layout,
    watchdog,
    warningSeconds: () => settings().stallWarningSeconds,
    logTail: (jobId, lines) => logs.tail(jobId, lines),
  };
  const runner = new JobRunner({
    records: store,
    queue,
    cleanup,
    steps: options.steps,
    files,
    journal,
    logs,
    checkpoints,
    watchdog,
    settings,
  });

  const cleanupTimer = new CleanupTimer(
    () => cleanup.sweepAllOrphaned(),
    () => ({
      initialDelayMinutes: settings().cleanupInitialDelayMinutes,
      intervalMinutes: settings().cleanupIntervalMinutes,
    }),
  );
  const offSettings = settingsStore.onChange(() => {
    cleanupTimer.start();
    runner.pump();
  });

  const queued = await recoverJobs(store.all(), journal, settings().autoResumeInterrupted);
  runner.enqueue(queued, { hold: options.runQueuedJobs === false });
  cleanupTimer.start();

  const existing = (full: string) => (fs.existsSync(full) ? full : undefined);
  const writeGuard: JobWriteGuard = {
    dataDir: layout.root,
    journal,
    readEvents: (jobId, afterSeq) => journal.read(jobId, afterSeq),
    onRestored: (record) => {
      if (record.status === 'pending') runner.enqueue([record.jobId]);
    },
  };
  const mustGet = (jobId: string) => {
    const record = store.get(jobId);
    if (!record) throw new EngineError('NOT_FOUND', `There is no job ${jobId}.`);
    return record;
  };
  const deletion = { records: store, journal, cleanup, logs };
  /** The wire's Job: the record with its place in the queue. */
  const job = (record: JobRecord) => toJob(record, queue.position(record.jobId));
  let closed = false;

  return {
    dataDir: layout.root,
    layout,
    cleanup,
    cleanupTimer,
    get listenerCount() {
      return journal.listenerCount;
    },
    get queuePaused() {
      return runner.queuePaused;
    },
    create: async (spec) => {
      await refuseUnusableSpec(options.checkSpec, spec);
      return job(await guardWrite(layout.root, () => runner.create(spec)));
    },
    get: (jobId) => {
      const record = store.get(jobId);
      return record && job(record);
    },
    list: (listOptions) => listJobs(store, queue, listOptions),
    stats: () => countStats(store.all()),
    progress: (jobId) => {
      const record = store.get(jobId);
      return record && toProgress(record, runner.live(jobId));
    },
    cancel: async (jobId) =>
      job(await guardJobWrite(mustGet(jobId), 'canceled', writeGuard, () => runner.cancel(jobId))),
    pause: async (jobId) => job(await guardJobWrite(mustGet(jobId), 'paused', writeGuard, () => runner.pause(jobId))),
    resume: async (jobId) =>
      job(await guardJobWrite(mustGet(jobId), 'pending', writeGuard, () => runner.resume(jobId))),
    delete: (jobId) => guardWrite(layout.root, () => deleteJob(deletion, jobId)),
    queueStatus: () => runner.queueStatus(),
    duplicate: async (jobId) => {
      // The files may have moved since the original was queued.
      await refuseUnusableSpec(options.checkSpec, mustGet(jobId).spec);
      return job(await guardWrite(layout.root, () => runner.duplicate(jobId)));
    },
    move: (jobId, request) =>
      guardWrite(layout.root, () => moveJob({ records: store, queue, journal }, jobId, request)),
    deleteMany: (statuses) => guardWrite(layout.root, () => deleteJobsWithStatus(deletion, statuses)),
    diagnose: async (jobId) => diagnoseJob(mustGet(jobId), diagnosisSources),
    workers: embeddedWorker(store, () => settings().concurrency, new Date().toISOString()),
    warnings: () => (settingsStore.problem ? [{ ...settingsStore.problem }] : []),
    pauseQueue: () => runner.setQueuePaused(true),
    resumeQueue: () => runner.setQueuePaused(false),
    readEvents: (jobId, afterSeq) => journal.read(jobId, afterSeq),
    lastSeq: (jobId) => journal.emittedSeq(jobId) ?? store.get(jobId)?.lastEventSeq ?? 0,
    subscribe: (listener) => journal.subscribe(listener),
    artifactPath: (jobId, name) =>
      store.get(jobId) ? existing(path.join(files.artifactsDir(jobId), name)) : undefined,
    proxyPath: (jobId, name) => (store.get(jobId) ? existing(path.join(files.proxyDir(jobId), name)) : undefined),
    logPath: (jobId) => (store.get(jobId) ? existing(files.logFile(jobId)) : undefined),
    storageStats: () => cleanup.getStorageStats(),
    sweep: () => cleanup.sweepAllOrphaned(),
    settings,
    updateSettings: (patch) => settingsStore.update(patch),
    close: async () => {
      if (closed) return;
      closed = true;
      await cleanupTimer.close();
      offSettings();
      await runner.shutdown();
      watchdog.stop();
      await journal.drain();
      await checkpoints.drain();
      await logs.drain();
      await backend.close();
      releaseLock();
    },
  };
}
