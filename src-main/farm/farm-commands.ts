import type { RenderSpec } from '../../src-shared/spec.js';
import type { MoveRequest, MoveResponse } from '../../src-shared/queue.js';
import type { CleanupService } from '../engine/cleanup-service.js';
import type { DataLayout } from '../engine/data-dir.js';
import type { EngineEvent } from '../engine/engine-api.js';
import { EngineError } from '../engine/errors.js';
import { recordCancel } from '../engine/job-finalize.js';
import type { JobLogs } from '../engine/job-log.js';
import { isActive, newJobRecord, type JobRecord } from '../engine/job-record.js';
import { newJobId } from '../engine/job-id.js';
import { statusEvent, toQueueItem } from '../engine/job-views.js';
import type { StepsFactory } from '../engine/step.js';
import type { Settings } from '../../src-shared/settings.js';
import { sendControl } from './control-channel.js';
import type { FarmLink } from './farm-connection.js';
import type { FarmIndex } from './farm-index.js';
import { FarmJournal } from './farm-journal.js';
import { withLockWaiting } from './farm-lock.js';
import { applyMove, planMove, readQueuedOrder } from './farm-move.js';
import type { FarmQueue } from './farm-queue.js';
import { FarmConflict, type FarmStore } from './farm-store.js';

/** What the coordinator's commands work with. */
export interface FarmCommandDeps {
  link: FarmLink;
  store: FarmStore;
  queue: FarmQueue;
  index: FarmIndex;
  layout: DataLayout;
  cleanup: CleanupService;
  logs: JobLogs;
  steps: StepsFactory;
  settings: () => Settings;
  /** Waits for a job event seen on the global stream (the owning worker's answer to a control message). */
  waitFor(predicate: (e: EngineEvent) => boolean, timeoutMs: number): Promise<EngineEvent | undefined>;
}

/** How long a worker has to act on a cancel or pause before the coordinator acts without it. */
const CONTROL_TIMEOUT_MS = 10_000;
const MAX_RETRIES = 5;
/** A move holds the farm's queue lock for milliseconds; past these another machine's turn is taken as stuck. */
const QUEUE_LOCK = { holdMs: 10_000, waitMs: 10_000 };
const nowIso = () => new Date().toISOString();

/**
 * The coordinator's writes. Each reads the job afresh from Redis, decides, and commits with a
 * compare-and-set on its last seq; when another machine wrote in between, it decides again.
 * A running job is never written here: its worker gets a control message and writes the outcome.
 */
export class FarmCommands {
  readonly #journal: FarmJournal;

  constructor(private readonly d: FarmCommandDeps) {
    this.#journal = new FarmJournal(d.store);
  }

  async create(spec: RenderSpec): Promise<JobRecord> {
    const record = newJobRecord(newJobId(), spec, this.d.steps(spec), nowIso());
    const job = toQueueItem(record, this.d.index.order.size + 1); // last, as far as this coordinator knows
    const created = { type: 'job-created', data: { job } } as const;
    await this.d.link.call(async () => {
      await this.#journal.create(record, [created]);
      await this.d.queue.enqueue(record.jobId, record.lastEventSeq);
    });
    this.d.index.put(structuredClone(record));
    return record;
  }

  /** Reads the job, lets `decide` change it (or throw a refusal), commits; retried on a conflict. */
  async #update(jobId: string, decide: (record: JobRecord) => Promise<'commit' | 'skip'>): Promise<JobRecord> {
    for (let attempt = 0; ; attempt++) {
      const record = await this.d.link.call(() => this.d.store.load(jobId));
      if (!record) throw new EngineError('NOT_FOUND', `There is no job ${jobId}.`);
      try {
        if ((await decide(record)) === 'commit') this.d.index.put(structuredClone(record));
        return record;
      } catch (error) {
        if (!(error instanceof FarmConflict) || attempt >= MAX_RETRIES) throw error;
      }
    }
  }

  async cancel(jobId: string): Promise<JobRecord> {
    const refusal = (why: string) => new EngineError('JOB_NOT_CANCELABLE', `Job ${jobId} cannot be canceled: ${why}.`);
    const record = await this.#update(jobId, async (r) => {
      if (r.status === 'running') return 'skip';
      if (r.status !== 'pending' && r.status !== 'paused')
        throw refusal(`it has already ${r.status === 'canceled' ? 'been canceled' : r.status}`);
      await recordCancel(r, { ...this.d, files: this.d.layout, journal: this.#journal });
      return 'commit';
    });
    if (record.status !== 'running') return record;
    const canceled = await this.#stopRunning(jobId, 'cancel', async () => {
      // Its worker did not answer (it died, or lost Redis): cancel it here. Should it come back,
      // its next write conflicts and it stops, killing its processes.
      return this.#update(jobId, async (r) => {
        if (r.status !== 'running' && r.status !== 'pending' && r.status !== 'paused') return 'skip';
        await recordCancel(r, { ...this.d, files: this.d.layout, journal: this.#journal });
        return 'commit';
      });
    });
    // The worker removes the job's temp and proxy right after its canceled status, which is what
    // answers here: remove them too (both removals tolerate the other), so the answer comes with
    // nothing left behind on the shared folder. Its processes were stopped before that status.
    await Promise.all([this.d.cleanup.cleanupJobTemp(jobId), this.d.cleanup.cleanupJobProxies(jobId)]);
    return canceled;
  }

  async pause(jobId: string): Promise<JobRecord> {
    await this.#update(jobId, async (r) => {
      if (r.status !== 'running')
        throw new EngineError(
          'JOB_NOT_PAUSABLE',
          `Job ${jobId} cannot be paused: only a running job can (it is ${r.status}).`,
        );
      return 'skip';
    });
    return this.#stopRunning(jobId, 'pause', () => {
      throw new EngineError(
        'JOB_NOT_PAUSABLE',
        `Job ${jobId} cannot be paused: the machine rendering it does not answer.`,
      );
    });
  }

  /** Sends the control message and waits for the job to leave `running` (its worker writes how). */
  async #stopRunning(
    jobId: string,
    action: 'cancel' | 'pause',
    noAnswer: () => Promise<JobRecord>,
  ): Promise<JobRecord> {
    const left = this.d.waitFor(
      (e) => e.jobId === jobId && e.type === 'job-status' && e.data.status !== 'running',
      CONTROL_TIMEOUT_MS,
    );
    await this.d.link.call((redis) => sendControl(redis, this.d.store.keys, { jobId, action }));
    const event = await left;
    const record = event ? this.d.index.get(jobId) : await noAnswer();
    if (!record) throw new EngineError('NOT_FOUND', `There is no job ${jobId}.`);
    const wanted = action === 'cancel' ? 'canceled' : 'paused';
    if (record.status !== wanted) {
      const code = action === 'cancel' ? 'JOB_NOT_CANCELABLE' : 'JOB_NOT_PAUSABLE';
      throw new EngineError(code, `Job ${jobId} ended as ${record.status} before it could be ${wanted}.`);
    }
    return record;
  }

  async resume(jobId: string): Promise<JobRecord> {
    return this.#update(jobId, async (r) => {
      const resumable = r.status === 'paused' || (r.status === 'failed' && r.canResume);
      if (!resumable) {
        const why =
          r.status === 'failed'
            ? 'its checkpoints are gone or the failure cannot be fixed by retrying'
            : `it is ${r.status}`;
        throw new EngineError('JOB_NOT_RESUMABLE', `Job ${jobId} cannot be resumed: ${why}.`);
      }
      Object.assign(r, { status: 'pending', endedAt: null, error: null, resumeOnStart: false });
      for (const s of r.steps)
        if (s.status === 'failed' || s.status === 'canceled') Object.assign(s, { status: 'pending', endedAt: null });
      await this.#journal.commit(r, [statusEvent(r, this.d.index.order.size + 1)], 'record');
      await this.d.queue.enqueue(jobId, r.lastEventSeq);
      return 'commit';
    });
  }

  /**
   * Moves a pending job in the run order (farm-move.ts) under the farm's queue lock, so two
   * coordinators never plan from the same order; the job's `job-status` event says its new place.
   */
  async move(jobId: string, request: MoveRequest): Promise<MoveResponse> {
    const refusal = (status: string) =>
      new EngineError('JOB_NOT_PENDING', `Job ${jobId} is ${status}: only a job waiting in the queue can be moved.`);
    const busy = () =>
      new EngineError('FARM_UNAVAILABLE', 'Another machine of the farm is reordering the queue; try again.');
    return this.d.link.call((redis) =>
      withLockWaiting(redis, this.d.store.keys.queueLock, QUEUE_LOCK, busy, async () => {
        const order = await readQueuedOrder(this.d.queue, (ids) => this.#pendingOf(ids));
        const current = await this.d.store.load(jobId);
        if (!current) throw new EngineError('NOT_FOUND', `There is no job ${jobId}.`);
        if (current.status !== 'pending') throw refusal(current.status);
        const plan = planMove(order, jobId, request);
        if (plan.changes.length === 0) return { jobId, position: plan.position }; // next to itself: nothing moves
        await applyMove(plan, jobId);
        await this.#update(jobId, async (r) => {
          if (r.status !== 'pending') throw refusal(r.status); // a worker took it meanwhile
          await this.#journal.commit(r, [statusEvent(r, plan.position)], 'record');
          return 'commit';
        });
        return { jobId, position: plan.position };
      }),
    );
  }

  /** Which of the jobs are pending, as Redis has them now (the hash's `status`, readable even when its record is not). */
  async #pendingOf(jobIds: string[]): Promise<Set<string>> {
    const pipeline = this.d.link.redis.pipeline();
    for (const id of jobIds) pipeline.hget(this.d.store.keys.job(id), 'status');
    const replies = (await pipeline.exec()) ?? [];
    return new Set(jobIds.filter((_, i) => replies[i]?.[1] === 'pending'));
  }

  /** Ended jobs only: the record, its stream and its files on the shared folder go. */
  async delete(jobId: string): Promise<void> {
    await this.#update(jobId, async (r) => {
      if (isActive(r))
        throw new EngineError('JOB_ACTIVE', `Job ${jobId} is ${r.status}; cancel it before deleting it.`);
      return 'skip';
    });
    await this.d.link.call(() => this.d.store.remove(jobId));
    await this.d.cleanup.cleanupJob(jobId);
    this.d.logs.forget(jobId);
  }

  /** A failed job whose temp was swept can no longer resume. */
  async forgetCheckpoints(jobId: string): Promise<void> {
    await this.#update(jobId, async (r) => {
      if (r.status !== 'failed' || !r.canResume) return 'skip';
      r.canResume = false;
      await this.#journal.commit(r, [statusEvent(r)], 'record');
      return 'commit';
    });
  }
}
