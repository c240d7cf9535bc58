import type {
  Job,
  JobStatus,
  Progress,
  QueueItem,
  QueueStats,
  StorageStats,
  SweepResult,
} from '../../src-shared/job.js';
import type { JobEvent } from '../../src-shared/events.js';
import type { Settings } from '../../src-shared/settings.js';
import type { RenderSpec } from '../../src-shared/spec.js';
import type {
  BulkDeletableStatus,
  Diagnosis,
  MoveRequest,
  MoveResponse,
  QueueOrder,
  QueueStatus,
  WorkerInfo,
} from '../../src-shared/queue.js';

// The error types callers of the API (the server's problem mapping) need to recognise.
export { EngineError } from './errors.js';
export { storageErrorOf } from './storage-errors.js';
export { folderProblem } from './folder-probe.js';

/** The queue was paused or resumed: an event of no job, so it has no seq and no jobId. */
export interface QueueStatusEvent {
  seq: 0;
  ts: number;
  jobId: null;
  type: 'queue-status';
  data: QueueStatus;
}

/** Everything the engine's bus carries. */
export type EngineEvent = JobEvent | QueueStatusEvent;
export type EngineListener = (event: EngineEvent) => void;

export interface ListOptions {
  status?: JobStatus;
  /** Default 50. */
  limit?: number;
  /** Default `newest`. */
  order?: QueueOrder;
}

/** A problem with the engine's own state that /api/health reports (e.g. SETTINGS_CORRUPT). */
export interface EngineWarning {
  code: string;
  message: string;
}

/**
 * The engine's public API: what the server, the CLI and the Electron main use.
 * Refusals throw EngineError with a stable code.
 */
export interface EngineApi {
  readonly dataDir: string;
  /** Validated spec in, pending job out (its `job-created` event is already logged). */
  create(spec: RenderSpec): Promise<Job>;
  /** Undefined for an unknown id. */
  get(jobId: string): Job | undefined;
  /** Newest first, or in run order (`order: 'run'`); pending rows carry their `position`. */
  list(options?: ListOptions): QueueItem[];
  stats(): QueueStats;
  progress(jobId: string): Progress | undefined;
  cancel(jobId: string): Promise<Job>;
  pause(jobId: string): Promise<Job>;
  resume(jobId: string): Promise<Job>;
  /** Ended jobs only: job dir, temp, proxy and artifacts removed; emits `job-deleted`. */
  delete(jobId: string): Promise<void>;
  /** Stops starting queued jobs (running ones go on); emits `queue-status` when that changes it. */
  pauseQueue(): void;
  /** Starts queued jobs again; emits `queue-status` when that changes it. */
  resumeQueue(): void;
  readonly queuePaused: boolean;
  /** Whether the queue takes new jobs, and how many run and wait. */
  queueStatus(): QueueStatus;
  /** A new pending job with the same spec as `jobId` (any status). */
  duplicate(jobId: string): Promise<Job>;
  /** Moves a pending job in the run order (persisted); JOB_NOT_PENDING otherwise. */
  move(jobId: string, request: MoveRequest): Promise<MoveResponse>;
  /** Deletes every ended job whose status is listed (VALIDATION_FAILED for any other status); the number deleted. */
  deleteMany(statuses: BulkDeletableStatus[]): Promise<number>;
  /** What is wrong with a job right now (or that it is healthy). */
  diagnose(jobId: string): Promise<Diagnosis>;
  /** The machines rendering jobs (embedded: this one). */
  workers(): Promise<WorkerInfo[]>;
  /** Problems with the engine's own files, for /api/health. */
  warnings(): EngineWarning[];
  /** Every logged event of the job with seq > afterSeq, in order (from events.jsonl). */
  readEvents(jobId: string, afterSeq: number): Promise<JobEvent[]>;
  /** Seq of the job's last event that is on disk and emitted (0 when none). */
  lastSeq(jobId: string): number;
  /** Every event, after it is on disk. Returns an unsubscribe. */
  subscribe(listener: EngineListener): () => void;
  /** Absolute path of a job's artifact/proxy file/log, or undefined when absent. Names are validated by the caller. */
  artifactPath(jobId: string, name: string): string | undefined;
  proxyPath(jobId: string, name: string): string | undefined;
  logPath(jobId: string): string | undefined;
  storageStats(): Promise<StorageStats>;
  sweep(): Promise<SweepResult>;
  settings(): Settings;
  /** Validates (throws EngineError VALIDATION_FAILED), saves atomically, applies at once. */
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  /** Stops taking work, pauses running jobs (checkpoints kept), kills children, stops timers, releases the lock. */
  close(): Promise<void>;
}
