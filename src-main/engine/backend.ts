/**
 * The seam between the engine and where its state lives. The runner, recovery, cleanup and the
 * engine's wiring reach storage only through these four interfaces; the file-backed
 * implementation (file-backend.ts) is the embedded default, a farm backend (Redis) is the second.
 *
 * Reads are synchronous on purpose (a lead decision): the engine answers list/get/stats from an
 * index in memory. A remote backend keeps that index fed by its own event feed.
 */
import type { JobEvent } from '../../src-shared/events.js';
import type { JobStatus } from '../../src-shared/job.js';
import type { MoveRequest } from '../../src-shared/queue.js';
import type { EngineEvent, EngineListener } from './engine-api.js';
import type { OpenedLog } from './event-log.js';
import type { JobRecord } from './job-record.js';
import type { Durability, PendingEvent } from './journal.js';
import type { Placement } from './pending-queue.js';

export type { Durability, PendingEvent, OpenedLog, Placement };

/** Job records: an index in memory, written through to the backend's store. */
export interface JobRecords {
  get(jobId: string): JobRecord | undefined;
  readonly size: number;
  /** Every record, in no particular order. */
  all(): Iterable<JobRecord>;
  /** Every record, newest first (a shared cached array: read it, never change it). */
  newestFirst(): readonly JobRecord[];
  /** Newest first, optionally of one status, at most `limit`. */
  list(status: JobStatus | undefined, limit: number): JobRecord[];
  /**
   * Makes the job's storage, lets `beforeRecord` write its first events into it, then stores the
   * record durably and indexes it: a job that is listed always has its record and first events.
   */
  create(record: JobRecord, beforeRecord: () => Promise<void>): Promise<void>;
  /**
   * Stores the record. `durable`: on disk (fsynced) before it resolves (state transitions);
   * otherwise as soon as convenient (progress). A damaged record is never written over.
   */
  save(record: JobRecord, durable: boolean): Promise<void>;
  /** Removes the record and the job's own storage. */
  remove(jobId: string): Promise<void>;
}

/**
 * The run order of pending jobs. A job's key is persisted with its record (`queueKey`), so the
 * order survives a restart; this is the ordered index over those keys.
 */
export interface PendingQueue {
  readonly size: number;
  /** Pending ids in run order, at most `limit`. */
  ids(limit?: number): string[];
  has(jobId: string): boolean;
  /** 1-based place in the run order; null when not queued. */
  position(jobId: string): number | null;
  /** The key that puts a new job last. */
  backKey(nowMs?: number): number;
  /** Adds (or re-places) a job at `key`. */
  insert(jobId: string, key: number): void;
  /** Takes a job out of the order; false when it was not in it. */
  remove(jobId: string): boolean;
  /** The first job in run order that `eligible` accepts (nothing is taken). */
  first(eligible?: (jobId: string) => boolean): string | undefined;
  /** Where a move puts the job (JOB_NOT_PENDING for a job or target not queued); changes nothing. */
  place(jobId: string, request: MoveRequest): Placement;
}

/**
 * Each job's ordered event log (seq from 1, never reused) plus the one global feed every
 * subscriber sees in the same order. A commit is on disk, as far as its durability says, before
 * its events reach any subscriber.
 */
export interface EventJournal {
  /** Loads the job's seq counter (repairing a torn tail); what its log holds when this opened it, else null. */
  ensureOpen(record: JobRecord): Promise<OpenedLog | null>;
  /** Seq of the job's last event that is stored and emitted; undefined for a job not opened in this run. */
  emittedSeq(jobId: string): number | undefined;
  /** A new job: its first events and its record are stored durably, then emitted. */
  create(record: JobRecord, events: PendingEvent[]): Promise<void>;
  /** Logs `events` and saves `record` as durably as `durability` says, then emits the events. */
  commit(record: JobRecord, events: PendingEvent[], durability: Durability): Promise<void>;
  /** Every logged event of the job with seq > afterSeq, in order. */
  read(jobId: string, afterSeq: number): Promise<JobEvent[]>;
  /** Emits an event that is in no job's log (`job-deleted`, `queue-status`) on the global feed. */
  announce(event: EngineEvent): void;
  /** The global feed: every event after it is stored. Returns an unsubscribe. */
  subscribe(listener: EngineListener): () => void;
  readonly listenerCount: number;
  /** Runs `task` after every queued write of the job, with its log closed (e.g. before removing it). */
  afterWrites<T>(jobId: string, task: () => Promise<T>): Promise<T>;
  /** Drops what is kept in memory for a deleted job. */
  forget(jobId: string): void;
  /** Writes pending coalesced saves and waits for every queued write. */
  drain(): Promise<void>;
}

/** Where a job's files live: what steps read and write, and what cleanup removes. */
export interface JobFiles {
  readonly jobsDir: string;
  readonly tempRoot: string;
  readonly proxyRoot: string;
  /** The job's own folder (record, log, artifacts): removed with the job. */
  jobDir(jobId: string): string;
  artifactsDir(jobId: string): string;
  /** Step outputs and checkpoints: what resume needs. */
  tempDir(jobId: string): string;
  /** Preview media (scene thumbnails). */
  proxyDir(jobId: string): string;
  logFile(jobId: string): string;
}

/** One backend: the four seams, opened together on one store. */
export interface EngineBackend {
  readonly records: JobRecords;
  readonly queue: PendingQueue;
  readonly journal: EventJournal;
  readonly files: JobFiles;
  /** Releases what the backend holds (connections, handles) after the engine has drained its journal. */
  close(): Promise<void>;
}

/** What the engine hands a backend when it opens it. */
export interface BackendContext {
  /** The data directory (embedded: everything; farm: this machine's settings and lock). */
  dataDir: string;
  /** A `none`-durability commit (progress, logs) that could not be stored: the job goes on, the log says why. */
  onWriteError(jobId: string, error: unknown): void;
}

/** Opens a backend; createEngine's `backend` option (default: the file backend). */
export type BackendFactory = (context: BackendContext) => Promise<EngineBackend>;
