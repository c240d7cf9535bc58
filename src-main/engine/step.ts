import type { RenderSpec } from '../../src-shared/spec.js';
import type { Settings } from '../../src-shared/settings.js';

/** Writes to the job's capped job.log; info and above also become `job-log` events. */
export interface StepLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Raw child-process output (ffmpeg stderr): into job.log only, never an event. */
  raw(text: string): void;
}

/** Finished units of work, each recorded with a hash of its inputs and the files it made. */
export interface Checkpoints {
  /** True when `key` finished with the same inputs and every output file is still there. */
  isDone(key: string, inputsHash: string): Promise<boolean>;
  /** Records `key` as finished with its inputs' hash and its output files (absolute paths), which are flushed to disk first. */
  markDone(key: string, inputsHash: string, outputs: string[]): Promise<void>;
}

/** What a running step gets from the runner. */
export interface StepContext {
  readonly jobId: string;
  readonly spec: RenderSpec;
  readonly settings: Settings;
  /** Aborted on cancel, pause, shutdown or stall: stop at once, kill children. */
  readonly signal: AbortSignal;
  /** `<data>/temp/<jobId>`: step outputs and what resume needs. Exists when run() starts. */
  readonly tempDir: string;
  /** `<data>/proxy/<jobId>`: preview media. Exists when run() starts if the step names `proxy` in its `folders`. */
  readonly proxyDir: string;
  /** `<data>/jobs/<jobId>/artifacts`: final outputs. Exists when run() starts if the step names `artifacts` in its `folders`. */
  readonly artifactsDir: string;
  /** This step's progress, 0–100; the runner keeps it monotonic and maps it onto the job. */
  progress(pct: number, message?: string): void;
  readonly log: StepLog;
  /** A `warning` event (and an entry in the job's warnings). */
  warn(code: string, message: string): void;
  readonly checkpoint: Checkpoints;
  /** Registers a file in artifactsDir as one of the job's artifacts (size read from disk). */
  addArtifact(name: string, type: string): Promise<void>;
}

/** What a finished step hands back: files whose presence lets resume skip the whole step. */
export interface StepResult {
  outputs?: string[];
}

/** A folder besides temp that a step may write into. */
export type StepFolder = 'proxy' | 'artifacts';

/** A pluggable unit of a job's work. */
export interface Step {
  readonly name: string;
  /** Shown to the user: Preflight, Script, Voice, Visuals, Render. */
  readonly stage: string;
  /** Share of the job's expected cost, relative to the other steps. */
  readonly weight: number;
  /** Hash of what the step's result depends on; the whole step is skipped on resume when it matches. Default: the spec. */
  inputsHash?(ctx: StepContext): string | Promise<string>;
  /** When false the step always runs again (e.g. preflight checks the machine). Default true. */
  readonly resumable?: boolean;
  /**
   * The folders besides temp it writes into, made before it runs (a folder costs the disk more
   * than a file, so a job makes only those its steps use). Default: both.
   */
  readonly folders?: readonly StepFolder[];
  run(ctx: StepContext): Promise<StepResult | void>;
}

/** Builds the steps for one job's spec (the pipeline, or test steps). */
export type StepsFactory = (spec: RenderSpec) => Step[];
