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

/** A bus event: a logged job event, or `job-deleted` (seq 0: the job's log is gone with it). */
export type EngineEvent = JobEvent;
export type EngineListener = (event: EngineEvent) => void;

export interface ListOptions {
  status?: JobStatus;
  /** Default 50. */
  limit?: number;
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
  /** Newest first. */
  list(options?: ListOptions): QueueItem[];
  stats(): QueueStats;
  progress(jobId: string): Progress | undefined;
  cancel(jobId: string): Promise<Job>;
  pause(jobId: string): Promise<Job>;
  resume(jobId: string): Promise<Job>;
  /** Ended jobs only: job dir, temp, proxy and artifacts removed; emits `job-deleted`. */
  delete(jobId: string): Promise<void>;
  pauseQueue(): void;
  resumeQueue(): void;
  readonly queuePaused: boolean;
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
