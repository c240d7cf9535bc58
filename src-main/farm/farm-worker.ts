import { Worker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import os from 'node:os';
import { DEFAULT_SETTINGS, type Settings } from '../../src-shared/settings.js';
import { CheckpointStore } from '../engine/checkpoint-store.js';
import { CleanupService } from '../engine/cleanup-service.js';
import { DataLayout } from '../engine/data-dir.js';
import type { AbortReason } from '../engine/errors.js';
import { startAttempt, type ExecutionDeps } from '../engine/job-execution.js';
import { finalizeAttempt, recordFailure } from '../engine/job-finalize.js';
import { JobLogs } from '../engine/job-log.js';
import { makeFolder } from '../engine/make-folder.js';
import type { JobRecord } from '../engine/job-record.js';
import { statusEvent } from '../engine/job-views.js';
import type { PendingEvent } from '../engine/journal.js';
import { StallWatchdog } from '../engine/stall-watchdog.js';
import type { StepsFactory } from '../engine/step.js';
import { listenForControl, type ControlMessage } from './control-channel.js';
import { FarmLink, farmRedisOptions } from './farm-connection.js';
import { FarmJournal } from './farm-journal.js';
import { FarmKeys } from './farm-keys.js';
import { FarmQueue, type FarmJobData } from './farm-queue.js';
import { rebuildFarmRecord } from './farm-rebuild.js';
import { FarmConflict, FarmStore } from './farm-store.js';
import { readTuning, type FarmTuning } from './farm-tuning.js';
import type { FarmUrl } from './farm-url.js';
import { WorkerHeartbeat } from './worker-registry.js';

/** How to start a farm worker. */
export interface FarmWorkerOptions {
  url: FarmUrl;
  /** Absolute, checked (checkSharedDir) shared folder: artifacts, temp/checkpoints, proxies, logs. */
  sharedDir: string;
  /** @default `<hostname>-<pid>` */
  name?: string;
  /** Jobs this machine renders at once. @default 1 */
  concurrency?: number;
  steps: StepsFactory;
  keys?: FarmKeys;
  /** Settings the steps see (ffmpeg, TTS, stall limits). @default the defaults */
  settings?: Partial<Settings>;
  /** @default what the farm's coordinator published, else the defaults */
  tuning?: FarmTuning;
  /** How long to wait for Redis at start before refusing. @default 10000 */
  connectTimeoutMs?: number;
}

interface ActiveRun {
  record: JobRecord;
  controller: AbortController;
  reason?: AbortReason;
}

const nowIso = () => new Date().toISOString();

/** A machine that renders the farm's jobs: a BullMQ worker running the engine's steps on the shared folder. */
export class FarmWorker {
  readonly name: string;
  #closing: Promise<void> | undefined;

  private constructor(
    private readonly o: Required<Pick<FarmWorkerOptions, 'url' | 'sharedDir' | 'steps'>> & {
      name: string;
      concurrency: number;
      keys: FarmKeys;
      settings: Settings;
    },
    private readonly link: FarmLink,
    private readonly parts: {
      store: FarmStore;
      queue: FarmQueue;
      journal: FarmJournal;
      deps: ExecutionDeps & { cleanup: CleanupService };
      heartbeat: WorkerHeartbeat;
      subscriber: Redis;
      watchdog: StallWatchdog;
      checkpoints: CheckpointStore;
      logs: JobLogs;
    },
    /** Shared with the watchdog and cleanup built before the worker. */
    private readonly active: Map<string, ActiveRun>,
    private bull: Worker<FarmJobData> | undefined = undefined,
    private stopControl: () => Promise<void> = async () => undefined,
  ) {
    this.name = o.name;
  }

  /** Connects to the farm, registers this machine and starts taking jobs. */
  static async start(options: FarmWorkerOptions): Promise<FarmWorker> {
    const name = options.name ?? `${os.hostname()}-${process.pid}`;
    const keys = options.keys ?? new FarmKeys();
    const settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
    const concurrency = options.concurrency ?? 1;
    const link = new FarmLink(options.url, `aura-worker:${name}`);
    try {
      await link.waitUntilUp(options.connectTimeoutMs ?? 10_000);
    } catch (error) {
      await link.close();
      throw error;
    }
    const tuning = options.tuning ?? (await readTuning(link.redis, keys));
    const layout = new DataLayout(options.sharedDir);
    const active = new Map<string, ActiveRun>();
    const store: FarmStore = new FarmStore(
      link.redis,
      keys,
      () => tuning.eventRetention,
      (jobId) => rebuildFarmRecord(store, layout, jobId),
    );
    const logs = new JobLogs(
      (id) => layout.logFile(id),
      () => settings.jobLogMaxBytes,
    );
    const journal = new FarmJournal(store, {
      onConflict: (jobId) => worker.stop(jobId, 'error'),
      onWriteError: (jobId, error) =>
        logs.append(jobId, `[${nowIso()}] ERROR could not write to the farm: ${String(error)}`),
    });
    const watchdog = new StallWatchdog({
      warningSeconds: () => settings.stallWarningSeconds,
      timeoutSeconds: () => settings.stallTimeoutSeconds,
      onWarning: ({ jobId, step, silentSeconds }) => {
        const record = active.get(jobId)?.record;
        if (!record) return;
        const message = `The ${step} step has shown no progress for ${silentSeconds} s on ${name}.`;
        record.warnings.push({ code: 'STALL_SUSPECTED', message, step, at: nowIso() });
        void journal.commit(
          record,
          [{ type: 'warning', data: { jobId, code: 'STALL_SUSPECTED', message, step } }],
          'none',
        );
      },
      onTimeout: ({ jobId }) => worker.stop(jobId, 'stall'),
    });
    const checkpoints = new CheckpointStore((id) => layout.tempDir(id));
    const cleanup = new CleanupService({
      files: layout,
      getJob: (id) => active.get(id)?.record,
      retention: () => ({ tempHours: settings.tempRetentionHours, proxyHours: settings.proxyRetentionHours }),
      onTempSwept: async () => undefined,
    });
    const deps = {
      files: layout,
      journal,
      logs,
      checkpoints,
      watchdog,
      settings: () => settings,
      cleanup,
    };
    const heartbeat = new WorkerHeartbeat(link.redis, keys, { name, concurrency, running: () => [...active.keys()] });
    // Connected before it subscribes: a SUBSCRIBE queued behind ioredis' connect-time commands
    // (client name, ready check) breaks the connection, and the re-subscribe after it can be lost.
    const { connectionName: _n, ...subscriberOptions } = farmRedisOptions(options.url, 'control');
    const subscriber = new Redis({ ...subscriberOptions, lazyConnect: true });
    subscriber.on('error', () => undefined);
    const worker = new FarmWorker(
      { ...options, name, concurrency, keys, settings },
      link,
      {
        store,
        queue: new FarmQueue(options.url, keys),
        journal,
        deps,
        heartbeat,
        subscriber,
        watchdog,
        checkpoints,
        logs,
      },
      active,
    );
    await heartbeat.start();
    worker.stopControl = await listenForControl(subscriber, keys, (m) => worker.#onControl(m));
    worker.bull = new Worker<FarmJobData>(keys.queueName, (job) => worker.#process(job), {
      connection: farmRedisOptions(options.url, `aura-bullmq:${name}`),
      concurrency,
      lockDuration: tuning.lockMs,
      stalledInterval: tuning.stalledIntervalMs,
      // A job whose worker died goes back to the queue however often that happens: checkpoints make it cheap.
      maxStalledCount: 1_000_000,
      name,
    });
    worker.bull.on('error', () => undefined); // reconnects by itself; the heartbeat shows the gap
    return worker;
  }

  /** Ids of the jobs this machine renders right now. */
  running(): string[] {
    return [...this.active.keys()];
  }

  /** Stops a job this machine runs, for `reason` (no-op for a job it does not run or already stops). */
  stop(jobId: string, reason: AbortReason): void {
    const run = this.active.get(jobId);
    if (!run || run.reason) return;
    run.reason = reason;
    run.controller.abort(reason);
  }

  #onControl(message: ControlMessage): void {
    this.stop(message.jobId, message.action);
  }

  async #process(bullJob: BullJob<FarmJobData>): Promise<string> {
    const { store, journal, deps, heartbeat } = this.parts;
    const jobId = bullJob.data.jobId;
    const record = await store.load(jobId);
    // Canceled, paused or deleted while it waited: the record decides, not the BullMQ job.
    if (!record || (record.status !== 'pending' && record.status !== 'running')) return 'dropped';
    const events: PendingEvent[] = [];
    if (record.status === 'running') {
      // Its worker died (BullMQ's stalled check gave it to us): resume from the checkpoints.
      for (const s of record.steps) if (s.status === 'running') Object.assign(s, { status: 'pending', endedAt: null });
      const message = `The machine rendering this job stopped; ${this.name} resumes it from its last checkpoint.`;
      record.warnings.push({ code: 'INTERRUPTED', message, step: null, at: nowIso() });
      events.push({ type: 'warning', data: { jobId, code: 'INTERRUPTED', message } });
    }
    Object.assign(record, {
      status: 'running',
      startedAt: record.startedAt ?? nowIso(),
      error: null,
      canResume: false,
      resumeOnStart: false,
      // Written with the start, so the API, its events and /api/workers name the same machine.
      machine: this.name,
    });
    record.attempts++;
    record.stage = record.steps.find((s) => s.status !== 'succeeded')?.stage ?? record.stage;
    events.push(
      {
        type: 'job-log',
        data: { jobId, level: 'info', message: `Rendering on ${this.name} (attempt ${record.attempts}).` },
      },
      statusEvent(record),
    );
    // Known as ours before the start is written: a cancel or pause that comes as soon as the
    // coordinator sees it running aborts the attempt before its first step.
    const run: ActiveRun = { record, controller: new AbortController() };
    this.active.set(jobId, run);
    try {
      await journal.commit(record, events, 'record');
    } catch (error) {
      this.active.delete(jobId);
      if (error instanceof FarmConflict) return 'dropped'; // someone else changed it first (a cancel)
      throw error;
    }
    heartbeat.beatSoon();
    try {
      // The job's folder on the shared folder may not exist yet (its first attempt): the log goes in it.
      await makeFolder(deps.files.jobDir(jobId));
      this.parts.logs.append(jobId, `[${nowIso()}] INFO Rendering on ${this.name} (attempt ${record.attempts}).`);
      const outcome = await startAttempt(record, this.o.steps(record.spec), run.controller.signal, deps).done;
      if (outcome.kind === 'aborted' && outcome.reason === 'shutdown') await this.#requeue(record);
      else if (outcome.kind === 'aborted' && outcome.reason === 'error')
        return 'lost'; // another machine owns it now
      else await finalizeAttempt(record, outcome, deps);
      return record.status;
    } catch (error) {
      // Its end could not be written (Redis refused, the shared folder vanished): record a resumable
      // failure if Redis still takes it, so the job is never left `running` with no one on it.
      if (error instanceof FarmConflict) return 'lost';
      const message = `Worker ${this.name} could not finish this job: ${error instanceof Error ? error.message : String(error)}`;
      const failure = {
        code: 'WRITE_FAILED' as const,
        message,
        step: null,
        suggestedActions: ['Resume the job.'],
        canResume: true,
      };
      await recordFailure(record, failure, deps).catch(() => undefined);
      return 'failed';
    } finally {
      this.active.delete(jobId);
      heartbeat.beatSoon();
    }
  }

  /** A stopping worker puts its job back in the queue: pending again, checkpoints kept for whoever takes it. */
  async #requeue(record: JobRecord): Promise<void> {
    for (const s of record.steps) if (s.status === 'running') Object.assign(s, { status: 'pending', endedAt: null });
    Object.assign(record, { status: 'pending', canResume: false });
    const message = `Worker ${this.name} stopped; the job is back in the farm's queue and resumes from its checkpoints.`;
    await this.parts.journal.commit(
      record,
      [{ type: 'job-log', data: { jobId: record.jobId, level: 'info', message } }, statusEvent(record)],
      'record',
    );
    await this.parts.queue.enqueue(record.jobId, record.lastEventSeq);
  }

  /** Stops taking jobs, puts running ones back in the queue (checkpoints kept), kills their processes, leaves the farm. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      for (const id of this.active.keys()) this.stop(id, 'shutdown');
      await this.bull?.close();
      const { heartbeat, subscriber, queue, journal, checkpoints, logs, watchdog } = this.parts;
      await heartbeat.stop();
      await this.stopControl();
      subscriber.disconnect();
      await journal.drain();
      await Promise.all([checkpoints.drain(), logs.drain(), queue.close()]);
      watchdog.stop();
      await this.link.close();
    })();
    return this.#closing;
  }
}
