import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Settings } from '../../src-shared/settings.js';
import { CleanupService, CleanupTimer } from '../engine/cleanup-service.js';
import { acquireDataDirLock } from '../engine/data-dir-lock.js';
import { DataLayout } from '../engine/data-dir.js';
import type { Engine } from '../engine/engine.js';
import type { EngineEvent } from '../engine/engine-api.js';
import { EngineError } from '../engine/errors.js';
import { EventBus } from '../engine/event-bus.js';
import { JobLogs } from '../engine/job-log.js';
import { countStats, toJob, toProgress } from '../engine/job-views.js';
import type { JobRecord } from '../engine/job-record.js';
import { listJobs } from '../engine/queue-listing.js';
import { SettingsStore } from '../engine/settings-store.js';
import { refuseUnusableSpec, type SpecCheck } from '../engine/spec-check.js';
import type { StepsFactory } from '../engine/step.js';
import { FarmCommands } from './farm-commands.js';
import { FarmLink, farmRedisOptions } from './farm-connection.js';
import { FarmIndex } from './farm-index.js';
import { FarmKeys } from './farm-keys.js';
import { FarmQueue } from './farm-queue.js';
import { rebuildFarmRecord } from './farm-rebuild.js';
import { FarmStore } from './farm-store.js';
import { writeTuning, type FarmTuning } from './farm-tuning.js';
import type { FarmUrl } from './farm-url.js';
import { FarmWorker } from './farm-worker.js';
import { GlobalTail } from './global-tail.js';
import { OrderRefresh } from './order-refresh.js';
import { recoverFarmQueue } from './queue-recovery.js';
import { withSweepLock } from './farm-lock.js';
import type { GlobalFeed } from '../server/event-hub.js';
import { listWorkers } from './worker-registry.js';
import { diagnoseFarmJob } from './farm-diagnosis.js';

/** Global entries a coordinator loads at start so a client of an earlier (or another) coordinator can replay (the server's default ring). */
const GLOBAL_BACKLOG = 4096;

/** How to open the engine on a farm (`aura serve --farm`, or the desktop app joined to one). */
export interface FarmEngineOptions {
  /** This coordinator's own data dir: settings.json, server.json, its lock. */
  dataDir: string;
  url: FarmUrl;
  /** Absolute, checked shared folder. */
  sharedDir: string;
  steps: StepsFactory;
  /** Whether this process renders too (`--no-render` says no). @default true */
  render?: boolean;
  /** Its worker's name. @default `<hostname>-<pid>` */
  workerName?: string;
  settings?: Partial<Settings>;
  keys?: FarmKeys;
  /** How long to wait for Redis at start before refusing. @default 10000 */
  connectTimeoutMs?: number;
  /**
   * Checks a spec's files before create and duplicate, as the embedded engine does (the host wires
   * the pipeline's). The coordinator checks them as it sees them; a worker's preflight checks again. @default none
   */
  checkSpec?: SpecCheck;
}

/** The engine on a farm, plus its in-process worker when it renders. */
export interface FarmEngine extends Engine {
  readonly farm: { url: FarmUrl; worker: FarmWorker | undefined; up: () => boolean; globalFeed: GlobalFeed };
}

function tuningOf(s: Settings): FarmTuning {
  return {
    lockMs: s.farmLockSeconds * 1000,
    stalledIntervalMs: s.farmStalledCheckSeconds * 1000,
    eventRetention: s.farmEventRetention,
  };
}

/** Opens the engine on a farm: records, events and the queue in Redis, files on the shared folder. */
export async function createFarmEngine(options: FarmEngineOptions): Promise<FarmEngine> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const own = new DataLayout(options.dataDir);
  const lock = acquireDataDirLock(own.lockFile, own.root);
  const link = new FarmLink(options.url, 'aura-coordinator');
  try {
    await link.waitUntilUp(options.connectTimeoutMs ?? 10_000);
    return await openFarmEngine(options, own, link, lock.release);
  } catch (error) {
    await link.close();
    lock.release();
    throw error;
  }
}

async function openFarmEngine(
  options: FarmEngineOptions,
  own: DataLayout,
  link: FarmLink,
  releaseLock: () => void,
): Promise<FarmEngine> {
  const keys = options.keys ?? new FarmKeys();
  const layout = new DataLayout(options.sharedDir);
  for (const dir of [layout.jobsDir, layout.tempRoot, layout.proxyRoot]) fs.mkdirSync(dir, { recursive: true });
  const settingsStore = await SettingsStore.open(own.settingsFile, options.settings);
  const settings = () => settingsStore.get();
  await writeTuning(link.redis, keys, tuningOf(settings()));
  const store: FarmStore = new FarmStore(
    link.redis,
    keys,
    () => settings().farmEventRetention,
    (jobId) => rebuildFarmRecord(store, layout, jobId),
  );
  const queue = new FarmQueue(options.url, keys);
  // The run order's copy is read again after a move anywhere in the farm, and after a reload.
  const index: FarmIndex = new FarmIndex(() => void orderRefresh.request());
  const orderRefresh = new OrderRefresh(queue, index.order);
  const bus = new EventBus();
  const tailRedis = new Redis(farmRedisOptions(options.url, 'aura-tail'));
  tailRedis.on('error', () => undefined);
  // Each event's farm-wide seq: the server numbers the global stream by it (ids valid on every coordinator).
  const gseqs = new WeakMap<EngineEvent, number>();
  let queuePaused = false;
  const tail = new GlobalTail(
    tailRedis,
    store,
    index,
    (event, gseq) => {
      gseqs.set(event, gseq);
      if (event.type === 'queue-status') queuePaused = event.data.queuePaused;
      bus.emit(event);
    },
    GLOBAL_BACKLOG,
  );
  const epoch = await store.epoch();
  await tail.start();
  await orderRefresh.request();
  const logs = new JobLogs(
    (id) => layout.logFile(id),
    () => settings().jobLogMaxBytes,
  );
  const cleanup: CleanupService = new CleanupService({
    files: layout,
    getJob: (id) => index.get(id),
    retention: () => ({ tempHours: settings().tempRetentionHours, proxyHours: settings().proxyRetentionHours }),
    onTempSwept: (id): Promise<void> => commands.forgetCheckpoints(id),
  });
  const commands: FarmCommands = new FarmCommands({
    link,
    store,
    queue,
    index,
    layout,
    cleanup,
    logs,
    steps: options.steps,
    settings,
    waitFor: (predicate, timeoutMs) => bus.next(predicate, timeoutMs),
  });
  const sweep = async () =>
    (await link.call((redis) => withSweepLock(redis, keys.sweepLock, () => cleanup.sweepAllOrphaned()))) ?? {
      tempRemoved: 0,
      proxyRemoved: 0,
    };
  const cleanupTimer = new CleanupTimer(sweep, () => ({
    initialDelayMinutes: settings().cleanupInitialDelayMinutes,
    intervalMinutes: settings().cleanupIntervalMinutes,
  }));
  cleanupTimer.start();
  await recoverFarmQueue(index.all(), queue);
  queuePaused = await queue.isPaused();
  const worker =
    options.render === false
      ? undefined
      : await FarmWorker.start({
          url: options.url,
          sharedDir: options.sharedDir,
          steps: options.steps,
          keys,
          settings: settings(),
          tuning: tuningOf(settings()),
          concurrency: settings().concurrency,
          ...(options.workerName ? { name: options.workerName } : {}),
        });

  const mustGet = (jobId: string) => {
    link.assertUp();
    const record = index.get(jobId);
    if (!record) throw new EngineError('NOT_FOUND', `There is no job ${jobId}.`);
    return record;
  };
  /** The wire's Job: the record with its place in the run order. */
  const job = (record: JobRecord) => toJob(record, index.order.position(record.jobId));
  const file = (dir: string, name: string) => {
    const full = path.join(dir, name);
    return fs.existsSync(full) ? full : undefined;
  };
  // Through the global stream, so every coordinator (and its clients) hears it in order.
  const setQueuePaused = (paused: boolean) => {
    queuePaused = paused;
    const stats = countStats(index.all());
    const event: EngineEvent = {
      seq: 0,
      ts: Date.now(),
      jobId: null,
      type: 'queue-status',
      data: { queuePaused: paused, running: stats.running, pending: stats.pending },
    };
    void link
      .call(async () => {
        await (paused ? queue.pause() : queue.resume());
        await store.announce(event);
      })
      .catch(() => undefined);
  };
  // The server's replay buffer starts from the tail's recent past: the stream as the tail found it
  // at start plus every event it emitted since (some before the server subscribed), with no hole.
  const globalFeed: GlobalFeed = {
    epoch,
    seqOf: (event) => gseqs.get(event),
    backlog: () => {
      const { after, entries } = tail.recent();
      return { after, entries: entries.map(({ event, gseq }) => ({ seq: gseq, event })) };
    },
  };
  let closed = false;

  return {
    dataDir: own.root,
    layout,
    cleanup,
    cleanupTimer,
    farm: { url: options.url, worker, up: () => link.up, globalFeed },
    get listenerCount() {
      return bus.listenerCount;
    },
    get queuePaused() {
      return queuePaused;
    },
    create: async (spec) => {
      await refuseUnusableSpec(options.checkSpec, spec);
      return job(await commands.create(spec));
    },
    get: (jobId) => {
      link.assertUp();
      const record = index.get(jobId);
      return record && job(record);
    },
    list: (listOptions) => {
      link.assertUp();
      return listJobs(index, index.order, listOptions);
    },
    stats: () => countStats(index.all()),
    progress: (jobId) => {
      link.assertUp();
      const record = index.get(jobId);
      if (!record) return undefined;
      const startedMs = record.startedAt ? Date.parse(record.startedAt) : Date.now();
      const live =
        record.status === 'running' ? { attemptStartedMs: startedMs, etaSeconds: index.eta(jobId) } : undefined;
      return toProgress(record, live);
    },
    cancel: async (jobId) => job(await commands.cancel(jobId)),
    pause: async (jobId) => job(await commands.pause(jobId)),
    resume: async (jobId) => job(await commands.resume(jobId)),
    delete: (jobId) => commands.delete(jobId),
    pauseQueue: () => setQueuePaused(true),
    resumeQueue: () => setQueuePaused(false),
    queueStatus: () => {
      const stats = countStats(index.all());
      return { queuePaused, running: stats.running, pending: stats.pending };
    },
    duplicate: async (jobId) => {
      const { spec } = mustGet(jobId);
      // The files may have moved since the original was queued.
      await refuseUnusableSpec(options.checkSpec, spec);
      return job(await commands.create(spec));
    },
    move: async (jobId, request) => {
      mustGet(jobId);
      const moved = await commands.move(jobId, request);
      // This coordinator's own lists show the new order as soon as the call returns.
      await orderRefresh.request();
      return moved;
    },
    deleteMany: async (statuses) => {
      const ids = [...index.all()].filter((r) => (statuses as string[]).includes(r.status)).map((r) => r.jobId);
      for (const id of ids) await commands.delete(id);
      return ids.length;
    },
    diagnose: (jobId) => diagnoseFarmJob(mustGet(jobId), () => listWorkers(link.redis, keys)),
    workers: () => link.call((redis) => listWorkers(redis, keys)),
    warnings: () =>
      link.up
        ? []
        : [{ code: 'FARM_UNAVAILABLE', message: `The farm's Redis at ${options.url.display} cannot be reached.` }],
    readEvents: (jobId, afterSeq) => link.call(() => store.readEvents(jobId, afterSeq)),
    lastSeq: (jobId) => index.emittedSeq(jobId),
    subscribe: (listener) => bus.subscribe(listener),
    artifactPath: (jobId, name) => (index.get(jobId) ? file(layout.artifactsDir(jobId), name) : undefined),
    proxyPath: (jobId, name) => (index.get(jobId) ? file(layout.proxyDir(jobId), name) : undefined),
    logPath: (jobId) => (index.get(jobId) ? file(layout.jobDir(jobId), 'job.log') : undefined),
    storageStats: () => cleanup.getStorageStats(),
    sweep,
    settings,
    updateSettings: async (patch) => {
      const next = await settingsStore.update(patch);
      await link.call((redis) => writeTuning(redis, keys, tuningOf(next)));
      return next;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await cleanupTimer.close();
      await worker?.close();
      await tail.stop();
      await logs.drain();
      await queue.close();
      await link.close();
      releaseLock();
    },
  };
}
