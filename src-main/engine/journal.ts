import type { EventDataMap, JobEvent, JobEventType } from '../../src-shared/events.js';
import type { EventJournal, JobRecords } from './backend.js';
import type { CommitLog } from './commit-log.js';
import type { EngineEvent, EngineListener } from './engine-api.js';
import type { EventBus } from './event-bus.js';
import type { EventLog, OpenedLog } from './event-log.js';
import type { JobRecord } from './job-record.js';
import { KeyedSerial } from './keyed-serial.js';
import { jobOriginOf } from './record-rebuild.js';

/**
 * How far a commit goes before it is emitted:
 * - `record`: the events are in the commit log and job.json is fsynced: a change only job.json
 *   holds (a queue move);
 * - `log`: the events are in the commit log (on disk, one fdatasync shared by every job committing
 *   at once), then job.json is replaced unsynced: user-visible transitions (created, completed,
 *   failed, canceled, paused, resumed). The log is their truth; start-up replays the commit log,
 *   takes a newer logged state over job.json and rebuilds a torn one;
 * - `write`: the events are written unsynced, job.json follows coalesced, and a failed write
 *   rejects (an attempt's start: lost in a power cut, the job simply runs again);
 * - `none`: like `write`, but a failed write is only reported (progress, logs, step transitions
 *   whose durable truth is a checkpoint).
 */
export type Durability = 'record' | 'log' | 'write' | 'none';

/** An event to log, before it has a seq. */
export type PendingEvent = { [T in JobEventType]: { type: T; data: EventDataMap[T] } }[JobEventType];

const PROGRESS_FLUSH_MS = 1000;

/**
 * The one way job state changes reach disk and subscribers: events are appended to the job's
 * log (fsynced for state transitions) and job.json is replaced before anything is emitted.
 * Writes of one job stay in order; progress-only saves are coalesced.
 */
export class Journal implements EventJournal {
  #serial = new KeyedSerial();
  #emitted = new Map<string, number>();
  #dirty = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: JobRecords,
    private readonly eventLog: EventLog,
    private readonly commitLog: CommitLog,
    private readonly bus: EventBus,
    private readonly onWriteError: (jobId: string, error: unknown) => void = () => undefined,
  ) {}

  /** Makes sure the job's seq counter is loaded (and its log's torn tail repaired); what was found, when it opened it. */
  async ensureOpen(record: JobRecord): Promise<OpenedLog | null> {
    if (this.eventLog.lastSeq(record.jobId) !== undefined) return null;
    const opened = await this.eventLog.open(record.jobId);
    this.#emitted.set(record.jobId, opened.lastSeq);
    // An unsynced tail lost in a crash must not have its seqs handed out again.
    if (record.lastEventSeq > opened.lastSeq) this.eventLog.setLastSeq(record.jobId, record.lastEventSeq);
    return opened;
  }

  /** The seq of the job's last event that is on disk and emitted; undefined for a job not opened in this run. */
  emittedSeq(jobId: string): number | undefined {
    return this.#emitted.get(jobId);
  }

  read(jobId: string, afterSeq: number): Promise<JobEvent[]> {
    return this.eventLog.read(jobId, afterSeq);
  }

  announce(event: EngineEvent): void {
    this.bus.emit(event);
  }

  subscribe(listener: EngineListener): () => void {
    return this.bus.subscribe(listener);
  }

  get listenerCount(): number {
    return this.bus.listenerCount;
  }

  forget(jobId: string): void {
    this.#emitted.delete(jobId);
    this.eventLog.forget(jobId);
  }

  /**
   * Logs `events` and saves the record, as durably as `durability` says. A `none` commit
   * (progress, logs) never rejects: a failed write (a full disk) is reported to `onWriteError`
   * and the job goes on; `record` and `log` commits reject, and their callers decide.
   */
  commit(record: JobRecord, events: PendingEvent[], durability: Durability): Promise<void> {
    // A transition saves job.json now (and ends the log's kept-open stretch); the rest coalesce.
    const saveNow = durability === 'record' || durability === 'log';
    const logged = events.map((e) => this.eventLog.next(record.jobId, e.type, e.data) as JobEvent);
    if (logged.length > 0) record.lastEventSeq = logged[logged.length - 1]!.seq;
    const snapshot = saveNow ? structuredClone(record) : null;
    if (saveNow) this.#cancelFlush(record.jobId);
    else this.#scheduleFlush(record);
    return this.#serial
      .run(record.jobId, async () => {
        await this.eventLog.append(record.jobId, logged, !saveNow);
        const committed = saveNow && logged.length > 0;
        if (committed) await this.commitLog.commit({ jobId: record.jobId, events: logged });
        if (!snapshot) return;
        // Once a `log` commit is in the commit log, the transition holds: job.json is only its
        // summary, which start-up takes from the log (recovery.ts) when the disk refused it now.
        if (durability === 'log' && committed)
          await this.store.save(snapshot, false).catch((error: unknown) => this.onWriteError(record.jobId, error));
        else await this.store.save(snapshot, durability === 'record');
      })
      .then(() => {
        for (const event of logged) {
          this.#emitted.set(record.jobId, event.seq);
          this.bus.emit(event);
        }
      })
      .catch((error: unknown) => {
        if (durability !== 'none') throw error;
        this.onWriteError(record.jobId, error);
      });
  }

  /** A new job: its first events are logged and its job.json written, durably, before anything is emitted. */
  async create(record: JobRecord, events: PendingEvent[]): Promise<void> {
    this.eventLog.setLastSeq(record.jobId, 0);
    const logged = events.map((e) => this.eventLog.next(record.jobId, e.type, e.data) as JobEvent);
    record.lastEventSeq = logged.length;
    await this.#serial.run(record.jobId, () =>
      this.store.create(record, async () => {
        await this.eventLog.append(record.jobId, logged, false);
        await this.commitLog.commit({ jobId: record.jobId, events: logged, origin: jobOriginOf(record) });
      }),
    );
    for (const event of logged) {
      this.#emitted.set(record.jobId, event.seq);
      this.bus.emit(event);
    }
  }

  /** Runs `task` after every queued write of the job, its log file closed (e.g. before removing its folder). */
  afterWrites<T>(jobId: string, task: () => Promise<T>): Promise<T> {
    this.#cancelFlush(jobId);
    return this.#serial.run(jobId, async () => {
      await this.eventLog.release(jobId);
      return task();
    });
  }

  #scheduleFlush(record: JobRecord): void {
    if (this.#dirty.has(record.jobId)) return;
    const timer = setTimeout(() => {
      this.#dirty.delete(record.jobId);
      const snapshot = structuredClone(record);
      void this.#serial.run(record.jobId, () => this.store.save(snapshot, false)).catch(() => undefined);
    }, PROGRESS_FLUSH_MS);
    timer.unref();
    this.#dirty.set(record.jobId, timer);
  }

  #cancelFlush(jobId: string): void {
    const timer = this.#dirty.get(jobId);
    if (timer) clearTimeout(timer);
    this.#dirty.delete(jobId);
  }

  /** Writes pending progress saves and waits for every queued write. */
  async drain(): Promise<void> {
    for (const jobId of [...this.#dirty.keys()]) {
      const record = this.store.get(jobId);
      this.#cancelFlush(jobId);
      if (record)
        void this.#serial.run(jobId, () => this.store.save(structuredClone(record), true)).catch(() => undefined);
    }
    await this.#serial.drain();
    await this.eventLog.releaseAll();
  }
}
