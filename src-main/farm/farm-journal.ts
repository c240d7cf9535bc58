import type { JobEvent } from '../../src-shared/events.js';
import type { EventJournal } from '../engine/backend.js';
import type { EngineEvent, EngineListener } from '../engine/engine-api.js';
import { EventBus } from '../engine/event-bus.js';
import type { OpenedLog } from '../engine/event-log.js';
import type { Durability, PendingEvent } from '../engine/journal.js';
import type { JobRecord } from '../engine/job-record.js';
import { KeyedSerial } from '../engine/keyed-serial.js';
import { FarmConflict, type FarmStore } from './farm-store.js';

/** What a worker's journal reports back about a job it is writing. */
export interface FarmJournalHooks {
  /** A `none` commit failed (it never rejects): e.g. Redis refused it. */
  onWriteError?(jobId: string, error: unknown): void;
  /** Another machine wrote the job: this one no longer owns it and must stop. */
  onConflict?(jobId: string): void;
}

/**
 * How long a batch of `none` commits may wait for more (see FarmJournal.commit): longer than a
 * quick step's trips through the thread pool (its folders, its checkpoint file), shorter than the
 * engine's 50 ms between progress events, so a live step's events are not held back noticeably.
 */
export const NONE_HOLD_MS = 20;

/** Commits of one job waiting for one write: their events in order, the last record, their callers. */
interface Batch {
  expected: number;
  events: JobEvent[];
  snapshot: JobRecord;
  waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
  /** Set while a batch of `none` commits only waits for more (see commit). */
  held?: NodeJS.Timeout;
  /** In the job's write queue: its flush runs once the job's earlier writes are done. */
  queued?: boolean;
}

/**
 * The EventJournal of a machine that writes a job (the worker running it, or a coordinator
 * changing a job no worker holds). Seqs follow the record's last seq, read from Redis by whoever
 * took the job, and each commit is a compare-and-set on it, so two machines can never both extend
 * one job's log. Commits of one job run in order. What it stores reaches every coordinator
 * through the global stream; its own subscribers hear a commit once Redis has it.
 */
export class FarmJournal implements EventJournal {
  #serial = new KeyedSerial();
  #pending = new Map<string, Batch>();
  #bus = new EventBus();

  constructor(
    private readonly store: FarmStore,
    private readonly hooks: FarmJournalHooks = {},
  ) {}

  /** Nothing to open: the seq counter is the record's `lastEventSeq`, as Redis had it when the job was taken. */
  ensureOpen(_record: JobRecord): Promise<OpenedLog | null> {
    return Promise.resolve(null);
  }

  /** This journal keeps no emitted counter of its own (coordinators take theirs from the global stream). */
  emittedSeq(_jobId: string): number | undefined {
    return undefined;
  }

  /** A new job: its first events and record in one write that fails when the id exists. */
  async create(record: JobRecord, events: PendingEvent[]): Promise<void> {
    const logged = this.#number(record, events);
    await this.#serial.run(record.jobId, () => this.store.commit(structuredClone(record), logged, 'new'));
    for (const event of logged) this.#bus.emit(event);
  }

  /**
   * Logs `events` and saves the record in one atomic write. Commits of a job made while its last
   * write is still in flight are merged into the next write (one round trip for many progress
   * and step events). A `none` commit returns at once and never rejects: its write is queued in
   * order, and a failure goes to the hooks; `record` and `log` commits resolve once Redis has them.
   *
   * A batch of `none` commits is held for NONE_HOLD_MS (or until a `record`/`log` commit of the
   * job comes, which takes it along), not sent at once: steps that finish within that time (a
   * skipped step, a quick one) then share one write with each other and with the transition that
   * follows them (a no-op job: its start and its end, 2 writes instead of 6). What is held is what
   * a `none` commit may lose anyway (a kill -9 of the worker): the durable truth of a step is its
   * checkpoint on the shared folder, and the job's seqs continue from what Redis has.
   */
  commit(record: JobRecord, events: PendingEvent[], durability: Durability): Promise<void> {
    const jobId = record.jobId;
    const expected = record.lastEventSeq;
    const logged = this.#number(record, events);
    const snapshot = structuredClone(record);
    let batch = this.#pending.get(jobId);
    if (!batch) {
      const fresh: Batch = { expected, events: [], snapshot, waiters: [] };
      this.#pending.set(jobId, fresh);
      if (durability === 'none') fresh.held = setTimeout(() => this.#send(jobId, fresh), NONE_HOLD_MS);
      batch = fresh;
    }
    batch.events.push(...logged);
    batch.snapshot = snapshot;
    const written = new Promise<void>((resolve, reject) => batch.waiters.push({ resolve, reject }));
    if (durability !== 'none') this.#send(jobId, batch);
    const reported = written.catch((error: unknown) => {
      if (error instanceof FarmConflict) this.hooks.onConflict?.(jobId);
      if (durability !== 'none') throw error;
      this.hooks.onWriteError?.(jobId, error);
    });
    return durability === 'none' ? Promise.resolve() : reported;
  }

  /** Queues the batch's write behind the job's earlier ones (once; a held batch stops waiting). */
  #send(jobId: string, batch: Batch): void {
    if (batch.held) clearTimeout(batch.held);
    batch.held = undefined;
    if (batch.queued) return;
    batch.queued = true;
    void this.#serial.run(jobId, () => this.#flush(jobId, batch));
  }

  /** Sends the job's held batch now (before a task that must follow every commit made so far). */
  #release(jobId: string): void {
    const batch = this.#pending.get(jobId);
    if (batch?.held) this.#send(jobId, batch);
  }

  async #flush(jobId: string, batch: Batch): Promise<void> {
    // From here on, new commits of the job start the next batch.
    if (this.#pending.get(jobId) === batch) this.#pending.delete(jobId);
    try {
      await this.store.commit(batch.snapshot, batch.events, batch.expected);
    } catch (error) {
      for (const w of batch.waiters) w.reject(error);
      return;
    }
    for (const w of batch.waiters) w.resolve();
    for (const event of batch.events) this.#bus.emit(event);
  }

  /** Assigns the next seqs after the record's last one (synchronously, so callers order events). */
  #number(record: JobRecord, events: PendingEvent[]): JobEvent[] {
    const ts = Date.now();
    const first = record.lastEventSeq + 1;
    const logged = events.map((e, i) => ({ seq: first + i, ts, jobId: record.jobId, ...e }) as JobEvent);
    record.lastEventSeq += logged.length;
    return logged;
  }

  read(jobId: string, afterSeq: number): Promise<JobEvent[]> {
    return this.store.readEvents(jobId, afterSeq);
  }

  announce(event: EngineEvent): void {
    this.#bus.emit(event);
  }

  subscribe(listener: EngineListener): () => void {
    return this.#bus.subscribe(listener);
  }

  get listenerCount(): number {
    return this.#bus.listenerCount;
  }

  afterWrites<T>(jobId: string, task: () => Promise<T>): Promise<T> {
    this.#release(jobId);
    return this.#serial.run(jobId, task);
  }

  forget(_jobId: string): void {
    // nothing kept per job
  }

  /** Sends what is held and waits for every queued write. */
  drain(): Promise<void> {
    for (const jobId of [...this.#pending.keys()]) this.#release(jobId);
    return this.#serial.drain();
  }
}
