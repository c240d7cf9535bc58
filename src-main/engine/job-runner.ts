import fs from 'node:fs';
import { can } from '../../src-shared/lifecycle.js';
import type { QueueStatus } from '../../src-shared/queue.js';
import type { RenderSpec } from '../../src-shared/spec.js';
import type { CleanupService } from './cleanup-service.js';
import { EngineError, type AbortReason } from './errors.js';
import { startAttempt, type Attempt, type ExecutionDeps } from './job-execution.js';
import { finalizeAttempt, recordCancel, recordWriteFailure } from './job-finalize.js';
import { newJobId } from './job-id.js';
import { newJobRecord, queueKeyOf, type JobRecord } from './job-record.js';
import { statusOf, transition } from './job-transition.js';
import type { JobRecords, PendingQueue } from './backend.js';
import type { StepsFactory } from './step.js';
import { statusEvent, toQueueItem } from './job-views.js';

export interface JobRunnerDeps extends ExecutionDeps {
  records: JobRecords;
  /** The run order; the runner keeps it to exactly the pending jobs it may run. */
  queue: PendingQueue;
  cleanup: CleanupService;
  steps: StepsFactory;
}

interface ActiveRun {
  controller: AbortController;
  attempt: Attempt;
  /** Resolves when the attempt is finalised on disk. */
  finished: Promise<void>;
  /** Set by the first cancel/pause/shutdown/stall: later requests are refused. */
  reason?: AbortReason;
}

const nowIso = () => new Date().toISOString();

/** The job lifecycle: the queue, the concurrency limit, and cancel/pause/resume in every state. */
export class JobRunner {
  /** Queued jobs that must not start: being created (not on disk yet), or left for another process. */
  #held = new Set<string>();
  #active = new Map<string, ActiveRun>();
  #queuePaused = false;
  #closing = false;

  constructor(private readonly deps: JobRunnerDeps) {}

  /** Every pending job, in run order; its key is persisted in the job's record. */
  get queue(): PendingQueue {
    return this.deps.queue;
  }

  get queuePaused(): boolean {
    return this.#queuePaused;
  }

  /** The running attempt's start and ETA, for Progress. */
  live(jobId: string): { attemptStartedMs: number; etaSeconds: number | null } | undefined {
    const run = this.#active.get(jobId);
    return run ? { attemptStartedMs: run.attempt.tracker.startedMs, etaSeconds: run.attempt.tracker.eta() } : undefined;
  }

  async create(spec: RenderSpec): Promise<JobRecord> {
    const steps = this.deps.steps(spec);
    const record = { ...newJobRecord(newJobId(), spec, steps, nowIso()), queueKey: this.queue.backKey() };
    await this.#queuedWhile(record.jobId, record.queueKey, () => {
      const job = toQueueItem(record, this.queue.position(record.jobId));
      return this.deps.journal.create(record, [{ type: 'job-created', data: { job } }]);
    });
    const created = structuredClone(record); // as created: pumping may start it at once
    this.pump();
    return created;
  }

  /** A new pending job with the spec of `jobId` (any status), at the back of the queue. */
  duplicate(jobId: string): Promise<JobRecord> {
    return this.create(this.#require(jobId).spec);
  }

  /**
   * Runs `write` with the job already queued at `key` (so concurrent creates and resumes keep their
   * order and numbering) but held, so it cannot start before its state is on disk.
   */
  async #queuedWhile(jobId: string, key: number, write: () => Promise<void>): Promise<void> {
    this.queue.insert(jobId, key);
    this.#held.add(jobId);
    try {
      await write();
    } catch (error) {
      this.queue.remove(jobId);
      throw error;
    } finally {
      this.#held.delete(jobId);
    }
  }

  /**
   * Queues pending jobs found on disk at their persisted places, then starts what the limit allows.
   * `hold` keeps them queued (numbered) without ever starting them in this process.
   */
  enqueue(jobIds: Iterable<string>, { hold = false } = {}): void {
    for (const jobId of jobIds) {
      const record = this.deps.records.get(jobId);
      if (record?.status !== 'pending') continue;
      this.queue.insert(jobId, queueKeyOf(record));
      if (hold) this.#held.add(jobId);
    }
    this.pump();
  }

  pump(): void {
    if (this.#queuePaused || this.#closing) return;
    const limit = this.deps.settings().concurrency;
    while (this.#active.size < limit) {
      const jobId = this.queue.first((id) => !this.#held.has(id));
      if (jobId === undefined) return;
      this.queue.remove(jobId);
      const record = this.deps.records.get(jobId);
      if (record?.status === 'pending') this.#start(record);
    }
  }

  /** Whether the queue takes new jobs, and how many run and wait. */
  queueStatus(): QueueStatus {
    return { queuePaused: this.#queuePaused, running: this.#active.size, pending: this.queue.size };
  }

  /** Pauses or resumes the queue (running jobs go on); a change is announced as `queue-status`. */
  setQueuePaused(paused: boolean): void {
    if (this.#queuePaused === paused) return;
    this.#queuePaused = paused;
    this.deps.journal.announce({ seq: 0, ts: Date.now(), jobId: null, type: 'queue-status', data: this.queueStatus() });
    this.pump();
  }

  #start(record: JobRecord): void {
    const controller = new AbortController();
    transition(record, 'start', {});
    record.stage = record.steps.find((s) => s.status !== 'succeeded')?.stage ?? record.stage;
    const steps = this.deps.steps(record.spec);
    // Looked at before the attempt makes its folders (which make the job's folder again).
    const folder = this.deps.files.jobDir(record.jobId);
    const folderThere = fs.existsSync(folder);
    const attempt = startAttempt(record, steps, controller.signal, this.deps);
    const run: ActiveRun = { controller, attempt, finished: Promise.resolve() };
    this.#active.set(record.jobId, run);
    // Unsynced is enough for 'running': start-up reconciles job.json from the log (recovery.ts),
    // and a start lost in a power cut only means the job runs again from its checkpoints.
    // A folder removed while the job waited fails it (JOB_FILES_MISSING) rather than letting an
    // event log still open on the removed file take the start as if nothing had happened.
    const started = folderThere
      ? this.deps.journal.commit(record, [statusEvent(record)], 'write')
      : Promise.reject(new Error(`The job's folder ${folder} is gone.`));
    run.finished = (async () => {
      await started;
      const outcome = await attempt.done;
      await finalizeAttempt(record, outcome, this.deps);
      this.#active.delete(record.jobId);
      this.pump();
    })().catch((error: unknown) => this.#writeFailed(record, run, error));
  }

  /**
   * A state transition could not be written (a full disk, a vanished folder): stop the attempt,
   * record the failure as far as the disk allows, and let the queue go on.
   */
  async #writeFailed(record: JobRecord, run: ActiveRun, error: unknown): Promise<void> {
    run.reason ??= 'error';
    run.controller.abort('error');
    await run.attempt.done.catch(() => undefined);
    await recordWriteFailure(record, error, this.deps);
    this.#active.delete(record.jobId);
    this.pump();
  }

  #require(jobId: string): JobRecord {
    const record = this.deps.records.get(jobId);
    if (!record) throw new EngineError('NOT_FOUND', `There is no job ${jobId}.`);
    return record;
  }

  /** Aborts a running job for `reason` and waits until it is finalised on disk. */
  async #stop(record: JobRecord, reason: AbortReason, refusal: EngineError): Promise<JobRecord> {
    const run = this.#active.get(record.jobId);
    if (!run || run.reason) throw refusal;
    run.reason = reason;
    run.controller.abort(reason);
    await run.finished;
    return record;
  }

  async cancel(jobId: string): Promise<JobRecord> {
    const record = this.#require(jobId);
    const refusal = (why: string) => new EngineError('JOB_NOT_CANCELABLE', `Job ${jobId} cannot be canceled: ${why}.`);
    const pausing = this.#active.get(jobId);
    // Cancel after Pause, while the pause is still stopping the job: let it finish, then cancel the paused job.
    if (record.status === 'running' && pausing?.reason === 'pause') await pausing.finished;
    if (statusOf(record) === 'running') {
      const stopping = this.#active.get(jobId)?.reason;
      const why =
        stopping === 'cancel' ? 'it is already being canceled' : stopping ? 'it is being stopped' : 'it is finishing';
      await this.#stop(record, 'cancel', refusal(why));
      if (statusOf(record) !== 'canceled') throw refusal(`it ended as ${record.status} first`);
      return record;
    }
    if (!can(record.status, 'cancel'))
      throw refusal(`it has already ${record.status === 'canceled' ? 'been canceled' : record.status}`);
    // Held, not yet removed: a cancel the disk refuses leaves the job queued where it was.
    this.#held.add(jobId);
    try {
      await this.deps.journal.ensureOpen(record);
      await recordCancel(record, this.deps);
      this.queue.remove(jobId);
    } finally {
      this.#held.delete(jobId);
      this.pump();
    }
    return record;
  }

  async pause(jobId: string): Promise<JobRecord> {
    const record = this.#require(jobId);
    const refusal = new EngineError(
      'JOB_NOT_PAUSABLE',
      `Job ${jobId} cannot be paused: only a running job can (it is ${record.status}).`,
    );
    if (!can(record.status, 'pause')) throw refusal;
    await this.#stop(record, 'pause', new EngineError('JOB_NOT_PAUSABLE', `Job ${jobId} is already being stopped.`));
    if (statusOf(record) !== 'paused')
      throw new EngineError('JOB_NOT_PAUSABLE', `Job ${jobId} ended as ${record.status} before it could be paused.`);
    return record;
  }

  async resume(jobId: string): Promise<JobRecord> {
    const record = this.#require(jobId);
    if (!can(record.status, 'resume', record.canResume)) {
      const why =
        record.status === 'failed'
          ? 'its checkpoints are gone or the failure cannot be fixed by retrying'
          : `it is ${record.status}`;
      throw new EngineError('JOB_NOT_RESUMABLE', `Job ${jobId} cannot be resumed: ${why}.`);
    }
    const queueKey = this.queue.backKey();
    transition(record, 'resume', { queueKey });
    for (const s of record.steps)
      if (s.status === 'failed' || s.status === 'canceled') Object.assign(s, { status: 'pending', endedAt: null });
    await this.#queuedWhile(jobId, queueKey, async () => {
      await this.deps.journal.ensureOpen(record);
      await this.deps.journal.commit(record, [statusEvent(record, this.queue.position(jobId))], 'log');
    });
    this.pump();
    return record;
  }

  /** Marks the runner closing and pauses every running job (checkpoints kept, re-queued on the next start). */
  async shutdown(): Promise<void> {
    this.#closing = true;
    const runs = [...this.#active.values()];
    for (const run of runs) {
      if (!run.reason) {
        run.reason = 'shutdown';
        run.controller.abort('shutdown');
      }
    }
    await Promise.all(runs.map((r) => r.finished));
  }

  /** The watchdog gave up on a job's step: it fails with STALLED and stays resumable. */
  stalled(jobId: string): void {
    const run = this.#active.get(jobId);
    if (!run || run.reason) return;
    run.reason = 'stall';
    run.controller.abort('stall');
  }
}
